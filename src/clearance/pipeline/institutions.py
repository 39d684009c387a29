"""Public bodies the tables do not know, read from the article's own words.

"The Nigerian Communications Commission", "the Bank of Lithuania", "the US Bankruptcy Court for
the District of Delaware": a capitalised name ending in an institution word is a public body even
when no table lists it. RECORD.md's naming rules apply: a regulator keeps its short name (the
acronym the article uses for it, "NCC"), a court is a court, and a ministry, department, bureau
or office is its country.
"""

import re
from dataclasses import dataclass, field

from clearance.normalize.parties import PartyResolver
from clearance.normalize.party_tables import subdivisions
from clearance.records import Party, PartyKind

_HEADS = {
    "court": PartyKind.COURT,
    "chamber": PartyKind.COURT,
    "tribunal": PartyKind.COURT,
    "commission": PartyKind.REGULATOR,
    "authority": PartyKind.REGULATOR,
    "agency": PartyKind.REGULATOR,
    "administration": PartyKind.REGULATOR,
    "regulator": PartyKind.REGULATOR,
    "commissioner": PartyKind.REGULATOR,
    "panel": PartyKind.REGULATOR,
    "office": PartyKind.GOVERNMENT,
    "bureau": PartyKind.GOVERNMENT,
    "council": PartyKind.GOVERNMENT,
    "bank": PartyKind.REGULATOR,
    "service": PartyKind.REGULATOR,
    "inspectorate": PartyKind.REGULATOR,
    "directorate": PartyKind.REGULATOR,
    "ministry": PartyKind.GOVERNMENT,
    "board": PartyKind.GOVERNMENT,
    "department": PartyKind.GOVERNMENT,
}
_CAP = r"[A-Z][\w’'-]*"
# ", " inside a name only in a list its acronym closes: "Administration of Drugs, Food and
# Medical Technology (ANMAT)"; not "the Bank of Lithuania, Nordea and Swedbank"
_LISTED = r",\s+(?=[^()]{0,60}\band\s+[^()]{0,40}\([A-Z])"
_NAME = re.compile(  # whole words only: "eSafety Commissioner" holds no "Safety Commission"
    rf"(?<![\w’'-])(?:(?P<owner>{_CAP}(?:\s+{_CAP})?)['’]s\s+)?"
    rf"(?P<name>(?:{_CAP}\s+(?:(?:and|&)\s+)?){{0,6}}"
    rf"(?:{'|'.join(h.capitalize() for h in _HEADS)})\b(?:\s+General)?"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:(?:\s+(?:and\s+)?|{_LISTED}){_CAP})*)*)"
    r"(?:\s+\((?P<acronym>[A-Z][A-Za-z]{1,7})\))?"
)
# "Nigeria's food and drug regulator, NAFDAC," / "the country's telecoms watchdog, the NCC,"
_DESCRIBED = re.compile(
    r"(?P<owner>[A-Z][\w’'-]*)['’]s\s+(?:[a-z][\w-]*\s+){0,5}?"
    r"(?:regulator|watchdog|agency|authority|commission|supervisor|inspectorate)\s*,\s+"
    r"(?:the\s+)?(?P<name>[A-Z][A-Za-z&]{1,9}|[A-Z][\w’'-]*(?:\s+(?:of|for|and|&|[A-Z][\w’'-]*)){1,7})"
    r"\s*[,(]"
)
_COURT_PLACE = re.compile(r"\s+in\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)")
_CONNECTORS = frozenset({"of", "for", "on", "the", "and", "&"})
_DROP_FIRST = frozenset({"The", "A", "An", "This", "That", "Its", "Their"})


@dataclass
class Institutions:
    """The article's own public bodies: surface forms and acronyms -> Party, by position."""

    by_surface: dict[str, Party] = field(default_factory=dict)
    positions: list[tuple[int, Party]] = field(default_factory=list)
    spans: list[tuple[int, int, Party]] = field(default_factory=list)

    def match(self, surface: str) -> Party | None:
        """The body a mention names: its full name, a longer mention of it, or its acronym."""
        text = _strip_article(surface)
        if text in self.by_surface:
            return self.by_surface[text]
        for name, party in self.by_surface.items():
            if len(name) > 4 and (name in text or (len(text) > 8 and text in name)):
                return party
        return None

    def covering(self, start: int, end: int) -> Party | None:
        """The body whose full name holds the span [start, end): an entity cut short by the
        tagger ("Poland's Office" of "Poland's Office of Electronic Communications (UKE)")."""
        return next((p for s, e, p in self.spans if s <= start and end <= e), None)

    def courts(self) -> list[Party]:
        """The distinct courts the article names, in order of first mention."""
        seen: dict[str, Party] = {}
        for _start, party in self.positions:
            if party.kind == PartyKind.COURT:
                seen.setdefault(party.name, party)
        return list(seen.values())

    def owned_by(self, description: str) -> Party | None:
        """The one named body of the place a description starts with ("Oregon's ...")."""
        match = re.match(r"(?:[Tt]he\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s", description)
        if match is None:
            return None
        owner = match.group(1)
        hits = {
            p.name: p
            for p in self.by_surface.values()
            if owner in p.name or any(owner in m for m in p.mentions)
        }
        return next(iter(hits.values())) if len(hits) == 1 else None


def find_institutions(text: str, resolver: PartyResolver) -> Institutions:
    """Every capitalised institution name in ``text`` that the tables do not already know."""
    found = Institutions()
    words = set(re.findall(r"\b[A-Z]{2,8}\b", text))
    for match in _NAME.finditer(text):
        last_line = re.split(r"\s*\n\s*", match.group("name"))[-1]  # not across a heading
        name = _strip_article(last_line.split(" The ")[-1])
        head = _head(name)
        acronym = _usable(match.group("acronym"))
        own_short_name = acronym is not None and _head_word(name) in _NAMED_BY_ACRONYM
        if head is None or len(name.split()) < 2:
            continue
        if not own_short_name and (_head_word(name) == "board" or not _public_name(name, resolver)):
            continue  # "the board", "Deutsche Bank": no public body without more to go on
        owner = match.group("owner")
        known = resolver.resolve(f"{owner}'s {name}", "ORG") if owner else None
        if known is not None and known.kind == PartyKind.GOVERNMENT:
            known = None  # only a body the tables name ("Malta's Financial Services Authority")
        known = known or resolver.resolve(name, "ORG")
        if known is not None and known.kind == PartyKind.REGULATOR and known.name == name:
            # "... of Pakistan (CCP)", "the Egyptian Drug Authority ... the EDA": its short name
            known.name = acronym or _used_acronym(name, owner, words) or name
        party: Party | None = known
        if own_short_name and (known is None or known.kind != PartyKind.REGULATOR):
            country = _country(name, owner, resolver)  # "Overseas Investment Office (OIO)"
            party = Party(name=acronym or name, kind=PartyKind.REGULATOR, country=country)
            party.mentions = [name]
        elif known is None or known.kind == PartyKind.COMPANY:
            party = _party(name, head, owner, acronym, words, resolver)
        if party is None:
            continue
        place = _COURT_PLACE.match(text, match.end("name"))
        if known is None and party.kind == PartyKind.COURT and place:
            party.name += f" in {place.group(1)}"  # "the Federal Chamber of Appeals in Mendoza"
        for surface in {name, party.name, *(filter(None, [match.group("acronym")]))}:
            found.by_surface.setdefault(surface, party)
        found.positions.append((match.start("name"), party))
        found.spans.append((match.start(), match.end("name"), party))
    for match in _HEAD_FIRST.finditer(text):
        _add_head_first(found, match, resolver)
    for match in _DESCRIBED.finditer(text):
        name = match.group("name")
        if name in found.by_surface or resolver.resolve(name, "ORG") not in (None,):
            known = found.by_surface.get(name) or resolver.resolve(name, "ORG")
            if known is not None and known.kind != PartyKind.COMPANY:
                continue
        country = _country("", match.group("owner"), resolver)
        party = Party(name=name, kind=PartyKind.REGULATOR, country=country, mentions=[name])
        found.by_surface[name] = party
        found.positions.append((match.start("name"), party))
    found.positions.sort(key=lambda pair: pair[0])
    _of_the_state(found, text, resolver)
    return found


# Countries whose states or provinces run their own regulators ("Ohio Casino Control
# Commission"); elsewhere a county or region named in a story does not own its bodies.
_FEDERATIONS = frozenset({"US", "AU", "CA", "IN", "BR", "MX", "DE", "AR", "NG", "MY", "AT", "CH"})
_POSSESSOR = re.compile(r"\b((?:New |North |South |West |East )?[A-Z][a-z]+)['’]s\b")


def _of_the_state(found: Institutions, text: str, resolver: PartyResolver) -> None:
    """A story about one state ("New Jersey's cannabis regulators ... the Cannabis Regulatory
    Commission") names that state's bodies without the state: give them its name."""
    states = {m.group(1) for m in _POSSESSOR.finditer(text)} & set(subdivisions())
    states = {s for s in states if resolver.country_of(s) is None}
    states = {s for s in states if subdivisions()[s] in _FEDERATIONS}
    if len(states) != 1:
        return
    state = states.pop()
    for party in {id(p): p for p in found.by_surface.values()}.values():
        if party.country is None and party.kind == PartyKind.REGULATOR and state not in party.name:
            party.mentions.append(party.name)
            party.name = f"{state} {party.name}"
            party.country = subdivisions()[state]
    for party in list(found.by_surface.values()):
        found.by_surface.setdefault(party.name, party)


# Spanish, Portuguese, French and Italian names put the institution word first: "Comisión
# Nacional de Valores (CNV)", "Superintendencia Financiera", "Banco Central do Brasil".
_FIRST_HEADS = {
    "comisión": PartyKind.REGULATOR, "comision": PartyKind.REGULATOR,
    "comissão": PartyKind.REGULATOR, "superintendencia": PartyKind.REGULATOR,
    "superintendência": PartyKind.REGULATOR, "agencia": PartyKind.REGULATOR,
    "agência": PartyKind.REGULATOR, "autoridad": PartyKind.REGULATOR,
    "autorité": PartyKind.REGULATOR, "autorite": PartyKind.REGULATOR,
    "autorità": PartyKind.REGULATOR, "commissione": PartyKind.REGULATOR,
    "agenzia": PartyKind.REGULATOR, "instituto": PartyKind.REGULATOR,
    "banco": PartyKind.REGULATOR, "ministerio": PartyKind.GOVERNMENT,
    "ministério": PartyKind.GOVERNMENT, "secretaría": PartyKind.GOVERNMENT,
    "tribunal": PartyKind.COURT, "corte": PartyKind.COURT, "cour": PartyKind.COURT,
}  # fmt: skip
_ROMANCE_LINKS = r"(?:de|del|do|da|dos|das|para|el|la|los|las|y|e|et|des|du|della|delle|di)"
_ROMANCE_WORD = r"[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ][\wáéíóúâêôãõçñ'-]*"
_HEAD_FIRST = re.compile(
    rf"\b(?P<name>(?:{'|'.join(h.capitalize() for h in _FIRST_HEADS)})"
    rf"(?:\s+(?:{_ROMANCE_LINKS}\s+)*{_ROMANCE_WORD})+)"
    r"(?:\s+\((?P<acronym>[A-Z][A-Za-z]{1,7})\))?"
)


def _add_head_first(found: Institutions, match: re.Match[str], resolver: PartyResolver) -> None:
    name = match.group("name")
    kind = _FIRST_HEADS[name.split()[0].casefold()]
    if name in found.by_surface or (kind == PartyKind.REGULATOR and _banco(name)):
        return
    known = resolver.resolve(name, None)
    if known is not None and known.kind == PartyKind.COMPANY:
        return
    acronym = _usable(match.group("acronym"))
    party = known or Party(
        name=acronym or name,
        kind=kind,
        country=_country(name, None, resolver),
        mentions=[name],
    )
    for surface in {name, party.name, *(filter(None, [match.group("acronym")]))}:
        found.by_surface.setdefault(surface, party)
    found.positions.append((match.start("name"), party))


def _banco(name: str) -> bool:
    """ "Banco Santander", "Banco do Brasil": banks; only a central bank regulates."""
    return name.startswith("Banco") and "Central" not in name and " de " not in name


def _party(
    name: str,
    head: PartyKind,
    owner: str | None,
    acronym: str | None,
    words: set[str],
    resolver: PartyResolver,
) -> Party | None:
    """The body a name stands for; None for a ministry of no named country (the story's own).

    A department of a state or province ("New York's Department of Financial Services") is not
    its country's government: it keeps its own name.
    """
    country = _country(name, owner, resolver)
    state = (
        owner is not None
        and resolver.country_of(owner) is None  # "Saudi Arabia's Ministry ...": a country's
        and resolver.country_of(owner.split()[-1]) is None
    )
    if head == PartyKind.GOVERNMENT and not state:
        government = (
            resolver.resolve(resolver.country_name(country) or "", "GPE") if country else None
        )
        if government is not None:
            government.mentions = [name]
        return government
    short = acronym or _used_acronym(name, owner, words) or name
    if state and owner and not short.isupper() and owner not in short:
        short = f"{owner} {short}"  # "Oregon's Health Authority": a state's own body
    kind = PartyKind.COURT if head == PartyKind.COURT else PartyKind.REGULATOR
    return Party(name=short, kind=kind, country=country, mentions=[name])


# Heads that companies use too ("Deutsche Bank", "Amazon Web Services"): such a name is a public
# body only with a public word in it ("Central Bank of Ireland", "Federal Customs Service").
_SHARED_HEADS = frozenset({"bank", "service", "services", "office", "group"})
_PUBLIC_WORDS = frozenset(
    {
        "central", "reserve", "national", "federal", "state", "public", "civil", "customs",
        "revenue", "health", "border", "veterinary", "inspection", "security", "immigration",
        "postal", "forest", "wildlife", "intelligence", "food", "safety", "agricultural",
        "fisheries", "geological", "marshals", "statistics", "tax", "monetary", "people's",
    }
)  # fmt: skip


def _public_name(name: str, resolver: PartyResolver) -> bool:
    """Not a company the tables list ("Bank of America"), nor a firm's name that merely ends in
    a shared institution word ("Stadia Game Streaming Service", "Royal Bank of Canada")."""
    listed = resolver.resolve(name, None)
    if listed is not None and listed.kind == PartyKind.COMPANY:
        return False
    if name.split()[-1].casefold() == "chamber" or (
        "chamber" in name.casefold().split() and "appeal" not in name.casefold()
    ):
        return False  # a chamber of appeals is a court; a chamber of commerce is not
    words = name.casefold().split()
    head = next((w for w in reversed(words) if w in _HEADS), None)
    if head not in _SHARED_HEADS:
        return True
    return name.split()[0] == "Bank" or bool(_PUBLIC_WORDS & set(words))  # "Bank of Lithuania"


# Heads of bodies that are their country's government unless the article gives them a short
# name of their own: "the Overseas Investment Office (OIO)", "Medicines Evaluation Board (CBG)".
_NAMED_BY_ACRONYM = frozenset({"office", "bureau", "board"})


def _head_word(name: str) -> str | None:
    return next((w.lower() for w in reversed(name.split()) if w.lower() in _HEADS), None)


def _head(name: str) -> PartyKind | None:
    for word in reversed(name.split()):
        kind = _HEADS.get(word.lower())
        if kind is not None:
            return kind
    return None


def _country(name: str, owner: str | None, resolver: PartyResolver) -> str | None:
    for word in [owner, *name.replace("'s", "").split()]:
        if word and word[0].isupper():
            code = resolver.country_of(word)
            if code:
                return code
    return None


def _used_acronym(name: str, owner: str | None, words: set[str]) -> str | None:
    """ "Securities and Futures Commission" is "SFC" if the article says "SFC"."""
    initials = "".join(w[0] for w in name.split() if w.lower() not in _CONNECTORS)
    options = [initials] + ([owner[0] + initials] if owner else [])
    return next((a for a in options if len(a) >= 3 and a in words), None)


def _usable(acronym: str | None) -> str | None:
    """An acronym fit to be a canonical name: two letters ("CA", "EA") name too many bodies,
    so the full name stays ("the Communications Authority of Kenya (CA)"). One that
    abbreviates the body's own-language name is still its short name ("Capital Markets Board
    (SPK)", "Office of Electronic Communications (UKE)"): RECORD.md names a regulator by the
    short name the article gives it."""
    if not acronym or len(acronym) < 3:
        return None
    return acronym


def _strip_article(surface: str) -> str:
    words = surface.strip().split()
    while words and words[0] in _DROP_FIRST | {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words).replace("’", "'").removesuffix("'s")
