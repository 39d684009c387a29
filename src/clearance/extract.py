"""Article -> [ApprovalEvent]: runs the spaCy pipeline, then turns its candidates into records.

``Extractor`` loads the pipeline once and is the object batch runs reuse; :func:`extract` is the
one-call convenience over a process-wide default Extractor.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from clearance.article import article_from_html, article_from_text
from clearance.errors import ClearanceError, ErrorKind, ExtractionError
from clearance.pipeline.run import Outcome
from clearance.records import ApprovalEvent, Article
from clearance.settings import Settings

log = logging.getLogger(__name__)


class Extractor:
    """Holds one loaded pipeline; thread-compatible, not thread-safe (spaCy is not)."""

    def __init__(self, settings: Settings | None = None, *, model: str | None = None) -> None:
        self.settings = settings or Settings()
        if model is not None:
            self.settings = self.settings.model_copy(update={"model": model})
        from clearance.pipeline.build import build_pipeline

        self.nlp = build_pipeline(self.settings)

    def extract(self, article: Article) -> list[ApprovalEvent]:
        """Events in one article; raises ClearanceError if the article cannot be processed."""
        outcome = next(iter(self.extract_many([article])))[1]
        if isinstance(outcome, ClearanceError):
            raise outcome
        return outcome

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Outcome]]:
        """Stream (article, events-or-error) pairs in input order; one bad article is one error."""
        from clearance.pipeline.run import run_pipeline

        yield from run_pipeline(self.nlp, articles, self.settings)


@lru_cache(maxsize=4)
def _default_extractor(model: str | None) -> Extractor:
    return Extractor(model=model)


def extract(
    text: str | None = None,
    *,
    html: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: dt.date | str | None = None,
    model: str | None = None,
) -> list[ApprovalEvent]:
    """Approval events in one article given as plain ``text`` or as ``html``.

    Raises:
        ClearanceError: the input is empty, has no article text, or the pipeline failed.
    """
    if (text is None) == (html is None):
        raise ClearanceError(
            "<arguments>", "give exactly one of text= or html=", kind=ErrorKind.CONFIG
        )
    day = dt.date.fromisoformat(published) if isinstance(published, str) else published
    if html is not None:
        article = article_from_html(html, url=url, title=title, published=day)
    else:
        assert text is not None
        article = article_from_text(text, url=url, title=title, published=day)
    return _default_extractor(model).extract(article)


__all__ = ["ExtractionError", "Extractor", "extract"]
