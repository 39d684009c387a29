"""Benchmark corpora built from real text in the repo and the shared corpus.

Two kinds, written as JSONL dumps (``url``, ``title``, ``text``):

* **realistic**: at most 5 % of articles hold approval events (1 in 25 is a fixture article with
  expected events; the rest are AEB article bodies in which the extractor finds no event, and
  the fixtures' negative cases);
* **relevant**: every article is a fixture article with expected events (the seed among them).

Texts are reused with light variation (each copy gets its own URL, id and title), so a corpus can
reach 1,000 or 10,000 articles.
"""

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from clearance.article import article_from_html, article_from_text
from clearance.errors import ClearanceError
from clearance.extract import Extractor
from clearance.records import Article
from clearance.settings import Settings

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
AEB = REPO.parent / "shared" / "corpus" / "article-extraction-benchmark" / "ground-truth.json"
RELEVANT_EVERY = 25  # 4 % relevant in the realistic mix


@dataclass(frozen=True)
class Text:
    """One reusable article body and where it came from."""

    origin: str
    title: str
    text: str


def _fixture_text(folder: Path) -> Text | None:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    title = meta.get("title") or folder.name
    try:
        if (folder / "article.txt").is_file():
            text = (folder / "article.txt").read_text(encoding="utf-8")
            body = article_from_text(text, source=str(folder)).text
        else:
            html = (folder / "article.html").read_text(encoding="utf-8")
            body = article_from_html(html, source=str(folder)).text
    except (ClearanceError, OSError):
        return None
    return Text(folder.name, title, body or "") if body else None


@lru_cache(maxsize=1)
def fixture_pools() -> tuple[list[Text], list[Text]]:
    """(fixture articles with expected events, fixture articles without)."""
    relevant: list[Text] = []
    negative: list[Text] = []
    for meta in sorted(FIXTURES.glob("*/meta.json")):
        folder = meta.parent
        text = _fixture_text(folder)
        if text is None:
            continue
        expected = folder / "expected.jsonl"
        has_events = expected.is_file() and expected.read_text(encoding="utf-8").strip()
        (relevant if has_events else negative).append(text)
    return relevant, negative


@lru_cache(maxsize=1)
def aeb_pool() -> list[Text]:
    """English AEB bodies without events (so "relevant" means exactly the fixtures), or []."""
    if not AEB.is_file():
        log.warning("shared corpus absent (%s): the realistic mix uses fixture negatives only", AEB)
        return []
    data = json.loads(AEB.read_text(encoding="utf-8"))
    candidates: list[tuple[Text, Article]] = []
    for key, row in sorted(data.items()):
        body = row.get("articleBody") or ""
        try:
            article = article_from_text(body, source=key)
        except ClearanceError:
            continue
        candidates.append((Text(f"aeb:{key[:12]}", row.get("url") or key, body), article))
    extractor = Extractor(Settings())
    outcomes = extractor.extract_many(article for _, article in candidates)
    return [text for (text, _), (_, found) in zip(candidates, outcomes, strict=True) if found == []]


def build(path: Path, count: int, *, relevant_only: bool) -> Path:
    """Write a corpus of ``count`` articles to ``path`` (skipped if it already has them)."""
    if path.is_file() and sum(1 for _ in path.open(encoding="utf-8")) == count:
        return path
    relevant, negative = fixture_pools()
    background = [] if relevant_only else aeb_pool() + negative
    if not relevant or (not relevant_only and not background):
        raise RuntimeError("not enough fixture articles to build the benchmark corpora")
    path.parent.mkdir(parents=True, exist_ok=True)
    name = path.name.split(".")[0]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            if relevant_only or number % RELEVANT_EVERY == 0:
                source = relevant[number % len(relevant)]
            else:
                source = background[number % len(background)]
            row = {
                "url": f"https://bench.clearance.test/{name}/{number}",
                "title": f"{source.title} ({number})",
                "text": source.text,
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
