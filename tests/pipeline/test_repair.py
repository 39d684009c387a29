"""The verbless-sentence repair: a decision verb the parser hung as an adjective becomes the
main verb; a real adjective ("the certified model") is left alone."""

from spacy.language import Language
from spacy.tokens import Doc, Token

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


def _built(
    english: Language, words: list[str], heads: list[int], deps: list[str], tags: list[str]
) -> Doc:
    pos = {"NNP": "PROPN", "NN": "NOUN", "VBD": "VERB", "IN": "ADP", ",": "PUNCT", ".": "PUNCT"}
    return Doc(
        english.vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos.get(t, "X") for t in tags],
        lemmas=[
            w.lower().removesuffix("d") if t == "VBD" else w.lower()
            for w, t in zip(words, tags, strict=True)
        ],
    )


def test_adjective_verb_with_its_own_subject_becomes_the_root(english: Language) -> None:
    # "Agency approved Semanalin ." read as Agency <-nsubj- approved -amod-> Semanalin (ROOT)
    doc = _built(
        english,
        ["Agency", "approved", "Semanalin", "."],
        [1, 2, 2, 2],
        ["nsubj", "amod", "ROOT", "punct"],
        ["NNP", "VBD", "NNP", "."],
    )
    repair_verbless_sentences(doc, _decision)
    assert [(t.dep_, t.head.i) for t in doc] == [
        ("nsubj", 1), ("ROOT", 1), ("dobj", 1), ("punct", 1),
    ]  # fmt: skip


def test_subject_hung_as_apposition_of_a_place(english: Language) -> None:
    # "In Lima , Digemid suspended registration ." with Digemid an appos of Lima
    doc = _built(
        english,
        ["In", "Lima", ",", "Digemid", "suspended", "registration", "."],
        [4, 0, 4, 1, 4, 4, 4],
        ["prep", "pobj", "punct", "appos", "ROOT", "dobj", "punct"],
        ["IN", "NNP", ",", "NNP", "VBD", "NN", "."],
    )
    repair_verbless_sentences(doc, lambda t: t.lower_ == "suspended")
    assert (doc[3].dep_, doc[3].head.i) == ("nsubj", 4)


def test_object_hung_as_apposition_of_the_subject(english: Language) -> None:
    # "Ottawa suspended , effective Monday , permits ." with permits an appos of Ottawa
    doc = _built(
        english,
        ["Ottawa", "suspended", ",", "effective", "Monday", ",", "permits", "."],
        [1, 1, 1, 1, 3, 1, 0, 1],
        ["nsubj", "ROOT", "punct", "acomp", "npadvmod", "punct", "appos", "punct"],
        ["NNP", "VBD", ",", "JJ", "NNP", ",", "NN", "."],
    )
    repair_verbless_sentences(doc, lambda t: t.lower_ == "suspended")
    assert (doc[6].dep_, doc[6].head.i) == ("dobj", 1)
