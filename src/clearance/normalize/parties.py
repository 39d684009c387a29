"""Canonical parties: the surface text of a mention -> one Party per government, body or company.

Every name, alias, demonym and institution word lives in ``models/parties/*.tsv`` (one alias a
line), so adding an alias is a data change. The same tables yield the spaCy EntityRuler
patterns (:meth:`PartyResolver.entity_patterns`), so recognition and canonicalization never
disagree. ``resolve`` runs on every entity of every article: it does a handful of dict lookups
and never scans the tables.

Resolution order for a surface string:

1. page chrome and non-party words (``nonparties.tsv``) -> ``None``;
2. exact alias (companies, regulators, governments, courts, international bodies, countries,
   capitals), then without a leading "the" or a possessive "'s", then case-folded when the
   surface has capitals ("NVIDIA");
3. the same after stripping legal suffixes ("Alibaba Group Holding Ltd." -> "Alibaba");
4. a country word plus the rest ("U.S. authorities", "Japan's trade ministry", "other Chinese
   enterprises"): a government head noun makes the country itself (RECORD.md), a court head a
   court, a plural business noun an unnamed group, a known name in the rest that name;
5. the entity label as a last hint: ORG/COMPANY -> company (suffix stripped, no country),
   PERSON -> person, GPE -> a subdivision ("California") if pycountry knows it.

Generic institutions with no country in the string ("Authorities", "the Commerce Department")
are ``None`` here; :meth:`PartyResolver.resolve_in_context` supplies the article's country.
Known news outlets are not parties (they go to ``Article.via``).
"""

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from clearance.errors import ConfigError
from clearance.normalize.tables import Row, read_tsv
from clearance.records import Party, PartyKind
from clearance.settings import default_models_dir

log = logging.getLogger(__name__)

LABELS = {
    PartyKind.COMPANY: "COMPANY",
    PartyKind.REGULATOR: "REGULATOR",
    PartyKind.GOVERNMENT: "AUTHORITY",
    PartyKind.COURT: "COURT",
    PartyKind.INTERNATIONAL: "INTL",
}
LEGAL_SUFFIXES = frozenset({
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "ag", "se", "sa", "nv",
    "co", "company", "cos", "llc", "lp", "llp", "holdings", "holding", "group", "gmbh", "spa",
    "bv", "oyj", "asa", "ab", "kk", "pte", "pty", "pvt", "private", "public", "tbk", "bhd", "sarl",
    "sas", "srl", "ltda", "a/s", "aps", "oy", "kgaa"
})  # fmt: skip
_DETERMINERS = frozenset({
    "the", "other", "some", "several", "many", "major", "big", "leading", "top", "senior", "local",
    "two", "three", "four", "five", "a", "an", "all", "most", "more", "few", "various", "its",
    "their", "both", "these", "those", "key", "smaller", "large", "larger", "largest", "domestic",
    "foreign", "state-owned", "private", "previous", "unnamed", "unidentified", "certain",
    "another", "one", "new", "rival", "potential", "prospective", "former"
})  # fmt: skip
CORPORATE_WORDS = frozenset({"group", "holding", "holdings", "company"})
_POSSESSIVE = re.compile(r"['’]s?$")
_AFFILIATION = re.compile(
    r"-(?:linked|backed|owned|based|controlled|funded|registered|headquartered|listed)$"
)
_HEAD_BREAKS = frozenset({"of", "in", "for", "at", "on"})
_REGULATOR_HEADS = frozenset({
    "commission", "authority", "agency", "bureau", "office", "regulator", "council",
    "administration", "service", "inspectorate", "directorate",
})  # fmt: skip
_TITLES = frozenset({
    "minister", "ministers", "secretary", "treasurer", "president", "premier", "chancellor",
    "vice-president", "governor", "senators", "senator", "lawmakers",
})  # fmt: skip
_ROLES = frozenset({
    "arbitrators", "panel", "committee", "officials", "official", "spokesperson", "spokesman",
    "spokeswoman", "inspectors", "experts", "staff", "chief", "head", "judges", "commissioner",
})  # fmt: skip
_OUTLETS_FILE = ("normalize", "outlets.tsv")
_ALIAS_COLUMNS = ["alias", "name", "kind", "country"]


@dataclass(frozen=True)
class Entry:
    """What an alias stands for."""

    name: str
    kind: PartyKind
    country: str | None

    def party(self, surface: str) -> Party:
        """A fresh Party for one mention."""
        return Party(name=self.name, kind=self.kind, country=self.country, mentions=[surface])


@dataclass
class _Tables:
    aliases: dict[str, Entry] = field(default_factory=dict)
    labelled: list[tuple[str, Entry, str]] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)
    country_words: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, PartyKind] = field(default_factory=dict)
    anaphors: dict[str, tuple[frozenset[PartyKind], str | None]] = field(default_factory=dict)
    nonparties: set[str] = field(default_factory=set)
    descriptor_rows: list[Row] = field(default_factory=list)
    descriptors: dict[tuple[str, str], Entry] = field(default_factory=dict)


class PartyResolver:
    """Resolves mention text to canonical parties from the ``models/parties`` tables."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        self._folded = {
            alias.casefold(): entry for alias, entry in tables.aliases.items() if len(alias) > 4
        }
        self._demonyms_folded = {k.casefold(): v for k, v in tables.demonyms.items()}

    @classmethod
    def load(cls, models_dir: Path) -> "PartyResolver":
        """Read every table under ``models_dir/parties`` (or ``models_dir`` itself).

        Raises:
            ConfigError: the directory or a required table is missing or malformed.
        """
        parties = models_dir / "parties"
        if not parties.is_dir():
            parties = models_dir
        if not (parties / "demonyms.tsv").is_file():
            raise ConfigError(str(models_dir), "no parties tables (models/parties/*.tsv)")
        tables = _Tables()
        _load_countries(tables)
        for path in sorted(parties.glob("*.tsv")):
            _load_table(tables, path)
        _finish_countries(tables)
        _finish_descriptors(tables, str(parties / "descriptors.tsv"))
        outlets = models_dir / Path(*_OUTLETS_FILE)
        if outlets.is_file():
            tables.nonparties |= {row["alias"].casefold() for row in read_tsv(outlets)}
        log.info("loaded %d party aliases from %s", len(tables.aliases), parties)
        return cls(tables)

    @classmethod
    def default(cls) -> "PartyResolver":
        """One resolver per process over the default ``models/`` directory."""
        return _default_resolver()

    # --- resolution ---------------------------------------------------------------------

    def resolve(self, surface: str, label: str | None = None) -> Party | None:
        """The canonical party ``surface`` names, or ``None`` if it is not a party."""
        text = _clean(surface)
        if not text or text.casefold() in self._t.nonparties:
            return None
        entry = self._lookup(text) or self._lookup(strip_legal_suffixes(text))
        if entry is not None:
            return entry.party(surface.strip())
        compound = self._compound(text, surface.strip())
        if compound is not None:
            return compound
        return self._by_label(text, surface.strip(), label)

    def resolve_in_context(self, surface: str, default_country: str | None) -> Party | None:
        """Like :meth:`resolve`, but read a bare institution or office holder ("Authorities",
        "the Commerce Department", "the competition watchdog", "Foreign Minister X") as
        ``default_country``'s, and give an unnamed group without a country that country."""
        party = self.resolve(surface)
        if default_country is None:
            return party
        if party is not None:
            if party.kind is PartyKind.GROUP and party.country is None:
                party.country = default_country
            return party
        words = _content_words(_clean(surface))
        if not words or self._names_company(words):
            return None  # "Nvidia's board" approves nothing public
        described = self._described(default_country, words, surface.strip())
        if described is not None:
            return described
        kind = self._t.institutions.get(_head(words).lower())
        if kind is PartyKind.GOVERNMENT or self._office_holder(words):
            return self._country_party(default_country, surface.strip())
        if kind is PartyKind.COURT:
            name = " ".join(words)
            return Party(name=name, kind=kind, country=default_country, mentions=[surface])
        return None

    def country_name(self, code: str) -> str | None:
        """The canonical short name for an ISO 3166-1 alpha-2 code (or "EU")."""
        return self._t.country_names.get(code)

    def country_of(self, word: str) -> str | None:
        """The country code a country word, demonym or capital names ("Dutch" -> "NL";
        "Chinese-backed" -> "CN")."""
        text = _AFFILIATION.sub("", _POSSESSIVE.sub("", word.strip()))
        found = self._t.demonyms.get(text) or self._t.country_words.get(text)
        return found or self._demonyms_folded.get(text.casefold())

    def tracker(self) -> "PartyTracker":
        """A fresh coreference tracker for one article, sharing these tables."""
        return PartyTracker(self._t.anaphors, self.country_of)

    def _lookup(self, text: str) -> Entry | None:
        aliases = self._t.aliases
        for candidate in _variants(text):
            entry = aliases.get(candidate)
            if entry is None and not candidate.islower():
                entry = self._folded.get(candidate.casefold())
            if entry is not None:
                return entry
        return None

    def _compound(self, text: str, surface: str) -> Party | None:
        """A country (or state) word plus the rest, or a known body plus a part of it."""
        words = _content_words(text)
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            prefix = " ".join(words[:size])
            code = self.country_of(prefix)
            if code is not None:
                return self._with_country(code, words[size:], surface)
            state = _subdivisions().get(_POSSESSIVE.sub("", prefix))
            if state is not None and self._is_public_head(words[size:]):
                return Party(
                    name=_POSSESSIVE.sub("", prefix),
                    kind=PartyKind.GOVERNMENT,
                    country=state,
                    mentions=[surface],
                )
        return (
            self._of_place(words, surface)
            or self._part_of_body(words, surface)
            or self._bare_group(words, surface)
        )

    def _of_place(self, words: list[str], surface: str) -> Party | None:
        """ "Public Utilities Commission of Ohio", "Competition Authority of Kenya": a body
        named for a country or state keeps its name as a regulator; a ministry is the country."""
        lowered = [w.lower() for w in words]
        if "of" not in lowered[1:-1]:
            return None
        cut = len(lowered) - 1 - lowered[::-1].index("of")
        place = " ".join(words[cut + 1 :])
        code = self.country_of(place)
        state = None if code else _subdivisions().get(place)
        head = _head(words).lower()
        if code is None and state is None:
            return None
        if head in _REGULATOR_HEADS:
            name = _drop_the(surface)
            country = code or state
            return Party(name=name, kind=PartyKind.REGULATOR, country=country, mentions=[surface])
        if self._t.institutions.get(head) is PartyKind.GOVERNMENT:
            if code is not None:
                return self._country_party(code, surface)
            return Party(name=place, kind=PartyKind.GOVERNMENT, country=state, mentions=[surface])
        return None

    def _with_country(self, code: str, rest: list[str], surface: str) -> Party | None:
        for start in range(len(rest)):
            entry = self._lookup(" ".join(rest[start:]))
            if entry is not None and entry.country in (None, code):
                return entry.party(surface)
        described = self._described(code, rest, surface)
        if described is not None:
            return described
        kind = self._t.institutions.get(_head(rest).lower())
        if kind is PartyKind.GOVERNMENT or self._office_holder(rest):
            return self._country_party(code, surface)
        if kind is PartyKind.COURT:
            name = re.sub(r"^(?:an?|the|The|An?)\s+", "", surface)
            return Party(name=name, kind=kind, country=code, mentions=[surface])
        if kind is PartyKind.GROUP:
            return Party(name=_group_name(surface), kind=kind, country=code, mentions=[surface])
        return None

    def _described(self, code: str, words: list[str], surface: str) -> Party | None:
        """ "China's internet regulator" -> CAC, via ``descriptors.tsv``."""
        key = " ".join(words).lower()
        entry = self._t.descriptors.get((code, key))
        return entry.party(surface) if entry is not None else None

    def _part_of_body(self, words: list[str], surface: str) -> Party | None:
        """ "The EMA's human medicines committee", "World Trade Organization arbitrators",
        "Dubai's Virtual Assets Regulatory Authority": a public body named inside."""
        for index, word in enumerate(words[:-1]):
            if _POSSESSIVE.search(word) and word[-1] in "sS'’":
                owner = self._lookup(" ".join(words[: index + 1]))
                if owner is not None and owner.kind is not PartyKind.COMPANY:
                    return owner.party(surface)
                named = self._lookup(" ".join(words[index + 1 :]))
                if named is not None and named.kind is not PartyKind.COMPANY:
                    return named.party(surface)
        if len(words) > 1 and words[-1].lower() in _ROLES:
            body = self._lookup(" ".join(words[:-1]))
            if body is not None and body.kind is not PartyKind.COMPANY:
                return body.party(surface)
        return None

    def _bare_group(self, words: list[str], surface: str) -> Party | None:
        head = _head(words) if words else ""
        if not _is_plural(head) or self._t.institutions.get(head.lower()) is not PartyKind.GROUP:
            return None
        return Party(name=_group_name(surface), kind=PartyKind.GROUP, mentions=[surface])

    def _is_public_head(self, rest: list[str]) -> bool:
        if not rest:
            return False
        kind = self._t.institutions.get(_head(rest).lower())
        return kind is PartyKind.GOVERNMENT or self._office_holder(rest)

    def _office_holder(self, words: list[str]) -> bool:
        """ "Foreign Affairs Minister Claire Beaulieu", "President X", "the Treasurer" — but
        not "Nvidia president", whose words name a company."""
        if not any(word.lower() in _TITLES for word in words):
            return False
        return not any(self._is_company(word) for word in words)

    def _names_company(self, words: list[str]) -> bool:
        for index, word in enumerate(words):
            if self._is_company(word):
                return True
            if _POSSESSIVE.search(word) and index:
                entry = self._lookup(" ".join(words[: index + 1]))
                if entry is not None and entry.kind is PartyKind.COMPANY:
                    return True
        return False

    def _is_company(self, word: str) -> bool:
        entry = self._t.aliases.get(_POSSESSIVE.sub("", word))
        return entry is not None and entry.kind is PartyKind.COMPANY

    def _country_party(self, code: str, surface: str) -> Party | None:
        name = self._t.country_names.get(code)
        if name is None:
            return None
        kind = PartyKind.INTERNATIONAL if code == "EU" else PartyKind.GOVERNMENT
        return Party(name=name, kind=kind, country=code, mentions=[surface])

    def _by_label(self, text: str, surface: str, label: str | None) -> Party | None:
        words = _content_words(text)
        head = _head(words).lower() if words else ""
        if self._t.institutions.get(head) is PartyKind.GOVERNMENT or self._office_holder(words):
            return None  # "the Commerce Department": whose? resolve_in_context knows
        if label in {"ORG", "COMPANY"}:
            name = strip_legal_forms(_drop_the(text))
            return Party(name=name, kind=PartyKind.COMPANY, mentions=[surface])
        simple = {
            "PERSON": PartyKind.PERSON,
            "REGULATOR": PartyKind.REGULATOR,
            "COURT": PartyKind.COURT,
            "INTL": PartyKind.INTERNATIONAL,
        }
        if label in simple:
            return Party(name=_drop_the(text), kind=simple[label], mentions=[surface])
        if label == "GPE":
            code = _subdivisions().get(text)
            if code is not None:
                return Party(name=text, kind=PartyKind.GOVERNMENT, country=code, mentions=[surface])
        return None

    # --- entity ruler patterns ----------------------------------------------------------

    def entity_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns from the same tables: names, aliases and "<country> <body>".

        Phrase patterns are case-sensitive strings (so "Apple" only in that form); bodies
        named as a country word plus an institution ("Chinese customs officials", "China's
        commerce ministry") are token patterns labelled ``AUTHORITY``.
        """
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for alias, entry, label in self._t.labelled:
            if alias.startswith("the ") or (alias, label) in seen:
                continue
            seen.add((alias, label))
            patterns.append({"label": label, "pattern": alias, "id": entry.name})
        patterns.extend(self._authority_patterns())
        return patterns

    def _authority_patterns(self) -> list[dict[str, Any]]:
        heads = sorted(h for h, k in self._t.institutions.items() if k is PartyKind.GOVERNMENT)
        middle = {"LOWER": {"IN": sorted(set(heads) | _MODIFIERS)}, "OP": "*"}
        end = {"LOWER": {"IN": heads}}
        patterns: list[dict[str, Any]] = []
        words = {**self._t.country_words, **self._t.demonyms}
        for word, code in sorted(words.items()):
            name = self._t.country_names.get(code)
            if name is None or word.startswith("the "):
                continue
            lead = [{"ORTH": token} for token in word.split()]
            possessive = [*lead, {"ORTH": {"IN": ["'s", "’s", "'"]}}]
            for tokens in (lead, possessive):
                pattern = [*tokens, middle, end]
                patterns.append({"label": "AUTHORITY", "pattern": pattern, "id": name})
        return patterns


_MODIFIERS = {
    "commerce", "trade", "foreign", "finance", "industry", "economy", "economic", "customs",
    "justice", "defence", "defense", "health", "state", "federal", "central", "national", "local",
    "top", "senior", "competition", "antitrust", "securities", "market", "markets", "financial",
    "energy", "telecom", "telecommunications", "communications", "agriculture", "transport",
    "treasury", "cyberspace", "regulatory", "investment", "export", "import", "security",
    "interior", "technology", "science", "information", "environment", "environmental", "drug",
    "medicines", "food", "aviation", "banking", "insurance", "and", "of"
}  # fmt: skip


class PartyTracker:
    """In-article coreference: "the company", "the regulator", "the bloc" -> the party named
    most recently whose kind fits the noun (``models/parties/anaphors.tsv``)."""

    def __init__(
        self,
        anaphors: dict[str, tuple[frozenset[PartyKind], str | None]] | None = None,
        country_of: Callable[[str], str | None] | None = None,
    ) -> None:
        if anaphors is None:
            resolver = PartyResolver.default()
            anaphors = resolver._t.anaphors
            country_of = resolver.country_of
        self._anaphors = anaphors
        self._country_of = country_of
        self._seen: list[Party] = []

    @property
    def parties(self) -> list[Party]:
        """Parties observed so far, oldest first."""
        return list(self._seen)

    def observe(self, party: Party) -> None:
        """Remember ``party`` as the latest mentioned (a repeat moves it to the end)."""
        self._seen = [p for p in self._seen if (p.name, p.kind) != (party.name, party.kind)]
        self._seen.append(party)

    def resolve_anaphor(self, phrase: str) -> Party | None:
        """The most recent observed party that ``phrase`` ("the chipmaker") can refer to."""
        words = _content_words(_clean(phrase).lower())
        if not words:
            return None
        rule = self._anaphors.get(" ".join(words[-2:])) or self._anaphors.get(words[-1])
        if rule is None:
            return None
        kinds, country = rule
        if country is None and len(words) > 1 and self._country_of is not None:
            country = self._country_of(words[0])
        for party in reversed(self._seen):
            if party.kind in kinds and (country is None or party.country == country):
                return party
        return None


# --- loading --------------------------------------------------------------------------------


def _load_countries(tables: _Tables) -> None:
    """Seed country names and words from pycountry; the TSV tables then override and extend."""
    for country in pycountry.countries:
        code = country.alpha_2
        name = getattr(country, "common_name", None) or country.name
        tables.country_names[code] = name
        # a tuple, not a set: insertion order must not depend on the process's hash seed
        for alias in (country.name, name, getattr(country, "official_name", None)):
            if alias:
                tables.country_words.setdefault(alias, code)
    tables.country_names["EU"] = "European Union"


def _load_table(tables: _Tables, path: Path) -> None:
    rows = read_tsv(path)
    loader = _LOADERS.get(path.stem)
    if loader is not None:
        loader(tables, rows)
    elif rows and list(rows[0]) == _ALIAS_COLUMNS:
        _load_aliases(tables, rows, str(path))
    elif rows:
        raise ConfigError(str(path), f"unknown parties table columns {list(rows[0])}")


def _load_aliases(tables: _Tables, rows: Iterable[Row], source: str) -> None:
    for row in rows:
        try:
            kind = PartyKind(row["kind"])
        except ValueError as exc:
            raise ConfigError(source, f"unknown kind {row['kind']!r}") from exc
        entry = Entry(row["name"], kind, row["country"] or None)
        previous = tables.aliases.setdefault(row["alias"], entry)
        if previous != entry:
            log.warning("%s: alias %r already means %s", source, row["alias"], previous.name)
            continue
        tables.labelled.append((row["alias"], entry, LABELS.get(kind, "ORG")))


def _load_country_names(tables: _Tables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.country_names[row["code"]] = row["name"]


def _load_country_words(tables: _Tables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.country_words[row["alias"]] = row["code"]


def _load_demonyms(tables: _Tables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.demonyms[row["alias"]] = row["code"]


def _load_institutions(tables: _Tables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.institutions[row["head"].lower()] = PartyKind(row["kind"])


def _load_anaphors(tables: _Tables, rows: Iterable[Row]) -> None:
    for row in rows:
        kinds = frozenset(PartyKind(k.strip()) for k in row["kinds"].split(","))
        tables.anaphors[row["noun"].lower()] = (kinds, row["country"] or None)


def _load_nonparties(tables: _Tables, rows: Iterable[Row]) -> None:
    tables.nonparties |= {row["surface"].casefold() for row in rows}


def _finish_countries(tables: _Tables) -> None:
    """Country words become government aliases (after the name overrides are read)."""
    for word, code in tables.country_words.items():
        name = tables.country_names.get(code)
        if name is None or word in tables.aliases:
            continue
        entry = Entry(name, PartyKind.GOVERNMENT, code)
        tables.aliases[word] = entry
        tables.labelled.append((word, entry, "GPE"))


def _load_descriptors(tables: _Tables, rows: Iterable[Row]) -> None:
    tables.descriptor_rows.extend(rows)


def _finish_descriptors(tables: _Tables, source: str) -> None:
    """Descriptors name bodies listed elsewhere, so they are linked after every table is read."""
    by_name = {entry.name: entry for entry in tables.aliases.values()}
    for row in tables.descriptor_rows:
        entry = by_name.get(row["name"])
        if entry is None:
            raise ConfigError(source, f"descriptor names unknown party {row['name']!r}")
        tables.descriptors[(row["country"], row["descriptor"].lower())] = entry


_LOADERS = {
    "descriptors": _load_descriptors,
    "country_names": _load_country_names,
    "country_aliases": _load_country_words,
    "capitals": _load_country_words,
    "demonyms": _load_demonyms,
    "institutions": _load_institutions,
    "anaphors": _load_anaphors,
    "nonparties": _load_nonparties,
}


@functools.cache
def _default_resolver() -> PartyResolver:
    return PartyResolver.load(default_models_dir())


@functools.cache
def _subdivisions() -> dict[str, str]:
    """Subdivision name -> country code ("California" -> "US"), built on first use."""
    return {sub.name: sub.country_code for sub in pycountry.subdivisions}


# --- string helpers -------------------------------------------------------------------------


def _clean(surface: str) -> str:
    text = re.sub(r"\s+", " ", surface).strip(' \t\n"“”‘,;:()[]')
    return text.removesuffix("'").removesuffix("’")


def _drop_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


def _variants(text: str) -> Iterable[str]:
    yield text
    bare = _drop_the(text)
    if bare != text:
        yield bare
    unpossessed = re.sub(r"['’]s$", "", bare)
    if unpossessed != bare:
        yield unpossessed


def _content_words(text: str) -> list[str]:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return words


def _head(words: list[str]) -> str:
    """The head noun: the word before "of"/"in"/"for" ("operators of critical
    infrastructure", "court in Antofagasta"), else the last word."""
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in _HEAD_BREAKS:
            return words[index - 1].rstrip(",")
    return words[-1]


def _group_name(surface: str) -> str:
    """An unnamed group keeps its text; a sentence-initial capital on a determiner goes
    ("Other Chinese enterprises" -> "other Chinese enterprises")."""
    name = _drop_the(surface.strip())
    first = name.split(" ", 1)[0]
    if first.lower() in _DETERMINERS and first[:1].isupper() and first[1:].islower():
        return first.lower() + name[len(first) :]
    return name


def _is_plural(word: str) -> bool:
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith("ss")


def strip_legal_suffixes(name: str) -> str:
    """ "Alibaba Group Holding Ltd." -> "Alibaba"; "Apple, Inc." -> "Apple" (for alias lookup)."""
    return _strip(name, LEGAL_SUFFIXES)


def strip_legal_forms(name: str) -> str:
    """Only legal forms go ("Meridian Media Group plc" -> "Meridian Media Group"): the name an
    unknown company keeps, since "Group" or "Holdings" may be part of how it is known."""
    return _strip(name, LEGAL_SUFFIXES - CORPORATE_WORDS)


def _strip(name: str, suffixes: frozenset[str]) -> str:
    words = _drop_the(name).split()
    while len(words) > 1 and _suffix_key(words[-1]) in suffixes:
        words.pop()
        if words and words[-1] in {"&", "and"}:
            words.pop()
    return " ".join(words).rstrip(",")


def _suffix_key(word: str) -> str:
    return word.lower().replace(".", "").strip(",()")
