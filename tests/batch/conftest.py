"""Shared pieces for the batch tests: one loaded pipeline per session and small real corpora.

The corpora are built from real text: the fixture articles (the seed holds approval events) and,
when ``../shared/corpus`` is present, the AEB article bodies; each reused text gets its own URL
so every article has its own id.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from clearance.batch import get_extractor
from clearance.extract import Extractor
from clearance.settings import Settings

if TYPE_CHECKING:
    from click.testing import Result

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
AEB = REPO.parent / "shared" / "corpus" / "article-extraction-benchmark" / "ground-truth.json"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The default pipeline, loaded once; in-process batch runs reuse it through the cache."""
    return get_extractor(Settings())


def fixture_texts() -> list[str]:
    """Plain-text fixture articles (``fixtures/*/article.txt``)."""
    return [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*/article.txt"))]


def aeb_bodies() -> list[tuple[str, str]]:
    """(url, body) of the AEB ground truth, or [] when the shared corpus is absent."""
    if not AEB.is_file():
        return []
    data = json.loads(AEB.read_text(encoding="utf-8"))
    return [(row.get("url") or key, row["articleBody"]) for key, row in sorted(data.items())]


def texts(count: int) -> Iterator[tuple[str, str]]:
    """``count`` (url, text) pairs: fixtures first, then AEB bodies, cycled with fresh URLs."""
    pool = fixture_texts() + [body for _, body in aeb_bodies()[:60]]
    for number in range(count):
        text = pool[number % len(pool)]
        yield f"https://batch.test/{number}", text


def write_dump(path: Path, count: int) -> Path:
    """A JSONL dump of ``count`` articles."""
    with path.open("w", encoding="utf-8") as handle:
        for url, text in texts(count):
            handle.write(json.dumps({"url": url, "title": url, "text": text}) + "\n")
    return path


def write_text_files(folder: Path, count: int) -> Path:
    """``count`` plain-text articles, one per file."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (_, text) in enumerate(texts(count)):
        (folder / f"article-{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def cli(*args: str, env: dict[str, str] | None = None) -> "Result":
    """Run ``clearance`` in-process (the session's pipeline is reused through the cache)."""
    from typer.testing import CliRunner

    from clearance.cli import app

    return CliRunner(env=env).invoke(app, list(args), catch_exceptions=False)


@dataclass(frozen=True)
class Reference:
    """An uninterrupted jobs=1 run over the shared corpus: what every other run must equal."""

    corpus: Path
    records: bytes
    errors: bytes
    exit_code: int


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with a JSONL dump (60 articles) and 12 text files."""
    root = tmp_path_factory.mktemp("corpus")
    write_dump(root / "dump.jsonl", 60)
    write_text_files(root / "texts", 12)
    return root


@pytest.fixture(scope="session")
def reference(
    corpus: Path, extractor: Extractor, tmp_path_factory: pytest.TempPathFactory
) -> Reference:
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    result = cli("batch", str(corpus), "-o", str(out), "--shard-size", "7")
    assert result.exit_code in (0, 3), result.stderr
    errors = out.with_name("out.errors.jsonl")
    return Reference(corpus, out.read_bytes(), errors.read_bytes(), result.exit_code)
