"""Conditions attached to a decision, as short phrases (RECORD.md ``conditions``).

A condition starts at a cue ("on condition that", "subject to", "provided that", "requiring
firms to", "as a condition for", a remedy such as "divest its ... business") and runs to the end
of its clause: the next ";", ".", a comma before a new clause, or 20 words, whichever is first.
"""

import re

MAX_WORDS = 20

_CUES = [
    r"on (?:the )?conditions? (?:that|of)\b",
    r"with (?:the )?conditions? (?:that|of)\b",
    r"(?<!not )subject to\b(?! (?:approval|regulatory approval|review)\b)",
    r"provided (?:that\b)?",
    r"providing that\b",
    r"conditional (?:up)?on\b",
    r"as a condition (?:for|of|to)\b",
    r"in exchange for\b",
    r"(?:requiring|requires?|required) (?:\w+ ){0,3}?to\b",
    r"(?:would|will|must|has to|have to|had to|would have to) (?:first )?"
    r"(?:divest|sell off|dispose of|spin off|license|licence|guarantee|commit to|agree to)\b",
    r"(?:agreed|agrees|agreeing|pledged|pledges|offered|offers|committed|commits|undertook"
    r"|promised|was ordered|were ordered|ordered) to (?:\w+ )?(?:divest|sell|dispose of|spin off"
    r"|license|licence|supply|keep|maintain|invest|guarantee|not raise|limit|cap|share|separate"
    r"|carve out|offload|hive off)\b",
    r"(?:divest(?:s|ed|ing|iture of|ment of)?|sell(?:s|ing)? off|dispos(?:e|es|al|ing) of"
    r"|spin(?:s|ning)? off|carv(?:e|es|ing) out)\b",
    r"(?:behaviou?ral|structural) (?:remedies|remedy|commitments|undertakings|conditions)\b",
    r"(?:remedies|commitments|undertakings|concessions) (?:including|such as|that|to)\b",
    r"(?:on )?a case-by-case (?:basis|review)\b",
    r"case-by-case review\b",
    r"(?:a |an )?(?:import |export |purchase |sales |local-content )?quotas? (?:of|for|on)\b",
]
_CUE_RE = re.compile(r"\b(?:" + "|".join(_CUES) + r")", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[;.!?](?=\s|$)|,\s+(?=(?:which|while|but|although|though|according|sources|people|the|a"
    r"|it|they|he|she|analysts|officials|said|says|as)\b)|\s+(?:according to|sources said"
    r"|people familiar)\b|\s[—–]\s|\)",
    re.IGNORECASE,
)


def find_conditions(sentence: str) -> list[str]:
    """Condition phrases in ``sentence``, each trimmed to its clause and at most 20 words."""
    phrases: list[str] = []
    covered_to = -1
    for match in _CUE_RE.finditer(sentence):
        if match.start() < covered_to:
            continue
        end = _clause_end(sentence, match.end())
        phrase = _trim(sentence[match.start() : end])
        if len(phrase.split()) < 2:
            continue
        phrases.append(phrase)
        covered_to = end
    return phrases


def _clause_end(sentence: str, start: int) -> int:
    match = _CLAUSE_END.search(sentence, start)
    return match.start() if match else len(sentence)


def _trim(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[:MAX_WORDS]).rstrip(" ,;:")
