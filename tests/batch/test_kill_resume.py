"""`clearance batch` killed with SIGKILL mid-run, then resumed: nothing lost, nothing doubled."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import Reference, cli

MANIFEST_COMMITS_BEFORE_KILL = 2
DEADLINE_SECONDS = 120


def _commits(manifest: Path) -> int:
    """Complete shard lines in the manifest (the header is line one)."""
    try:
        return max(0, manifest.read_bytes().count(b"\n") - 1)
    except OSError:
        return 0


def _start(corpus: Path, out: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "clearance", "batch", str(corpus), "-o", str(out)]
    command += ["--shard-size", "3"]
    with log.open("wb") as stderr:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)


def test_kill_9_then_resume_equals_an_uninterrupted_run(
    reference: Reference, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    manifest = tmp_path / "out.jsonl.parts" / "manifest.jsonl"
    process = _start(reference.corpus, out, tmp_path / "killed.log")
    deadline = time.monotonic() + DEADLINE_SECONDS
    try:
        while _commits(manifest) < MANIFEST_COMMITS_BEFORE_KILL:
            assert process.poll() is None, (tmp_path / "killed.log").read_text()
            assert time.monotonic() < deadline, "the batch process made no progress"
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert not out.exists(), "killed after publishing: make the corpus bigger"
    parts = sorted(p.name for p in manifest.parent.glob("part-*.jsonl"))
    assert parts, "no part was published before the kill"

    result = cli("batch", str(reference.corpus), "-o", str(out), "--shard-size", "3", "--resume")
    assert result.exit_code == reference.exit_code, result.stderr
    assert "resumed" in result.stderr
    assert out.read_bytes() == reference.records
    assert out.with_name("out.errors.jsonl").read_bytes() == reference.errors
    assert not manifest.parent.exists()  # the work directory is gone once the output is out
