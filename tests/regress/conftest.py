"""Fixtures for the regression tests: the toy extractor, small cases, the seed case."""

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .casekit import HERE, REPO, TOY, write_case

MakeCase = Callable[..., Path]


def pytest_configure(config: pytest.Config) -> None:
    """Enable pytester here (pytest_plugins is refused in a non-root conftest)."""
    if not config.pluginmanager.has_plugin("pytester"):
        config.pluginmanager.import_plugin("pytester")


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> str:
    """The toy extractor's spec, importable in this process."""
    monkeypatch.syspath_prepend(str(HERE))
    return TOY


@pytest.fixture
def toy_env() -> dict[str, str]:
    """Environment for a subprocess that imports the toy extractor."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH")) if p)
    return env


@pytest.fixture
def make_case(tmp_path: Path) -> MakeCase:
    """``make_case(name, **kw)`` -> a case folder under ``tmp_path/fixtures``."""

    def make(name: str = "case-one", **kwargs: Any) -> Path:
        return write_case(tmp_path / "fixtures", name, **kwargs)

    return make


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A fixtures dir holding a copy of the seed case (article and meta only)."""
    source = REPO / "fixtures" / "seed-news-az-h200"
    target = tmp_path / "seedfx" / source.name
    target.mkdir(parents=True)
    shutil.copy(source / "article.txt", target / "article.txt")
    meta = json.loads((source / "meta.json").read_text(encoding="utf-8"))
    meta.pop("xfail", None)  # the project's known-gap mark is not part of the copy's test
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return target.parent
