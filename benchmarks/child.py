"""One measurement in its own process, so peak RSS and model loads are measured in isolation.

``python benchmarks/child.py baseline CORPUS`` times bare ``nlp.pipe`` of the same model;
``python benchmarks/child.py batch CORPUS OUT --jobs N --shard-size S`` times the batch runner.
Each prints one JSON object on stdout.
"""

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _vm_hwm_mib(pid: str = "self") -> float:
    """Peak RSS (VmHWM) of one process, in MiB; reset at exec, unlike ``ru_maxrss``.

    ``ru_maxrss`` of a child started with fork+exec keeps the parent's high-water mark, which
    would make every child report the driver's size.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _WorkerWatch:
    """Polls /proc for this process's descendants (pool workers, forkserver) and keeps the peak
    of their summed RSS; they are not our direct children, so RUSAGE_CHILDREN misses them."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "_WorkerWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            total = sum(_rss_kib(pid) for pid in _descendants(os.getpid())) / 1024
            self.peak_mib = max(self.peak_mib, total)


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii")
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[int] = []
    frontier = [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _memory(watch: "_WorkerWatch | None" = None) -> dict[str, float]:
    """Peak RSS of this process (and of its worker processes), and the 1-minute load average:
    on a shared machine the load says whether the timings had the cores to themselves."""
    return {
        "rss_mib": round(_vm_hwm_mib(), 1),
        "workers_rss_mib": round(watch.peak_mib, 1) if watch is not None else 0.0,
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
    return {"articles": count, "seconds": round(seconds, 3), **_memory()}


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
    with _WorkerWatch() as watch:
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
        **_memory(watch),
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
