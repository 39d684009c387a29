"""Public bodies named only in the article: names, acronyms, courts, ministries."""

from pathlib import Path

import pytest

from clearance.normalize.parties import PartyResolver
from clearance.pipeline.institutions import find_institutions

MODELS = Path(__file__).resolve().parents[2] / "models"


@pytest.fixture(scope="module")
def resolver() -> PartyResolver:
    return PartyResolver.load(MODELS)


@pytest.mark.parametrize(
    ("text", "surface", "name", "kind", "country"),
    [
        (
            "The Nigerian Communications Commission refused. The NCC said so.",
            "Nigerian Communications Commission",
            "NCC",
            "regulator",
            "NG",
        ),
        (
            "The Bank of Lithuania has revoked the licence.",
            "Bank of Lithuania",
            "Bank of Lithuania",
            "regulator",
            "LT",
        ),
        (
            "Dubai's Virtual Assets Regulatory Authority (VARA) granted a licence.",
            "VARA",
            "VARA",
            "regulator",
            "AE",
        ),
        (
            "A judge of the US Bankruptcy Court for the District of Delaware approved the sale.",
            "US Bankruptcy Court for the District of Delaware",
            "US Bankruptcy Court for the District of Delaware",
            "court",
            "US",
        ),
    ],
)
def test_named_bodies(
    resolver: PartyResolver, text: str, surface: str, name: str, kind: str, country: str
) -> None:
    party = find_institutions(text, resolver).match(surface)
    assert party is not None
    assert (party.name, party.kind.value, party.country) == (name, kind, country)


def test_a_ministry_is_its_country(resolver: PartyResolver) -> None:
    party = find_institutions("Japan's Ministry of Economy approved it.", resolver).match(
        "Ministry of Economy"
    )
    assert party is not None and party.name == "Japan"


def test_sentence_boundaries_stop_a_name(resolver: PartyResolver) -> None:
    found = find_institutions("He flew to Washington. The Federal Trade Commission sued.", resolver)
    assert all("Washington" not in surface for surface in found.by_surface)


def test_names_are_whole_words(resolver: PartyResolver) -> None:
    """ "eSafety Commissioner" is a known office, not an unknown "Safety Commission"."""
    found = find_institutions("The eSafety Commissioner ordered the apps removed.", resolver)
    assert "Safety Commission" not in found.by_surface


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("Norway's Foreign Investment Office (NFIO) cleared the bid.", "NFIO", "NFIO", "NO"),
        ("The Medicines Evaluation Board (CBG) approved it.", "CBG", "CBG", "NL"),
        ("Poland's Office of Electronic Communications (UKE) said.", "UKE", "UKE", "PL"),
    ],
)
def test_office_or_board_with_its_own_acronym_is_a_regulator(
    text: str, surface: str, name: str, country: str, resolver: PartyResolver
) -> None:
    party = find_institutions(text, resolver).match(surface)
    assert party is not None
    assert (party.name, party.kind.value, party.country) == (name, "regulator", country)


def test_a_board_without_an_acronym_is_no_body(resolver: PartyResolver) -> None:
    assert find_institutions("The Supervisory Board met.", resolver).by_surface == {}


def test_a_cut_short_entity_is_covered_by_the_full_name(resolver: PartyResolver) -> None:
    text = "Poland's Office of Electronic Communications (UKE) awarded licences."
    party = find_institutions(text, resolver).covering(0, len("Poland's Office"))
    assert party is not None and party.name == "UKE"


def test_a_listed_name_its_acronym_closes(resolver: PartyResolver) -> None:
    text = "The National Agency of Medicines, Food and Health Technology (ANMAT) said so."
    party = find_institutions(text, resolver).match("ANMAT")
    assert party is not None and party.name == "ANMAT"
    assert find_institutions("The Ministry of Health, Kenya said.", resolver).by_surface == {}
