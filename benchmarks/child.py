"""One measurement in its own process, so peak RSS and model loads are measured in isolation.

``python benchmarks/child.py baseline CORPUS`` times bare ``nlp.pipe`` of the same model;
``python benchmarks/child.py batch CORPUS OUT --jobs N --shard-size S`` times the batch runner.
Each prints one JSON object on stdout.
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any


def _rss_mib() -> dict[str, float]:
    """Peak RSS of this process and of its (reaped) children, in MiB (Linux: ru_maxrss in KiB).

    Also the 1-minute load average at the end: on a shared machine it says whether the timings
    (above all jobs=2 vs jobs=1) had the cores to themselves.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "rss_mib": round(own, 1),
        "children_rss_mib": round(children, 1),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def baseline(corpus: Path) -> dict[str, Any]:
    """Bare ``nlp.pipe`` over the corpus texts, batch size as ours; model load not timed."""
    import spacy

    from clearance.settings import Settings

    settings = Settings()
    nlp = spacy.load(settings.model)
    with corpus.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    started = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size))
    seconds = time.perf_counter() - started
    return {"articles": count, "seconds": round(seconds, 3), **_rss_mib()}


def batch(corpus: Path, out: Path, jobs: int, shard_size: int) -> dict[str, Any]:
    """The batch runner over the corpus; with one job the model load is timed separately."""
    from clearance.batch import BatchOptions, get_extractor, run_batch
    from clearance.settings import Settings

    settings = Settings()
    started = time.perf_counter()
    if jobs == 1:
        get_extractor(settings)
    load = time.perf_counter() - started
    options = BatchOptions(specs=[str(corpus)], output=out, jobs=jobs, shard_size=shard_size)
    started = time.perf_counter()
    summary = run_batch(options, settings)
    seconds = time.perf_counter() - started
    with out.open(encoding="utf-8") as handle:
        with_events = len({json.loads(line)["article"]["id"] for line in handle})
    return {
        "articles": summary.inputs,
        "ok": summary.ok,
        "failed": summary.failed,
        "events": summary.events,
        "articles_with_events": with_events,
        "load_seconds": round(load, 3),
        "seconds": round(seconds, 3),
        "wall_seconds": round(load + seconds, 3),
        **_rss_mib(),
    }


def main(argv: list[str]) -> None:
    """Parse the arguments, run one measurement, print its JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["baseline", "batch"])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--shard-size", type=int, default=250)
    args = parser.parse_args(argv)
    if args.kind == "baseline":
        result = baseline(args.corpus)
    else:
        result = batch(args.corpus, args.out, args.jobs, args.shard_size)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
