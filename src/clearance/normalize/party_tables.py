"""The party tables under ``models/parties``, read once into dicts the resolver looks up.

Each file is TSV with a header row, one entry per line (see ``models/parties/README.md``).
Named tables (demonyms, institutions, ...) have their own columns; any other file with the
columns ``alias, name, kind, country`` adds aliases, so a new domain can get its own file.
"""

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from clearance.errors import ConfigError
from clearance.normalize.tables import Row, read_tsv
from clearance.records import Party, PartyKind

log = logging.getLogger(__name__)

LABELS = {
    PartyKind.COMPANY: "COMPANY",
    PartyKind.REGULATOR: "REGULATOR",
    PartyKind.GOVERNMENT: "AUTHORITY",
    PartyKind.COURT: "COURT",
    PartyKind.INTERNATIONAL: "INTL",
}
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
class PartyTables:
    """Everything the resolver looks up, keyed for dict access."""

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


def load_tables(models_dir: Path) -> PartyTables:
    """Read every table under ``models_dir/parties`` (or ``models_dir`` itself).

    Raises:
        ConfigError: the directory or a required table is missing or malformed.
    """
    parties = models_dir / "parties"
    if not parties.is_dir():
        parties = models_dir
    if not (parties / "demonyms.tsv").is_file():
        raise ConfigError(str(models_dir), "no parties tables (models/parties/*.tsv)")
    tables = PartyTables()
    _load_countries(tables)
    for path in sorted(parties.glob("*.tsv")):
        _load_table(tables, path)
    _finish_countries(tables)
    _finish_descriptors(tables, str(parties / "descriptors.tsv"))
    outlets = models_dir / Path(*_OUTLETS_FILE)
    if outlets.is_file():
        tables.nonparties |= {row["alias"].casefold() for row in read_tsv(outlets)}
    log.info("loaded %d party aliases from %s", len(tables.aliases), parties)
    return tables


# --- loading --------------------------------------------------------------------------------


def _load_countries(tables: PartyTables) -> None:
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


def _load_table(tables: PartyTables, path: Path) -> None:
    rows = read_tsv(path)
    loader = _LOADERS.get(path.stem)
    if loader is not None:
        loader(tables, rows)
    elif rows and list(rows[0]) == _ALIAS_COLUMNS:
        _load_aliases(tables, rows, str(path))
    elif rows:
        raise ConfigError(str(path), f"unknown parties table columns {list(rows[0])}")


def _load_aliases(tables: PartyTables, rows: Iterable[Row], source: str) -> None:
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


def _load_country_names(tables: PartyTables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.country_names[row["code"]] = row["name"]


def _load_country_words(tables: PartyTables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.country_words[row["alias"]] = row["code"]


def _load_demonyms(tables: PartyTables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.demonyms[row["alias"]] = row["code"]


def _load_institutions(tables: PartyTables, rows: Iterable[Row]) -> None:
    for row in rows:
        tables.institutions[row["head"].lower()] = PartyKind(row["kind"])


def _load_anaphors(tables: PartyTables, rows: Iterable[Row]) -> None:
    for row in rows:
        kinds = frozenset(PartyKind(k.strip()) for k in row["kinds"].split(","))
        tables.anaphors[row["noun"].lower()] = (kinds, row["country"] or None)


def _load_nonparties(tables: PartyTables, rows: Iterable[Row]) -> None:
    tables.nonparties |= {row["surface"].casefold() for row in rows}


def _finish_countries(tables: PartyTables) -> None:
    """Country words become government aliases (after the name overrides are read)."""
    for word, code in tables.country_words.items():
        name = tables.country_names.get(code)
        if name is None or word in tables.aliases:
            continue
        entry = Entry(name, PartyKind.GOVERNMENT, code)
        tables.aliases[word] = entry
        tables.labelled.append((word, entry, "GPE"))


def _load_descriptors(tables: PartyTables, rows: Iterable[Row]) -> None:
    tables.descriptor_rows.extend(rows)


def _finish_descriptors(tables: PartyTables, source: str) -> None:
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
def subdivisions() -> dict[str, str]:
    """Subdivision name -> country code ("California" -> "US"), built on first use."""
    return {sub.name: sub.country_code for sub in pycountry.subdivisions}
