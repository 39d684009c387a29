"""Parse repairs for sentences the small English model leaves without a main verb.

en_core_web_sm reads "The ... Regulatory Authority (TDRA) on Monday certified Falconet-7, ..."
as one long noun phrase: the authority becomes the ROOT and "certified" an adjective of
"Falconet-7". Every role rule reads the parse, so a decision verb lost that way loses the event.
The repair is narrow: a nominal ROOT, and after it a past-tense decision verb that the parser
hung as ``amod`` on the noun right after it, with nothing between the subject and the verb but
the subject's own words and a date ("on Monday"). "The certified model" keeps its reading: the
determiner in front of the verb shows it is an adjective.
"""

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

_NOMINAL = frozenset({"NOUN", "PROPN"})
_PAST = frozenset({"VBD", "VBN"})
_TIME = frozenset({"DATE", "TIME"})


def repair_verbless_sentences(doc: Doc, is_decision_verb: Callable[[Token], bool]) -> None:
    """Make a decision verb misread as an adjective the sentence's main verb, in place."""
    for sentence in doc.sents:
        root = sentence.root
        if root.pos_ not in _NOMINAL:
            continue
        verb = _misread_verb(sentence, root, is_decision_verb)
        if verb is not None:
            _promote(verb, root)


def _misread_verb(
    sentence: Span, root: Token, is_decision_verb: Callable[[Token], bool]
) -> Token | None:
    subject = {t.i for t in root.subtree}
    for token in sentence:
        if token.i <= root.i or token.dep_ != "amod" or token.tag_ not in _PAST:
            continue
        noun = token.head
        if noun.i <= token.i or noun.pos_ not in _NOMINAL or not is_decision_verb(token):
            continue
        between = range(sentence.start, token.i)
        if all(i in subject or _is_time(sentence.doc[i]) for i in between):
            return token
    return None


def _is_time(token: Token) -> bool:
    """A word of a date or time ("Monday", "on 3 March"), wherever the parser hung it."""
    return token.ent_type_ in _TIME


def _timing(child: Token) -> bool:
    """ "on Monday" hung on the subject: a preposition with nothing but a date under it."""
    return child.dep_ == "prep" and all(_is_time(t) for t in child.subtree if t is not child)


def _promote(verb: Token, root: Token) -> None:
    obj = verb.head
    verb.head = verb
    verb.dep_ = "ROOT"
    obj.head = verb
    obj.dep_ = "dobj"
    moved = [c for c in root.children if c.i > verb.i or _timing(c)]
    root.head = verb
    root.dep_ = "nsubj"
    for child in moved:
        child.head = verb
    dates = [t for t in [*obj.lefts, *verb.lefts] if t.i < verb.i and _is_time(t)]
    bare = [c for c in verb.lefts if c.dep_ == "prep" and not list(c.children)]
    for date in dates:  # "on Monday", split by the misreading, made whole again
        date.head = bare[-1] if bare else verb
        date.dep_ = "pobj" if bare else "npadvmod"
