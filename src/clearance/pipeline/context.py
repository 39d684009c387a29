"""Article-wide context read cheaply (tokenizer + entity ruler, no parser) over the whole text.

Implicit authorities ("have been cleared to buy", "Authorities are considering") and anaphoric
items ("the chips") are resolved against this context. It is computed the same way whether or
not the prefilter skipped paragraphs, which keeps the prefilter lossless.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from clearance.normalize.attribution import find_via
from clearance.normalize.parties import PartyResolver
from clearance.pipeline.deals import Deal, find_deals
from clearance.pipeline.institutions import Institutions, find_institutions
from clearance.pipeline.products import ProductTable
from clearance.records import Party, PartyKind

PUBLIC_KINDS = frozenset(
    {PartyKind.GOVERNMENT, PartyKind.REGULATOR, PartyKind.COURT, PartyKind.INTERNATIONAL}
)
_SCREENING = re.compile(
    r"national[- ]security|foreign[- ]investment|investment screening|\bCFIUS\b|\bFIRB\b",
    re.IGNORECASE,
)
AUTHORITY_LABELS = frozenset({"GPE", "REGULATOR", "AUTHORITY", "COURT", "INTL"})


@dataclass
class ArticleContext:
    """Public bodies and products named anywhere in the article, in order."""

    authorities: list[tuple[int, Party]] = field(default_factory=list)
    products: list[tuple[int, str]] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    institutions: Institutions = field(default_factory=Institutions)
    screening: bool = False

    def named_body_in(
        self, sentence: tuple[int, int], taken: Sequence[tuple[int, int]] = ()
    ) -> Party | None:
        """A named body (not a country, often just a place) in the sentence, outside the
        other roles' spans (``taken``): "filed for approval in Europe, where the *EMA* is
        reviewing"."""
        for start, party in self.authorities:
            inside = sentence[0] <= start < sentence[1]
            if (
                inside
                and party.kind != PartyKind.GOVERNMENT
                and not any(a <= start < b for a, b in taken)
            ):
                return party
        return None

    def dominant_authority(self, offset: int | None = None) -> Party | None:
        """The public body the article names most often (ties: the last named before offset)."""
        if not self.authorities:
            return None
        counts = Counter(party.name for _, party in self.authorities)
        best = max(counts.values())
        leaders = [(s, p) for s, p in self.authorities if counts[p.name] == best]
        before = [p for s, p in leaders if offset is None or s < offset]
        return before[-1] if before else leaders[0][1]

    def dominant_government(self) -> Party | None:
        """The country whose government the article names most."""
        governments = [(s, p) for s, p in self.authorities if p.kind == PartyKind.GOVERNMENT]
        if not governments:
            return None
        counts = Counter(p.name for _, p in governments)
        best = max(counts.values())
        return next(p for _, p in governments if counts[p.name] == best)

    def regulator_for(self, country: str | None, offset: int) -> Party | None:
        """The named regulator a description ("the regulator", "China's internet regulator")
        stands for: the last one named before ``offset`` (of ``country`` when known), else the
        first named after it."""
        fitting = [
            (s, p)
            for s, p in self.authorities
            if p.kind == PartyKind.REGULATOR and (country is None or p.country == country)
        ]
        if country is None and len({p.name for _, p in fitting}) > 1:
            return None  # "the regulator" in a story about several: not ours to guess
        before = [p for s, p in fitting if s < offset]
        if before:
            return before[-1]
        return fitting[0][1] if fitting else None

    def dominant_product(self) -> str | None:
        """The product the article names most often."""
        if not self.products:
            return None
        return Counter(name for _, name in self.products).most_common(1)[0][0]

    def mentions_of(self, name: str) -> list[str]:
        """Every surface form the article used for the party ``name``."""
        seen: list[str] = []
        for _, party in self.authorities:
            if party.name == name:
                seen.extend(m for m in party.mentions if m not in seen)
        return seen


def scan_article(
    nlp: Language, text: str, resolver: PartyResolver, products: ProductTable
) -> ArticleContext:
    """Run only the tokenizer and our entity ruler over ``text``."""
    ruler = nlp.get_pipe("clearance_entity_ruler")
    doc = ruler(nlp.make_doc(text))
    context = ArticleContext(via=find_via(text), deals=find_deals(text))
    for ent in doc.ents:
        if ent.label_ == "PRODUCT":
            product = products.lookup(ent.text)
            context.products.append((ent.start_char, product.name if product else ent.text))
        elif ent.label_ in AUTHORITY_LABELS:
            party = resolver.resolve(ent.text, ent.label_)
            if party is not None and party.kind in PUBLIC_KINDS:
                context.authorities.append((ent.start_char, party))
    context.institutions = find_institutions(text, resolver)
    context.screening = bool(_SCREENING.search(text))
    known = {start for start, _ in context.authorities}
    context.authorities += [
        (start, party) for start, party in context.institutions.positions if start not in known
    ]
    context.authorities.sort(key=lambda pair: pair[0])
    return context
