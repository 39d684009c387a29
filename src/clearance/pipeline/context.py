"""Article-wide context read cheaply (tokenizer + entity ruler, no parser) over the whole text.

Implicit authorities ("have been cleared to buy", "Authorities are considering") and anaphoric
items ("the chips") are resolved against this context. It is computed the same way whether or
not the prefilter skipped paragraphs, which keeps the prefilter lossless.
"""

import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property

from spacy.language import Language

from clearance.normalize.attribution import find_via
from clearance.normalize.parties import PartyResolver
from clearance.pipeline.candidates import Mention
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
_COURT_FILLER = frozenset(
    {"a", "an", "the", "court", "courts", "judge", "judges", "tribunal", "federal", "state"}
    | {"two", "three", "five", "panel", "appeals", "appeal", "high", "lower"}
)
_ARTICLES = frozenset({"a", "an", "the"})
_PLACE_AFTER = re.compile(r"\s+in\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)")
AUTHORITY_LABELS = frozenset({"GPE", "REGULATOR", "AUTHORITY", "COURT", "INTL"})


class ArticleContext:
    """Public bodies and products named anywhere in the article, in order.

    Everything but ``via`` is read on first use: most articles whose candidates all fall away
    never pay for the scan.
    """

    def __init__(
        self, nlp: Language, text: str, resolver: PartyResolver, products: ProductTable
    ) -> None:
        self._nlp, self._text, self._resolver, self._products = nlp, text, resolver, products
        self.via: list[str] = find_via(text)

    @cached_property
    def deals(self) -> list[Deal]:
        """Deals the text describes ("X's takeover of Y")."""
        return find_deals(self._text)

    @cached_property
    def institutions(self) -> Institutions:
        """Public bodies named only in this article."""
        return find_institutions(self._text, self._resolver)

    def court_for(self, description: Mention, recent: Party | None = None) -> Party:
        """The court a description means: "a US bankruptcy judge" is the article's "US Bankruptcy
        Court for the District of Delaware" (the named court sharing a distinctive word with it,
        or the only one named); "the court" is the court last told of (``recent``); otherwise
        the description itself, with its place ("environmental court in Antofagasta")."""
        named = self.institutions.courts()
        words = {w.casefold() for w in description.text.split()} - _COURT_FILLER
        words = {w for w in words if self._resolver.country_of(w.upper()) is None}
        fitting = [c for c in named if words & {w.casefold() for w in c.name.split()}]
        if not words and recent is not None and description.definite:
            return recent.model_copy(deep=True)
        if fitting or (len(named) == 1 and not words):
            return (fitting or named)[0].model_copy(deep=True)
        if named and not words:  # "the three judges": the court told of last before them
            told = [
                p for s, p in self.institutions.positions if p in named and s < description.start
            ]
            if told:
                return told[-1].model_copy(deep=True)
        name = " ".join(w for w in description.text.split() if w.casefold() not in _ARTICLES)
        name = re.sub(r"\bjudges?\b", "court", name)
        place = _PLACE_AFTER.match(self._text, description.end)
        if place:
            name += f" in {place.group(1)}"
        code = self._resolver.country_in(description.text)
        if code is None and (government := self.dominant_government()) is not None:
            code = government.country
        return Party(name=name, kind=PartyKind.COURT, country=code, mentions=[description.text])

    @cached_property
    def screening(self) -> bool:
        """Whether the story is about investment screening (national security, FDI)."""
        return bool(_SCREENING.search(self._text))

    @property
    def authorities(self) -> list[tuple[int, Party]]:
        """(offset, party) of every public body named, in order."""
        return self._scan[0]

    @property
    def products(self) -> list[tuple[int, str]]:
        """(offset, product name) of every product named, in order."""
        return self._scan[1]

    @cached_property
    def _scan(self) -> tuple[list[tuple[int, Party]], list[tuple[int, str]]]:
        return _scan(self._nlp, self._text, self._resolver, self._products, self.institutions)

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
    """The article's context, read lazily (tokenizer and entity ruler only, never the parser)."""
    return ArticleContext(nlp, text, resolver, products)


def _scan(
    nlp: Language,
    text: str,
    resolver: PartyResolver,
    products: ProductTable,
    institutions: Institutions,
) -> tuple[list[tuple[int, Party]], list[tuple[int, str]]]:
    """Run only the tokenizer and our entity ruler over ``text``."""
    ruler = nlp.get_pipe("clearance_entity_ruler")
    doc = ruler(nlp.make_doc(text))
    authorities: list[tuple[int, Party]] = []
    named: list[tuple[int, str]] = []
    for ent in doc.ents:
        if ent.label_ == "PRODUCT":
            product = products.lookup(ent.text)
            named.append((ent.start_char, product.name if product else ent.text))
        elif ent.label_ in AUTHORITY_LABELS:
            # the article's own naming first ("the Egyptian Drug Authority ... the EDA")
            party = institutions.match(ent.text) or resolver.resolve(ent.text, ent.label_)
            if party is not None and party.kind in PUBLIC_KINDS:
                authorities.append((ent.start_char, party))
    known = {start for start, _ in authorities}
    authorities += [(start, party) for start, party in institutions.positions if start not in known]
    authorities.sort(key=lambda pair: pair[0])
    return authorities, named
