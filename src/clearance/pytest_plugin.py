"""pytest plugin (``pytest11`` entry point ``clearance``): each fixture case is one test item.

``pytest --clearance-fixtures DIR`` adds DIR to what pytest collects; every case folder in it
(a folder with ``article.txt`` or ``article.html``) becomes an item whose failure shows the same
readable diff as ``clearance regress``. A team points it at its own fixtures and pipeline with
``--clearance-model``, ``--clearance-extractor`` and ``--clearance-config``.
``--clearance-update`` rewrites expected files instead of comparing (syrupy's ``--snapshot-update``
style). Expected files that no case uses fail, so a renamed article cannot silently drop a case.
"""

from pathlib import Path
from typing import Any

import pytest

from clearance.compare import Rules, load_rules
from clearance.errors import ClearanceError
from clearance.fixtures import ARTICLE_NAMES, EXPECTED_NAME, article_file, load_case, load_meta
from clearance.regress import EventSource, Status, compare_case, make_source, update_case
from clearance.settings import Settings

_SOURCE = pytest.StashKey[EventSource]()
_RULES = pytest.StashKey[Rules]()
_ROOT = pytest.StashKey[Path]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register ``--clearance-*`` options."""
    group = parser.getgroup("clearance", "Clearance fixture regression")
    group.addoption(
        "--clearance-fixtures", default=None, metavar="DIR", help="Collect fixture cases from DIR."
    )
    group.addoption(
        "--clearance-update",
        action="store_true",
        default=False,
        help="Rewrite each case's expected.jsonl with the current extraction.",
    )
    group.addoption("--clearance-model", default=None, help="spaCy pipeline to extract with.")
    group.addoption(
        "--clearance-extractor",
        default=None,
        metavar="MODULE:CALLABLE",
        help="Your own extractor factory, called with clearance Settings.",
    )
    group.addoption(
        "--clearance-config",
        default=None,
        metavar="FILE",
        help="Comparison rules TOML (default DIR/regress.toml).",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Add the fixtures directory to the collection arguments."""
    option = config.getoption("clearance_fixtures")
    if not option:
        return
    root = Path(option).resolve()
    if not root.is_dir():
        raise pytest.UsageError(f"--clearance-fixtures: {option} is not a directory")
    config.stash[_ROOT] = root
    if str(root) not in config.args:
        config.args = [*config.args, str(root)]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A case's article file -> one case; a stray expected file -> one failing item."""
    root = parent.config.stash.get(_ROOT, None)
    if root is None or not file_path.is_relative_to(root):
        return None
    if file_path.name in ARTICLE_NAMES and article_file(file_path.parent) == file_path:
        return CaseFile.from_parent(parent, path=file_path)
    is_expected = file_path.suffix == ".jsonl"
    is_used = file_path.name == EXPECTED_NAME and article_file(file_path.parent) is not None
    if is_expected and not is_used:
        return UnusedFile.from_parent(parent, path=file_path)
    return None


class CaseFailure(Exception):
    """Raised by a case item; carries the diff text shown as the failure."""


class CaseFile(pytest.File):
    """The article file of one case; yields the case's single item."""

    def collect(self) -> list[pytest.Item]:
        """One item named after the case folder, xfail-marked if meta.json says so."""
        folder = self.path.parent
        item = CaseItem.from_parent(self, name=folder.name)
        try:
            reason = load_meta(folder).xfail
        except ClearanceError:
            reason = None  # the item reports the broken meta.json when it runs
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
        return [item]


class CaseItem(pytest.Item):
    """Extract one case's article and compare with its expected events."""

    def runtest(self) -> None:
        """Fail with the diff on any difference (or rewrite under ``--clearance-update``)."""
        config = self.config
        updating = bool(config.getoption("clearance_update"))
        try:
            case = load_case(self.path.parent, read_expected=not updating)
            source = _source(config)
            rules = _rules(config)
            _article, outcome = next(iter(source.extract_many([case.article])))
        except ClearanceError as exc:
            raise CaseFailure(f"error: {exc}") from None
        if updating and isinstance(outcome, list):
            update_case(case, outcome)
            return
        result = compare_case(case, outcome, rules)
        if result.status in (Status.FAIL, Status.ERROR, Status.XFAIL):
            raise CaseFailure("\n".join(result.diff_lines()))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """The readable diff rather than a traceback into the comparison code."""
        if isinstance(excinfo.value, CaseFailure):
            return f"clearance case {self.name} differs:\n{excinfo.value}"
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the case lives, for pytest's report headers."""
        return self.path.parent, None, f"clearance case {self.name}"


class UnusedFile(pytest.File):
    """An expected file beside no article: collected only to fail."""

    def collect(self) -> list[pytest.Item]:
        """One item that always fails."""
        return [UnusedItem.from_parent(self, name=self.path.name)]


class UnusedItem(pytest.Item):
    """Fails, naming the expected file that no case uses."""

    def runtest(self) -> None:
        """Always fail: the file's case is missing its article or was renamed."""
        raise CaseFailure(f"{self.path}: expected file no case uses (no article beside it)")

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """Just the message."""
        del style
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The stray file."""
        return self.path, None, f"unused expected file {self.path.name}"


def _source(config: pytest.Config) -> EventSource:
    """One extractor per session, built on first use (loading spaCy is the slow part)."""
    if _SOURCE not in config.stash:
        model = config.getoption("clearance_model")
        settings = Settings() if model is None else Settings(model=model)
        config.stash[_SOURCE] = make_source(settings, config.getoption("clearance_extractor"))
    return config.stash[_SOURCE]


def _rules(config: pytest.Config) -> Rules:
    if _RULES not in config.stash:
        option = config.getoption("clearance_config")
        default = config.stash[_ROOT] / "regress.toml"
        path = Path(option) if option else (default if default.is_file() else None)
        config.stash[_RULES] = load_rules(path)
    return config.stash[_RULES]
