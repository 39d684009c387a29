"""A tiny deterministic extractor for the regression tests.

The project's spaCy extraction is still being written and its output will change; these tests
check the regression machinery, so they run it over an extractor whose output is fixed by a few
regular expressions. It is the kind of thing a team passes with ``--extractor module:callable``.
"""

import re
from collections.abc import Iterable, Iterator

from clearance.errors import ClearanceError
from clearance.records import (
    ApprovalEvent,
    Article,
    Decision,
    Item,
    Party,
    PartyKind,
    Quantity,
    Scope,
    Span,
    event_id,
)
from clearance.settings import Settings

VERBS = {"approved": Decision.APPROVED, "cleared": Decision.APPROVED, "blocked": Decision.DENIED}
SCOPES = {"imports": Scope.IMPORT, "exports": Scope.EXPORT, "merger": Scope.MERGER}
AUTHORITIES = {"China": "CN", "Beijing": "CN", "Japan": "JP", "European Commission": "EU"}
SENTENCE = re.compile(r"[^.\n]+\.")
CLAUSE = re.compile(r"(?P<auth>[A-Z][A-Za-z ]+?) (?:has )?(?P<verb>approved|cleared|blocked) ")
NUMBER = re.compile(r"(?P<more>more than )?(?P<num>\d[\d,]*)")
ITEM = re.compile(r"\b([A-Z]\d{2,4})\b")


class ToyExtractor:
    """One event per sentence of the form '<Authority> approved|cleared|blocked ...'."""

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[ApprovalEvent] | ClearanceError]]:
        for article in articles:
            yield article, list(self._events(article))

    def _events(self, article: Article) -> Iterator[ApprovalEvent]:
        text = article.text or ""
        for sentence in SENTENCE.finditer(text):
            clause = CLAUSE.search(sentence.group())
            if clause is None:
                continue
            yield _event(article, sentence, clause)


def _event(article: Article, sentence: re.Match[str], clause: re.Match[str]) -> ApprovalEvent:
    body = sentence.group()
    name = clause["auth"].removeprefix("The ").strip()
    authority = Party(name=name, kind=PartyKind.GOVERNMENT, country=AUTHORITIES.get(name))
    scope = next((s for word, s in SCOPES.items() if word in body), Scope.OTHER)
    decision = VERBS[clause["verb"]]
    span = Span(text=body.strip(), start=sentence.start() + _lead(body), end=sentence.end())
    item_match = ITEM.search(body)
    number = NUMBER.search(body)
    quantity = None
    if number is not None:
        value = int(number["num"].replace(",", ""))
        more = bool(number["more"])
        quantity = Quantity(
            text=number.group(),
            value=value,
            low=value if more else None,
            qualifier="more_than" if more else "exact",
        )
    return ApprovalEvent(
        event_id=event_id(article.id, decision, scope, span.start),
        article=article,
        decision=decision,
        scope=scope,
        authority=authority,
        item=Item(name=item_match.group(1)) if item_match else None,
        quantity=quantity,
        evidence=[span],
        confidence=0.8,
    )


def _lead(body: str) -> int:
    return len(body) - len(body.lstrip())


def make(settings: Settings) -> ToyExtractor:
    """The factory ``--extractor clearance_toy_extractor:make`` calls."""
    del settings
    return ToyExtractor()
