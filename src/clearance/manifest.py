"""Resume state of a batch run: an append-only, fsync'd manifest in the run's work directory.

The first line is a header naming the configuration fingerprint; each further line commits one
shard (its index, identity key and counts) *after* that shard's part files were published. A
shard is done only when its line is complete and its files exist, so a kill at any moment leaves
at worst a torn last line, which is ignored and that shard redone. A resume with a different
fingerprint is refused: mixing the outputs of two configurations would be silent corruption.
"""

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from clearance.errors import ConfigError
from clearance.sinks import fsync_dir

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.jsonl"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ShardEntry:
    """One committed shard: enough to skip it on resume and to sum the run's totals."""

    index: int
    key: str
    inputs: int
    ok: int
    failed: int
    skipped: int
    events: int


def part_path(work_dir: Path, index: int) -> Path:
    """Where shard ``index`` publishes its records."""
    return work_dir / f"part-{index:05d}.jsonl"


def errors_part_path(work_dir: Path, index: int) -> Path:
    """Where shard ``index`` publishes its error records."""
    return work_dir / f"part-{index:05d}.errors.jsonl"


class Manifest:
    """Reads, starts and appends to a work directory's manifest; the single writer is the driver."""

    def __init__(self, work_dir: Path, fingerprint: str) -> None:
        self.work_dir = work_dir
        self.fingerprint = fingerprint
        self.path = work_dir / MANIFEST_NAME
        self.entries: dict[int, ShardEntry] = {}
        self._handle: IO[str] | None = None

    def open(self, *, resume: bool) -> None:
        """Load committed shards (``resume``) or start afresh, then open for appending.

        Raises:
            ConfigError: resuming a work directory written under a different fingerprint.
        """
        self.work_dir.mkdir(parents=True, exist_ok=True)
        if resume and self.path.is_file():
            self._load()
        else:
            if resume:
                log.info("nothing to resume in %s; starting afresh", self.work_dir)
            self._clear()
            self._write_header()
        self._handle = self.path.open("a", encoding="utf-8")

    def close(self) -> None:
        """Close the append handle (idempotent)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def done(self, index: int, key: str) -> ShardEntry | None:
        """The committed entry for this shard, if its identity matches and its files exist."""
        entry = self.entries.get(index)
        if entry is None or entry.key != key:
            return None
        parts = (part_path(self.work_dir, index), errors_part_path(self.work_dir, index))
        if not all(path.is_file() for path in parts):
            return None
        return entry

    def commit(self, entry: ShardEntry) -> None:
        """Durably record that a shard's parts are published."""
        if self._handle is None:
            raise RuntimeError("manifest is not open")
        self._handle.write(json.dumps(asdict(entry), sort_keys=True) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self.entries[entry.index] = entry

    def _load(self) -> None:
        with self.path.open(encoding="utf-8") as handle:
            content = handle.read()
        if content and not content.endswith("\n"):
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write("\n")  # end a torn line so the next commit starts clean
        lines = content.split("\n")
        header = _parse(lines[0]) if lines else None
        if header is None or header.get("format") != FORMAT_VERSION:
            raise ConfigError(
                str(self.path), "not a Clearance batch manifest; remove the work directory"
            )
        if header.get("fingerprint") != self.fingerprint:
            raise ConfigError(
                str(self.work_dir),
                f"cannot resume: this work directory was written with configuration "
                f"{header.get('fingerprint')}, the current one is {self.fingerprint} "
                "(settings, models/ assets or --no-text changed); rerun without --resume "
                "to start afresh",
            )
        for line in lines[1:]:
            entry = _entry(line)
            if entry is not None:  # None: a torn line from a kill; that shard is redone
                self.entries[entry.index] = entry
        log.info("resuming: %d shard(s) already committed", len(self.entries))

    def _clear(self) -> None:
        """Remove what an earlier run left (only our own file names)."""
        for path in self.work_dir.glob("part-*.jsonl"):
            path.unlink()
        for path in self.work_dir.glob(".part-*.tmp-*"):
            path.unlink()
        self.path.unlink(missing_ok=True)

    def _write_header(self) -> None:
        header = {"format": FORMAT_VERSION, "fingerprint": self.fingerprint}
        with self.path.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(header, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        fsync_dir(self.work_dir)


def _entry(line: str) -> ShardEntry | None:
    data = _parse(line)
    if data is None:
        return None
    try:
        return ShardEntry(**data)
    except TypeError:
        return None


def _parse(line: str) -> dict[str, Any] | None:
    """A complete JSON object line, or None for a blank or torn one."""
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    return data
