"""The same shard function on dask.distributed: a 2-worker LocalCluster equals the local engine."""

from pathlib import Path

import pytest

from .conftest import Reference, cli

pytest.importorskip("distributed", reason="the dask extra (clearance[dask]) is not installed")


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_output(reference: Reference, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", str(reference.corpus), "-o", str(out), "--engine", "dask", "--jobs", "2"]
    result = cli(*args, "--shard-size", "8")
    assert result.exit_code == reference.exit_code, result.stderr
    assert out.read_bytes() == reference.records
    assert out.with_name("out.errors.jsonl").read_bytes() == reference.errors


def test_an_unreachable_scheduler_is_a_usage_error(reference: Reference, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", str(reference.corpus), "-o", str(out), "--engine", "dask"]
    result = cli(*args, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "scheduler" in result.stderr
