"""All of Clearance's benchmarks in one command: ``python benchmarks/run.py [--quick]``.

Measures in the same run, each in a fresh child process (so peak RSS is the run's own):

* articles/s of the batch runner vs bare ``nlp.pipe`` of the same model over the same texts
  (same batch size; model load excluded from both), on a realistic mix (<= 5 % relevant) and on
  an all-relevant corpus;
* end-to-end wall clock of jobs=2 vs jobs=1 (model loads included) on the all-relevant corpus,
  where parsing dominates;
* peak RSS at 1k and 10k articles (realistic mix, jobs=1);
* body extraction on the AEB pages (``bench_body_extraction.main()``), when that file exists.

Prints a table and the ratios against their targets; writes ``benchmarks/out/results.json``.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from corpora import build  # noqa: E402

TARGETS = {
    "realistic_vs_nlp_pipe": (">=", 3.0),
    "relevant_vs_nlp_pipe": (">=", 0.85),
    "jobs2_vs_jobs1": (">=", 1.7),
    "rss_10k_vs_1k": ("<=", 1.2),
}


def _child(*args: str) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "child.py"), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _rate(result: dict[str, Any], key: str = "seconds") -> float:
    return float(result["articles"]) / max(float(result[key]), 1e-9)


def _measure(
    sizes: dict[str, int], shard_size: int, only: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    corpora = OUT / "corpora"
    realistic = build(
        corpora / f"realistic-{sizes['small']}.jsonl", sizes["small"], relevant_only=False
    )
    relevant = build(
        corpora / f"relevant-{sizes['small']}.jsonl", sizes["small"], relevant_only=True
    )
    big = build(corpora / f"realistic-{sizes['big']}.jsonl", sizes["big"], relevant_only=False)
    runs = OUT / "runs"
    shard = ["--shard-size", str(shard_size)]
    plan = {
        "nlp_pipe_realistic": ("baseline", str(realistic)),
        "nlp_pipe_relevant": ("baseline", str(relevant)),
        "batch_realistic_j1": ("batch", str(realistic), str(runs / "realistic.jsonl"), *shard),
        "batch_relevant_j1": ("batch", str(relevant), str(runs / "relevant-j1.jsonl"), *shard),
        "batch_relevant_j2": (
            "batch",
            str(relevant),
            str(runs / "relevant-j2.jsonl"),
            "--jobs",
            "2",
            *shard,
        ),
        "batch_realistic_big_j1": ("batch", str(big), str(runs / "realistic-big.jsonl"), *shard),
    }
    results: dict[str, dict[str, Any]] = {}
    for name, args in plan.items():
        if only and not any(word in name for word in only):
            continue
        started = time.perf_counter()
        print(f"  running {name} ...", file=sys.stderr, flush=True)
        results[name] = _child(*args)
        print(f"    {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return results


RATIOS = {
    "realistic_vs_nlp_pipe": ("batch_realistic_j1", "nlp_pipe_realistic", "rate"),
    "relevant_vs_nlp_pipe": ("batch_relevant_j1", "nlp_pipe_relevant", "rate"),
    "jobs2_vs_jobs1": ("batch_relevant_j2", "batch_relevant_j1", "speedup"),
    "rss_10k_vs_1k": ("batch_realistic_big_j1", "batch_realistic_j1", "rss"),
}


def _ratios(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Each target ratio whose two measurements ran (``--only`` may skip some)."""
    ratios: dict[str, float] = {}
    for name, (top, bottom, kind) in RATIOS.items():
        if top not in results or bottom not in results:
            continue
        a, b = results[top], results[bottom]
        if kind == "rate":
            ratios[name] = _rate(a) / _rate(b)
        elif kind == "speedup":  # end-to-end, model loads included
            ratios[name] = float(b["wall_seconds"]) / float(a["wall_seconds"])
        else:
            ratios[name] = float(a["rss_mib"]) / float(b["rss_mib"])
    return ratios


def _table(results: dict[str, dict[str, Any]], ratios: dict[str, float]) -> str:
    header = f"{'run':<26}{'articles':>9}{'seconds':>10}{'articles/s':>12}"
    lines = [header + f"{'with events':>13}{'peak RSS MiB':>14}{'workers MiB':>13}{'load':>6}"]
    for name, result in results.items():
        with_events = result.get("articles_with_events", "")
        lines.append(
            f"{name:<26}{result['articles']:>9}{result['seconds']:>10.1f}{_rate(result):>12.1f}"
            f"{with_events!s:>13}{result['rss_mib']:>14.0f}"
            f"{result.get('workers_rss_mib', 0):>13.0f}{result.get('load_avg_1m', 0):>6.1f}"
        )
    lines.append("")
    for name, value in ratios.items():
        op, target = TARGETS[name]
        met = value >= target if op == ">=" else value <= target
        lines.append(
            f"{name:<26}{value:>8.2f}x   target {op} {target}x   {'ok' if met else 'MISSED'}"
        )
    return "\n".join(lines)


def _body_extraction() -> dict[str, float] | None:
    path = HERE / "bench_body_extraction.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("bench_body_extraction", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result: dict[str, float] = module.main()
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run every benchmark; returns (and writes) the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpora: a smoke run")
    parser.add_argument("--shard-size", type=int, default=250)
    parser.add_argument("--skip-body", action="store_true", help="skip the AEB body benchmark")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="WORD",
        help="only runs whose name has a WORD (e.g. relevant_j)",
    )
    args = parser.parse_args(argv)
    sizes = {"small": 100, "big": 1000} if args.quick else {"small": 1000, "big": 10000}
    shard_size = min(args.shard_size, sizes["small"] // 4) if args.quick else args.shard_size
    print(f"clearance benchmarks ({'quick' if args.quick else 'full'}): {sizes}", file=sys.stderr)
    results = _measure(sizes, shard_size, args.only)
    ratios = _ratios(results)
    report: dict[str, Any] = {
        "quick": args.quick,
        "sizes": sizes,
        "cpus": os.cpu_count(),
        "results": results,
        "ratios": ratios,
    }
    print(_table(results, ratios))
    if not args.skip_body:
        body = _body_extraction()
        if body is not None:
            report["body_extraction"] = body
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / ("results-only.json" if args.only else "results.json")
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults written to {target}")
    return report


if __name__ == "__main__":
    main()
