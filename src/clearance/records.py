"""The approval-event record, version 1 (RECORD.md) as pydantic v2 models.

Everything downstream speaks these types: the batch writer, the library API, fixtures and the
regression runner. Field names and meanings are binding; add fields, never rename them without
bumping ``SCHEMA_VERSION``.
"""

import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal["1"] = "1"

Number = int | float


class Decision(StrEnum):
    """What the authority did (RECORD.md, "decision")."""

    APPROVED = "approved"
    DENIED = "denied"
    REVOKED = "revoked"
    PENDING = "pending"
    PROPOSED = "proposed"


class Scope(StrEnum):
    """What kind of thing the decision is on."""

    IMPORT = "import"
    EXPORT = "export"
    SALE = "sale"
    MERGER = "merger"
    INVESTMENT = "investment"
    PRODUCT = "product"
    LICENSE = "license"
    OTHER = "other"


class PartyKind(StrEnum):
    """What sort of party a name stands for."""

    GOVERNMENT = "government"
    REGULATOR = "regulator"
    COURT = "court"
    INTERNATIONAL = "international"
    COMPANY = "company"
    PERSON = "person"
    GROUP = "group"
    OTHER = "other"


class Qualifier(StrEnum):
    """How a quantity's number relates to the true count."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"


class Certainty(StrEnum):
    """How firmly the article states the event."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNCONFIRMED = "unconfirmed"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class Party(_Model):
    """A government, regulator, company, person or group; ``name`` is canonical."""

    name: str
    kind: PartyKind
    country: str | None = None
    mentions: list[str] = Field(default_factory=list)


class Item(_Model):
    """What is decided on: ``name`` "H200", ``category`` "AI chip", ``vendor`` Nvidia."""

    name: str
    category: str | None = None
    vendor: Party | None = None


class Quantity(_Model):
    """How many units a decision covers, with honest bounds."""

    text: str
    value: Number
    low: Number | None = None
    high: Number | None = None
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT


class Money(_Model):
    """Money a decision covers; ``currency`` is ISO 4217."""

    text: str
    value: Number
    currency: str | None = None


class When(_Model):
    """When the decision was taken or takes effect, resolved against ``anchor``."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    anchor: dt.date | None = None


class Attribution(_Model):
    """Who says so, and how firmly."""

    sources: list[str] = Field(default_factory=list)
    certainty: Certainty = Certainty.REPORTED


class Span(_Model):
    """A piece of evidence: ``text == article.text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Article(_Model):
    """Where events were read; ``text`` is the body every evidence offset indexes."""

    id: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: dt.date | None = None
    language: str | None = "en"
    via: list[str] = Field(default_factory=list)
    text: str | None = None


class ApprovalEvent(_Model):
    """One approval event: one decision by one authority on one thing."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    event_id: str
    article: Article
    decision: Decision
    scope: Scope
    authority: Party | None = None
    beneficiaries: list[Party] = Field(default_factory=list)
    item: Item | None = None
    quantity: Quantity | None = None
    amount: Money | None = None
    origin: str | None = None
    destination: str | None = None
    when: When | None = None
    conditions: list[str] = Field(default_factory=list)
    attribution: Attribution = Field(default_factory=Attribution)
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _evidence_matches_text(self) -> Self:
        """Refuse a record whose spans do not quote ``article.text`` exactly."""
        text = self.article.text
        if text is None:
            return self
        for span in self.evidence:
            if text[span.start : span.end] != span.text:
                raise ValueError(
                    f"evidence span {span.start}:{span.end} does not match article text: "
                    f"{span.text[:60]!r}"
                )
        return self

    def to_json(self, *, include_text: bool = True) -> str:
        """One JSONL line; ``include_text=False`` drops ``article.text`` (``--no-text``)."""
        data = self.model_dump(mode="json")
        if not include_text:
            data["article"].pop("text", None)
        return json.dumps(data, ensure_ascii=False)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_id(url: str | None, text: str) -> str:
    """Hash of the canonical URL, or of the text when there is no URL (RECORD.md)."""
    if url:
        return _digest("url", canonical_url(url))
    return _digest("text", text)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment and a trailing slash."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def event_id(article_id_: str, decision: Decision, scope: Scope, first_start: int) -> str:
    """Stable across runs: article id, decision, scope and the first evidence start."""
    return _digest(article_id_, decision.value, scope.value, str(first_start))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one record, as ``clearance schema`` prints it."""
    return ApprovalEvent.model_json_schema()
