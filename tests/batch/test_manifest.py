"""The resume manifest: torn lines, identity checks and fingerprint refusal."""

from pathlib import Path

import pytest

from clearance.errors import ConfigError
from clearance.manifest import Manifest, ShardEntry, errors_part_path, part_path


def _entry(index: int, key: str = "k") -> ShardEntry:
    return ShardEntry(index=index, key=key, inputs=2, ok=1, failed=1, skipped=0, events=3)


def _publish(work: Path, index: int) -> None:
    part_path(work, index).write_text("")
    errors_part_path(work, index).write_text("")


def test_committed_shards_survive_a_torn_last_line(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, "fp1")
    manifest.open(resume=False)
    for index in range(2):
        _publish(tmp_path, index)
        manifest.commit(_entry(index))
    manifest.close()
    with manifest.path.open("a") as handle:
        handle.write('{"index": 2, "key": "k", "inpu')  # kill -9 mid-write
    again = Manifest(tmp_path, "fp1")
    again.open(resume=True)
    assert again.done(0, "k") == _entry(0)
    assert again.done(1, "other-key") is None  # the input changed: redo
    assert again.done(2, "k") is None
    _publish(tmp_path, 2)
    again.commit(_entry(2))
    again.close()
    third = Manifest(tmp_path, "fp1")
    third.open(resume=True)
    assert third.done(2, "k") == _entry(2)  # the torn line did not swallow the next commit
    third.close()


def test_a_missing_part_file_means_not_done(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, "fp1")
    manifest.open(resume=False)
    _publish(tmp_path, 0)
    manifest.commit(_entry(0))
    manifest.close()
    part_path(tmp_path, 0).unlink()
    again = Manifest(tmp_path, "fp1")
    again.open(resume=True)
    assert again.done(0, "k") is None
    again.close()


def test_resume_with_another_configuration_is_refused(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, "fp1")
    manifest.open(resume=False)
    manifest.close()
    with pytest.raises(ConfigError, match="cannot resume"):
        Manifest(tmp_path, "fp2").open(resume=True)


def test_a_fresh_run_clears_old_parts(tmp_path: Path) -> None:
    _publish(tmp_path, 7)
    (tmp_path / "unrelated.txt").write_text("keep me")
    manifest = Manifest(tmp_path, "fp1")
    manifest.open(resume=False)
    manifest.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.jsonl", "unrelated.txt"]
