"""The verbless-sentence repair: a decision verb the parser hung as an adjective becomes the
main verb; a real adjective ("the certified model") is left alone."""

from spacy.language import Language
from spacy.tokens import Token

from clearance.pipeline.rules.repair import repair_verbless_sentences

MISREAD = (
    "The Thai Food and Drug Administration on Friday approved Dengvex, a dengue vaccine made"
    " by Bangkok-based Siam Biologics."
)


def _decision(token: Token) -> bool:
    return token.lemma_ in ("approve", "certify")


def test_misread_decision_verb_becomes_the_root(english: Language) -> None:
    doc = english(MISREAD)
    verb = next(t for t in doc if t.lower_ == "approved")
    assert verb.dep_ == "amod"  # what en_core_web_sm 3.8 reads; the repair's reason to exist
    repair_verbless_sentences(doc, _decision)
    assert verb.dep_ == "ROOT"
    assert {(c.text, c.dep_) for c in verb.children} >= {
        ("Administration", "nsubj"),
        ("Dengvex", "dobj"),
        ("on", "prep"),
    }
    assert len(list(doc.sents)) == 1


def test_adjective_after_a_determiner_is_left_alone(english: Language) -> None:
    doc = english("The agency's approved list of devices grew on Friday.")
    before = [(t.dep_, t.head.i) for t in doc]
    repair_verbless_sentences(doc, _decision)
    assert [(t.dep_, t.head.i) for t in doc] == before
