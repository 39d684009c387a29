"""Candidates -> ApprovalEvent records: resolve parties, fill implicit slots, merge restatements.

A decision told in several sentences ("China has approved...", "ByteDance... have been cleared",
"The approval was granted...") is one event with several evidence spans. A candidate without a
strong scope, or an anaphoric one ("the approval"), joins the earlier event with the same decision
and authority; otherwise candidates with the same decision, scope and authority and compatible
items merge.
"""

import re
from dataclasses import dataclass, field

from clearance.normalize.attribution import certainty, find_sources
from clearance.normalize.conditions import find_conditions
from clearance.normalize.dates import resolve_when
from clearance.normalize.money import find_money
from clearance.normalize.numbers import find_quantities
from clearance.normalize.parties import PartyResolver
from clearance.normalize.party_tables import subdivisions
from clearance.pipeline.candidates import Candidate, Mention
from clearance.pipeline.context import PUBLIC_KINDS, ArticleContext
from clearance.pipeline.products import ProductTable
from clearance.pipeline.rules.roles import PUBLIC_LABELS
from clearance.records import (
    ApprovalEvent,
    Article,
    Attribution,
    Certainty,
    Decision,
    Item,
    Money,
    Party,
    PartyKind,
    Qualifier,
    Quantity,
    Scope,
    Span,
    When,
    event_id,
)

FLOW_SCOPES = frozenset({"import", "export", "sale"})
_LEADING_QUANTIFIERS = re.compile(
    r"^(?:(?:more|additional|other|new|further|several|some|all)\s+)+", re.I
)
VAGUE = frozenset({Qualifier.ABOUT, Qualifier.RANGE})


@dataclass
class Kit:
    """The normalizer's tables, loaded once per pipeline."""

    resolver: PartyResolver
    products: ProductTable


@dataclass
class Draft:
    """An event being assembled from one or more candidates."""

    decision: str
    scope: str | None
    authority: Party | None
    authority_explicit: bool
    beneficiaries: list[Party] = field(default_factory=list)
    item: Item | None = None
    quantity: Quantity | None = None
    amount: Money | None = None
    origin: str | None = None
    destination: str | None = None
    when: When | None = None
    conditions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    certainty: Certainty = Certainty.REPORTED
    evidence: list[Mention] = field(default_factory=list)
    scope_strong: bool = False
    anaphoric: bool = False
    item_open: bool = True
    strong_trigger: bool = True
    licence_purpose: bool = False
    companies: list[Party] = field(default_factory=list)


def assemble(
    article: Article, candidates: list[Candidate], context: ArticleContext, kit: Kit
) -> list[ApprovalEvent]:
    """Records for an article's candidates (in article coordinates), in document order."""
    text = article.text or ""
    drafts: list[Draft] = []
    body = sorted((c for c in candidates if not c.headline), key=lambda c: c.trigger.start)
    headline = [c for c in candidates if c.headline]
    for candidate in body + headline:  # a headline restates the body: fold it in last
        for draft in _drafts(candidate, text, article, context, kit, drafts):
            _flow_from_home(draft)
            _screened(draft, context)
            if candidate.headline and (told := _headline_target(drafts, draft)) is not None:
                _merge(told, draft)
                continue
            target = _merge_target(drafts, draft, candidate)
            if target is not None:
                _merge(target, draft)
            elif _antecedent_missing(candidate, draft):
                continue
            elif _standalone(draft, drafts):
                drafts.append(draft)
    drafts = _fold_licences(drafts)
    for draft in drafts:
        _finish(draft, context, kit)
    _share_beneficiaries(drafts)
    for draft in drafts:
        _sentence_firms(draft)
        _maker_as_vendor(draft)
    _deal_parties(drafts, context, kit)
    _full_names(drafts, context)
    return [_record(d, article, context) for d in drafts if d.scope is not None]


def _drafts(
    candidate: Candidate,
    text: str,
    article: Article,
    context: ArticleContext,
    kit: Kit,
    earlier: list[Draft],
) -> list[Draft]:
    """One draft per deciding authority: "cleared by Canadian and US authorities" is two."""
    roles = _authority(candidate, context, kit, earlier)
    if roles is None:
        return []
    authorities, explicit, others = roles
    return [
        _draft(candidate, authority, explicit, others, text, article, context, kit)
        for authority in authorities
    ]


def _draft(
    candidate: Candidate,
    authority: Party,
    explicit: bool,
    others: list[Party],
    text: str,
    article: Article,
    context: ArticleContext,
    kit: Kit,
) -> Draft:
    sentence = candidate.sentence.text
    sources = find_sources(sentence)
    clause = text[candidate.clause[0] : candidate.clause[1]]
    return Draft(
        decision=candidate.decision,
        scope=candidate.scope,
        authority=authority,
        authority_explicit=explicit,
        beneficiaries=_beneficiaries(candidate, others, authority, kit),
        item=_item(candidate, kit),
        quantity=_quantity(clause),
        amount=_amount(clause) or _deal_value(candidate, sentence),
        when=_when(candidate, article),
        conditions=find_conditions(sentence),
        sources=sources,
        certainty=certainty(sentence, sources=sources or context.via),
        evidence=[_trim(candidate.sentence)],
        scope_strong=candidate.scope_strong,
        anaphoric=candidate.anaphoric,
        item_open=candidate.item_object is None or candidate.item_object.definite,
        strong_trigger=candidate.strong_trigger,
        licence_purpose=candidate.licence_purpose,
        companies=_companies(candidate, context, kit),
        origin=_country(candidate.origins, kit),
        destination=_country(candidate.destinations, kit),
    )


def _resolve_all(
    mentions: list[Mention], kit: Kit, context: ArticleContext
) -> tuple[list[Party], list[Party]]:
    """Resolved parties split into public bodies and everyone else; the article's own named
    institutions ("the Bank of Lithuania", "NCC") come first."""
    public: list[Party] = []
    others: list[Party] = []
    for found in mentions:
        party = context.institutions.match(found.text)
        party = party or context.institutions.covering(found.start, found.end)
        owned = _owned_body(found, kit)  # "South Korea's Fair Trade Commission": Korea's
        if owned is not None and (party is None or party.country not in (None, owned.country)):
            party = owned
        if party is None and found.label == "OFFICE":
            party = _office_holder(found, context, kit)
        party = party or kit.resolver.resolve(found.text, found.label or None)
        if party is None and found.label == "NORP":
            party = _demonym_country(found.text, kit)
        if party is not None:
            (public if party.kind in PUBLIC_KINDS else others).append(party)
    return public, others


def _owned_body(found: Mention, kit: Kit) -> Party | None:
    if found.owner:
        described = f"{found.owner}'s {found.text}"
    elif "'s " in found.text or "’s " in found.text:
        described = found.text  # the entity took its owner in: "South Korea's Fair Trade ..."
    else:
        return None
    owned = kit.resolver.resolve(described, None)
    return owned if owned is not None and owned.kind in PUBLIC_KINDS else None


def _office_holder(found: Mention, context: ArticleContext, kit: Kit) -> Party | None:
    """ "President Donald Trump", "Treasurer Rachel Moorcroft": an office of the government the
    title's own country word names, else of the story's government."""
    party = kit.resolver.resolve(found.text, "PERSON")
    if party is not None and party.kind != PartyKind.PERSON:
        return party
    government = context.dominant_government()
    home = kit.resolver.country_in(found.text) or (government.country if government else None)
    party = kit.resolver.resolve_in_context(found.text, home)
    return party if party is not None and party.kind != PartyKind.PERSON else None


def _demonym_country(word: str, kit: Kit) -> Party | None:
    """ "cleared by *Canadian* and US authorities": a demonym stands for its government."""
    code = kit.resolver.country_of(word)
    name = kit.resolver.country_name(code) if code else None
    return kit.resolver.resolve(name, "GPE") if name else None


def _authority(
    candidate: Candidate, context: ArticleContext, kit: Kit, earlier: list[Draft]
) -> tuple[list[Party], bool, list[Party]] | None:
    """The deciding public bodies, explicit or implicit; None when a company is the actor.

    "The board approved the buyback" has a non-public subject acting: not an approval event.
    A subject that names no one ("Authorities", "regulators") leaves the authority implicit: a
    named body in the same sentence, else the story's last explicit decider, else the public
    body the article names most.
    """
    if candidate.actor_blocked:
        named = _named_board(candidate, context, kit) or _institution_before(candidate, context)
        return ([named], True, []) if named is not None else None
    public, actors = _resolve_all(candidate.authorities, kit, context)
    owner_public, owners = _resolve_all(candidate.possessors, kit, context)
    described = _described_regulator(
        candidate,
        context,
        kit,
        _last_decider(earlier, PartyKind.COURT, explicit=False),
        _last_decider(earlier, PartyKind.GOVERNMENT, explicit=True),
    )
    if described is not None:
        return [described], True, actors + owners
    public = _distinct(public + owner_public)
    if public:
        return public, True, actors + owners
    if candidate.actor_required and actors:
        return None
    span = (candidate.sentence.start, candidate.sentence.end)
    taken = [
        (m.start, m.end)
        for m in candidate.beneficiaries + candidate.destinations + candidate.origins
    ]
    implicit = context.named_body_in(span, taken) or _discourse_authority(earlier)
    implicit = implicit or context.dominant_authority(candidate.trigger.start)
    return ([implicit] if implicit else []), False, owners


_BODY_HEADS = frozenset({"board", "commission", "committee", "council", "panel"})


def _named_board(candidate: Candidate, context: ArticleContext, kit: Kit) -> Party | None:
    """ "The board also granted MeridianPlay a licence": in a story that names a public board
    (the Michigan Gaming Control Board), "the board" is that body, not a company's board.
    A named committee of no known body ("the RIGI Evaluation Committee") is the story's
    government's."""
    for found in candidate.authorities:
        head = found.head_lemma
        if head not in _BODY_HEADS:
            continue
        if found.text[:1].isupper() and len(found.text.split()) > 1 and " of " not in found.text:
            named = _owned_body(found, kit) or kit.resolver.resolve(found.text, None)
            if named is not None and named.kind in PUBLIC_KINDS:
                return named  # "Turkey's Capital Markets Board": the tables know it
            return context.dominant_government()
        if found.text.casefold() != head:
            continue  # "the boards of both companies", "the audit committee": not a public body
        bodies = [
            p
            for s, p in context.authorities
            if p.kind in PUBLIC_KINDS
            and head in " ".join([*p.mentions, p.name]).casefold().split()
            and s < candidate.trigger.start
        ]
        if bodies:
            return bodies[-1]
    return None


def _institution_before(candidate: Candidate, context: ArticleContext) -> Party | None:
    """ "The Superintendencia Financiera turned down ...": a subject the parser did not take
    for a name, which the article's own institutions know, right before the decision."""
    lead = candidate.sentence.text[: candidate.trigger.start - candidate.sentence.start]
    named = [
        (lead.find(surface), party) for surface, party in context.institutions.by_surface.items()
    ]
    found = [(at, party) for at, party in named if at >= 0]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _discourse_authority(earlier: list[Draft]) -> Party | None:
    """The authority the story is about at this point: the last one named as deciding.

    Counting mentions would favour the country the chips go *to*; the last explicit decider
    is who "have been cleared to buy" and "Authorities are considering" refer to.
    """
    return _last_decider(earlier, explicit=True)


def _last_decider(
    earlier: list[Draft], kind: PartyKind | None = None, *, explicit: bool
) -> Party | None:
    """The last authority told deciding (of ``kind``, named outright when ``explicit``)."""
    told = [
        d.authority
        for d in earlier
        if d.authority is not None
        and (d.authority_explicit or not explicit)
        and (kind is None or d.authority.kind == kind)
    ]
    return told[-1] if told else None


def _distinct(parties: list[Party]) -> list[Party]:
    seen: dict[str, Party] = {}
    for party in parties:
        seen.setdefault(party.name, party)
    return list(seen.values())


_REGULATOR_NOUNS = frozenset({"regulator", "watchdog", "agency", "authority", "commission"})
_COURT_NOUNS = frozenset({"court", "judge", "tribunal"})
_GOVERNMENT_NOUNS = frozenset({"government", "cabinet", "ministry", "minister", "department"})


_LABEL = re.compile(r"\s*([A-Z][A-Za-z .'-]{1,40}?)\s*:\s+[A-Z]")


def _labelled_government(sentence: str, kit: Kit) -> Party | None:
    """ "Japan: The health ministry is reviewing ...": a round-up's label names the country."""
    match = _LABEL.match(sentence)
    party = kit.resolver.resolve(match.group(1), "GPE") if match else None
    return party if party is not None and party.kind == PartyKind.GOVERNMENT else None


def _state_body(found: Mention, kit: Kit) -> Party | None:
    """ "Oregon's health authority": a state's own body, by the name it goes by ("Oregon Health
    Authority"), as the tables know it or as written."""
    country = subdivisions().get(found.owner) if found.owner else None
    if country is None:
        return None
    words = [w for w in found.text.split() if w.casefold() not in ("the", "a", "an")]
    name = " ".join([found.owner, *(w[:1].upper() + w[1:] for w in words)])
    known = kit.resolver.resolve(name, None)
    if known is not None and known.kind in PUBLIC_KINDS:
        return known
    return Party(name=name, kind=PartyKind.REGULATOR, country=country, mentions=[found.text])


def _federal(description: str) -> bool:
    """ "the *federal* environment department": the nation's, not the state's last told."""
    return bool({"federal", "national", "central", "union"} & set(description.casefold().split()))


def _described_regulator(
    candidate: Candidate,
    context: ArticleContext,
    kit: Kit,
    recent_court: Party | None = None,
    recent_government: Party | None = None,
) -> Party | None:
    """ "China's internet regulator", "the watchdog": the regulator the article names."""
    for found in candidate.authorities + candidate.possessors:
        if context.institutions.match(found.text) is not None:
            continue  # named in the article itself: _resolve_all reads it
        if found.head_lemma in _COURT_NOUNS and found.label == "":
            return context.court_for(found, recent_court)  # "a US bankruptcy judge": described
        if found.head_lemma in _GOVERNMENT_NOUNS and found.label in ("", "ORG"):
            described = f"{found.owner}'s {found.text}" if found.owner else found.text
            named = kit.resolver.resolve(described, found.label or None)  # "Mendoza's government"
            unnamed = named is None or named.kind == PartyKind.COMPANY
            labelled = _labelled_government(candidate.sentence.text, kit) if unnamed else None
            told = recent_government if unnamed else None  # "the ministry" the story is about
            if told is not None and _federal(found.text):
                told = kit.resolver.resolve(kit.resolver.country_name(told.country or "") or "")
            government = labelled or told or (context.dominant_government() if unnamed else None)
            if government is not None:  # "Government to ban sale of vapes": the country's
                return government
        if found.head_lemma not in _REGULATOR_NOUNS or found.label not in ("", "AUTHORITY"):
            continue
        party = kit.resolver.resolve(found.text, None)
        if party is not None and party.kind != PartyKind.GOVERNMENT:
            continue
        owner, rest = found.owner, found.text
        words = found.text.split()
        if not owner and len(words) > 1 and words[0] in subdivisions():
            owner, rest = words[0], " ".join(words[1:])  # "Michigan regulators"
        owned = context.institutions.owned_by(f"{owner}'s {rest}")
        owned = owned or _state_body(found, kit)
        if owned is not None:  # "Oregon's health authority" -> the Oregon Health Authority
            return owned
        described = f"{found.owner} {found.text}"
        country = party.country if party is not None else kit.resolver.country_in(described)
        regulator = context.regulator_for(country, candidate.trigger.start)
        if regulator is not None:
            return regulator
        name = kit.resolver.country_name(country) if country else None
        if name:  # "Peru's civil aviation authority", never named: Peru's government
            return kit.resolver.resolve(name, "GPE")
    return None


def _beneficiaries(
    candidate: Candidate, others: list[Party], authority: Party, kit: Kit
) -> list[Party]:
    parties = list(others)
    item = candidate.item_object.text.casefold() if candidate.item_object else None
    for found in candidate.beneficiaries:
        party = kit.resolver.resolve(found.text, found.label or None)
        if party is not None and party.kind == PartyKind.PERSON and " " not in found.text:
            party = kit.resolver.resolve(found.text, "ORG")  # "Bariatek": NER's lone "person"
        if party is None or party.name == authority.name or party.name.casefold() == item:
            continue
        parties.append(party)
    return _dedupe_parties(parties)


def _companies(candidate: Candidate, context: ArticleContext, kit: Kit) -> list[Party]:
    """The firms the sentence names; not a body the article shows is public ("the Queensland
    Planning Panel", which the tables do not know and NER calls an organisation)."""
    named = [m for m in candidate.companies if context.institutions.match(m.text) is None]
    found = [kit.resolver.resolve(m.text, m.label) for m in named]
    return [p for p in found if p is not None and p.kind == PartyKind.COMPANY]


def _sentence_firms(draft: Draft) -> None:
    """No beneficiary read from the parse: the firms the evidence names (not the vendor of the
    item, not the item itself) are whom the decision concerns."""
    if draft.beneficiaries:
        return
    vendor = draft.item.vendor.name if draft.item and draft.item.vendor else None
    item = draft.item.name if draft.item else None
    firms = [p for p in draft.companies if p.name not in (vendor, item)]
    draft.beneficiaries = _dedupe_parties(firms)


def _dedupe_parties(parties: list[Party]) -> list[Party]:
    merged: dict[str, Party] = {}
    for party in parties:
        if party.name in merged:
            known = merged[party.name]
            known.mentions.extend(m for m in party.mentions if m not in known.mentions)
        else:
            merged[party.name] = party.model_copy(deep=True)
    result = list(merged.values())
    if any(p.kind != PartyKind.GROUP for p in result):
        result = [p for p in result if p.kind != PartyKind.GROUP]
    return result


def _item(candidate: Candidate, kit: Kit) -> Item | None:
    for found in candidate.items:
        product = kit.products.lookup(found.text)
        vendor_name = product.vendor if product else None
        if vendor_name is None and candidate.vendors:
            vendor_name = candidate.vendors[0].text
        vendor = kit.resolver.resolve(vendor_name, "COMPANY") if vendor_name else None
        name = product.name if product else found.text
        return Item(name=name, category=product.category if product else None, vendor=vendor)
    target = candidate.item_object
    if target is None or target.definite or target.label in PUBLIC_LABELS:
        return None
    name = _LEADING_QUANTIFIERS.sub("", target.text).strip()
    if not name:
        return None
    maker = candidate.vendors[0].text if candidate.vendors else None
    vendor = kit.resolver.resolve(maker, "COMPANY") if maker else None
    return Item(name=name, vendor=vendor)


_PERMISSION_WORDS = frozenset(
    {
        "approval", "licence", "license", "permit", "authorisation", "authorization",
        "clearance", "permission", "consent", "nod", "go-ahead", "registration", "it", "them",
    }
)  # fmt: skip


def _mere_permission(name: str, scope: str | None) -> bool:
    """ "won *approval*" for a drug, "granted *it*": the decision's own word names no item of a
    flow, deal or product; for a licence event the licence is the item."""
    words = name.casefold().split()
    if words[-1].rstrip("s") not in _PERMISSION_WORDS and words[-1] not in _PERMISSION_WORDS:
        return False
    return scope not in ("license", None)


def _maker_as_vendor(draft: Draft) -> None:
    """ "Halden won approval for Veluvra": a named product's applicant is its maker."""
    item = draft.item
    if item is None or item.vendor is not None or draft.scope not in VENDOR_SCOPES:
        return
    firms = [p for p in draft.beneficiaries if p.kind == PartyKind.COMPANY]
    if len(firms) == 1 and item.name[:1].isupper() and firms[0].name != item.name:
        item.vendor = firms[0].model_copy(deep=True)


VENDOR_SCOPES = frozenset({"product", "export", "import", "sale"})


def _known_item(name: str, kit: Kit) -> Item:
    product = kit.products.lookup(name)
    vendor = None
    if product and product.vendor:
        vendor = kit.resolver.resolve(product.vendor, "COMPANY")
    return Item(name=name, category=product.category if product else None, vendor=vendor)


NOT_COVERED_UNITS = frozenset(
    {
        "permits",
        "permit",
        "licences",
        "licenses",
        "licence",
        "license",
        "cases",
        "patients",
        "firms",
        "companies",
        "people",
        "years",
        "months",
        "days",
        "weeks",
        "times",
        "applications",
        "countries",
        "members",
        "employees",
        "jobs",
        "users",
        "customers",
        "reports",
        "hours",
        "minutes",
        "models",
        # who a decision concerns, or where: counted parties and places are not units covered
        "officials",
        "applicants",
        "providers",
        "foundries",
        "contractors",
        "states",
        "teenagers",
        "batches",
        "plants",
        "operators",
        "buyers",
        "sellers",
        "groups",
        "banks",
        "lenders",
        "carriers",
        "airlines",
        "regions",
        "provinces",
        "cities",
        "sites",
        "stores",
        "manufacturers",
        "producers",
        "suppliers",
        "exporters",
        "importers",
        "farms",
        "facilities",
        "children",
        # a product's size or a plant's capacity, not how many units
        "millilitres",
        "milliliters",
        "ml",
        "milligrams",
        "mg",
        "megawatts",
        "mw",
        "gigawatts",
        "kilometres",
        "km",
        "metres",
        "per",
        "percent",
    }
)


def _quantity(clause: str) -> Quantity | None:
    """How many units the decision covers: "400,000 chips", not "the 11 permits" it revokes."""
    found = [
        f.value
        for f in find_quantities(clause)
        if f.value.unit
        and f.value.unit.islower()  # "a 15-megawatt microreactor", "the 1,000 MW Farm": no count
        and f.value.unit.split(" ")[-1] not in NOT_COVERED_UNITS
    ]
    precise = [q for q in found if q.qualifier not in VAGUE]
    chosen = precise or found
    return chosen[0] if chosen else None


DEAL_SCOPES = frozenset({"merger", "investment", "sale"})


def _deal_value(candidate: Candidate, sentence: str) -> Money | None:
    """ "cleared X's $4.2 billion acquisition of Y": a deal's value anywhere in the sentence."""
    if candidate.scope not in DEAL_SCOPES:
        return None
    return _amount(sentence)


def _amount(clause: str) -> Money | None:
    found = find_money(clause)
    return found[0].value if found else None


def _when(candidate: Candidate, article: Article) -> When | None:
    if not candidate.times:
        return None
    return resolve_when(candidate.times[0].text, article.published)


def _flow_from_home(draft: Draft) -> None:
    """Name a flow from the deciding authority's side, as soon as the draft exists (so a later
    restatement borrows the right scope): a sale abroad is an export, a licence to sell at home
    an operating licence, an "export" into the authority's own country an import."""
    home = draft.authority.country if draft.authority else None
    if draft.scope == "sale" and draft.destination and home and draft.destination != home:
        draft.scope = "export"
    elif draft.scope == "license" and draft.destination and home and draft.destination != home:
        draft.scope = "export"  # "an authorisation to transfer reactor data to Poland"
    elif draft.scope == "other" and home and draft.origin and draft.origin != home:
        draft.scope = "import"  # "stricter checks on chilli peppers from Uganda"
    elif draft.scope == "sale" and draft.licence_purpose:
        draft.scope = "license"
    elif draft.scope == "export" and home and home in (draft.destination, _foreign(draft)):
        draft.scope = "import"  # "a request from Poland to resume exports to the Philippines"


_PLACE_KINDS = frozenset({PartyKind.GOVERNMENT, PartyKind.GROUP})  # "three Australian plants"


def _foreign(draft: Draft) -> str | None:
    """A flow read from the deciding country's side: goods *from* another country, or exports
    a foreign government asks for ("Vietnam is awaiting Chinese approval for exports"), come
    in. Returns the authority's own country when the flow is inbound, else None."""
    home = draft.authority.country if draft.authority else None
    origin = draft.origin or next(
        (p.country for p in draft.beneficiaries if p.kind in _PLACE_KINDS and p.country), None
    )
    if origin and home and origin != home and draft.destination in (None, home):
        draft.origin = origin
        return home
    return None


SCREENING_BODIES = frozenset({"CFIUS"})  # regulators whose only business is FDI screening


def _screened(draft: Draft, context: ArticleContext) -> None:
    """A government (or CFIUS) ruling on a takeover in a national-security story is screening
    an investment, not an antitrust review."""
    authority = draft.authority
    if draft.scope != "merger" or authority is None:
        return
    if authority.name in SCREENING_BODIES or (
        context.screening and authority.kind == PartyKind.GOVERNMENT
    ):
        draft.scope = "investment"


def _finish(draft: Draft, context: ArticleContext, kit: Kit) -> None:
    """Slots the article implies once the event's scope is known."""
    if draft.item is not None and _mere_permission(draft.item.name, draft.scope):
        draft.item = None
    if draft.item is None and draft.item_open and draft.scope in FLOW_SCOPES:
        name = context.dominant_product()
        draft.item = _known_item(name, kit) if name else None
    _screened(draft, context)
    home = draft.authority.country if draft.authority else None
    if draft.scope == "import" and draft.destination is None:
        draft.destination = home
    if draft.scope == "export" and draft.origin is None:
        draft.origin = home


CARRIED_SCOPES = frozenset({"merger", "product", "investment", "license"})


def _share_beneficiaries(drafts: list[Draft]) -> None:
    """ "The CMA had prohibited the first deal": an event about the same deal or drug that names
    no firm concerns the firms its sibling event named."""
    for draft in drafts:
        _vendor_as_beneficiary(draft)
    for draft in drafts:
        named = [p for p in draft.beneficiaries if p.kind != PartyKind.GROUP]
        if named or draft.scope not in CARRIED_SCOPES:
            continue
        donors = [
            d
            for d in drafts
            if d is not draft
            and d.scope == draft.scope
            and d.beneficiaries
            and _compatible_items(d.item, draft.item)
        ]
        if donors:
            draft.beneficiaries = [p.model_copy(deep=True) for p in donors[0].beneficiaries]
            draft.item = draft.item or donors[0].item
            if draft.scope in DEAL_SCOPES:
                draft.amount = draft.amount or donors[0].amount


def _deal_parties(drafts: list[Draft], context: ArticleContext, kit: Kit) -> None:
    """A merger or stake event without both firms gets them from the deal the article
    describes ("Tidewell's takeover of Boxmark")."""
    sides = _deal_sides(context, kit)
    if not sides:
        return
    for draft in drafts:
        if draft.scope not in ("merger", "investment"):
            continue
        named = [p for p in draft.beneficiaries if p.kind != PartyKind.GROUP]
        if len(named) >= 2:
            continue
        deal = next((d for d in sides if not named or _shared_party(named, d)), None)
        if deal is not None:
            draft.beneficiaries = _dedupe_parties(named + [p.model_copy(deep=True) for p in deal])
            if draft.scope == "merger" and (
                draft.item is None or not draft.item.name[:1].isupper()
            ):
                draft.item = Item(name=deal[1].name)  # a merger is decided on its target


def _deal_sides(context: ArticleContext, kit: Kit) -> list[list[Party]]:
    """The article's deals whose both sides are firms (not "Beijing's ... merger of ...")."""
    sides = []
    for deal in context.deals:
        pair = [kit.resolver.resolve(name, "ORG") for name in (deal.acquirer, deal.target)]
        firms = [p for p in pair if p is not None and p.kind == PartyKind.COMPANY]
        if len(firms) == 2 and not any(kit.resolver.country_of(p.name) for p in firms):
            sides.append(firms)
    return sides


def _full_names(drafts: list[Draft], context: ArticleContext) -> None:
    """ "Dovecote" is "Dovecote Instruments" when the article names it so."""
    names = {p.name for d in drafts for p in d.beneficiaries}
    names |= {n for deal in context.deals for n in (deal.acquirer, deal.target)}
    for draft in drafts:
        for party in draft.beneficiaries:
            longer = [n for n in names if n.startswith(party.name + " ") and len(n.split()) <= 4]
            if party.kind == PartyKind.COMPANY and longer:
                party.name = min(longer, key=lambda n: (len(n), n))
        draft.beneficiaries = _dedupe_parties(draft.beneficiaries)


def _vendor_as_beneficiary(draft: Draft) -> None:
    """An export licence or a drug approval is the maker's: "vehicles made by Rheinwald"."""
    vendor = draft.item.vendor if draft.item else None
    if draft.beneficiaries or vendor is None or draft.scope not in ("export", "product"):
        return
    if draft.authority is None or vendor.name != draft.authority.name:
        draft.beneficiaries = [vendor.model_copy(deep=True)]


def _country(mentions: list[Mention], kit: Kit) -> str | None:
    """The country a place mention names: "Spain", "Beijing", or a demonym ("to *Chinese*
    companies")."""
    for found in mentions:
        party = kit.resolver.resolve(found.text, "GPE")
        if party is not None and party.country:
            return party.country
        code = kit.resolver.country_of(found.text)
        if code:
            return code
    return None


def _trim(sentence: Mention) -> Mention:
    stripped = sentence.text.strip()
    start = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
    return Mention(stripped, start, start + len(stripped))


def _headline_target(drafts: list[Draft], draft: Draft) -> Draft | None:
    """The body event a title announces: the same decision by an authority of the same place
    ("Malta licenses Tessaract" is the Malta regulator's licence), any scope, or by anyone when
    the title names no authority; the first such event told after the title (a subheading's
    is the paragraph under it), else before it."""
    at = draft.evidence[0].start
    if not draft.authority_explicit:  # "Coinhaven wins Dubai crypto licence": whoever grants it
        fitting = [d for d in drafts if d.decision == draft.decision]
        fitting = [d for d in fitting if d.scope == draft.scope] or fitting
    else:
        fitting = [d for d in drafts if d.decision == draft.decision and _same_place(d, draft)]
    told_after = {id(d): [e.start for e in d.evidence if e.start > at] for d in fitting}
    after = [d for d in fitting if told_after[id(d)]]
    if after:  # the event the next paragraph tells, even if the lede told it first
        return min(after, key=lambda d: min(told_after[id(d)]))
    return fitting[0] if fitting else None


def _same_place(told: Draft, title: Draft) -> bool:
    a, b = told.authority, title.authority
    if a is None or b is None:
        return False
    if a.name == b.name or (a.country is not None and a.country == b.country):
        return True
    return b.kind == PartyKind.GOVERNMENT and a.country is None  # "National Green Tribunal"


def _antecedent_missing(candidate: Candidate, draft: Draft) -> bool:
    """ "For the US government, the veto is an irritant": an anaphor with nothing before it."""
    if not candidate.anaphoric or draft.authority_explicit or draft.beneficiaries:
        return False
    return not _deal_restated(candidate)


def _deal_restated(candidate: Candidate) -> bool:
    """ "signed off on *the acquisition*": the deal's own word anchors the event."""
    return candidate.scope_strong and candidate.scope in ("merger", "investment", "sale", "export")


def _merge_target(drafts: list[Draft], draft: Draft, candidate: Candidate) -> Draft | None:
    """The earlier event this candidate restates, if any."""
    if candidate.anaphoric and not draft.authority_explicit:
        # "the veto", "the approval": the decision last told, whoever took it
        told = [d for d in reversed(drafts) if d.decision == draft.decision]
        if draft.scope_strong:
            told = [d for d in told if _related_scopes(d.scope, draft.scope)]
        return told[0] if told else None
    same = [
        d
        for d in reversed(drafts)
        if d.decision == draft.decision
        and _same_authority(d.authority, draft.authority)
        and _compatible_items(d.item, draft.item)
    ]
    if not same:
        return None
    if not candidate.scope_strong:
        return same[0]
    if candidate.anaphoric:  # "signed off on the sale": the export told before
        return next((d for d in same if _related_scopes(d.scope, draft.scope)), None)
    return next((d for d in same if d.scope == draft.scope), None)


_SCOPE_FAMILIES = (frozenset({"sale", "export", "import"}), frozenset({"merger", "investment"}))


def _related_scopes(a: str | None, b: str | None) -> bool:
    return a == b or any(a in family and b in family for family in _SCOPE_FAMILIES)


LICENSED_FLOWS = frozenset({"export", "import", "sale", "product", "investment"})


def _fold_licences(drafts: list[Draft]) -> list[Draft]:
    """ "Washington revokes Lumentic licences" (headline) is the body's revoked *export*
    licences: a bare licence event folds into a flow event of the same decision and authority."""
    kept: list[Draft] = []
    for draft in drafts:
        host = None
        if draft.scope == "license":  # only a licence told first (a headline) folds forward
            host = next(
                (
                    d
                    for d in drafts
                    if d is not draft
                    and d.scope in LICENSED_FLOWS
                    and d.decision == draft.decision
                    and _same_authority(d.authority, draft.authority)
                    and _compatible_items(d.item, draft.item)
                    and _shared_party(d.beneficiaries, draft.beneficiaries)
                    and draft.evidence[0].start < d.evidence[0].start
                ),
                None,
            )
        if host is None:
            kept.append(draft)
        else:
            _merge(host, draft)
    return kept


def _shared_party(a: list[Party], b: list[Party]) -> bool:
    """Some firm in both lists ("Lumentic" and "Lumentic Semiconductor" are one firm)."""
    return any(x.name.startswith(y.name) or y.name.startswith(x.name) for x in a for y in b)


def _standalone(draft: Draft, drafts: list[Draft]) -> bool:
    """A new event needs a scope (borrowed from the same authority's last event when its own is
    weak or missing, else from the article's last event) and something that anchors it: a
    strong trigger, a named authority, an item, a beneficiary or a strong scope cue."""
    own_licence = draft.scope == "license" and draft.decision == "revoked"
    if (draft.scope is None or not draft.scope_strong) and not own_licence:
        # a licence its sentence says is revoked stays a licence ("has had its
        # manufacturing licence revoked"), whatever the authority did before
        earlier = [d for d in reversed(drafts) if _same_party(d.authority, draft.authority)]
        if earlier:
            draft.scope = earlier[0].scope
        elif draft.scope is None and drafts:
            draft.scope = drafts[-1].scope  # "secured approval from the Commission": the deal
    if draft.scope is None:
        return False
    return bool(
        draft.strong_trigger
        or draft.authority_explicit
        or draft.item
        or draft.beneficiaries
        or draft.scope_strong
    )


def _same_party(a: Party | None, b: Party | None) -> bool:
    return a is not None and b is not None and a.name == b.name


def _same_authority(a: Party | None, b: Party | None) -> bool:
    """Same body, or a country's government and one of its own regulators ("China approves"
    in a headline, "the CAC approved" in the body)."""
    if _same_party(a, b):
        return True
    if a is None or b is None or a.country is None or a.country != b.country:
        return False
    general = {PartyKind.GOVERNMENT, PartyKind.INTERNATIONAL}
    if a.kind in general and b.kind in general:
        return False  # Western Australia's government is not Australia's
    return bool(general & {a.kind, b.kind})


def _compatible_items(a: Item | None, b: Item | None) -> bool:
    """No item on one side, or names that could be one thing ("Siltrace" ~ "Cadenza-Siltrace
    deal"; "chips" ~ "H200 chips")."""
    if a is None or b is None:
        return True
    if not (a.name[:1].isupper() and b.name[:1].isupper()):
        return True  # a description ("migraine injection") may name the same thing as "Veluvra"
    x, y = a.name.casefold(), b.name.casefold()
    return x in y or y in x or x.split()[-1:] == y.split()[-1:]


def _merge(target: Draft, new: Draft) -> None:
    """Fold a restatement into its event; a restatement's unnamed groups add nothing.

    A named regulator replaces its country's government as the authority (it is more precise).
    """
    general = (PartyKind.GOVERNMENT, PartyKind.INTERNATIONAL)
    if (
        target.authority is not None
        and new.authority is not None
        and new.authority_explicit
        and target.authority.kind in general
        and new.authority.kind not in general
    ):
        target.authority = new.authority
    incoming = new.beneficiaries
    if target.beneficiaries:
        incoming = [p for p in incoming if p.kind != PartyKind.GROUP]
    target.beneficiaries = _dedupe_parties(target.beneficiaries + incoming)
    target.companies = _dedupe_parties(target.companies + new.companies)
    target.item = _better_item(target.item, new.item)
    target.quantity = _better_quantity(target.quantity, new.quantity)
    target.amount = target.amount or new.amount
    target.when = target.when or new.when
    target.origin = target.origin or new.origin
    target.destination = target.destination or new.destination
    target.conditions += [c for c in new.conditions if c not in target.conditions]
    target.sources += [s for s in new.sources if s not in target.sources]
    if new.authority_explicit and target.authority and new.authority:
        mentions = target.authority.mentions
        mentions.extend(m for m in new.authority.mentions if m not in mentions)
    if all(e.start != new.evidence[0].start for e in target.evidence):
        target.evidence.extend(new.evidence)


def _better_item(a: Item | None, b: Item | None) -> Item | None:
    """A named item ("Veluvra", "H200") wins over a description ("migraine injection")."""
    if a is None or b is None:
        return a or b
    named_a, named_b = a.name[:1].isupper() or a.vendor, b.name[:1].isupper() or b.vendor
    return b if named_b and not named_a else a


def _better_quantity(a: Quantity | None, b: Quantity | None) -> Quantity | None:
    """The precise figure wins: "more than 400,000" over "hundreds of thousands"."""
    if a is None or b is None:
        return a or b
    if a.qualifier in VAGUE and b.qualifier not in VAGUE:
        return b
    return a


def _confidence(draft: Draft) -> float:
    score = 0.4
    score += 0.15 if draft.authority_explicit else 0.05
    score += 0.1 if draft.beneficiaries else 0.0
    score += 0.1 if draft.item else 0.0
    score += 0.05 if draft.when else 0.0
    score += 0.05 * min(len(draft.evidence) - 1, 2)
    score += 0.1 if draft.scope_strong else 0.0
    return round(min(score, 0.95), 2)


def _record(draft: Draft, article: Article, context: ArticleContext) -> ApprovalEvent:
    assert draft.scope is not None
    decision, scope = Decision(draft.decision), Scope(draft.scope)
    authority = draft.authority
    if authority is not None:
        authority = authority.model_copy(deep=True)
        for mention in context.mentions_of(authority.name):
            if mention not in authority.mentions:
                authority.mentions.append(mention)
    text = article.text or ""
    evidence = [Span(text=text[e.start : e.end], start=e.start, end=e.end) for e in draft.evidence]
    return ApprovalEvent(
        event_id=event_id(article.id, decision, scope, evidence[0].start),
        article=article,
        decision=decision,
        scope=scope,
        authority=authority,
        beneficiaries=draft.beneficiaries,
        item=draft.item,
        quantity=draft.quantity,
        amount=draft.amount,
        origin=draft.origin,
        destination=draft.destination,
        when=draft.when,
        conditions=draft.conditions,
        attribution=Attribution(sources=draft.sources, certainty=draft.certainty),
        evidence=evidence,
        confidence=_confidence(draft),
    )
