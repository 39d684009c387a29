"""A cheap English check: the share of very common English function words among the tokens.

English prose runs at 35-50 % of these words; other Latin-script languages share only a few of
them ("a", "in", "to") and score well under 15 %; non-Latin scripts score near zero. No model,
no dependency, a few microseconds per article -- enough to route non-English pages to a
``not_english`` record instead of through an English-only pipeline.
"""

import re

_WORD = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "more",
        "most",
        "my",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "other",
        "our",
        "out",
        "said",
        "says",
        "she",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)
MIN_WORDS = 30
THRESHOLD = 0.18


def english_ratio(text: str, *, max_words: int = 2000) -> tuple[float, int]:
    """(share of English stopwords, word count) over the first ``max_words`` words."""
    words = _WORD.findall(text[: max_words * 12].lower())[:max_words]
    if not words:
        return 0.0, 0
    hits = sum(1 for word in words if word in _STOPWORDS)
    return hits / len(words), len(words)


def latin_share(text: str, *, max_chars: int = 20_000) -> tuple[float, int]:
    """(share of letters in the Latin script, letter count): CJK text has no spaces to count."""
    letters = [ch for ch in text[:max_chars] if ch.isalpha()]
    if not letters:
        return 1.0, 0
    latin = sum(1 for ch in letters if ord(ch) < 0x250)
    return latin / len(letters), len(letters)


def looks_english(text: str) -> bool:
    """True unless the text is long enough to judge and clearly not English."""
    share, letters = latin_share(text)
    if letters >= 20 and share < 0.5:
        return False
    ratio, count = english_ratio(text)
    return count < MIN_WORDS or ratio >= THRESHOLD
