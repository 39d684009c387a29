"""Decision semantics: governors, negation, modality and tense turn a trigger into a decision.

"won approval" is approved, "failed to win approval" denied, "lifted the ban" approved, "is
considering a ban" proposed, "will be approved" pending, "did not approve" nothing at all.
Pure functions over spaCy tokens; no pipeline state.
"""

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from clearance.pipeline.lexicon import Lexicon

CLASS_TO_DECISION = {
    "approve": "approved",
    "deny": "denied",
    "revoke": "revoked",
    "pending": "pending",
    "propose": "proposed",
}

# Governors whose grammatical subject asks for or receives the decision (the beneficiary),
# rather than taking it: "Nvidia won approval", "Pfizer applied for a licence".
RECEIVER_VERBS = frozenset(
    [
        "win",
        "receive",
        "get",
        "obtain",
        "secure",
        "gain",
        "land",
        "clinch",
        "seek",
        "apply",
        "await",
        "request",
        "file",
        "submit",
        "pursue",
        "need",
        "line",
        "fail",
        "undergo",  # "the sale is *undergoing* a review by the government": the reviewed thing
        "face",
    ]
)

_NOMINAL_GOVERNED = {"dobj", "nsubjpass", "pobj", "attr", "oprd", "appos", "conj"}


@dataclass
class Reading:
    """What the parse says a trigger means."""

    cls: str
    predicate: Token
    consumed: set[int] = field(default_factory=set)
    receiver_subject: bool = False
    failed: bool = False

    @property
    def decision(self) -> str:
        """The RECORD.md decision value."""
        return CLASS_TO_DECISION[self.cls]


def governing_verb(token: Token) -> Token | None:
    """The verb a nominal trigger is the object of: "won [approval]", "lining up for [approval]",
    or the subject of, for "fail": "[approval] failed to arrive"."""
    if token.dep_ == "nsubj" and token.head.lemma_.lower() == "fail":
        return token.head
    if token.dep_ not in _NOMINAL_GOVERNED:
        return None
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    if token.dep_ == "conj":
        return governing_verb(head)
    return head if head.pos_ in ("VERB", "AUX") and head.i != token.i else None


def combine(cls: str, effect: str) -> str:
    """A trigger class rewritten by a governor's effect ("keep": "ordered a ban" is the ban).

    "wish" (urge, call for, push) makes a proposal; whose proposal it is, the roles decide: the
    actor check drops "rights groups urged the government to halt exports" (a private subject)
    and keeps "senators would push legislation to block sales".
    """
    if effect == "wish":
        return "propose"
    if effect == "fail":
        return "deny"
    if effect == "lift":
        return "approve"
    if effect == "keep":
        return cls
    if effect == "drop":
        return "void"
    return effect


def read_decision(
    token: Token, cls: str, lexicon: Lexicon, *, fixed: bool = False
) -> Reading | None:
    """The decision a trigger expresses in context, or None when negated or not a decision."""
    reading = Reading(cls=cls, predicate=token)
    if token.pos_ == "VERB" and token.lemma_.lower() in RECEIVER_VERBS:
        reading.receiver_subject = True  # "Australia applied for access": the applicant
    if token.pos_ in ("NOUN", "PROPN"):
        _apply_nominal_governor(reading, token, lexicon)
    _climb_verb_chain(reading, lexicon)
    if reading.cls == "void" or _under_negation(reading.predicate):
        return None
    if conditional(reading.predicate) or conditional(token) or habitual(reading.predicate):
        return None
    if _alternatives(token, lexicon) or _tally(reading.predicate):
        return None
    if _generic_requirement(reading.predicate) or _future_need(reading.predicate):
        return None
    if token.dep_ == "dobj" and token.head.tag_ == "VBD" and _future_need(token.head):
        return None  # "It *required* a change-in-control approval from the central bank"
    if stative(token) or generic_remark(token) or capacity(reading.predicate):
        return None
    if not fixed and _negated(reading, token):
        return None
    _apply_modality(reading, lexicon)
    if reading.cls == "revoke" and _suspends_flow(reading.predicate, token):
        reading.cls = "deny"
    if open_question(reading.predicate):
        reading.cls = "pending"
    return reading


def open_question(pred: Token) -> bool:
    """ "a decision on *whether* to reinstate or cancel the permits": still open."""
    node = pred
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def stative(token: Token) -> bool:
    """ "the device *remained approved*", "*confident of* approval": a state, not an act."""
    if token.dep_ in ("acomp", "oprd", "xcomp") and token.head.lemma_.lower() in ("remain", "stay"):
        return True
    if any(c.dep_ == "auxpass" and c.lower_.startswith(("remain", "stay")) for c in token.children):
        return True  # the parser reads "remained approved" as a passive
    if _self_description(token):
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "ADJ"


def _self_description(token: Token) -> bool:
    """ "Jabuti, which says *it is licensed*": a firm describing its standing, not a decision
    (a present passive with a pronoun subject, no agent and no time)."""
    if token.tag_ != "VBN":
        return False
    present = any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "am") for c in token.children)
    pronoun = any(c.dep_ == "nsubjpass" and c.pos_ == "PRON" for c in token.children)
    agent = any(c.dep_ in ("agent", "npadvmod") for c in token.children)
    return present and pronoun and not agent


CAPACITY_NOUNS = frozenset(
    ["willingness", "ability", "power", "authority", "right", "readiness", "freedom", "capacity"]
)


def capacity(pred: Token) -> bool:
    """ "a test of the CMA's *willingness to block* deals": a power, not its use."""
    return pred.dep_ in ("acl", "relcl") and pred.head.lemma_.lower() in CAPACITY_NOUNS


def generic_remark(token: Token) -> bool:
    """ "approvals for Chinese investment *have been rare*": a remark about decisions."""
    if token.dep_ != "nsubj" or token.pos_ != "NOUN":
        return False
    return any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in token.head.children)


_FLOWS = frozenset({"import", "export", "sale", "shipment", "delivery", "trade", "purchase"})


def _suspends_flow(pred: Token, token: Token) -> bool:
    """ "suspended imports of poultry": a whole trade flow stopped is denied (RECORD.md); only
    a specific permission withdrawn is revoked."""
    objects = [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")]
    if token is not pred and token.pos_ == "NOUN":
        objects += [
            p
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children
            if p.dep_ == "pobj"
        ]
    return any(o.lemma_.lower() in _FLOWS for o in objects)


def _apply_nominal_governor(reading: Reading, token: Token, lexicon: Lexicon) -> None:
    verb = governing_verb(token)
    if verb is None:
        return
    governor = lexicon.governor_for(verb.lemma_.lower(), reading.cls)
    if governor is None:
        return
    reading.cls = combine(reading.cls, governor.effect)
    reading.failed = governor.effect == "fail"
    reading.receiver_subject = verb.lemma_.lower() in RECEIVER_VERBS
    reading.predicate = verb
    reading.consumed.add(verb.i)


def _climb_verb_chain(reading: Reading, lexicon: Lexicon) -> None:
    """Follow "refused to approve", "plans to ban", "failed to win" up through xcomp links."""
    pred = reading.predicate
    while True:
        head = _governing_head(pred)
        if head is None:
            break
        if _argued_against(pred) and reading.cls == "approve":
            reading.cls = "deny"  # "the committee recommended *against* approving it"
            reading.consumed.add(head.i)
            pred = head
            continue
        governor = lexicon.governor_for(head.lemma_.lower(), reading.cls)
        if governor is not None:
            reading.cls = combine(reading.cls, governor.effect)
            reading.failed = reading.failed or governor.effect == "fail"
            if head.lemma_.lower() in RECEIVER_VERBS:
                reading.receiver_subject = True
            reading.consumed.add(head.i)
        elif head.lemma_.lower() not in lexicon.modality:
            break
        pred = head
    reading.predicate = pred


def _argued_against(pred: Token) -> bool:
    """ "recommended *against* approving", "voted against authorising": the approval refused."""
    return pred.dep_ == "pcomp" and pred.head.lower_ == "against"


_CIRCUMSTANCE_PREPS = frozenset({"after", "before", "since", "until", "despite", "following"})


def _governing_head(pred: Token) -> Token | None:
    """The verb a clause hangs from: "refused [to approve]", and through an object noun,
    "is considering [a lawsuit] [to block]"."""
    if pred.dep_ == "ccomp" and pred.i < pred.head.i:
        return None  # "Anvisa gave the green light to X, Argentina suspended Y": a summary
    if pred.dep_ in ("xcomp", "ccomp") and pred.head.pos_ in ("VERB", "AUX", "ADJ"):
        return pred.head
    if pred.dep_ == "pcomp" and pred.head.dep_ == "prep" and pred.head.head.pos_ == "VERB":
        if pred.head.lower_ in _CIRCUMSTANCE_PREPS:
            return None  # "called off the merger *after* [failing to win approval]": its own
        return pred.head.head  # "is consulting on [extending the ban]"
    noun = pred.head
    if pred.dep_ in ("acl", "relcl") and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return noun.head
    return None


def conditional(pred: Token) -> bool:
    """ "a break fee *if* the deal is blocked": a condition, not a decision; nor is what would
    follow one ("*if* the target is missed, the permit *will be* reviewed")."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in pred.children):
        return True
    future = any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _WOULD | _MUST for c in pred.children
    )  # "the Minister *must* deny an application *if* there is a risk": the law, not a case
    return future and any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in pred.children
    )


_WOULD = frozenset({"will", "would", "could", "might", "may", "'ll", "shall"})
_MUST = frozenset({"must", "can", "should"})
_NEEDING = frozenset({"obtain", "need", "require", "seek", "get", "secure"})


def _tally(pred: Token) -> bool:
    """ "fewer than ten were rejected", "most large deals have been authorised": a count of
    decisions, not one of them."""
    for subject in (c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")):
        words = {c.lower_ for c in subject.children if c.dep_ in ("amod", "quantmod", "det")}
        if subject.pos_ == "NUM" and words & {"fewer", "more", "less"}:
            return True
        if "most" in words:
            return True
    return False


def _future_need(pred: Token) -> bool:
    """ "SaskPower *will need* a separate operating licence": a permit to seek some day, not
    one applied for ("the deal *still needs* approval" is pending); "it *required* an approval
    from the central bank": background to a decision told elsewhere."""
    if pred.lemma_.lower() not in ("need", "require"):
        return False
    if pred.tag_ == "VBD":
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in pred.children)


def _generic_requirement(pred: Token) -> bool:
    """ "investors from outside the EU ... must obtain prior authorisation": the rule every
    such investor is under, told of a bare plural; not a decision about anyone."""
    if pred.lemma_.lower() not in _NEEDING:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in pred.children):
        return False
    subjects = [c for c in pred.children if c.dep_ == "nsubj"]
    return any(
        s.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in s.children)
        for s in subjects
    )


def _alternatives(token: Token, lexicon: Lexicon) -> bool:
    """ "could be blocked *or* approved", "can authorise a deal ... or refuse it": outcomes
    weighed against each other, not a decision taken. Two triggers of different classes
    within a few words, joined by "or"."""
    sentence = token.sent
    window = token.doc[max(sentence.start, token.i - 8) : min(sentence.end, token.i + 9)]
    ors = [t.i for t in window if t.lower_ == "or"]
    mine = lexicon.trigger_for(token.lemma_.lower(), token.pos_, token.lower_)
    if not ors or mine is None:
        return False
    for other in window:
        if other.i == token.i or not any(
            min(other.i, token.i) < o < max(other.i, token.i) for o in ors
        ):
            continue
        found = lexicon.trigger_for(
            other.lemma_.lower(), other.pos_, other.lower_
        ) or lexicon.trigger_for(other.lemma_.lower(), "VERB", other.lower_)  # tagged ADV
        if found is not None and found.cls != mine.cls:
            return True
    return False


HABITUAL = frozenset(
    {
        "rarely",
        "seldom",
        "often",
        "usually",
        "typically",
        "generally",
        "routinely",
        "frequently",
        "sometimes",
    }
)


def habitual(pred: Token) -> bool:
    """ "SAMR rarely blocks deals outright", "had approved most requests *over the past two
    years*": a habit or a record, not a decision."""
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in pred.children):
        return True
    objects = [c for c in pred.children if c.dep_ == "dobj"]
    spans = [c for n in [pred, *objects] for c in n.children if c.dep_ in ("prep", "npadvmod")]
    return any(_RECORD_SPAN.search(" ".join(t.lower_ for t in c.subtree)) for c in spans)


_RECORD_SPAN = re.compile(
    r"^(?:over|in|during|for) the (?:past|last) (?:\w+ )?(?:years?|decade|months|quarters)\b"
    r"|^in recent (?:years|months)\b"
)


_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "dobj", "acomp"})


def _under_negation(pred: Token) -> bool:
    """ "did not say how many applications it rejected": a clause under a negated verb."""
    node = pred
    for _ in range(2):
        if node.dep_ not in _CLAUSE_LINKS or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX", "ADJ") and any(c.dep_ == "neg" for c in node.children):
            return True
        if node.pos_ == "ADJ" and any(c.dep_ == "neg" for c in node.head.children):
            return True  # "will *not* be able to apply"
    return False


def _negated(reading: Reading, token: Token) -> bool:
    if reading.failed:
        return False
    if any(child.dep_ == "neg" for child in reading.predicate.children):
        return True
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if any(child.lower_ in ("no", "never") and child.dep_ == "det" for child in token.children):
        return True
    subjects = [c for c in reading.predicate.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(  # "*Neither* deal needs regulatory approval", "*No* permit was issued"
        c.lower_ in ("neither", "no") and c.dep_ in ("det", "preconj")
        for s in subjects
        for c in s.children
    )


def _apply_modality(reading: Reading, lexicon: Lexicon) -> None:
    effect = modality(reading.predicate, lexicon)
    if effect is None:
        return
    if reading.cls == "approve" and not (effect == "future" and scheduled(reading.predicate)):
        reading.cls = "pending"
    elif effect == "hypothetical" and reading.cls in ("deny", "revoke"):
        reading.cls = "propose"


_WINDOW_PREPS = frozenset({"from", "between", "starting", "beginning", "until", "through"})


def scheduled(pred: Token) -> bool:
    """ "will allow imports *between August and December*", "will permit sales *from 1 March*":
    a measure announced with the dates it runs is decided, as "will ban ... from February 1" is;
    "will approve the drug by June" (a deadline) is still pending."""
    stack = list(pred.children)
    while stack:
        node = stack.pop()
        if node.dep_ in ("relcl", "advcl", "acl"):
            continue  # "a drug *sold from 2020*" dates something else
        window = node.dep_ == "prep" and node.lower_ in _WINDOW_PREPS
        if window and any(t.ent_type_ == "DATE" for t in node.subtree):
            return True
        stack.extend(node.children)
    return False


def modality(pred: Token, lexicon: Lexicon) -> str | None:
    """hypothetical (would, could, headline "to ban") or future (will, is expected to)."""
    for child in pred.children:
        if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in lexicon.modality:
            return lexicon.modality[child.lemma_.lower()]
        if child.dep_ == "aux" and child.lower_ == "to" and pred.dep_ == "ROOT":
            return "hypothetical"  # headline style: "Government to ban sale of vapes"
    node = pred
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp") or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in lexicon.modality:
            return lexicon.modality[node.lemma_.lower()]
        for child in node.children:
            if child.dep_ in ("acomp", "aux") and child.lemma_.lower() in lexicon.modality:
                return lexicon.modality[child.lemma_.lower()]
    return None
