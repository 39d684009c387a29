"""Canonical parties: the surface text of a mention -> one Party per government, body or company.

Every name, alias, demonym and institution word lives in ``models/parties/*.tsv`` (one alias a
line), so adding an alias is a data change. The same tables yield the spaCy EntityRuler
patterns (:meth:`PartyResolver.entity_patterns`), so recognition and canonicalization never
disagree. ``resolve`` runs on every entity of every article: it does a handful of dict lookups
and never scans the tables.

Resolution order for a surface string:

1. page chrome, non-party words and news outlets -> ``None``;
2. an exact alias (companies, regulators, governments, courts, international bodies,
   countries, capitals), then without a leading "the" or a possessive "'s", then case-folded
   when the surface has capitals ("NVIDIA"); then the same after stripping legal suffixes
   ("Alibaba Group Holding Ltd." -> "Alibaba");
3. a country (or state) word plus the rest: a known name in the rest is that name ("U.S.
   FDA"), a descriptor is its body ("China's internet regulator" -> CAC, ``descriptors.tsv``),
   a government head noun or an office holder is the country itself ("U.S. authorities",
   "Japan's trade ministry", "Western Australia's Environment Minister"; RECORD.md), a court
   head a court, a business noun an unnamed group ("other Chinese enterprises");
4. a body named for a place ("Public Utilities Commission of Ohio"), or a part of a known body
   ("The EMA's human medicines committee" -> EMA, "WTO arbitrators" -> WTO);
5. a plural business noun alone is an unnamed group ("tech firms");
6. the entity label as a last hint: ORG/COMPANY -> company (legal form stripped, "Group" kept,
   no country), PERSON -> person, GPE -> a subdivision ("California") if pycountry knows it.

Generic institutions and office holders with no country in the string ("Authorities", "the
Commerce Department", "the Treasurer") are ``None`` here; :meth:`PartyResolver.resolve_in_context`
reads them as the article's country.
"""

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clearance.normalize.party_names import (
    AFFILIATION,
    POSSESSIVE,
    REGULATOR_HEADS,
    ROLES,
    TITLES,
    clean,
    content_words,
    drop_the,
    group_name,
    head_word,
    is_plural,
    strip_legal_forms,
    strip_legal_suffixes,
    variants,
)
from clearance.normalize.party_tables import Entry, PartyTables, load_tables, subdivisions
from clearance.records import Party, PartyKind
from clearance.settings import default_models_dir


class PartyResolver:
    """Resolves mention text to canonical parties from the ``models/parties`` tables."""

    def __init__(self, tables: PartyTables) -> None:
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
        return cls(load_tables(models_dir))

    @classmethod
    def default(cls) -> "PartyResolver":
        """One resolver per process over the default ``models/`` directory."""
        return _default_resolver()

    # --- resolution ---------------------------------------------------------------------

    def resolve(self, surface: str, label: str | None = None) -> Party | None:
        """The canonical party ``surface`` names, or ``None`` if it is not a party."""
        text = clean(surface)
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
        words = content_words(clean(surface))
        if not words or self._names_company(words):
            return None  # "Nvidia's board" approves nothing public
        described = self._described(default_country, words, surface.strip())
        if described is not None:
            return described
        kind = self._t.institutions.get(head_word(words).lower())
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
        text = AFFILIATION.sub("", POSSESSIVE.sub("", word.strip()))
        found = self._t.demonyms.get(text) or self._t.country_words.get(text)
        return found or self._demonyms_folded.get(text.casefold())

    def country_in(self, text: str) -> str | None:
        """The first country a capitalised word of ``text`` names ("Peru's civil aviation
        authority" -> PE, "US bankruptcy judge" -> US)."""
        for word in text.replace("'s", " ").replace("’s", " ").split():
            code = self.country_of(word) if word[:1].isupper() else None
            if code:
                return code
        return None

    def tracker(self) -> "PartyTracker":
        """A fresh coreference tracker for one article, sharing these tables."""
        return PartyTracker(self._t.anaphors, self.country_of)

    def _lookup(self, text: str) -> Entry | None:
        aliases = self._t.aliases
        for candidate in variants(text):
            entry = aliases.get(candidate)
            if entry is None and not candidate.islower():
                entry = self._folded.get(candidate.casefold())
            if entry is not None:
                return entry
        return None

    def _compound(self, text: str, surface: str) -> Party | None:
        """A country (or state) word plus the rest, or a known body plus a part of it."""
        words = content_words(text)
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            prefix = " ".join(words[:size])
            state = subdivisions().get(POSSESSIVE.sub("", prefix))
            code = None if state and size > 1 else self.country_of(prefix)  # "New Jersey"
            if code is not None:
                return self._with_country(code, words[size:], surface)
            if state is not None and _named_body(words[size:]):
                name = drop_the(surface).replace("'s ", " ").replace("’s ", " ")
                return Party(name=name, kind=PartyKind.REGULATOR, country=state, mentions=[surface])
            if state is not None and self._is_public_head(words[size:]):
                return Party(
                    name=POSSESSIVE.sub("", prefix),
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
        state = None if code else subdivisions().get(place)
        head = head_word(words).lower()
        if code is None and state is None:
            return None
        if head in REGULATOR_HEADS:
            name = drop_the(surface)
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
            if entry is not None and start == 0 and _initials(rest) == entry.name:
                # "Thailand's Securities and Exchange Commission": Thailand's own SEC
                return Party(name=entry.name, kind=entry.kind, country=code, mentions=[surface])
        described = self._described(code, rest, surface)
        if described is not None:
            return described
        if _named_body(rest):  # "Egyptian Drug Authority": a named regulator, not the country
            owned = "'s " in surface or "’s " in surface  # "Turkey's Capital Markets Board"
            name = " ".join(rest) if owned else drop_the(surface)
            return Party(name=name, kind=PartyKind.REGULATOR, country=code, mentions=[surface])
        kind = self._t.institutions.get(head_word(rest).lower())
        if kind is PartyKind.GOVERNMENT or self._office_holder(rest):
            return self._country_party(code, surface)
        if kind is PartyKind.COURT:
            name = re.sub(r"^(?:an?|the|The|An?)\s+", "", surface)
            return Party(name=name, kind=kind, country=code, mentions=[surface])
        if kind is PartyKind.GROUP:
            return Party(name=group_name(surface), kind=kind, country=code, mentions=[surface])
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
            if POSSESSIVE.search(word) and word[-1] in "sS'’":
                owner = self._lookup(" ".join(words[: index + 1]))
                if owner is not None and owner.kind is not PartyKind.COMPANY:
                    return owner.party(surface)
                named = self._lookup(" ".join(words[index + 1 :]))
                if named is not None and named.kind is not PartyKind.COMPANY:
                    return named.party(surface)
        if len(words) > 1 and words[-1].lower() in ROLES:
            body = self._lookup(" ".join(words[:-1]))
            if body is not None and body.kind is not PartyKind.COMPANY:
                return body.party(surface)
        return None

    def _bare_group(self, words: list[str], surface: str) -> Party | None:
        head = head_word(words) if words else ""
        if not is_plural(head) or self._t.institutions.get(head.lower()) is not PartyKind.GROUP:
            return None
        return Party(name=group_name(surface), kind=PartyKind.GROUP, mentions=[surface])

    def _is_public_head(self, rest: list[str]) -> bool:
        if not rest:
            return False
        kind = self._t.institutions.get(head_word(rest).lower())
        return kind is PartyKind.GOVERNMENT or self._office_holder(rest)

    def _office_holder(self, words: list[str]) -> bool:
        """ "Foreign Affairs Minister Claire Beaulieu", "President X", "the Treasurer" — but
        not "Nvidia president", whose words name a company."""
        if not any(word.lower() in TITLES for word in words):
            return False
        return not any(self._is_company(word) for word in words)

    def _names_company(self, words: list[str]) -> bool:
        for index, word in enumerate(words):
            if self._is_company(word):
                return True
            if POSSESSIVE.search(word) and index:
                entry = self._lookup(" ".join(words[: index + 1]))
                if entry is not None and entry.kind is PartyKind.COMPANY:
                    return True
        return False

    def _is_company(self, word: str) -> bool:
        entry = self._t.aliases.get(POSSESSIVE.sub("", word))
        return entry is not None and entry.kind is PartyKind.COMPANY

    def _country_party(self, code: str, surface: str) -> Party | None:
        name = self._t.country_names.get(code)
        if name is None:
            return None
        kind = PartyKind.INTERNATIONAL if code == "EU" else PartyKind.GOVERNMENT
        return Party(name=name, kind=kind, country=code, mentions=[surface])

    def _by_label(self, text: str, surface: str, label: str | None) -> Party | None:
        words = content_words(text)
        head = head_word(words).lower() if words else ""
        if self._t.institutions.get(head) is PartyKind.GOVERNMENT or self._office_holder(words):
            return None  # "the Commerce Department": whose? resolve_in_context knows
        if label in {"ORG", "COMPANY"}:
            name = strip_legal_forms(drop_the(text))
            return Party(name=name, kind=PartyKind.COMPANY, mentions=[surface])
        simple = {
            "PERSON": PartyKind.PERSON,
            "REGULATOR": PartyKind.REGULATOR,
            "COURT": PartyKind.COURT,
            "INTL": PartyKind.INTERNATIONAL,
        }
        if label in simple:
            return Party(name=drop_the(text), kind=simple[label], mentions=[surface])
        if label == "GPE":
            code = subdivisions().get(text)
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
        words = content_words(clean(phrase).lower())
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


@functools.cache
def _default_resolver() -> PartyResolver:
    return PartyResolver.load(default_models_dir())


def _named_body(words: list[str]) -> bool:
    """ "Ohio Casino Control Commission": a state's own named regulator, not the state."""
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in _NAME_CONNECTORS for w in words)
        and head_word(words).lower() in REGULATOR_HEADS
    )


def _initials(words: list[str]) -> str:
    """ "Securities and Exchange Commission" -> "SEC": the acronym a name's words make."""
    return "".join(w[0] for w in words if w not in _NAME_CONNECTORS and w[:1].isupper())


_NAME_CONNECTORS = frozenset({"and", "&"})  # "Transport and Communications Agency"
