"""The decision lexicon in ``models/lexicon/``: triggers, governors, modality and scope cues.

Loaded once per process. The same surface forms drive the prefilter and the trigger matcher, which
is what makes the prefilter lossless: a token can only fire as a trigger if its lower-cased text is
one of the forms the prefilter looks for.
"""

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from clearance.errors import ConfigError

DECISION_CLASSES = ("approve", "deny", "revoke", "pending", "propose")


@dataclass(frozen=True)
class Trigger:
    """One trigger lemma with the decision class it starts from."""

    lemma: str
    pos: str
    cls: str
    strong: bool
    forms: frozenset[str]


@dataclass(frozen=True)
class Phrase:
    """A multiword trigger: alternatives per word, the decision class, the head word's index."""

    words: tuple[tuple[str, ...], ...]
    cls: str
    head: int


@dataclass(frozen=True)
class ScopeCue:
    """A word that tells what a decision is about."""

    scope: str
    priority: int
    strong: bool


@dataclass(frozen=True)
class Governor:
    """A verb that rewrites the class of the trigger it governs."""

    effect: str
    applies_to: frozenset[str]


@dataclass
class Lexicon:
    """Everything in ``models/lexicon`` in lookup-ready form."""

    triggers: dict[tuple[str, str], Trigger] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)
    governors: dict[str, list[Governor]] = field(default_factory=dict)
    modality: dict[str, str] = field(default_factory=dict)
    scopes: dict[str, ScopeCue] = field(default_factory=dict)
    measures: frozenset[str] = frozenset()
    non_objects: frozenset[str] = frozenset()
    party_nouns: dict[str, str] = field(default_factory=dict)

    def governor_for(self, lemma: str, cls: str) -> Governor | None:
        """The rule a governing verb applies to a trigger of class ``cls`` (one row per class
        group: "grant" approves an approval but keeps an injunction an injunction)."""
        for rule in self.governors.get(lemma, ()):
            if cls in rule.applies_to or "*" in rule.applies_to:
                return rule
        return None

    def trigger_for(self, lemma: str, pos: str, lower: str) -> Trigger | None:
        """The trigger a token fires, if its lemma, part of speech and surface form all agree."""
        kind = "NOUN" if pos in ("NOUN", "PROPN") else "VERB" if pos in ("VERB", "AUX") else pos
        trigger = self.triggers.get((lemma, kind)) or self.triggers.get((lemma, "ANY"))
        if trigger is None or lower not in trigger.forms:
            return None
        return trigger

    def surface_forms(self) -> set[str]:
        """Every lower-case form a single-word trigger can fire on alone (the contextual ones,
        ``CONTEXT_PATTERNS``, only in their context)."""
        forms: set[str] = set()
        for trigger in self.triggers.values():
            if trigger.lemma not in CONTEXT_PATTERNS:
                forms |= trigger.forms
        return forms

    def prefilter_pattern(self) -> re.Pattern[str]:
        """A case-insensitive regex that finds any trigger form or phrase (the cheap prefilter).

        Phrases are matched as their word sequence (any spacing between words), which is what
        the Matcher needs too, so "called in" keeps a unit but "called" alone does not.
        """
        words = sorted(self.surface_forms(), key=len, reverse=True)
        options = [re.escape(w) for w in words]
        for phrase in self.phrases:
            parts = ["(?:" + "|".join(re.escape(a) for a in alts) + ")" for alts in phrase.words]
            options.append(r"\s*".join(parts))
        options += STRUCTURAL_PATTERNS + list(CONTEXT_PATTERNS.values())
        alternation = "|".join(options)
        return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])", re.IGNORECASE)


# Decisions told without a trigger word (components/events.py ``structural_triggers``): a
# listing that bars ("added X to the entity list") and a forced sale of a stake. The prefilter
# keeps the units these can fire in, and only those: "add" or "sell" alone is everywhere.
STRUCTURAL_PATTERNS = [
    r"(?:add|adds|added|adding|put|puts|putting|place|places|placed|placing)\b[^.]{0,120}?"
    r"\blists?",
    r"(?:sell|sells|sold|selling|dispose|disposes|disposed|offload|offloads|offloaded|unwind)"
    r"\b[^.]{0,80}?\b(?:stake|stakes|shareholding|holding|holdings)",
    r"(?:told|tells|tell|informed|notified|advised)\b[^.]{0,120}?\b(?:could|can|may)\s+"
    r"(?:resume|restart)\w*",
]


# Common words that are triggers only in one context (components/events.py ``_ruled_out``):
# "let" needs a named party let ("to let Saguaro Water raise rates"), "recall" an order
# ("ordered Crestfield to recall a batch"), "wave" its "through" ("waved the deal through").
# The prefilter looks for that context, so "let me" and "he recalled" do not send a paragraph
# to the parser.
CONTEXT_PATTERNS = {
    "let": r"(?:let|lets|letting)\s+(?:the\s+)?(?-i:[A-Z])[\w'-]*",
    "recall": r"(?:order|orders|ordered|ordering|force|forced|require|required|told|direct|"
    r"directed|instruct|instructed)\b[^.]{0,80}?\brecall\w*",
    "wave": r"(?:wave|waves|waved|waving)\b[^.]{0,80}?\bthrough",
}


def inflections(lemma: str, pos: str) -> set[str]:
    """Regular English inflections of a lemma (nouns: plural; verbs: -s, -ed, -ing).

    Irregular forms ("sought", "withdrew") come from the table's ``forms`` column.
    """
    forms = {lemma}
    sibilant = lemma.endswith(("s", "x", "z", "ch", "sh", "o"))
    consonant_y = len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou"
    if pos in ("NOUN", "ANY"):
        forms.add(lemma + "es" if sibilant else lemma[:-1] + "ies" if consonant_y else lemma + "s")
    if pos in ("VERB", "ANY"):
        forms |= _verb_forms(lemma, sibilant, consonant_y)
    return forms


def _verb_forms(lemma: str, sibilant: bool, consonant_y: bool) -> set[str]:
    if consonant_y:
        return {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    third = lemma + "es" if sibilant else lemma + "s"
    if lemma.endswith("e"):
        return {third, lemma + "d", lemma[:-1] + "ing"}
    forms = {third, lemma + "ed", lemma + "ing"}
    if re.search(r"(?:^|[^aeiou])[aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ConfigError(str(path), "lexicon file missing")
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    ]


def _load_triggers(path: Path) -> dict[tuple[str, str], Trigger]:
    triggers = {}
    for row in _rows(path):
        lemma, pos, cls = row["lemma"].lower(), row["pos"].upper(), row["class"]
        if cls not in DECISION_CLASSES:
            raise ConfigError(str(path), f"unknown class {cls!r} for {lemma!r}")
        extra = {f.strip().lower() for f in row.get("forms", "").split(",") if f.strip()}
        forms = frozenset(inflections(lemma, pos) | extra)
        triggers[(lemma, pos)] = Trigger(lemma, pos, cls, row["strength"] == "strong", forms)
    return triggers


def _load_phrases(path: Path) -> list[Phrase]:
    phrases = []
    for row in _rows(path):
        words = tuple(tuple(w.split("|")) for w in row["phrase"].lower().split())
        phrases.append(Phrase(words, row["class"], int(row["head"])))
    return phrases


@lru_cache(maxsize=8)
def load_lexicon(models_dir: Path) -> Lexicon:
    """Read ``models_dir/lexicon/*.tsv`` (cached per directory)."""
    root = models_dir / "lexicon"
    governors: dict[str, list[Governor]] = {}
    for row in _rows(root / "governors.tsv"):
        rule = Governor(row["effect"], frozenset(row["applies_to"].split(",")))
        governors.setdefault(row["lemma"], []).append(rule)
    scopes = {
        row["lemma"]: ScopeCue(row["scope"], int(row["priority"]), row["strength"] == "strong")
        for row in _rows(root / "scopes.tsv")
    }
    modality = {row["lemma"]: row["effect"] for row in _rows(root / "modality.tsv")}
    return Lexicon(
        triggers=_load_triggers(root / "triggers.tsv"),
        phrases=_load_phrases(root / "multiword.tsv"),
        governors=governors,
        modality=modality,
        scopes=scopes,
        measures=frozenset(row["lemma"] for row in _rows(root / "measures.tsv")),
        non_objects=frozenset(row["lemma"] for row in _rows(root / "non_objects.tsv")),
        party_nouns={row["lemma"]: row["kind"] for row in _rows(root / "authority_nouns.tsv")},
    )
