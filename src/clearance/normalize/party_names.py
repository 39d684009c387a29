"""String helpers for party names: cleaning, heads, determiners and legal suffixes."""

import re
from collections.abc import Iterable

LEGAL_SUFFIXES = frozenset({
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "ag", "se", "sa", "nv",
    "co", "company", "cos", "llc", "lp", "llp", "holdings", "holding", "group", "gmbh", "spa",
    "bv", "oyj", "asa", "ab", "kk", "pte", "pty", "pvt", "private", "public", "tbk", "bhd", "sarl",
    "sas", "srl", "ltda", "a/s", "aps", "oy", "kgaa"
})  # fmt: skip
DETERMINERS = frozenset({
    "the", "other", "some", "several", "many", "major", "big", "leading", "top", "senior", "local",
    "two", "three", "four", "five", "a", "an", "all", "most", "more", "few", "various", "its",
    "their", "both", "these", "those", "key", "smaller", "large", "larger", "largest", "domestic",
    "foreign", "state-owned", "private", "previous", "unnamed", "unidentified", "certain",
    "another", "one", "new", "rival", "potential", "prospective", "former"
})  # fmt: skip
CORPORATE_WORDS = frozenset({"group", "holding", "holdings", "company"})
POSSESSIVE = re.compile(r"['’]s?$")
AFFILIATION = re.compile(
    r"-(?:linked|backed|owned|based|controlled|funded|registered|headquartered|listed)$"
)
HEAD_BREAKS = frozenset({"of", "in", "for", "at", "on"})
REGULATOR_HEADS = frozenset({
    "commission", "authority", "agency", "bureau", "office", "regulator", "council",
    "administration", "service", "inspectorate", "directorate", "board",
})  # fmt: skip
TITLES = frozenset({
    "minister", "ministers", "secretary", "treasurer", "president", "premier", "chancellor",
    "vice-president", "governor", "senators", "senator", "lawmakers",
})  # fmt: skip
ROLES = frozenset({
    "arbitrators", "panel", "committee", "officials", "official", "spokesperson", "spokesman",
    "spokeswoman", "inspectors", "experts", "staff", "chief", "head", "judges", "commissioner",
})  # fmt: skip


def clean(surface: str) -> str:
    text = re.sub(r"\s+", " ", surface).strip(' \t\n"“”‘,;:()[]')
    return text.removesuffix("'").removesuffix("’")


def drop_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


def variants(text: str) -> Iterable[str]:
    yield text
    bare = drop_the(text)
    if bare != text:
        yield bare
    unpossessed = re.sub(r"['’]s$", "", bare)
    if unpossessed != bare:
        yield unpossessed


def content_words(text: str) -> list[str]:
    words = text.split()
    while words and words[0].lower() in DETERMINERS and not _place_start(words):
        words = words[1:]
    return words


def _place_start(words: list[str]) -> bool:
    """ "New Jersey", "New Zealand": a capitalised "New" starts a place, not a determiner."""
    return words[0] == "New" and len(words) > 1 and words[1][:1].isupper()


def head_word(words: list[str]) -> str:
    """The head noun: the word before "of"/"in"/"for" ("operators of critical
    infrastructure", "court in Antofagasta"), else the last word."""
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in HEAD_BREAKS:
            return words[index - 1].rstrip(",")
    return words[-1]


def group_name(surface: str) -> str:
    """An unnamed group keeps its text; a sentence-initial capital on a determiner goes
    ("Other Chinese enterprises" -> "other Chinese enterprises")."""
    name = drop_the(surface.strip())
    first = name.split(" ", 1)[0]
    if first.lower() in DETERMINERS and first[:1].isupper() and first[1:].islower():
        return first.lower() + name[len(first) :]
    return name


def is_plural(word: str) -> bool:
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith("ss")


def strip_legal_suffixes(name: str) -> str:
    """ "Alibaba Group Holding Ltd." -> "Alibaba"; "Apple, Inc." -> "Apple" (for alias lookup)."""
    return _strip(name, LEGAL_SUFFIXES)


def strip_legal_forms(name: str) -> str:
    """Only legal forms go ("Meridian Media Group plc" -> "Meridian Media Group"): the name an
    unknown company keeps, since "Group" or "Holdings" may be part of how it is known."""
    return _strip(name, LEGAL_SUFFIXES - CORPORATE_WORDS)


def _strip(name: str, suffixes: frozenset[str]) -> str:
    words = drop_the(name).split()
    while len(words) > 1 and _suffix_key(words[-1]) in suffixes:
        words.pop()
        if words and words[-1] in {"&", "and"}:
            words.pop()
    return " ".join(words).rstrip(",")


def _suffix_key(word: str) -> str:
    return word.lower().replace(".", "").strip(",()")
