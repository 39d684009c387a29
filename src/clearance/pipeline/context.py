"""Article-wide context read cheaply (tokenizer + entity ruler, no parser) over the whole text.

Implicit authorities ("have been cleared to buy", "Authorities are considering") and anaphoric
items ("the chips") are resolved against this context. It is computed the same way whether or
not the prefilter skipped paragraphs, which keeps the prefilter lossless.
"""

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language

from clearance.normalize.attribution import find_via
from clearance.normalize.parties import PartyResolver
from clearance.pipeline.products import ProductTable
from clearance.records import Party, PartyKind

PUBLIC_KINDS = frozenset(
    {PartyKind.GOVERNMENT, PartyKind.REGULATOR, PartyKind.COURT, PartyKind.INTERNATIONAL}
)
AUTHORITY_LABELS = frozenset({"GPE", "REGULATOR", "AUTHORITY", "COURT", "INTL"})


@dataclass
class ArticleContext:
    """Public bodies and products named anywhere in the article, in order."""

    authorities: list[tuple[int, Party]] = field(default_factory=list)
    products: list[tuple[int, str]] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    def authority_before(self, offset: int) -> Party | None:
        """The public body named last before ``offset``, else the article's most named one."""
        before = [party for start, party in self.authorities if start < offset]
        if before:
            return before[-1]
        return self.dominant_authority()

    def dominant_authority(self) -> Party | None:
        """The public body the article names most often (first named wins ties)."""
        if not self.authorities:
            return None
        counts = Counter(party.name for _, party in self.authorities)
        best = max(counts.values())
        return next(p for _, p in self.authorities if counts[p.name] == best)

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
    context = ArticleContext(via=find_via(text))
    for ent in doc.ents:
        if ent.label_ == "PRODUCT":
            product = products.lookup(ent.text)
            context.products.append((ent.start_char, product.name if product else ent.text))
        elif ent.label_ in AUTHORITY_LABELS:
            party = resolver.resolve(ent.text, ent.label_)
            if party is not None and party.kind in PUBLIC_KINDS:
                context.authorities.append((ent.start_char, party))
    return context
