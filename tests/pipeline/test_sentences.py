"""Whole-pipeline behaviour on single sentences: what is, and what is not, an approval event.

Each case is a general rule (RECORD.md's hard cases, negation, modality, actors), written as a
sentence of its own rather than copied from a fixture, so a change that breaks the rule fails
here with a readable name.
"""

import datetime as dt

import pytest

from clearance.article import article_from_text
from clearance.extract import Extractor

Expected = list[tuple[str, str, str]]

CASES: list[tuple[str, Expected]] = [
    (
        "The European Commission approved the merger of Alpha and Beta on Tuesday.",
        [("approved", "merger", "European Commission")],
    ),
    (
        "The merger was cleared by Canadian and US authorities earlier this year.",
        [("approved", "merger", "Canada"), ("approved", "merger", "United States")],
    ),
    ("Human rights groups urged the government of Canada to halt arms exports.", []),
    ("Analysts say the CMA rarely blocks deals outright.", []),
    ("Tidewell would pay a break fee if the CMA blocked the deal.", []),
    ("Shareholders of Alpha approved the merger with Beta on Tuesday.", []),
    ("The board of Alpha approved a $2 billion share buyback.", []),
    (  # the parser takes the whole line for one noun phrase: "approved" as an adjective
        "The Thai Food and Drug Administration on Friday approved Dengvex, a dengue vaccine"
        " made by Bangkok-based Siam Biologics.",
        [("approved", "product", "Thai FDA")],
    ),
    ("The certified model was launched by Sarab AI on Monday.", []),
    (  # the possessor of a named board is its country: the tables' short name for it
        "Turkey's Capital Markets Board (SPK) has suspended the licence of exchange Vantix.",
        [("revoked", "license", "SPK")],
    ),
    (  # a future measure with the dates it runs is decided; without them it is pending
        "Egypt will permit exports of 100,000 tonnes of sugar between January and March,"
        " the supply ministry said.",
        [("approved", "export", "Egypt")],
    ),
    (
        "Ghana will allow imports of rice to ease shortages, the trade ministry said.",
        [("pending", "import", "Ghana")],
    ),
    ("The FDA will approve the drug by June, analysts said.", [("pending", "product", "FDA")]),
    (  # development consent is a permit; a "Panel" the tables do not know is still public
        "A 200-megawatt solar farm proposed by Helio Grid was refused development consent on"
        " Friday by the Queensland Planning Panel.",
        [("denied", "license", "Queensland Planning Panel")],
    ),
    (  # a medical device is a product, like a drug
        "Health Canada on Monday cleared Velmora's Aria 2 implant for use in adults with sleep"
        " apnoea.",
        [("approved", "product", "Health Canada")],
    ),
    # idioms reporters use for decisions
    (
        "The European Commission waved the merger of Alpha and Beta through on Monday.",
        [("approved", "merger", "European Commission")],
    ),
    ("Protesters waved flags through the night outside the ministry.", []),
    (
        "Brussels nixed the planned merger of Alpha and Beta.",
        [("denied", "merger", "European Commission")],
    ),
    (
        "Ofcom pulled the plug on Zoomr's broadcasting licence on Friday.",
        [("revoked", "license", "Ofcom")],
    ),
    # a firm licensing a thing to another firm is a deal; a regulator licensing spectrum is not
    ("Korvex licenses its etching process to Daehan Semi, launches new tool", []),
    (
        "Ofcom licensed the spectrum to Orbit Telecom on Monday.",
        [("approved", "license", "Ofcom")],
    ),
    # the parser misreads the verb as an adjective (rules/repair.py)
    (
        "Chile's National Health Surveillance Agency (Anamed) on Monday approved Dorvalin, a"
        " once-weekly basal insulin developed by Lima-based Andes Pharma, for adults.",
        [("approved", "product", "Anamed")],
    ),
    (
        "Peru's health ministry published a draft decree that would cap fees charged by"
        " private clinics.",
        [("proposed", "other", "Peru")],
    ),
    (  # the body "of" an approval is who approves, not whom it concerns
        "The transfer of Borea's radio licences needs the approval of the Danish Energy and"
        " Telecoms Agency (DETA), which is expected to decide within weeks.",
        [("pending", "license", "DETA")],
    ),
    (  # "after failing to win approval" is the decision's own clause, not what "called off" wants
        "Harbor Bancorp and Elm Financial called off their merger on Friday after failing to win"
        " approval from the Federal Reserve before the June 30 deadline.",
        [("denied", "merger", "Federal Reserve")],
    ),
    (
        "Korvex said in a filing that it had licensed its linker platform to Kyoto-based Mirai"
        " Bio.",
        [],
    ),
    ("Korvex shareholders back merger; ADC platform licensed to Kyoto drugmaker", []),
    (
        "Spectrum in the 3.5GHz band was licensed to Orbit Telecom by Ofcom on Monday.",
        [("approved", "license", "Ofcom")],
    ),
    (
        "Rimal said it had design approval for two tankers it plans to order from a Chinese"
        " shipyard.",
        [],
    ),
    (  # a summary's clauses each keep their own decision and scope
        "Regulators had a busy week: Mexico's Cofepris gave the green light to a weekly insulin,"
        " Peru suspended a locally made stent line and Ecuador banned the sale of unregistered"
        " diet pills.",
        [
            ("approved", "product", "COFEPRIS"),
            ("revoked", "product", "Peru"),
            ("denied", "sale", "Ecuador"),
        ],
    ),
    # powers, rules and tallies are not decisions
    ("The ministry can authorise a deal, authorise it with conditions, or refuse it.", []),
    ("The C$200 million investment could be blocked or approved at the end of the review.", []),
    ("Under the act, the minister must deny a permit if there is a risk of misuse.", []),
    ("Of more than 200 applications examined since 2021, fewer than five were rejected.", []),
    ("Most large deals have been authorised with conditions.", []),
    (
        "Foreign investors who want to buy 10% of a utility must obtain prior government"
        " authorisation.",
        [],
    ),
    ("Northgrid will need a separate operating licence before it can load fuel.", []),
    ("Neither deal needs regulatory approval, the companies said.", []),
    (  # the body applied to decides
        "Okavango Metals said it had applied to Namibia's mines ministry for a mining licence"
        " for its Kavango copper project.",
        [("pending", "license", "Namibia")],
    ),
    (
        "The EMA's human medicines committee recommended against approving Corvel's"
        " Parkinson's drug on Friday.",
        [("denied", "product", "EMA")],
    ),
    (
        "Ottawa has ordered a national security review of Jinhai Mining's proposed purchase of a"
        " 30% stake in Yukon miner Tagish Metals.",
        [("pending", "investment", "Canada")],
    ),
    (  # goods from a place another country owns come in, whatever "exporters" says nearby
        "In a move that eased pressure on European exporters, Malaysia on Friday lifted its ban"
        " on beef from France's Brittany region.",
        [("approved", "import", "Malaysia")],
    ),
    ("Brightmoth licenses Cold Harbor's Lumen engine in $40m deal, filing shows", []),
    (
        "Ofcom licensed Orbit Telecom's satellite service on Monday.",
        [("approved", "license", "Ofcom")],
    ),
    ("It required a change-in-control approval from the central bank, people said.", []),
    (
        "The deal still needs approval from the Reserve Bank of India.",
        [("pending", "merger", "RBI")],
    ),
    (  # half of a company is a holding: an investment
        "Canada's industry minister cleared Gulf fund Nakheel Capital to buy almost half of"
        " Ontario battery maker Voltaris.",
        [("approved", "investment", "Canada")],
    ),
    (
        "Liquor & Gaming NSW has banned the sale of IceBlast, the 10 per cent alcohol slushie"
        " pouches sold in petrol stations.",
        [("denied", "sale", "Liquor & Gaming NSW")],
    ),
    ("The FDA did not approve the drug.", []),
    (
        "The FDA declined to approve Pellmont's kidney drug on Friday.",
        [("denied", "product", "FDA")],
    ),
    (
        "Japan's trade ministry has yet to approve the export licence for Kanto Resist.",
        [("pending", "export", "Japan")],
    ),
    (
        "Manila suspended imports of poultry from Poland on Monday.",
        [("denied", "import", "Philippines")],
    ),
    (
        "Ofcom revoked the broadcasting licence of Meridian Talk on Thursday.",
        [("revoked", "license", "Ofcom")],
    ),
    (
        "The FTC is considering a lawsuit to block the merger of Alpha and Beta.",
        [("proposed", "merger", "FTC")],
    ),
    (
        "Seoul lifted its ban on imports of US beef on Monday.",
        [("approved", "import", "South Korea")],
    ),
    (
        "Indonesia is considering a ban on exports of raw bauxite.",
        [("proposed", "export", "Indonesia")],
    ),
    (
        "Microsoft failed to win approval from the CMA for the acquisition before the deadline.",
        [("denied", "merger", "CMA")],
    ),
    # a described court is the court the text names, or the description with its place
    (
        "A district court in Valparaiso on Monday annulled the permit for the Punta Brava port.",
        [("revoked", "license", "district court in Valparaiso")],
    ),
    (
        "A federal judge on Monday approved the sale of Rovex's Ohio plants to Brightline. "
        "Judge Amy Cole of the US Bankruptcy Court for the District of Ohio said the bid was fair.",
        [("approved", "sale", "US Bankruptcy Court for the District of Ohio")],
    ),
    # granting a request for an injunction is the injunction, by whoever granted it
    (
        "A judge granted the FTC's request for an injunction blocking Alpha's merger with Beta.",
        [("denied", "merger", "court")],
    ),
    # a duty a body announces is its ban
    (
        "The CAC said operators must stop buying products from Vantor.",
        [("denied", "sale", "CAC")],
    ),
    # goods from abroad, cleared by the country they go to, are its imports
    (
        "Vietnam is still awaiting Chinese approval for exports of frozen durian.",
        [("pending", "import", "China")],
    ),
    (
        "Washington is weighing new limits on sales of chip software to Chinese companies.",
        [("proposed", "export", "United States")],
    ),
    # buying a company is a takeover; buying goods stays a sale
    (
        "Regulators in Brazil blocked Alpha's purchase of rival drugmaker Beta.",
        [("denied", "merger", "Brazil")],
    ),
    # an intention to apply is no event; an application pending with a body is
    ("Rovex is considering whether to seek clearance from the FDA for the pump.", []),
    (
        "Rovex also has an application pending with the Securities and Futures Commission "
        "for a trading licence.",
        [("pending", "license", "SFC")],
    ),
    # states and records, not decisions
    ("The device remained approved in the United States.", []),
    ("The ECB had approved most buyback requests over the past two years.", []),
    ("Under EU rules, lenders need their supervisor's permission to buy back shares.", []),
    ("The dividend, which was approved by shareholders in April, will be paid in May.", []),
    # an office holder is the government; a round-up's label names the country
    (
        "US President Lena Hart on Friday ordered Quayline to divest its stake in Portvista.",
        [("denied", "investment", "United States")],
    ),
    (
        "Japan: The health ministry is reviewing Kisaragi's application to market its vaccine.",
        [("pending", "product", "Japan")],
    ),
    # the terms of a permit are not a new ban
    ("The licences also bar sales to companies on the entity list.", []),
    # decisions told without a decision word
    (
        "The US Commerce Department added Vantor to the entity list on Friday.",
        [("denied", "export", "United States")],
    ),
    (
        "In 2023 the British government ordered a Chinese-owned buyer to sell most of its "
        "stake in the Newport plant.",
        [("denied", "investment", "United Kingdom")],
    ),
    (
        "Japan's Ministry of Economy, Trade and Industry published draft rules on chip tools.",
        [("proposed", "other", "Japan")],
    ),
    (
        "In Europe, the application for the drug remains under review at the European "
        "Medicines Agency.",
        [("pending", "product", "EMA")],
    ),
    # a state's own bodies, and institutions named head first
    (
        "The Ohio Casino Control Commission approved the sale of the Toledo racino to Meridian.",
        [("approved", "sale", "Ohio Casino Control Commission")],
    ),
    (
        "The Comisión Nacional de Valores (CNV) cancelled the licence of Plata Cripto.",
        [("revoked", "license", "CNV")],
    ),
    # "let" needs someone let; an approved vendor is no licence; a firm's self-description
    (
        "The Arizona Corporation Commission voted to let Saguaro Water raise rates.",
        [("approved", "other", "Arizona Corporation Commission")],
    ),
    ("The central bank wants to let supply and demand set the rate.", []),
    ("Being approved as a vendor does not guarantee orders, the sales director said.", []),
    ("Jabuti says it is licensed and registered with the tax authority.", []),
    # one decision on two coordinated flows is two events
    (
        "Kuwait will ban the import and sale of nicotine pouches from February 1.",
        [("denied", "import", "Kuwait"), ("denied", "sale", "Kuwait")],
    ),
    # a body telling firms they could resume a flow grants it back
    (
        "The Civil Aviation Administration of China told carriers that they could resume "
        "buying Aerion jets.",
        [("approved", "sale", "CAAC")],
    ),
    # the thing under review says what is reviewed
    (
        "The sale of a 19.9% stake in Athabasca Peak to a Gulf fund is undergoing a national "
        "security review by the Canadian government.",
        [("pending", "investment", "Canada")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_sentence(text: str, expected: Expected, extractor: Extractor) -> None:
    article = article_from_text(text, published=dt.date(2026, 3, 4))
    found = [
        (e.decision.value, e.scope.value, e.authority.name if e.authority else "")
        for e in extractor.extract(article)
    ]
    assert sorted(found) == sorted(expected)


def test_summary_clauses_lend_no_beneficiaries(extractor: Extractor) -> None:
    """ "Malaysia approved a plant, Berlin vetoed a stake": the first clause's subject is not
    whom the veto concerns."""
    text = "This week Malaysia approved a chip plant, Berlin vetoed a Chinese stake in a toolmaker."
    article = article_from_text(text, published=dt.date(2026, 3, 4))
    for event in extractor.extract(article):
        assert "Malaysia" not in [p.name for p in event.beneficiaries]


def test_subheading_joins_the_paragraph_under_it(extractor: Extractor) -> None:
    """A roundup's subheading restates the paragraph below it, even when the lede told that
    decision first; it must not lend its authority to the next story's event."""
    text = (
        "The competition watchdog signed off on the takeover of Kestrel Paper this week.\n\n"
        "CCI clears Orion-Kestrel, with a mill sale\n\n"
        "The Competition Commission of India (CCI) on Tuesday approved Orion Pulp's acquisition"
        " of Kestrel Paper for Rs 2,100 crore.\n\n"
        "The Directorate General of Foreign Trade allowed the export of 20,000 tonnes of wheat"
        " to Oman, a notification showed."
    )
    article = article_from_text(text, published=dt.date(2026, 3, 4))
    found = {
        (e.decision.value, e.scope.value, e.authority.name if e.authority else "")
        for e in extractor.extract(article)
    }
    assert ("approved", "export", "India") in found
    assert ("approved", "export", "CCI") not in found
