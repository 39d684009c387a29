"""The lexicon's forms drive both the prefilter and the trigger matcher."""

import pytest

from clearance.pipeline.lexicon import inflections, load_lexicon
from clearance.pipeline.units import split_units

from .conftest import MODELS


@pytest.mark.parametrize(
    ("lemma", "pos", "form"),
    [
        ("approve", "VERB", "approved"),
        ("approve", "VERB", "approving"),
        ("ban", "VERB", "banned"),
        ("bar", "VERB", "barring"),
        ("clear", "VERB", "cleared"),
        ("deny", "VERB", "denies"),
        ("approval", "NOUN", "approvals"),
        ("inquiry", "NOUN", "inquiries"),
    ],
)
def test_inflections_cover_regular_forms(lemma: str, pos: str, form: str) -> None:
    assert form in inflections(lemma, pos)


def test_irregular_forms_come_from_the_table() -> None:
    lexicon = load_lexicon(MODELS)
    assert "withdrew" in lexicon.triggers[("withdraw", "VERB")].forms
    assert "sought" in lexicon.triggers[("seek", "VERB")].forms


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Regulators approved the deal.", True),
        ("The U.S.-approved sale went ahead.", True),
        ("Beijing GREEN-LIT the purchase.", True),
        ("The weather was clear and sunny.", True),
        ("Earnings rose 4% in the quarter.", False),
        ("The disapproving look said it all.", False),
    ],
)
def test_prefilter_pattern(text: str, hit: bool) -> None:
    pattern = load_lexicon(MODELS).prefilter_pattern()
    assert bool(pattern.search(text)) is hit


def test_split_units_keeps_offsets_and_cuts_long_lines() -> None:
    long_line = "The ministry said it would decide soon. " * 150
    text = "Title\n\nFirst para. Second sentence.\n" + long_line
    units = split_units(text)
    assert text[units[0][0] : units[0][1]] == "Title"
    assert text[units[1][0] : units[1][1]] == "First para. Second sentence."
    assert len(units) > 3
    assert all(end - start <= 2_000 for start, end in units)
    assert all(text[start:end].strip() for start, end in units)
