"""The prefilter never loses an event: prefilter on and off give identical records.

Runs over every fixture article and over the AEB corpus bodies (when ``../shared/corpus`` is
present). Articles the ingest layer refuses (e.g. not English) are refused the same both ways.
"""

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from clearance.article import article_from_html, article_from_text
from clearance.errors import ClearanceError
from clearance.extract import Extractor
from clearance.records import Article
from clearance.settings import Settings

from .conftest import AEB, FIXTURES, aeb_bodies


def _fixture_articles() -> Iterator[Article]:
    for meta_path in sorted(FIXTURES.glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
        folder = meta_path.parent
        common = {"url": meta.get("url"), "title": meta.get("title"), "published": published}
        try:
            if (folder / "article.txt").is_file():
                text = (folder / "article.txt").read_text(encoding="utf-8")
                yield article_from_text(text, source=str(folder), **common)
            elif (folder / "article.html").is_file():
                html = (folder / "article.html").read_text(encoding="utf-8")
                yield article_from_html(html, source=str(folder), **common)
        except ClearanceError:
            continue


def _aeb_articles() -> Iterator[Article]:
    for url, body in aeb_bodies():
        try:
            yield article_from_text(body, source=url, url=url)
        except ClearanceError:
            continue


def _records(extractor: Extractor, articles: list[Article]) -> list[list[str]]:
    out: list[list[str]] = []
    for _, outcome in extractor.extract_many(articles):
        if isinstance(outcome, ClearanceError):
            out.append([f"error {outcome.kind.value}"])
        else:
            out.append([event.to_json() for event in outcome])
    return out


@pytest.fixture(scope="module")
def unfiltered() -> Extractor:
    return Extractor(Settings(prefilter=False))


def test_prefilter_loses_nothing_on_the_fixtures(
    extractor: Extractor, unfiltered: Extractor
) -> None:
    assert extractor.settings.prefilter
    articles = list(_fixture_articles())
    assert articles, "no fixture articles found"
    assert _records(extractor, articles) == _records(unfiltered, articles)


@pytest.mark.slow
@pytest.mark.corpus
def test_prefilter_loses_nothing_on_the_aeb_corpus(
    extractor: Extractor, unfiltered: Extractor
) -> None:
    if not AEB.is_file():
        pytest.skip(f"shared corpus absent: {AEB} not found")
    articles = list(_aeb_articles())
    with_prefilter, without = _records(extractor, articles), _records(unfiltered, articles)
    for article, got, want in zip(articles, with_prefilter, without, strict=True):
        assert got == want, f"prefilter changed the records of {article.url}"
