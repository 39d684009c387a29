"""Scope and object: what kind of thing a decision is on, read from the nearest cue in the parse.

"cleared Nvidia to *export*" is export; "an *export* licence" is export, not license; "blocked
*entry* of the chips" is import. A strong cue in the clause beats a weak one ("rules requiring firms
to *purchase* chips as a condition for *importing*" is import); among equals the nearest (in
dependency hops from the predicate or trigger) wins, then the higher priority in
``models/lexicon/scopes.tsv``.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from clearance.pipeline.lexicon import Lexicon, ScopeCue

MAX_HOPS = 8
SENTENCE_HOPS = 9
_LICENCE_LEMMAS = frozenset({"licence", "license", "permit"})


@dataclass(frozen=True)
class ScopeReading:
    """The chosen cue: its scope, its token, and whether it decides alone."""

    scope: str
    token: Token
    strong: bool
    hops: int
    licence: bool = False


def _cue(token: Token, lexicon: Lexicon) -> ScopeCue | None:
    if token.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
        return None
    if token.pos_ == "VERB" and token.dep_ in ("amod", "compound"):
        return None  # "foreign-invested companies", "locally produced chips"
    if token.i > 1 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ not in ("re", "pre"):
        return None  # "the *best-selling* brand": no sale decided ("re-export" still exports)
    if token.lemma_.lower() == "buy" and any(c.lower_ == "back" for c in token.children):
        return lexicon.scopes.get("buyback")  # "buy back shares" is a buyback, not a sale
    return lexicon.scopes.get(token.lemma_.lower()) or lexicon.scopes.get(token.lower_)


def _walk(starts: list[Token], max_hops: int) -> dict[int, tuple[Token, int]]:
    """Breadth-first over dependents (not heads) from ``starts``: token index -> (token, hops)."""
    seen: dict[int, tuple[Token, int]] = {t.i: (t, 0) for t in starts}
    frontier = list(starts)
    for hops in range(1, max_hops + 1):
        nxt = []
        for node in frontier:
            for child in node.children:
                if child.i not in seen and _walked(child, starts):
                    seen[child.i] = (child, hops)
                    nxt.append(child)
        frontier = nxt
    return seen


def _walked(child: Token, starts: list[Token]) -> bool:
    """Dependents only, but not a clause's own subject, its punctuation, adverbial clauses or
    conjunctions; the subject of a complement clause is the decision's object ("will allow
    *imports* of sugar to cover a shortfall": the parser hangs "imports" under "cover")."""
    if child.dep_ in ("punct", "advcl", "cc"):
        return False
    if child.dep_ in ("conj", "ccomp") and _own_clause(child):
        return False  # "Argentina suspended X *and Colombia banned the sale of Y*"
    if child.dep_ == "nsubj":
        clause = child.head
        return clause.dep_ in ("ccomp", "xcomp") and clause.head in starts
    return True


def _own_clause(clause: Token) -> bool:
    """A coordinated clause with a subject of its own, or a clause before its head (a summary's
    "Anvisa gave the green light to X, Argentina suspended Y"): not the decision's object."""
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    return subject and (clause.dep_ == "conj" or clause.i < clause.head.i)


def read_scope(pred: Token, trigger: Token, lexicon: Lexicon) -> ScopeReading | None:
    """The best scope cue near the decision, or the sentence's best as a weak fallback."""
    starts = [pred] if pred is trigger else [pred, trigger]
    if trigger.dep_ == "compound":
        starts.append(trigger.head)
    best = _best(_walk(starts, MAX_HOPS).values(), lexicon)
    if best is None:
        sentence = [(t, SENTENCE_HOPS) for t in trigger.sent]
        best = _best(sentence, lexicon)
        if best is not None:
            best = ScopeReading(best.scope, best.token, False, best.hops)
    if best is not None and best.token.lemma_.lower() in _LICENCE_LEMMAS:
        best = _licence_modifier(best, pred, lexicon) or best
    if best is not None and _banned_sale(best, trigger):
        best = ScopeReading("sale", best.token, True, best.hops)
    return best


def _banned_sale(best: ScopeReading, trigger: Token) -> bool:
    """ "banned the sale of FrostBomb": nobody "bans" a takeover, so a sale stays a sale."""
    selling = best.token.lemma_.lower() in ("sale", "sell")
    return best.scope == "merger" and selling and trigger.lemma_.lower() == "ban"


def _best(pairs: Iterable[tuple[Token, int]], lexicon: Lexicon) -> ScopeReading | None:
    ranked = []
    for token, hops in pairs:
        cue = _cue(token, lexicon)
        if cue is not None:
            ranked.append((not cue.strong, hops, -cue.priority, token.i, cue, token))
    if not ranked:
        return None
    _, hops, _, _, cue, token = min(ranked, key=lambda r: r[:4])
    if cue.scope == "sale" and _buys_a_company(token):
        return ScopeReading("merger", token, True, hops)
    if cue.scope == "sale" and _sells_a_stake(token):
        return ScopeReading("investment", token, True, hops)
    if token.lemma_.lower() == "certificate" and _product_certificate(token):
        return ScopeReading("product", token, True, hops)  # "a type certificate"
    if token.lemma_.lower() == "registration" and _registered_as(token):
        return ScopeReading("license", token, True, hops)  # "registration as a provider"
    return ScopeReading(cue.scope, token, cue.strong, hops)


_COMPANY_NOUNS = frozenset(
    {
        "company", "firm", "maker", "rival", "competitor", "business", "group", "chipmaker",
        "carrier", "operator", "lender", "insurer", "startup", "producer", "manufacturer",
        "supplier", "developer", "miner", "retailer", "publisher", "studio", "airline",
        "drugmaker", "automaker", "carmaker", "bank",
    }
)  # fmt: skip


def _registered_as(cue: Token) -> bool:
    """A firm registered *as* something (a service provider, a broker) holds a licence; a
    drug's or device's registration is its authorisation."""
    verb = cue.head.head if cue.dep_ == "pobj" else cue.head
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in [*cue.children, *verb.children]):
        return True  # "applied to the CMF for registration *as a* service provider"
    holder = object_of(cue)
    if holder is None:
        return False
    firm = holder.ent_type_ in ("ORG", "COMPANY") or holder.lemma_.lower() in _COMPANY_NOUNS
    return firm or any(c.dep_ == "prep" and c.lower_ == "as" for c in holder.children)


def _product_certificate(cue: Token) -> bool:
    return any(c.lower_ in ("type", "airworthiness", "design") for c in cue.children)


def _sells_a_stake(cue: Token) -> bool:
    """ "ordered the buyer to *sell* most of its stake", "the *sale* of a controlling stake":
    a holding, so an investment."""
    if cue.pos_ == "NOUN":
        held = [p for prep in cue.children if prep.lower_ == "of" for p in prep.children]
        return any(o.lemma_.lower() in _HOLDINGS for o in held)
    if cue.pos_ != "VERB":
        return False
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    objects += [
        p for o in objects for prep in o.children if prep.lower_ == "of" for p in prep.children
    ]
    return any(o.lemma_.lower() in _HOLDINGS for o in objects)


# what a part of a company is called: "a 49% stake", "almost half of the developer"
_HOLDINGS = frozenset({"stake", "shareholding", "holding", "half", "third", "quarter", "majority"})


def _buys_a_company(cue: Token) -> bool:
    """ "its $3.1 billion *purchase of* catheter maker Pulsewright", "to *buy* rival X": buying
    a company is a takeover (merger); buying or selling goods or assets stays a sale."""
    if cue.lemma_.lower() not in ("purchase", "buy", "sale", "sell"):
        return False
    thing = object_of(cue)
    if thing is None:
        return False
    if thing.ent_type_ in ("ORG", "COMPANY") and thing.pos_ == "PROPN":
        return not any(c.dep_ in ("poss", "case") for c in thing.children)
    described = [c for c in thing.children if c.dep_ in ("compound", "appos")]
    return any(t.lemma_.lower() in _COMPANY_NOUNS for t in [thing, *described])


def _licence_modifier(reading: ScopeReading, pred: Token, lexicon: Lexicon) -> ScopeReading | None:
    """ "an *export* licence", "licences *to sell* chips to China": what a licence is for names
    its scope; "license" is left for operating licences and permits as such."""
    licence = reading.token
    purposes = [c for c in pred.children if c.dep_ in ("xcomp", "advcl") and _infinitive(c)]
    # what the licence is for, not who holds it ("the licence of X, *a cough syrup maker*")
    own = [c for c in licence.children if not _held_by_a_firm(c)]
    tokens = [licence, *(t for c in own for t in c.subtree)] + [
        t for p in purposes for t in p.subtree
    ]
    inside = [
        (t, 1 if t.head is licence or t in purposes else 2)
        for t in tokens
        if t is not licence and t.dep_ not in ("poss",)
    ]
    ranked = [
        (hops, -cue.priority, t.i, cue, t)
        for t, hops in inside
        if (cue := _cue(t, lexicon)) is not None and cue.scope not in ("license", "other")
    ]
    if not ranked:
        return None
    _, _, _, cue, token = min(ranked, key=lambda r: r[:3])
    return ScopeReading(cue.scope, token, True, reading.hops, licence=True)


def _infinitive(verb: Token) -> bool:
    """ "licences *to sell* chips": a purpose; "*after* samples failed tests": not one."""
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _held_by_a_firm(child: Token) -> bool:
    """ "the licence *of Vasundhara Remedies, a syrup maker*": the holder, not the licence's
    subject (unlike "the licence of *the pill valsarine*")."""
    if child.dep_ != "prep" or child.lower_ != "of":
        return False
    holders = [c for c in child.children if c.dep_ == "pobj"]
    holders += [a for h in holders for a in h.children if a.dep_ == "appos"]  # "X, a syrup maker"
    return any(
        h.ent_type_ in ("ORG", "COMPANY") or h.lemma_.lower() in _COMPANY_NOUNS for h in holders
    )


def object_of(cue: Token) -> Token | None:
    """What a scope cue is about: "imports *of chips*", "to export *the chips*", "ban on *X*"."""
    if cue.pos_ == "VERB":
        objs = [c for c in cue.children if c.dep_ in ("dobj", "nsubjpass")]
        return objs[0] if objs else None
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "for"):
            pobjs = [c for c in prep.children if c.dep_ == "pobj"]
            if pobjs:
                return pobjs[0]
    return None
