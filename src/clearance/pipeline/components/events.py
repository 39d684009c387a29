"""The ``clearance_events`` component: every sentence's decisions as Candidates on ``doc._``.

For each trigger (a lexicon lemma whose surface form the lexicon lists, or a multiword phrase)
it reads the decision (governors, negation, modality), the scope, and the roles from the parse.
Weak triggers ("allow", "review", "consider") need a scope cue, a product or a regulatory measure
in their own clause; strong ones ("approve", "ban") do not.
"""

from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from clearance.pipeline.candidates import Candidate, Mention
from clearance.pipeline.lexicon import Lexicon, Trigger, load_lexicon
from clearance.pipeline.rules.decision import Reading, governing_verb, modality, read_decision
from clearance.pipeline.rules.repair import repair_verbless_sentences
from clearance.pipeline.rules.roles import (
    PERMISSIONS,
    PUBLIC_LABELS,
    REQUESTS,
    is_party_like,
    is_public_noun,
    mention,
    places,
    prep_objects,
    read_roles,
    temporal_mentions,
)
from clearance.pipeline.rules.scope import ScopeReading, object_of, read_scope

if not Doc.has_extension("clearance_candidates"):
    Doc.set_extension("clearance_candidates", default=None)

_SKIP_DEPS = frozenset({"amod", "compound"})
_RULINGS = frozenset({"rule", "decide"})
_PLACES = frozenset({"GPE", "LOC", "NORP", "DATE", "MONEY", "CARDINAL", "PERCENT"})
_MERGER_PREPS = frozenset({"of", "between", "with", "by"})


class EventsComponent:
    """Reads decision candidates from a parsed Doc; holds only the lexicon and a Matcher."""

    def __init__(self, nlp: Language, name: str, models_dir: str) -> None:
        self.name = name
        self.lexicon: Lexicon = load_lexicon(Path(models_dir))
        self.matcher = Matcher(nlp.vocab)
        for index, phrase in enumerate(self.lexicon.phrases):
            pattern = [{"LOWER": {"IN": list(words)}} for words in phrase.words]
            self.matcher.add(f"phrase-{index}", [pattern])

    def __call__(self, doc: Doc) -> Doc:
        repair_verbless_sentences(doc, self._decision_verb)
        doc._.clearance_candidates = list(self.candidates(doc))
        return doc

    def _decision_verb(self, token: Token) -> bool:
        return self.lexicon.trigger_for(token.lemma_.lower(), "VERB", token.lower_) is not None

    def candidates(self, doc: Doc) -> list[Candidate]:
        """All candidates in document order, one per trigger that survives its checks."""
        fixed = self._phrase_triggers(doc) | structural_triggers(doc, self.lexicon.measures)
        found: list[Candidate] = []
        consumed: set[int] = set()
        readings: list[tuple[Token, Reading, Trigger | None]] = []
        for token in doc:
            trigger: Trigger | None = None
            if token.i in fixed:
                reading = read_decision(token, fixed[token.i], self.lexicon, fixed=True)
            else:
                trigger = self._trigger(token)
                if trigger is None:
                    continue
                reading = read_decision(token, trigger.cls, self.lexicon)
            if reading is not None:
                readings.append((token, reading, trigger))
                consumed |= reading.consumed
        triggers = {token.i for token, _, _ in readings}
        for token, reading, trigger in readings:
            if token.i in consumed or _absorbed(token, reading, triggers):
                continue
            scope = self._scope(token, reading)
            candidate = self._candidate(token, reading, trigger, scope)
            if candidate is not None:
                found.append(candidate)
                found += self._coordinated_scopes(candidate, scope)
        return found

    def _scope(self, token: Token, reading: Reading) -> ScopeReading | None:
        """The decision's scope cue; for "the sale of a 19.9% stake is undergoing a review",
        the thing reviewed says what the review is of."""
        pred = reading.predicate
        scope = read_scope(pred, token, self.lexicon)
        if reading.receiver_subject and (scope is None or scope.hops >= 9):
            for subject in (c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")):
                own = read_scope(subject, subject, self.lexicon)
                scope = own if own is not None and own.hops < 9 else scope
        return scope

    def _coordinated_scopes(
        self, candidate: Candidate, scope: ScopeReading | None
    ) -> list[Candidate]:
        """ "will ban the *import and sale* of nicotine pouches": one decision on two flows is
        two events, one per scope."""
        if scope is None or not candidate.scope_strong:
            return []
        others = []
        for conj in (c for c in scope.token.children if c.dep_ == "conj"):
            cue = self.lexicon.scopes.get(conj.lemma_.lower())
            if cue is not None and cue.strong and cue.scope != candidate.scope:
                others.append(replace(candidate, scope=cue.scope, scope_strong=True))
        return others

    def _phrase_triggers(self, doc: Doc) -> dict[int, str]:
        heads: dict[int, str] = {}
        for match_id, start, _end in self.matcher(doc):
            index = int(doc.vocab.strings[match_id].split("-")[1])
            phrase = self.lexicon.phrases[index]
            heads[start + phrase.head] = phrase.cls
        return heads

    def _trigger(self, token: Token) -> Trigger | None:
        if _ruled_out(token, self.lexicon):
            return None
        trigger = self.lexicon.trigger_for(token.lemma_.lower(), token.pos_, token.lower_)
        if trigger is not None and trigger.cls == "approve" and self._describes_measure(token):
            return None
        return trigger

    def _candidate(
        self, token: Token, reading: Reading, trigger: Trigger | None, scope: ScopeReading | None
    ) -> Candidate | None:
        """A candidate for one trigger, or None when a weak trigger lacks support."""
        strong = trigger is None or trigger.strong
        pred = reading.predicate
        sentence = token.sent
        candidate = Candidate(
            decision=reading.decision,
            trigger=Mention(token.text, token.idx, token.idx + len(token.text), "TRIGGER"),
            sentence=Mention(sentence.text, sentence.start_char, sentence.end_char),
            clause=_clause_span(pred, token),
            scope=scope.scope if scope else None,
            scope_strong=bool(scope and scope.strong and scope.hops < 9),
            strong_trigger=strong,
            licence_purpose=bool(scope and scope.licence),
        )
        if candidate.scope is None and reading.cls == "propose" and _drafted(token):
            candidate.scope, candidate.scope_strong = "other", True  # "draft rules" on banking
        if _barring_listing(token) and (
            candidate.scope is None or not candidate.scope_strong or candidate.scope == "license"
        ):
            listed = {c.lemma_.lower() for c in token.subtree}  # the entity list: export control
            candidate.scope, candidate.scope_strong = (
                ("export", True) if listed & {"entity", "export"} else ("other", True)
            )
        if candidate.scope is None and token.lemma_.lower() in _OPERATING_PERMISSIONS:
            candidate.scope = "license"  # "granted Coastal Air authority to fly": a licence
            candidate.scope_strong = token.dep_ == "dobj"  # granted as such, not mentioned
        read_roles(reading, token, candidate, self.lexicon)
        self._items(candidate, pred, token, scope.token if scope else None)
        candidate.times = temporal_mentions(pred, token)
        candidate.origins, candidate.destinations = places(pred, token)
        candidate.anaphoric = _anaphoric(token, pred)
        candidate.companies = [
            Mention(e.text, e.start_char, e.end_char, e.label_)
            for e in sentence.ents
            if e.label_ in ("ORG", "COMPANY")
        ]
        if scope is not None and scope.scope == "merger":
            self._merging_parties(candidate, scope.token)
        if reading.cls == "approve" and self._inside_measure(pred):
            return None  # "rules that would allow X, *ending a ban*": the rule's content
        if _describes_permission(pred, reading) or _bare_mention(token, reading, candidate):
            return None
        if reading.cls == "deny" and self._refuses_a_remark(pred):
            return None
        if reading.cls == "deny" and _permission_subject(pred):
            return None
        if _generic_requirement(pred) or _addressed_to_reader(pred):
            return None
        if strong:
            return candidate
        if token.pos_ in ("NOUN", "PROPN"):
            # a weak noun needs a governor: "obtained clearances" is a decision, "took a
            # licence" is not
            return candidate if reading.predicate.i != token.i else None
        if trigger is not None and trigger.cls == "propose" and token.pos_ == "VERB":
            if not self._has_measure(pred, token):
                return None
            if candidate.scope is None:  # "considering a cap on airfares": a rule of its own
                candidate.scope, candidate.scope_strong = "other", True
            return candidate
        if trigger is not None and trigger.cls == "pending" and self._has_request(pred):
            return candidate  # "still evaluating applications from two operators"
        if trigger is not None and trigger.cls == "pending" and self._reviews_a_name(pred):
            return candidate  # "the FDA is reviewing Lumivue"
        if trigger is not None and trigger.lemma in _RULINGS:
            # "is expected to rule within two months", "until the department rules on its
            # application": a ruling still to come is pending
            awaited = modality(token, self.lexicon) is not None or _awaited(token)
            return candidate if awaited else None
        clause_scope = scope is not None and scope.hops < 9
        if clause_scope or candidate.items or self._has_measure(pred, token):
            return candidate
        return None

    def _refuses_a_remark(self, pred: Token) -> bool:
        """ "rejecting objections from creditors": refusing a remark is no decision on a permit."""
        return any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.non_objects for c in pred.children
        )

    def _has_request(self, pred: Token) -> bool:
        if pred.dep_ == "acl" and pred.head.lemma_.lower() in REQUESTS:
            return True  # "an application pending with the SFC"
        return any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in REQUESTS for c in pred.children
        )

    def _reviews_a_name(self, pred: Token) -> bool:
        if pred.lemma_.lower() not in _REVIEWS:
            return False
        return any(
            c.dep_ == "dobj" and c.pos_ == "PROPN" and c.ent_type_ not in _NOT_PRODUCTS
            for c in pred.children
        )

    def _inside_measure(self, pred: Token) -> bool:
        node = pred
        for _ in range(4):
            if self._describes_measure(node):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _describes_measure(self, token: Token) -> bool:
        """ "rules *that would let* tourists convert crypto": what a rule allows is the rule's
        own content, told by the rule's event."""
        return token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in self.lexicon.measures

    def _has_measure(self, pred: Token, trigger: Token) -> bool:
        """ "is considering *rules*", "drafted *curbs*": a regulatory measure as an object."""
        objects = [
            c
            for c in pred.subtree
            if c.dep_ in ("dobj", "nsubjpass", "pobj", "xcomp") and c.i != trigger.i
        ]
        return any(
            o.lemma_.lower() in self.lexicon.measures and not _purchase_verb(o) for o in objects
        )

    def _items(self, candidate: Candidate, pred: Token, trigger: Token, cue: Token | None) -> None:
        tokens = set(pred.subtree) | set(trigger.subtree)
        if cue is not None:
            tokens |= set(cue.subtree)
        seen: set[int] = set()
        for token in sorted(tokens, key=lambda t: t.i):
            if token.ent_type_ == "PRODUCT" and token.ent_iob_ == "B" and token.idx not in seen:
                candidate.items.append(mention(token))
                seen.add(token.idx)
                candidate.vendors.extend(_vendors(token, self.lexicon))
        target = _counted(self._item_object(pred, trigger, cue))
        if target is not None:
            candidate.item_object = _owned_part(mention(target), target)
            if not candidate.vendors:
                candidate.vendors.extend(_vendors(target, self.lexicon))

    def _item_object(self, pred: Token, trigger: Token, cue: Token | None) -> Token | None:
        """What is decided on when no product is named: "approved *Veluvra*", "imports of *salt*",
        "approved 14 *generative AI models*", "revoked its *broadcasting licence*"."""
        for child in pred.children:
            if (
                child.dep_ in ("dobj", "nsubjpass")
                and child.i != trigger.i
                and _named_thing(child, self.lexicon)
            ):
                return child
        if trigger.lemma_.lower() in PERMISSIONS and trigger.pos_ == "NOUN":
            return trigger
        if cue is not None and cue.pos_ == "NOUN" and cue.dep_ in ("dobj", "nsubjpass"):
            found = self.lexicon.scopes.get(cue.lemma_.lower())
            if found is not None and found.scope in ("product", "license"):
                return cue
        return object_of(cue) if cue is not None else None

    def _merging_parties(self, candidate: Candidate, cue: Token) -> None:
        """ "Microsoft's acquisition of Activision": both firms are beneficiaries."""
        parties = [c for c in cue.children if c.dep_ == "poss"]
        for prep in cue.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in _MERGER_PREPS:
                parties.extend(c for c in prep.children if c.dep_ == "pobj")
        if cue.pos_ == "VERB":
            parties.extend(c for c in cue.children if c.dep_ == "dobj")
        known = {m.start for m in candidate.beneficiaries}
        for token in parties:
            for node in [token, *[c for c in token.children if c.dep_ == "conj"]]:
                if node.ent_type_ in ("ORG", "COMPANY") or (
                    node.pos_ == "PROPN" and node.ent_type_ not in _PLACES
                ):
                    found = mention(node)
                    if found.start not in known:  # merging parties are firms, whatever NER says
                        candidate.beneficiaries.append(replace(found, label="ORG"))
                        known.add(found.start)


_ORDERING = frozenset({"order", "force", "require", "compel", "direct", "instruct", "tell"})
_HOLDINGS = frozenset({"stake", "shareholding", "holding", "interest", "share"})
_BARRING_LISTS = frozenset(
    {"entity", "export", "control", "sanction", "sanctions", "black", "restricted", "watch"}
)
_BARRED = frozenset({"bar", "ban", "sanction", "prohibit", "blacklist", "restrict"})


def structural_triggers(doc: Doc, measures: frozenset[str]) -> dict[int, str]:
    """Decisions told without a decision word: a forced sale of a stake ("ordered X to sell its
    stake") and a listing that bars ("added Y to the entity list", "to a list of tankers
    barred from EU ports") are denials; a draft measure (``measures.tsv``: "a draft decree",
    "proposed rules") is proposed."""
    found: dict[int, str] = {}
    for token in doc:
        if token.pos_ == "VERB" and (_forced_sale(token) or _barring_listing(token)):
            found[token.i] = "deny"
        elif token.pos_ == "VERB" and _told_they_could(token):
            found[token.i] = "approve"  # "told carriers that they could resume accepting jets"
        elif token.lemma_.lower() in measures and _drafted(token):
            found[token.i] = "propose"  # "published *draft rules*"
    return found


def _drafted(token: Token) -> bool:
    return token.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.lower_ in ("draft", "proposed") for c in token.children
    )


_TELLING = frozenset({"tell", "inform", "notify", "advise"})
_RESUMING = frozenset({"resume", "restart"})


def _told_they_could(token: Token) -> bool:
    """A body telling firms they *could resume* a flow grants it back: the verb they may do is
    "resume"/"restart", under "could/can/may", in what the body told them."""
    if token.lemma_.lower() not in _TELLING:
        return False
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        may = any(a.dep_ == "aux" and a.lower_ in ("could", "can", "may") for a in clause.children)
        if may and clause.lemma_.lower() in _RESUMING:
            return True
    return False


def _forced_sale(token: Token) -> bool:
    if token.lemma_.lower() not in ("sell", "dispose", "offload", "unwind"):
        return False
    if token.dep_ != "xcomp" or token.head.lemma_.lower() not in _ORDERING:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for o in objects for p in prep_objects(o, ("of",))]
    return any(o.lemma_.lower() in _HOLDINGS for o in objects)


def _barring_listing(token: Token) -> bool:
    if token.lemma_.lower() not in ("add", "put", "place", "include"):
        return False
    for target in prep_objects(token, ("to", "on", "in")):
        if target.lemma_.lower() != "list":
            continue
        words = {c.lemma_.lower() for c in target.subtree}
        if words & _BARRING_LISTS or words & _BARRED:
            return True
    return False


def _awaited(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("until", "till", "before") for c in token.children)


_VENDOR_ROLES = frozenset({"vendor", "supplier", "partner", "contractor", "seller", "reseller"})


def _ordered(token: Token) -> bool:
    """ "the agency *ordered* Crestfield to recall a batch": a recall a body imposes."""
    return token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in _ORDERING


def _lets_a_party(token: Token) -> bool:
    """ "voted to let *Saguaro Water* raise rates": a named firm or group is let do something."""
    let = [c for c in token.children if c.dep_ in ("dobj", "nsubj", "ccomp", "xcomp")]
    let += [g for c in let for g in c.children if g.dep_ == "nsubj"]
    return any(c.ent_type_ in ("ORG", "COMPANY", "GPE", "NORP", "PERSON") for c in let)


def _approved_as_vendor(token: Token) -> bool:
    """ "Being *approved as a vendor*": a customer's supplier list, not a permit (a licence
    "as a crypto-asset service provider" is one)."""
    if token.pos_ != "VERB":
        return False
    return any(p.lemma_.lower() in _VENDOR_ROLES for p in prep_objects(token, ("as",)))


def _ruled_out(token: Token, lexicon: Lexicon) -> bool:
    """Trigger words that, in this use, name no decision."""
    if token.dep_ == "amod" or (token.dep_ in _SKIP_DEPS and token.pos_ != "VERB"):
        return True
    lemma = token.lemma_.lower()
    if token.lower_ == "pending":
        return not _pending_request(token)  # "suspended it, pending a fresh assessment"
    if lemma == "authority":
        return token.dep_ != "dobj"  # "granted X *authority* to fly"; "the authority" is a body
    if lemma == "order" and token.pos_ == "NOUN":
        return _purchase_order(token)  # "an order of 30 Boeing jets"
    if lemma in ("seek", "apply") and token.pos_ == "VERB":
        return not _asks_permission(token)  # "sought treatment", "applied the rule"
    if _approved_as_vendor(token):
        return True
    if lemma == "recall" and token.pos_ == "VERB":
        return not _ordered(token)  # a firm's own recall, "he recalled": no decision
    if lemma == "let" and not _lets_a_party(token):
        return True  # "let supply and demand decide": no one is permitted anything
    if lemma == "wave":
        return not _waved_through(token)
    return (
        _alleged(token)
        or _licensed_professional(token)
        or _listed_as(token)
        or _licensed_out(token, lexicon)
    )


def _licensed_out(token: Token, lexicon: Lexicon) -> bool:
    """ "Vantec licenses its bonding process *to Seomyeon*": a firm licensing a thing to another
    firm (RECORD.md: not an approval). A public body licenses the licensee itself ("licensed
    Copperline to sell power"); only a subject the entities show is public may license *to*."""
    if token.lemma_.lower() not in ("license", "licence") or token.pos_ != "VERB":
        return False
    after = token.doc[token.i + 1 : token.sent.end]  # "to X" wherever the parser hung it
    recipient = any(c.dep_ == "dative" for c in token.children) or any(
        t.dep_ == "prep" and t.lower_ == "to" and list(t.children) for t in after
    )
    # the thing licensed: an object, or what a passive or participle is said of ("ADC
    # platform licensed to Osaka drugmaker")
    thing = token.dep_ == "acl" or any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
    # or another firm's product taken in: "Kitemoth licenses *Polar Forge's* Vireo engine"
    owned = any(
        c.dep_ == "dobj" and any(g.dep_ == "poss" and g.pos_ == "PROPN" for g in c.children)
        for c in token.children
    )
    actors = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
    public = any(
        t.ent_type_ in PUBLIC_LABELS or is_public_noun(t.lemma_.lower(), lexicon)
        for a in actors
        for t in a.subtree
    )
    return ((recipient and thing) or owned) and not public


def _waved_through(token: Token) -> bool:
    """ "waved the deal through", "waved through the takeover"; not "waved flags through the
    night", where the flags are what is waved."""
    through = [c for c in token.children if c.lower_ == "through"]
    if not through:
        return False
    particle = through[0].dep_ == "prt" or not list(through[0].children)
    return particle or not any(c.dep_ == "dobj" for c in token.children)


_PROFESSIONALS = frozenset(
    {
        "physician", "doctor", "pharmacist", "nurse", "wholesaler", "dealer", "retailer",
        "broker", "practitioner", "contractor", "installer", "driver", "pilot", "professional",
        "lawyer", "engineer", "operator", "vendor", "seller", "trader", "pharmacy", "clinic",
    }
)  # fmt: skip


def _listed_as(token: Token) -> bool:
    """ "a list of tankers *barred* from EU ports": the list's description, told by the listing."""
    noun = token.head
    return (
        token.tag_ == "VBN"
        and token.dep_ == "acl"
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() == "list"
    )


def _licensed_professional(token: Token) -> bool:
    """ "physicians *licensed* to operate in all states", "*authorised* dealers": who someone
    is, not a decision about them (no agent, hanging off a person noun)."""
    if token.tag_ != "VBN" or token.dep_ != "acl":
        return False
    if any(c.dep_ == "agent" for c in token.children):
        return False
    return token.head.lemma_.lower() in _PROFESSIONALS


def _purchase_verb(token: Token) -> bool:
    """ "tankers it plans to *order* from a shipyard": ordering goods, not an order to anyone
    (that one tells someone to act: "plans to order banks to ...")."""
    if token.pos_ != "VERB" or token.lemma_.lower() != "order":
        return False
    return not any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def _purchase_order(token: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ in ("of", "for") and any(p.dep_ == "pobj" for p in c.children)
        for c in token.children
    ) or any(
        c.dep_ in ("nummod", "compound") and c.ent_type_ in ("ORG", "MONEY") for c in token.children
    )


_ASKED_FOR = PERMISSIONS | REQUESTS | {
    "clearance", "nod", "go-ahead", "consent", "exemption", "waiver", "access", "listing",
    "registration", "review", "extension", "renewal", "certification", "authority", "right",
}  # fmt: skip


def _asks_permission(verb: Token) -> bool:
    """ "sought approval", "applied for a licence", "applied to the FDA to market it"."""
    asked = [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]
    asked += prep_objects(verb, ("for",))
    if any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in asked):
        return True
    if not any(c.dep_ in ("dobj", "prep", "xcomp") for c in verb.children):
        return True  # "40 other firms have applied and are waiting": for the permit told
    return any(c.lemma_.lower() in _ASKED_FOR for c in asked)


_ALLEGING = frozenset({"accuse", "allege", "accusation", "allegation", "charge", "suspect"})


def _alleged(token: Token) -> bool:
    """ "accused of *blocking* the delivery of aid": an allegation, not a decision."""
    if any(c.lower_ == "allegedly" for c in token.children):
        return True
    node = token
    for _ in range(5):  # "accused of creating a disaster by *blocking* aid"
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _ALLEGING:
            return True
    return False


def _generic_requirement(pred: Token) -> bool:
    """ "Under EU rules, lenders *need* their supervisor's permission": a rule for everyone,
    told in the present to a bare plural, is no decision."""
    if pred.lemma_.lower() not in ("need", "require") or pred.tag_ not in ("VBP", "VB"):
        return False
    head = pred.head
    if (
        pred.dep_ == "relcl"
        and head.tag_ == "NNS"
        and not any(c.dep_ == "det" for c in head.children)
    ):
        return True  # "items that need an export licence"
    subjects = [c for c in pred.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.tag_ == "NNS"
        and not s.ent_type_
        and not any(c.dep_ in ("det", "poss") for c in s.children)
        for s in subjects
    )


def _addressed_to_reader(pred: Token) -> bool:
    """ "gives *you* permission to ignore the stages", "allows *you* to stream": the reader."""
    return any(c.dep_ in ("dative", "dobj", "nsubj") and c.lower_ == "you" for c in pred.children)


def _permission_subject(pred: Token) -> bool:
    """ "The licences also *bar* sales to listed companies": a permit's own terms, not a ban."""
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in PERMISSIONS | _OPERATING_PERMISSIONS
        for c in pred.children
    )


def granted_request(pred: Token, triggers: set[int] | None = None) -> Token | None:
    """ "granted [the FTC's request] for [an injunction]": the decision requested (a trigger
    noun after "request for"), when ``pred`` grants a request."""
    if pred.lemma_.lower() not in _GRANTING_VERBS:
        return None
    for obj in pred.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in REQUESTS:
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                asked = [c for c in prep.children if c.dep_ == "pobj"]
                if not asked or asked[0].lemma_.lower() in PERMISSIONS:
                    continue  # "approved the application for a permit": the permit's own
                if triggers is None or asked[0].i in triggers:
                    return asked[0]
    return None


_REVIEWS = frozenset(
    {"review", "assess", "evaluate", "examine", "scrutinize", "scrutinise", "probe", "investigate"}
)
# the small model often reads a drug's name as a PERSON: anything but a place or an amount
_NOT_PRODUCTS = frozenset(
    {"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "DATE", "GPE", "NORP", "LOC"}
)


def _pending_request(token: Token) -> bool:
    """ "an application *pending* with the SFC", "the request is *pending*"."""
    return token.dep_ in ("acomp", "ROOT") or (
        token.dep_ == "acl" and token.head.lemma_.lower() in REQUESTS
    )


_OPERATING_PERMISSIONS = frozenset({"authority", "authorisation", "authorization", "permission"})
_GRANTING_VERBS = frozenset({"grant", "approve", "accept", "uphold", "allow"})


def _describes_permission(pred: Token, reading: Reading) -> bool:
    """ "export permits *that allowed* Maritime to ship sensors": what a permit allows is part
    of the permit's own event; "a request *to be allowed* to resume exports" is a wish."""
    if pred.dep_ not in ("relcl", "acl") or pred.lower_ == "pending":
        return False  # "an application *pending* with the SFC" is the pending decision itself
    head = pred.head.lemma_.lower()
    return head in REQUESTS or (reading.cls == "approve" and head in PERMISSIONS)


def _owned_part(found: Mention, token: Token) -> Mention:
    """ "Halden Therapeutics' Veluvra" as one entity: the thing is what follows the possessive."""
    marks = [t for t in token.doc[: token.i] if t.dep_ == "case" and t.idx >= found.start]
    if not marks:
        return found
    start = marks[-1].i + 1
    span = token.doc[start : token.i + 1]
    return Mention(span.text, span.start_char, span.end_char, found.label, found.head_lemma, False)


def _named_thing(token: Token, lexicon: Lexicon) -> bool:
    """A proper name that is not a party, or one owned by a party ("Halden's *Veluvra*")."""
    if token.pos_ != "PROPN":
        return False
    owned = any(c.dep_ == "poss" for c in token.children) or any(
        t.dep_ == "case" for t in token.lefts
    )
    return owned or not is_party_like(token, lexicon)


def _bare_mention(token: Token, reading: Reading, candidate: Candidate) -> bool:
    """ "a round-up of the week's drug *approvals*", "5. SALE *BANS*:": a decision word that
    names no decision (no governor, no party, no object, not "the approval" told before)."""
    if token.pos_ not in ("NOUN", "PROPN") or reading.predicate.i != token.i:
        return False
    roles = (
        candidate.authorities
        or candidate.possessors
        or candidate.beneficiaries
        or candidate.items
        or candidate.item_object
    )
    return not roles and not candidate.anaphoric


def _absorbed(token: Token, reading: Reading, triggers: set[int]) -> bool:
    """ "the licence will be *approved*": a noun whose own verb is a trigger lets the verb speak;
    "an injunction *blocking* the merger", "an order *banning* imports": the noun's own
    participle restates it; "granted the FTC's request for an injunction": the granted
    request is the injunction's own event."""
    restates = reading.cls in ("deny", "revoke")
    if restates and token.dep_ == "acl" and token.pos_ == "VERB" and token.head.i in triggers:
        return True
    if token.pos_ == "VERB" and granted_request(token, triggers) is not None:
        return True
    if reading.predicate.i != token.i:
        return False
    verb = governing_verb(token)
    return verb is not None and verb.i in triggers


_AMOUNT_WORDS = frozenset(
    [
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "score",
        "lot",
        "number",
        "batch",
        "quantity",
        "amount",
        "share",
        "tonne",
        "ton",
        "unit",
        "round",
    ]
)


def _counted(target: Token | None) -> Token | None:
    """ "hundreds of thousands *of processors*", "a batch *of chips*": the thing counted."""
    for _ in range(4):
        if target is None or target.lemma_.lower() not in _AMOUNT_WORDS:
            return target
        pobjs = [
            p
            for prep in target.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        target = pobjs[0] if pobjs else None
    return target


def _vendors(product: Token, lexicon: Lexicon) -> list[Mention]:
    """ "Nvidia's H200 chips", "vehicles *made by Rheinwald*": who makes the item."""
    head = product.head if product.dep_ in ("compound", "nmod", "nummod") else product
    makers = [
        c
        for c in head.children
        if c.dep_ in ("poss", "compound") and c.ent_type_ in ("ORG", "COMPANY")
    ]
    for clause in (c for c in head.children if c.dep_ == "acl"):
        makers += prep_objects(clause, ("by",))
    return [mention(c) for c in makers if is_party_like(c, lexicon)]


def _clause_span(pred: Token, trigger: Token) -> tuple[int, int]:
    tokens = list(pred.subtree) + list(trigger.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _anaphoric(token: Token, pred: Token) -> bool:
    """ "The approval was granted", "the first approvals": a decision already told; so is what
    "*the draft* also proposes" or "officials plan to publish *the rule*"."""
    if token.pos_ in ("NOUN", "PROPN"):
        return _definite(token)
    clauses = [pred, *(c for c in pred.children if c.dep_ == "xcomp")]
    measures = [c for v in clauses for c in v.children if c.dep_ in ("nsubj", "dobj")]
    if any(c.lemma_.lower() in _MEASURE_NOUNS and _definite(c) for c in measures):
        return True  # "the draft also proposes", "officials plan to publish *the rule*"
    objects = [c for c in pred.children if c.dep_ == "dobj"] + prep_objects(pred, ("on", "off"))
    return any(
        c.lemma_.lower() in _DEAL_NOUNS and _definite(c) and not prep_objects(c, ("of",))
        for c in objects
    )  # "the sale" told before; "the export *of 50,000 tonnes*" is new


def _definite(token: Token) -> bool:
    return any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det")


_DEAL_NOUNS = frozenset(
    {"sale", "deal", "acquisition", "merger", "takeover", "transaction", "purchase", "export"}
)  # "signed off on *the sale*": the sale the story already told
_MEASURE_NOUNS = frozenset(
    {"draft", "rule", "rules", "regulation", "proposal", "plan", "ban", "measure", "order"}
)
