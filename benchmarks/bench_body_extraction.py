"""Score our body extraction on the article-extraction benchmark (Zyte/Scrapinghub, 181 pages).

Upstream's method, as its README in ``../shared/corpus/article-extraction-benchmark`` describes:
``\\w+`` tokens, multisets of 4-token shingles, per-page TP/FP/FN scaled to sum to 1, mean
precision and recall over pages, F1 from those means. We print ours beside trafilatura's
published figure so a change in how we call trafilatura cannot quietly cost quality.

Run: ``python benchmarks/bench_body_extraction.py`` (about a minute on 2 cores).
"""

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from clearance.article import article_from_html
from clearance.errors import ClearanceError

PUBLISHED_F1 = 0.958  # trafilatura 2.0.0, upstream's latest evaluation
PUBLISHED_P = 0.938
PUBLISHED_R = 0.978
_TOKEN = re.compile(r"\w+", re.UNICODE)


def corpus_dir() -> Path:
    """``<repo>/../shared/corpus/article-extraction-benchmark``."""
    return Path(__file__).resolve().parents[2] / "shared/corpus/article-extraction-benchmark"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a shorter text is one shorter shingle."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(expected: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where upstream leaves the page out."""
    exp, pred = shingles(expected), shingles(predicted)
    tp = sum((exp & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(exp.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp_s, fp_s, fn_s = tp / total, fp / total, fn / total
    precision = None if not pred else (1.0 if fp == 0 and fn == 0 else tp_s / (tp_s + fp_s))
    recall = None if not exp else (1.0 if fp == 0 and fn == 0 else tp_s / (tp_s + fn_s))
    return precision, recall


def predict(html: str, url: str) -> str:
    """Our body for one page (language check off: the benchmark is multilingual)."""
    try:
        return article_from_html(html, url=url, check_language=False).text
    except ClearanceError:
        return ""


def main() -> dict[str, float]:
    """Score all pages, print a small table, return the figures (for a top-level runner)."""
    root = corpus_dir()
    if not root.is_dir():
        print(f"corpus not found at {root}; skipping", file=sys.stderr)
        return {}
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    started = time.perf_counter()
    for page_id, entry in sorted(truth.items()):
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        body = predict(html.decode("utf-8", "replace"), entry["url"])
        p, r = page_scores(entry["articleBody"], body)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        exact += _TOKEN.findall(body) == _TOKEN.findall(entry["articleBody"])
    elapsed = time.perf_counter() - started
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    result = {
        "pages": float(len(truth)),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": exact / len(truth),
        "published_f1": PUBLISHED_F1,
        "pages_per_s": len(truth) / elapsed,
    }
    print(f"article-extraction-benchmark: {len(truth)} pages, {elapsed:.1f} s")
    print(f"{'':22}{'F1':>7}{'P':>7}{'R':>7}")
    print(f"{'clearance (ours)':22}{f1:7.3f}{precision:7.3f}{recall:7.3f}")
    print(f"{'trafilatura published':22}{PUBLISHED_F1:7.3f}{PUBLISHED_P:7.3f}{PUBLISHED_R:7.3f}")
    print(f"ratio F1 ours/published: {f1 / PUBLISHED_F1:.3f}; exact pages {exact}")
    return result


if __name__ == "__main__":
    main()
