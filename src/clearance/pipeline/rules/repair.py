"""Parse repairs for decision sentences the small English model misreads.

en_core_web_sm reads "The ... Regulatory Authority (TDRA) on Monday certified Falconet-7, ..."
as one long noun phrase: the authority becomes the ROOT and "certified" an adjective of
"Falconet-7". Every role rule reads the parse, so a decision verb lost that way loses the event.
Four narrow repairs, each for a decision verb (a trigger in the lexicon) only:

- **verbless**: a nominal ROOT, then a past-tense decision verb hung as ``amod`` on the noun
  right after it, with nothing between subject and verb but the subject's words and a date.
- **adjective with a subject**: "Agency (Anvisa) on Monday approved Semanalin": the verb is an
  ``amod`` of the ROOT noun after it, yet has its own ``nsubj``.
- **object in an apposition**: "Global Affairs Canada suspended, effective February 13, two
  permits ...": the object after an inserted phrase hung as an apposition of the subject.
- **subject in an apposition**: "In Buenos Aires, the National Administration ... (ANMAT)
  suspended ...": a verb with no subject, whose subject the parser hung as an apposition of the
  place just before it.

"The certified model" keeps its reading: the determiner in front of the verb shows it is an
adjective, and it has no subject.
"""

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

_NOMINAL = frozenset({"NOUN", "PROPN"})
_PAST = frozenset({"VBD", "VBN"})
_TIME = frozenset({"DATE", "TIME"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

DecisionVerb = Callable[[Token], bool]


def repair_verbless_sentences(doc: Doc, is_decision_verb: DecisionVerb) -> None:
    """Give a misread decision verb its subject and object back, in place."""
    for sentence in doc.sents:
        root = sentence.root
        if root.pos_ in _NOMINAL:
            verb = _misread_verb(sentence, root, is_decision_verb)
            if verb is not None:
                _promote(verb, root)
        elif root.pos_ == "VERB" and is_decision_verb(root):
            _subject_from_apposition(root)
            _object_from_apposition(root)


def _misread_verb(sentence: Span, root: Token, is_decision_verb: DecisionVerb) -> Token | None:
    subject = {t.i for t in root.subtree}
    for token in sentence:
        if token.dep_ != "amod" or token.tag_ not in _PAST or not is_decision_verb(token):
            continue
        noun = token.head
        if noun.i <= token.i or noun.pos_ not in _NOMINAL:
            continue
        if noun.i == root.i and any(c.dep_ in _SUBJECTS for c in token.children):
            return token  # "Agency ... approved Semanalin", Semanalin the ROOT
        between = range(sentence.start, token.i)
        if token.i > root.i and all(i in subject or _is_time(sentence.doc[i]) for i in between):
            return token
    return None


def _is_time(token: Token) -> bool:
    """A word of a date or time ("Monday", "on 3 March"), wherever the parser hung it."""
    return token.ent_type_ in _TIME


def _timing(child: Token) -> bool:
    """ "on Monday" hung on the subject: a preposition with nothing but a date under it."""
    return child.dep_ == "prep" and all(_is_time(t) for t in child.subtree if t.i != child.i)


def _promote(verb: Token, root: Token) -> None:
    obj = verb.head
    verb.head = verb
    verb.dep_ = "ROOT"
    obj.head = verb
    obj.dep_ = "dobj"
    if root.i != obj.i:
        moved = [c for c in root.children if c.i > verb.i or _timing(c)]
        root.head = verb
        root.dep_ = "nsubj"
        for child in moved:
            child.head = verb
    else:
        for child in [c for c in obj.children if c.i > obj.i and c.dep_ == "punct"][-1:]:
            child.head = verb  # the full stop
    dates = [t for t in [*obj.lefts, *verb.lefts] if t.i < verb.i and _is_time(t)]
    bare = [c for c in verb.lefts if c.dep_ == "prep" and not list(c.children)]
    for date in dates:  # "on Monday", split by the misreading, made whole again
        date.head = bare[-1] if bare else verb
        date.dep_ = "pobj" if bare else "npadvmod"


def _subject_from_apposition(verb: Token) -> None:
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    for prep in (c for c in verb.lefts if c.dep_ == "prep"):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            body = next((c for c in place.children if c.dep_ == "appos"), None)
            if body is not None and body.right_edge.i + 1 == verb.i and body.pos_ in _NOMINAL:
                body.head = verb
                body.dep_ = "nsubj"
                return


def _object_from_apposition(verb: Token) -> None:
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return
    for subject in (c for c in verb.children if c.dep_ in _SUBJECTS):
        late = [c for c in subject.children if c.dep_ == "appos" and c.i > verb.i]
        if late and late[0].pos_ in _NOMINAL:
            late[0].head = verb
            late[0].dep_ = "dobj"
            return
