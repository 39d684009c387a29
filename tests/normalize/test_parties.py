"""Party canonicalization, data-driven aliases, entity patterns and in-article coreference."""

import shutil
from pathlib import Path

import pytest

from clearance.errors import ConfigError
from clearance.normalize.parties import PartyResolver, PartyTracker, strip_legal_suffixes
from clearance.records import Party, PartyKind

from .conftest import MODELS

K = PartyKind
RESOLVED = [
    (
        "NSW Independent Planning Commission",
        "ORG",
        "Independent Planning Commission",
        K.REGULATOR,
        "AU",
    ),
    ("Liquor & Gaming NSW", "ORG", "Liquor & Gaming NSW", K.REGULATOR, "AU"),
    # a country's own body with a name another country's table entry abbreviates; a named
    # body whose name has "and" in it is still a named regulator, not its country
    ("Thailand's Securities and Exchange Commission", "ORG", "SEC", K.REGULATOR, "TH"),
    (
        "Finnish Transport and Communications Agency",
        None,
        "Finnish Transport and Communications Agency",
        K.REGULATOR,
        "FI",
    ),
    # countries, short names, capitals
    ("Beijing", None, "China", K.GOVERNMENT, "CN"),
    ("China", "GPE", "China", K.GOVERNMENT, "CN"),
    ("United States", "GPE", "United States", K.GOVERNMENT, "US"),
    ("U.S.", "GPE", "United States", K.GOVERNMENT, "US"),
    ("US", "GPE", "United States", K.GOVERNMENT, "US"),
    ("America", "GPE", "United States", K.GOVERNMENT, "US"),
    ("the United States", "GPE", "United States", K.GOVERNMENT, "US"),
    ("Washington", "GPE", "United States", K.GOVERNMENT, "US"),
    ("the UK", "GPE", "United Kingdom", K.GOVERNMENT, "GB"),
    ("Britain", "GPE", "United Kingdom", K.GOVERNMENT, "GB"),
    ("South Korea", "GPE", "South Korea", K.GOVERNMENT, "KR"),
    ("Russia", "GPE", "Russia", K.GOVERNMENT, "RU"),
    ("Taiwan", "GPE", "Taiwan", K.GOVERNMENT, "TW"),
    ("Tokyo", "GPE", "Japan", K.GOVERNMENT, "JP"),
    ("New Delhi", "GPE", "India", K.GOVERNMENT, "IN"),
    ("Germany", "GPE", "Germany", K.GOVERNMENT, "DE"),
    ("Vietnam", "GPE", "Vietnam", K.GOVERNMENT, "VN"),
    ("Kremlin", "ORG", "Russia", K.GOVERNMENT, "RU"),
    ("the White House", "ORG", "United States", K.GOVERNMENT, "US"),
    # demonym or country word + institution -> the country
    ("Chinese customs officials", None, "China", K.GOVERNMENT, "CN"),
    ("U.S. authorities", None, "United States", K.GOVERNMENT, "US"),
    ("the Dutch government", None, "Netherlands", K.GOVERNMENT, "NL"),
    ("Japan's trade ministry", None, "Japan", K.GOVERNMENT, "JP"),
    ("China's commerce ministry", None, "China", K.GOVERNMENT, "CN"),
    ("China’s commerce ministry", None, "China", K.GOVERNMENT, "CN"),
    ("Chinese customs", None, "China", K.GOVERNMENT, "CN"),
    ("the U.S. Commerce Department", None, "United States", K.GOVERNMENT, "US"),
    ("South Korean officials", None, "South Korea", K.GOVERNMENT, "KR"),
    ("Beijing's regulators", None, "China", K.GOVERNMENT, "CN"),
    ("German authorities", None, "Germany", K.GOVERNMENT, "DE"),
    ("MOFCOM", "ORG", "China", K.GOVERNMENT, "CN"),
    ("Ministry of Commerce of China", "ORG", "China", K.GOVERNMENT, "CN"),
    ("DOJ", "ORG", "United States", K.GOVERNMENT, "US"),
    # named regulators keep their short name
    ("FDA", "ORG", "FDA", K.REGULATOR, "US"),
    ("U.S. Food and Drug Administration", "ORG", "FDA", K.REGULATOR, "US"),
    ("the U.S. FDA", "ORG", "FDA", K.REGULATOR, "US"),
    ("European Medicines Agency", "ORG", "EMA", K.REGULATOR, "EU"),
    ("EMA", "ORG", "EMA", K.REGULATOR, "EU"),
    ("the European Commission", "ORG", "European Commission", K.REGULATOR, "EU"),
    ("Brussels", "GPE", "European Commission", K.REGULATOR, "EU"),
    ("Competition and Markets Authority", "ORG", "CMA", K.REGULATOR, "GB"),
    ("Britain's Competition and Markets Authority", "ORG", "CMA", K.REGULATOR, "GB"),
    ("Federal Trade Commission", "ORG", "FTC", K.REGULATOR, "US"),
    ("CFIUS", "ORG", "CFIUS", K.REGULATOR, "US"),
    ("SAMR", "ORG", "SAMR", K.REGULATOR, "CN"),
    ("State Administration for Market Regulation", "ORG", "SAMR", K.REGULATOR, "CN"),
    ("Cyberspace Administration of China", "ORG", "CAC", K.REGULATOR, "CN"),
    ("Bureau of Industry and Security", "ORG", "United States", K.GOVERNMENT, "US"),
    ("Ofcom", "ORG", "Ofcom", K.REGULATOR, "GB"),
    ("Bundeskartellamt", "ORG", "Bundeskartellamt", K.REGULATOR, "DE"),
    ("Germany's cartel office", "ORG", "Bundeskartellamt", K.REGULATOR, "DE"),
    ("Japan Fair Trade Commission", "ORG", "JFTC", K.REGULATOR, "JP"),
    ("Health Canada", "ORG", "Health Canada", K.REGULATOR, "CA"),
    ("CHMP", "ORG", "EMA", K.REGULATOR, "EU"),
    # courts and international bodies
    ("the EU General Court", "ORG", "General Court", K.COURT, "EU"),
    ("U.S. Supreme Court", "ORG", "U.S. Supreme Court", K.COURT, "US"),
    ("a Chinese court", None, "Chinese court", K.COURT, "CN"),
    ("WTO", "ORG", "WTO", K.INTERNATIONAL, None),
    ("World Trade Organization", "ORG", "WTO", K.INTERNATIONAL, None),
    ("the EU", "ORG", "European Union", K.INTERNATIONAL, "EU"),
    ("European Union", "ORG", "European Union", K.INTERNATIONAL, "EU"),
    ("EU Council", "ORG", "Council of the European Union", K.INTERNATIONAL, "EU"),
    # companies, suffixes and aliases
    ("ByteDance", "ORG", "ByteDance", K.COMPANY, "CN"),
    ("Alibaba", "ORG", "Alibaba", K.COMPANY, "CN"),
    ("Tencent", "ORG", "Tencent", K.COMPANY, "CN"),
    ("Nvidia", "ORG", "Nvidia", K.COMPANY, "US"),
    ("Nvidia Corp.", "ORG", "Nvidia", K.COMPANY, "US"),
    ("NVIDIA", "ORG", "Nvidia", K.COMPANY, "US"),
    ("Nvidia’s", "ORG", "Nvidia", K.COMPANY, "US"),
    ("Alibaba Group Holding", "ORG", "Alibaba", K.COMPANY, "CN"),
    ("Alibaba Group Holding Ltd.", "ORG", "Alibaba", K.COMPANY, "CN"),
    ("TSMC", "ORG", "TSMC", K.COMPANY, "TW"),
    ("Taiwan Semiconductor Manufacturing Co", "ORG", "TSMC", K.COMPANY, "TW"),
    ("Taiwan Semiconductor Manufacturing Co., Ltd.", "ORG", "TSMC", K.COMPANY, "TW"),
    ("ASML Holding N.V.", "ORG", "ASML", K.COMPANY, "NL"),
    ("Samsung Electronics Co", "ORG", "Samsung Electronics", K.COMPANY, "KR"),
    ("Microsoft Corporation", "ORG", "Microsoft", K.COMPANY, "US"),
    ("Apple Inc.", "ORG", "Apple", K.COMPANY, "US"),
    ("Apple, Inc.", "ORG", "Apple", K.COMPANY, "US"),
    ("Novo Nordisk A/S", "ORG", "Novo Nordisk", K.COMPANY, "DK"),
    ("Siemens AG", "ORG", "Siemens", K.COMPANY, "DE"),
    ("The Walt Disney Company", "ORG", "Walt Disney", K.COMPANY, "US"),
    ("Chinese tech giant Huawei", None, "Huawei", K.COMPANY, "CN"),
    ("Acme Widgets Inc.", "ORG", "Acme Widgets", K.COMPANY, None),
    ("Zeta Holdings plc", "ORG", "Zeta Holdings", K.COMPANY, None),
    ("Meridian Media Group", "ORG", "Meridian Media Group", K.COMPANY, None),
    # descriptors, parts of bodies, states, office holders
    ("China's internet regulator", None, "CAC", K.REGULATOR, "CN"),
    ("China's antitrust regulator", None, "SAMR", K.REGULATOR, "CN"),
    ("Britain's competition watchdog", None, "CMA", K.REGULATOR, "GB"),
    ("Turkey's competition board", None, "Turkish Competition Authority", K.REGULATOR, "TR"),
    ("Singapore's central bank", None, "MAS", K.REGULATOR, "SG"),
    ("The EMA's human medicines committee", None, "EMA", K.REGULATOR, "EU"),
    ("World Trade Organization arbitrators", None, "WTO", K.INTERNATIONAL, None),
    ("Dubai's Virtual Assets Regulatory Authority", None, "VARA", K.REGULATOR, "AE"),
    ("Western Australia's Environment Minister", None, "Western Australia", K.GOVERNMENT, "AU"),
    ("Brazil's foreign trade chamber", None, "Brazil", K.GOVERNMENT, "BR"),
    (
        "a Chinese-backed cryptocurrency miner",
        None,
        "a Chinese-backed cryptocurrency miner",
        K.GROUP,
        "CN",
    ),
    ("Chinese airlines", None, "Chinese airlines", K.GROUP, "CN"),
    ("a previous Chinese-owned buyer", None, "a previous Chinese-owned buyer", K.GROUP, "CN"),
    (
        "a Chinese state-owned shipping group",
        None,
        "a Chinese state-owned shipping group",
        K.GROUP,
        "CN",
    ),
    (
        "India's Directorate of Plant Protection, Quarantine and Storage",
        None,
        "India",
        K.GOVERNMENT,
        "IN",
    ),
    (
        "Public Utilities Commission of Ohio",
        "ORG",
        "Public Utilities Commission of Ohio",
        K.REGULATOR,
        "US",
    ),
    ("Competition Authority of Kenya", "ORG", "Competition Authority of Kenya", K.REGULATOR, "KE"),
    ("Ministry of Finance of Japan", "ORG", "Japan", K.GOVERNMENT, "JP"),
    (
        "operators of critical information infrastructure",
        None,
        "operators of critical information infrastructure",
        K.GROUP,
        None,
    ),
    # unnamed groups keep their text
    ("other Chinese enterprises", None, "other Chinese enterprises", K.GROUP, "CN"),
    ("major Chinese tech firms", None, "major Chinese tech firms", K.GROUP, "CN"),
    ("U.S. chipmakers", None, "U.S. chipmakers", K.GROUP, "US"),
    ("other enterprises", None, "other enterprises", K.GROUP, None),
    # label hints
    ("Jensen Huang", "PERSON", "Jensen Huang", K.PERSON, None),
    ("California", "GPE", "California", K.GOVERNMENT, "US"),
]
NOT_PARTIES = [
    ("AI", "ORG"),
    ("January", "DATE"),
    ("Tuesday", None),
    ("News.Az", "ORG"),
    ("Reuters", "ORG"),
    ("px", None),
    ("", None),
    ("Authorities", None),
    ("the Commerce Department", "ORG"),
    ("the company", None),
    ("apple", None),
    ("Springfield", "GPE"),
    ("Nvidia president", None),
    ("President Donald Trump", "PERSON"),
    ("Department of Agriculture", "ORG"),
]


@pytest.mark.parametrize(("surface", "label", "name", "kind", "country"), RESOLVED)
def test_resolve(
    resolver: PartyResolver,
    surface: str,
    label: str | None,
    name: str,
    kind: PartyKind,
    country: str | None,
) -> None:
    party = resolver.resolve(surface, label)
    assert party is not None
    assert (party.name, party.kind, party.country) == (name, kind, country)
    assert party.mentions == [surface]


@pytest.mark.parametrize(("surface", "label"), NOT_PARTIES)
def test_not_parties(resolver: PartyResolver, surface: str, label: str | None) -> None:
    assert resolver.resolve(surface, label) is None


@pytest.mark.parametrize(
    ("surface", "country", "name"),
    [
        ("Authorities", "CN", "China"),
        ("the Commerce Department", "US", "United States"),
        ("customs officials", "CN", "China"),
        ("the government", "NL", "Netherlands"),
        ("Nvidia", "CN", "Nvidia"),
        ("The competition watchdog", "AU", "ACCC"),
        ("Foreign Affairs Minister Claire Beaulieu", "CA", "Canada"),
        ("President Donald Trump", "US", "United States"),
        ("Department of Agriculture", "PH", "Philippines"),
        ("The Federal Security Council", "DE", "Germany"),
        ("the Treasurer", "AU", "Australia"),
        ("importers", "PH", "importers"),
        ("environmental court in Antofagasta", "CL", "environmental court in Antofagasta"),
        ("the Ministry of Commerce", "CN", "China"),
    ],
)
def test_resolve_in_context(resolver: PartyResolver, surface: str, country: str, name: str) -> None:
    party = resolver.resolve_in_context(surface, country)
    assert party is not None and party.name == name
    assert party.country == country or party.kind is not K.GOVERNMENT


def test_in_context_needs_a_country(resolver: PartyResolver) -> None:
    assert resolver.resolve_in_context("Authorities", None) is None


@pytest.mark.parametrize(
    "surface", ["Nvidia's board", "Alibaba Group Holding's board", "the group"]
)
def test_in_context_company_bodies_are_not_public(resolver: PartyResolver, surface: str) -> None:
    assert resolver.resolve_in_context(surface, "CN") is None


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Nvidia Corp.", "Nvidia"),
        ("Alibaba Group Holding Ltd.", "Alibaba"),
        ("Foo & Co.", "Foo"),
        ("Group", "Group"),
        ("Bar S.A.", "Bar"),
        ("Baz GmbH", "Baz"),
    ],
)
def test_strip_legal_suffixes(name: str, stripped: str) -> None:
    assert strip_legal_suffixes(name) == stripped


def test_adding_an_alias_is_one_line(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    before = PartyResolver.load(models)
    assert before.resolve("Quuxonic Semiconductors") is None
    with (models / "parties" / "companies.tsv").open("a", encoding="utf-8") as table:
        table.write("Quuxonic Semiconductors\tQuuxonic\tcompany\tSG\n")
    after = PartyResolver.load(models)
    party = after.resolve("Quuxonic Semiconductors")
    assert party == Party(
        name="Quuxonic", kind=K.COMPANY, country="SG", mentions=["Quuxonic Semiconductors"]
    )
    patterns = after.entity_patterns()
    assert {"label": "COMPANY", "pattern": "Quuxonic Semiconductors", "id": "Quuxonic"} in patterns


def test_adding_a_demonym_is_one_line(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    with (models / "parties" / "demonyms.tsv").open("a", encoding="utf-8") as table:
        table.write("Ruritanian\tRO\n")
    party = PartyResolver.load(models).resolve("Ruritanian customs officials")
    assert party is not None and (party.name, party.country) == ("Romania", "RO")


def test_missing_tables_are_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        PartyResolver.load(tmp_path)


def test_bad_kind_is_a_config_error(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(MODELS, models)
    with (models / "parties" / "companies.tsv").open("a", encoding="utf-8") as table:
        table.write("Foo\tFoo\tcorporation\tUS\n")
    with pytest.raises(ConfigError):
        PartyResolver.load(models)


def test_entity_patterns_shape(resolver: PartyResolver) -> None:
    patterns = resolver.entity_patterns()
    labels = {p["label"] for p in patterns}
    assert labels == {"COMPANY", "REGULATOR", "GPE", "AUTHORITY", "COURT", "INTL"}
    assert {"label": "COMPANY", "pattern": "Nvidia", "id": "Nvidia"} in patterns
    assert {"label": "REGULATOR", "pattern": "Brussels", "id": "European Commission"} in patterns
    assert {"label": "GPE", "pattern": "Beijing", "id": "China"} in patterns
    assert not any(
        isinstance(p["pattern"], str) and p["pattern"].startswith("the ") for p in patterns
    )


def test_entity_patterns_in_a_ruler(resolver: PartyResolver) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(resolver.entity_patterns())
    doc = nlp(
        "Until recently, Chinese customs officials had blocked entry, while China's commerce "
        "ministry and Nvidia Corp stayed quiet; apple growers in Beijing and the FDA too."
    )
    found = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Chinese customs officials", "AUTHORITY", "China") in found
    assert ("China's commerce ministry", "AUTHORITY", "China") in found
    assert ("Beijing", "GPE", "China") in found
    assert ("FDA", "REGULATOR", "FDA") in found
    assert not any(text == "apple" for text, _, _ in found)


def test_tracker_resolves_anaphors(resolver: PartyResolver) -> None:
    tracker = resolver.tracker()
    for surface in ["Nvidia", "China", "CMA", "the EU", "European Commission"]:
        party = resolver.resolve(surface)
        assert party is not None
        tracker.observe(party)
    expect = {
        "the company": "Nvidia",
        "the chipmaker": "Nvidia",
        "The firm": "Nvidia",
        "the regulator": "European Commission",
        "the watchdog": "European Commission",
        "the government": "China",
        "the ministry": "China",
        "the bloc": "European Commission",
        "the US chipmaker": "Nvidia",
    }
    for phrase, name in expect.items():
        party = tracker.resolve_anaphor(phrase)
        assert party is not None and party.name == name, phrase
    assert tracker.resolve_anaphor("the court") is None
    assert tracker.resolve_anaphor("the weather") is None
    assert tracker.resolve_anaphor("the Chinese chipmaker") is None


def test_tracker_prefers_most_recent(resolver: PartyResolver) -> None:
    tracker = PartyTracker()
    for surface in ["Nvidia", "Alibaba"]:
        party = resolver.resolve(surface)
        assert party is not None
        tracker.observe(party)
    found = tracker.resolve_anaphor("the company")
    assert found is not None and found.name == "Alibaba"
    nvidia = resolver.resolve("Nvidia Corp.")
    assert nvidia is not None
    tracker.observe(nvidia)
    found = tracker.resolve_anaphor("the company")
    assert found is not None and found.name == "Nvidia"
    assert [p.name for p in tracker.parties] == ["Alibaba", "Nvidia"]


def test_table_has_hundreds_of_companies(resolver: PartyResolver) -> None:
    names = {p["id"] for p in resolver.entity_patterns() if p["label"] == "COMPANY"}
    assert len(names) >= 300


def test_patterns_do_not_depend_on_the_hash_seed() -> None:
    """Batch workers are separate processes: their rulers must get the same pattern order."""
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, json, pathlib;"
        "from clearance.normalize.parties import PartyResolver;"
        f"r = PartyResolver.load(pathlib.Path({str(MODELS)!r}));"
        "print(hashlib.sha256(json.dumps(r.entity_patterns()).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1
