"""Plain data the events component leaves on each Doc: one Candidate per decision it read.

Offsets are characters into the Doc's text (one parse unit of the article); the assembler shifts
them by the unit's start. No spaCy objects are kept, so candidates outlive ``memory_zone``.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    """A noun phrase or entity the parse tied to a role."""

    text: str
    start: int
    end: int
    label: str = ""
    head_lemma: str = ""
    definite: bool = False
    owner: str = ""

    def shifted(self, offset: int) -> "Mention":
        """The same mention with offsets moved into article coordinates."""
        return Mention(
            self.text,
            self.start + offset,
            self.end + offset,
            self.label,
            self.head_lemma,
            self.definite,
            self.owner,
        )


@dataclass
class Candidate:
    """One decision read from one sentence, before normalization."""

    decision: str
    trigger: Mention
    sentence: Mention
    clause: tuple[int, int]
    scope: str | None = None
    scope_strong: bool = False
    authorities: list[Mention] = field(default_factory=list)
    beneficiaries: list[Mention] = field(default_factory=list)
    items: list[Mention] = field(default_factory=list)
    item_object: Mention | None = None
    vendors: list[Mention] = field(default_factory=list)
    times: list[Mention] = field(default_factory=list)
    origins: list[Mention] = field(default_factory=list)
    destinations: list[Mention] = field(default_factory=list)
    possessors: list[Mention] = field(default_factory=list)
    companies: list[Mention] = field(default_factory=list)  # every firm the sentence names
    anaphoric: bool = False
    actor_required: bool = False
    actor_blocked: bool = False
    strong_trigger: bool = True
    headline: bool = False
    licence_purpose: bool = False

    def shifted(self, offset: int) -> "Candidate":
        """The candidate in article coordinates."""

        def move(items: list[Mention]) -> list[Mention]:
            return [m.shifted(offset) for m in items]

        return Candidate(
            decision=self.decision,
            trigger=self.trigger.shifted(offset),
            sentence=self.sentence.shifted(offset),
            clause=(self.clause[0] + offset, self.clause[1] + offset),
            scope=self.scope,
            scope_strong=self.scope_strong,
            authorities=move(self.authorities),
            beneficiaries=move(self.beneficiaries),
            items=move(self.items),
            item_object=self.item_object.shifted(offset) if self.item_object else None,
            vendors=move(self.vendors),
            times=move(self.times),
            origins=move(self.origins),
            destinations=move(self.destinations),
            possessors=move(self.possessors),
            companies=move(self.companies),
            anaphoric=self.anaphoric,
            actor_required=self.actor_required,
            actor_blocked=self.actor_blocked,
            strong_trigger=self.strong_trigger,
            headline=self.headline,
            licence_purpose=self.licence_purpose,
        )
