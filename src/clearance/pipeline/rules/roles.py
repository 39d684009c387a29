"""Roles from the dependency parse: who decides, for whom, on what, when, from where to where.

Each function reads one relation; ``read_roles`` combines them for a trigger's predicate. The
component only collects surface mentions; the assembler resolves them to canonical parties.
"""

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from clearance.pipeline.candidates import Candidate, Mention
from clearance.pipeline.lexicon import Lexicon
from clearance.pipeline.rules.decision import Reading

PARTY_LABELS = frozenset(
    {"ORG", "GPE", "NORP", "PERSON", "COMPANY", "REGULATOR", "AUTHORITY", "COURT", "INTL", "LOC"}
)
# entity labels of a public party: a body, or a place or people standing for its government
PUBLIC_LABELS = frozenset({"GPE", "REGULATOR", "AUTHORITY", "COURT", "INTL", "NORP"})
PERMISSIONS = frozenset(
    {
        "licence",
        "license",
        "permit",
        "approval",
        "authorisation",
        "authorization",
        "concession",
        "permission",
    }
)
_GRANTS = frozenset({"clearance", "nod", "go-ahead", "consent", "greenlight", "green"})
REQUESTS = frozenset({"application", "request", "bid", "petition", "filing", "proposal"})
TIME_ADVERBS = frozenset({"earlier", "recently", "previously", "yesterday", "today", "formerly"})
_NP_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "det"})
_POSSESSIVE = re.compile(r"\s*[’']s?$")
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})


def conjuncts(token: Token) -> list[Token]:
    """A token and everything coordinated with it ("ByteDance, Alibaba and Tencent")."""
    result = [token]
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        node = stack.pop(0)
        result.append(node)
        stack.extend(c for c in node.children if c.dep_ == "conj")
    return result


def mention(token: Token) -> Mention:
    """The entity or noun phrase a token heads, as a Mention (determiners dropped)."""
    doc = token.doc
    if token.ent_type_:
        span = next(ent for ent in doc.ents if ent.start <= token.i < ent.end)
        office = _office_words(span)
        if office is not None:  # "President Donald Trump": the office holder, title and all
            return _span_mention(doc[office : span.end], token, "OFFICE")
        start = span.start
        while start > 0 and _name_part(doc[start - 1], doc[start]):
            start -= 1  # "*Western* Australia's Environment Minister": the entity missed a word
        return _span_mention(doc[start : span.end], token, span.label_)
    left = [c for c in token.lefts if c.dep_ in _NP_LEFT_DEPS and c.lower_ not in _DEFINITE]
    start = min((c.left_edge.i for c in left), default=token.i)
    while start < token.i and doc[start].lower_ in _DEFINITE | {"a", "an"}:
        start += 1
    return _span_mention(doc[start : token.i + 1], token, "")


def _name_part(before: Token, first: Token) -> bool:
    return (
        before.pos_ == "PROPN"
        and before.whitespace_ == " "
        and before.is_title
        and not before.ent_type_
        and before.dep_ == "compound"
        and before.head.i == first.i
    )


def _office_words(person: Span) -> int | None:
    """Where the title before a person's name starts ("Agriculture Secretary", "President"),
    or None when the name has no title in front of it."""
    if person.label_ != "PERSON":
        return None
    start = person.start
    while start > 0 and person.doc[start - 1].pos_ == "PROPN" and person.doc[start - 1].is_title:
        if person.doc[start - 1].ent_type_ not in ("", "GPE", "NORP", "AUTHORITY"):
            break
        start -= 1
    return start if start < person.start else None


def _span_mention(span: Span, head: Token, label: str) -> Mention:
    definite = any(c.lower_ in _DEFINITE for c in head.children if c.dep_ in ("det", "poss"))
    text = _POSSESSIVE.sub("", span.text) if span.text.endswith(("s", "'", "’")) else span.text
    if not text:
        text = span.text
    end = span.start_char + len(text)
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    # "Australia's" minister, "Turkey's Capital Markets Board": the owner names the body's place
    owner = _span_text(owners[0]) if owners and label in ("", "PERSON", "ORG") else ""
    return Mention(text, span.start_char, end, label, head.lemma_.lower(), definite, owner)


def _span_text(token: Token) -> str:
    """A possessor's own words: "New York" in "New York's department"."""
    start = min([token.i] + [c.i for c in token.lefts if c.dep_ == "compound"])
    return token.doc[start : token.i + 1].text


def is_party_like(token: Token, lexicon: Lexicon) -> bool:
    """Could this token name a party (entity, authority noun or a group of firms)?"""
    if token.ent_type_ in PARTY_LABELS:
        return True
    if token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ == "conj":
        return is_party_like(token.head, lexicon)
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in lexicon.party_nouns


_SUBJECT_LINKS = frozenset({"xcomp", "advcl", "conj", "ccomp", "relcl", "acl", "acomp"})


def subjects(pred: Token) -> list[Token]:
    """Subjects of a predicate, inherited from the governing clause when it has none."""
    node = pred
    for _ in range(4):
        found = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return [_named_appositive(t) for s in found for t in conjuncts(s)]
        if node.dep_ not in _SUBJECT_LINKS or node.head is node:
            return []
        node = node.head
    return []


def _named_appositive(token: Token) -> Token:
    """ "Singapore's central bank, the Monetary Authority of Singapore,": the name wins."""
    for child in token.children:
        named = child.ent_type_ or child.pos_ == "PROPN"
        if child.dep_ == "appos" and named and not token.ent_type_:
            return child
    return token


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    """Direct dependents of ``token`` with one of ``deps``, with their conjuncts."""
    wanted = set(deps)
    return [t for c in token.children if c.dep_ in wanted for t in conjuncts(c)]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``token`` ("approval *from the FDA*")."""
    wanted = set(preps)
    found: list[Token] = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        for prep in conjuncts(child):  # "by the Commission ... and by the CMA"
            if prep.lower_ in wanted:
                found.extend(t for p in prep.children if p.dep_ == "pobj" for t in conjuncts(p))
    return found


def is_passive(pred: Token) -> bool:
    """True for "have been cleared", "was granted"."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in pred.children)


def read_roles(reading: Reading, trigger: Token, candidate: Candidate, lexicon: Lexicon) -> None:
    """Fill authorities, beneficiaries and the actor flag from the predicate's arguments."""
    pred = reading.predicate
    agents = prep_objects(pred, ("by",)) + prep_objects(trigger, _agent_preps(trigger))
    if reading.receiver_subject:
        _add(candidate.beneficiaries, subjects(pred), lexicon, owners=True)
        found = agents + prep_objects(pred, ("from", "by"))
        if pred.lemma_.lower() in _ADDRESSED:  # "applied *to Botswana's mines ministry* for"
            found += prep_objects(pred, ("to", "with"))
        _add_authorities(candidate.authorities, found + _granting_places(trigger), lexicon)
    elif is_passive(pred) and pred.lemma_.lower() not in lexicon.modality:
        # "a dividend, which was approved by shareholders": a private agent decides nothing
        candidate.actor_blocked = bool(agents) and all(_plainly_private(a, lexicon) for a in agents)
        _add_authorities(candidate.authorities, agents, lexicon)
        passive_subjects = [s for s in subjects(pred) if s.i != trigger.i]
        _add(candidate.beneficiaries, passive_subjects, lexicon, owners=True)
    elif (speaker := _obliging_speaker(pred, reading)) is not None:
        _add_authorities(candidate.authorities, subjects(speaker), lexicon)
        _add(candidate.beneficiaries, subjects(pred), lexicon, owners=True)
    elif pred.pos_ in ("VERB", "AUX"):
        candidate.actor_required = True
        actors = [a for s in subjects(pred) if (a := _antecedent(s, pred)) is not None]
        actors = [a for a in actors if not _is_measure(a, lexicon)]
        deciders = actors or agents  # "the agreement, *approved by the boards* of both firms"
        candidate.actor_blocked = bool(deciders) and all(
            _plainly_private(a, lexicon) for a in deciders
        )
        _add_authorities(candidate.authorities, actors, lexicon)
        _add(candidate.beneficiaries, _verb_beneficiaries(pred), lexicon, owners=True)
        _add_authorities(candidate.authorities, agents, lexicon)
    if trigger.pos_ in ("NOUN", "PROPN"):
        _nominal_roles(trigger, candidate, lexicon)


_ADDRESSED = frozenset({"apply", "submit", "petition", "file", "reapply", "resubmit"})
_OBLIGATIONS = frozenset({"must", "shall"})
_TRADING = frozenset({"buy", "purchase", "import", "export", "sell", "ship", "use", "supply"})
_SAYING = frozenset({"say", "announce", "state", "rule", "order", "decide", "notify", "tell"})


def _obliging_speaker(pred: Token, reading: Reading) -> Token | None:
    """ "The CAC said operators *must stop* buying Vantor products": a duty a body announces
    is its ban; the body speaking decides, the operators are bound."""
    if reading.cls not in ("deny", "revoke") or pred.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATIONS for c in pred.children):
        return None
    if not any(c.dep_ == "xcomp" and c.lemma_.lower() in _TRADING for c in pred.children):
        return None  # "must stop broadcasting": the consequence of a decision told elsewhere
    return pred.head if pred.head.lemma_.lower() in _SAYING else None


_REVIEW_NOUNS = frozenset(
    {"review", "consideration", "scrutiny", "assessment", "evaluation", "examination"}
)


def _agent_preps(trigger: Token) -> tuple[str, ...]:
    """ "approval *from* the FDA" names the authority; "a ban on meat *from* Iowa" the origin."""
    if trigger.lower_ == "pending" or trigger.lemma_.lower() in _REVIEW_NOUNS:
        return ("by", "with", "before", "at")  # "pending with the SFC", "under review at the EMA"
    return ("by", "from") if trigger.lemma_.lower() in PERMISSIONS | _GRANTS else ("by",)


def _granting_places(trigger: Token) -> list[Token]:
    """ "obtained clearances *in the United States, Japan and South Korea*"."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    return [p for p in prep_objects(trigger, ("in",)) if p.ent_type_ in ("GPE", "NORP")]


def _antecedent(subject: Token, pred: Token) -> Token | None:
    """ "a company *that* licenses its patents": a relative pronoun stands for its noun."""
    if subject.tag_ in ("WDT", "WP") and pred.dep_ == "relcl":
        return pred.head
    if subject.lower_ in ("it", "they") and pred.dep_ == "ccomp":
        speakers = [c for c in pred.head.children if c.dep_ == "nsubj"]
        if speakers:  # "the ministry said *it* had approved": the speaker
            return _named_appositive(speakers[0])
    return subject


def _is_measure(token: Token, lexicon: Lexicon) -> bool:
    """ "an order *that* barred airlines": the measure's issuer is implicit, not "the order"."""
    return token.lemma_.lower() in lexicon.measures


def _plainly_private(token: Token, lexicon: Lexicon) -> bool:
    """A subject that cannot be a public body: a firm, a person, "the channel", "users".

    Entities the tables do not know (ORG) and pronouns stay undecided: the assembler resolves
    them or falls back to the authority the article established.
    """
    if token.ent_type_ in ("GPE", "NORP", "REGULATOR", "AUTHORITY", "COURT", "INTL", "ORG"):
        return False
    if token.ent_type_ == "PERSON":
        return not _titled(token, lexicon)
    if token.ent_type_ == "COMPANY":
        return True
    if token.pos_ == "PRON":
        return False
    if any(c.lower_ in _PUBLIC_MODIFIERS for c in token.children if c.dep_ in ("amod", "compound")):
        return False  # "Brazil's *central* bank", "the *state* regulator"
    kind = lexicon.party_nouns.get(token.lemma_.lower())
    return kind is None or kind == "group"


_PUBLIC_MODIFIERS = frozenset({"central", "reserve", "national", "federal", "state", "public"})


def _titled(person: Token, lexicon: Lexicon) -> bool:
    """ "Agriculture Secretary Ramon Delos Santos", "President Donald Trump": an office holder."""
    words = [t for t in person.subtree if t.i <= person.i] + [person.doc[max(person.i - 4, 0)]]
    words += list(person.doc[max(person.left_edge.i - 2, 0) : person.left_edge.i])
    return any(lexicon.party_nouns.get(w.lemma_.lower()) not in (None, "group") for w in words)


def _verb_beneficiaries(pred: Token) -> list[Token]:
    """Objects of "cleared Nvidia", "granted X a licence", "allowing firms to buy", and the
    owners in "approved *Halden's* Veluvra"."""
    objects = children(pred, ("dobj", "dative")) + _non_places(prep_objects(pred, ("to", "for")))
    clauses = (c for c in pred.children if c.dep_ in ("ccomp", "xcomp") and c.i > pred.i)
    for clause in clauses:  # "allowing *firms* to buy"; not a clause before the verb
        objects += [c for c in clause.children if c.dep_ == "nsubj"]
    owners = [c for o in objects for c in o.children if c.dep_ == "poss"]
    return objects + owners + _applicants(objects) + _holders(objects)


def _holders(objects: list[Token]) -> list[Token]:
    """ "suspended the export registrations *of three Australian plants*": who holds a permit."""
    permits = [o for o in objects if o.lemma_.lower() in PERMISSIONS | {"registration"}]
    return _non_places([p for o in permits for p in prep_objects(o, ("of",))])


def _applicants(objects: list[Token]) -> list[Token]:
    """ "rejected *Coinhaven's* application", "a request *from Australia*"."""
    found: list[Token] = []
    for obj in objects:
        if obj.lemma_.lower() in REQUESTS:
            found += [c for c in obj.children if c.dep_ == "poss"]
            found += prep_objects(obj, ("from", "by"))
    return found


def _non_places(tokens: list[Token]) -> list[Token]:
    """ "permits for sensors *to Turkey*": a country after to/for is a destination, not a party."""
    return [t for t in tokens if t.ent_type_ not in ("GPE", "LOC")]


def _nominal_roles(trigger: Token, candidate: Candidate, lexicon: Lexicon) -> None:
    """ "Beijing's ban", "FDA approval", "approval by the Commission", "approval for Pfizer"."""
    modifiers = [
        c
        for c in trigger.children
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ in PARTY_LABELS
    ]
    _add(candidate.possessors, modifiers, lexicon)
    agents = prep_objects(trigger, _agent_preps(trigger)) + _granting_places(trigger)
    for thing in prep_objects(trigger, ("of",)):  # "the approval of the deal *by the EC*"
        agents += prep_objects(thing, ("by",))
    bodies = [t for t in prep_objects(trigger, ("of",)) if _names_a_body(t, lexicon)]
    agents += bodies  # "needs the approval *of the Finnish Transport Agency*": who approves
    _add_authorities(candidate.authorities, agents + _granter(trigger), lexicon)
    if trigger.lemma_.lower() in _REVIEW_NOUNS and trigger.dep_ == "pobj":
        under = trigger.head.head  # "applications from X were still [under review]"
        _add(candidate.beneficiaries, _applicants(subjects(under)), lexicon, owners=True)
    preps = ("for", "to", "of") if trigger.lemma_.lower() in PERMISSIONS else ("for", "to")
    for pobj in _non_places(prep_objects(trigger, preps)):
        if pobj.i in {b.i for b in bodies}:
            continue
        targets = [pobj] + [c for c in pobj.children if c.dep_ == "poss"]
        _add(candidate.beneficiaries, targets, lexicon, owners=True)


_BODY_LABELS = PUBLIC_LABELS - {"GPE", "NORP"}  # a body itself, not a place


def _names_a_body(token: Token, lexicon: Lexicon) -> bool:
    """A public body by its entity label, or a capitalised name ending in a public noun of
    ``authority_nouns.tsv`` ("the Danish Energy and Telecoms Agency", which NER calls a plain
    organisation)."""
    if token.ent_type_ in _BODY_LABELS:
        return True
    return token.pos_ == "PROPN" and is_public_noun(token.lower_, lexicon)


def is_public_noun(word: str, lexicon: Lexicon) -> bool:
    """ "regulator", "ministry", "agency": a noun ``authority_nouns.tsv`` gives a public kind."""
    return lexicon.party_nouns.get(word) not in (None, "group")


def _granter(trigger: Token) -> list[Token]:
    """ "a judge granted the FTC's request for *an injunction*": the judge decides it."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in REQUESTS:
        return []
    request = prep.head
    if request.dep_ != "dobj" or request.head.pos_ != "VERB":
        return []
    return subjects(request.head)


def public_places(token: Token, lexicon: Lexicon) -> list[Token]:
    """ "regulators *in the United States and South Korea*", "*Canadian and US* authorities":
    a generic public noun names its countries through a place or demonym modifier."""
    kind = lexicon.party_nouns.get(token.lemma_.lower())
    if kind in (None, "group"):
        return []
    places = [
        c
        for c in token.children
        if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE")
    ]
    places += [p for p in prep_objects(token, ("in", "of")) if p.ent_type_ in ("GPE", "LOC")]
    named = ("NORP", "GPE", "LOC", "AUTHORITY")
    return [t for p in places for t in conjuncts(p) if t.ent_type_ in named]


def _add_authorities(target: list[Mention], tokens: Iterable[Token], lexicon: Lexicon) -> None:
    """Authorities, with a generic noun fanned out over the countries it names (2+ only)."""
    plain: list[Token] = []
    for token in tokens:
        places = public_places(token, lexicon)
        if len(places) < 2:
            plain.append(token)
            continue
        for place in places:  # the place's own words, even inside "US authorities"
            start = min([place.i] + [c.i for c in place.lefts if c.dep_ == "compound"])
            span = place.doc[start : place.i + 1]
            target.append(Mention(span.text, span.start_char, span.end_char, place.ent_type_))
    _add(target, plain, lexicon)


def _add(
    target: list[Mention], tokens: Iterable[Token], lexicon: Lexicon, *, owners: bool = False
) -> None:
    """Mentions of the party-like tokens; ``owners`` keeps only the owner of "X's Y" entities."""
    seen = {m.start for m in target}
    for token in tokens:
        if not is_party_like(token, lexicon):
            continue
        found = _owner(mention(token), token) if owners else mention(token)
        if found.start not in seen:
            target.append(found)
            seen.add(found.start)


def _owner(found: Mention, token: Token) -> Mention:
    """ "Halden Therapeutics' Veluvra" tagged as one entity: the party is the owner."""
    doc = token.doc
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None:
        return found
    marks = [t for t in span if t.dep_ == "case" and t.i < span.end - 1]
    if not marks:
        return found
    owner = doc[span.start : marks[0].i]
    if not owner.text.strip():
        return found
    return Mention(owner.text, owner.start_char, owner.end_char, found.label, "", False)


def temporal_mentions(pred: Token, trigger: Token) -> list[Mention]:
    """DATE entities in the clause, and "earlier" / "until recently" style adverbs."""
    found: list[Mention] = []
    seen: set[int] = set()
    for token in list(pred.subtree) + ([] if trigger is pred else list(trigger.subtree)):
        if token.ent_type_ in ("DATE", "TIME") and token.ent_iob_ == "B":
            span = next(e for e in token.doc.ents if e.start == token.i)
            if span.start_char not in seen:
                found.append(Mention(span.text, span.start_char, span.end_char, "DATE"))
                seen.add(span.start_char)
    for child in pred.children:
        found.extend(_adverbial_time(child, seen))
    found = [m for m in found if not _DURATION.match(m.text)]
    if not found:  # "has approved X, the company said *on Wednesday*"
        found = [
            Mention(e.text, e.start_char, e.end_char, "DATE")
            for e in trigger.sent.ents
            if e.label_ == "DATE" and not _DURATION.match(e.text)
        ][:1]
    attached = _attached_times(pred) | _attached_times(trigger)
    return sorted(found, key=lambda m: (m.start not in attached, m.start))


def _attached_times(head: Token) -> set[int]:
    """Start offsets of times that modify ``head`` itself ("approved X *on Monday*",
    "*last week* approved"): these say when the decision was taken."""
    starts: set[int] = set()
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "at", "during"):
            starts |= {t.idx for t in child.children if t.dep_ == "pobj"}
            starts |= {t.idx for c in child.children for t in c.lefts if c.dep_ == "pobj"}
        elif child.dep_ in ("npadvmod", "tmod"):
            starts |= {t.idx for t in child.subtree}
    return starts


# "a ten-year licence", "within 60 days", "monthly", "recent years": how long or how often,
# not when the decision was taken
_DURATION = re.compile(
    r"^(?:for |within |over |up to |about |around |nearly |almost |less than |more than )*"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|recent|"
    r"\d[\d,.]*|the (?:past|last|next|first|coming) (?:\w+ )?)\s*)?"
    r"(?:working |business |calendar |full )?(?:hour|day|week|month|quarter|year|decade)s?$"
    r"|^\w+-(?:hour|day|week|month|year)(?:-old)?$"
    r"|^(?:daily|weekly|monthly|quarterly|annual|annually|yearly)$",
    re.IGNORECASE,
)


def _adverbial_time(child: Token, seen: set[int]) -> list[Mention]:
    if child.dep_ == "advmod" and child.lower_ in TIME_ADVERBS and child.idx not in seen:
        return [Mention(child.text, child.idx, child.idx + len(child.text), "TIME_ADV")]
    if child.dep_ == "prep" and child.lower_ in ("until", "since"):
        words = list(child.subtree)
        if words and all(not w.ent_type_ for w in words[1:]) and len(words) <= 3:
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            return [Mention(child.doc.text[start:end], start, end, "TIME_ADV")]
    return []


def _market_of_sales(token: Token) -> bool:
    """A place compounded onto sales or shipments names where they go ("its China sales")."""
    return (
        token.dep_ == "compound"
        and token.ent_type_ == "GPE"
        and token.head.lemma_.lower() in ("sale", "shipment", "delivery")
    )


def places(pred: Token, trigger: Token) -> tuple[list[Mention], list[Mention]]:
    """Origins ("from the US") and destinations ("to China", "into the EU") of a trade flow."""
    origins: list[Mention] = []
    destinations: list[Mention] = []
    for token in sorted(set(pred.subtree) | set(trigger.subtree), key=lambda t: t.i):
        if _market_of_sales(token):
            destinations.append(mention(token))  # "halted the company's *China* sales"
        if token.dep_ != "pobj":
            continue
        place = token
        if token.ent_type_ not in ("GPE", "LOC"):
            # "to *Chinese* companies", "to customers *in China*"
            hints = [c for c in token.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
            hints += [p for p in prep_objects(token, ("in",)) if p.ent_type_ in ("GPE", "LOC")]
            if token.head.lower_ == "from":  # "from *Spain's* Catalonia region"
                hints += [
                    c for c in token.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC")
                ]
            if not hints:
                continue
            place = hints[0]
        prep = token.head.lower_
        if prep in ("to", "into"):
            destinations.append(mention(place))
        elif prep == "from":
            origins.append(mention(place))
    return sorted(origins, key=lambda m: m.start), sorted(destinations, key=lambda m: m.start)
