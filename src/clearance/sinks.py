"""Crash-safe writers: atomic publication, JSONL / JSONL.gz / Parquet outputs, the errors file.

Every file a batch run leaves behind is published the same way: write a temp file in the target's
directory, fsync it, ``os.replace`` it over the target, fsync the directory. A reader (or a
``--resume``) therefore sees either the old complete file or the new complete file, never a torn
one, whatever moment the process is killed at.
"""

import contextlib
import gzip
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Literal

from clearance.errors import ConfigError

OutputFormat = Literal["jsonl", "jsonl.gz", "parquet"]

_COPY_CHUNK = 1 << 20
_PARQUET_ROWS = 1_000


def output_format(path: Path) -> OutputFormat:
    """The format implied by an output file name; anything else is a usage error."""
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return "jsonl.gz"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    raise ConfigError(str(path), "output must end in .jsonl, .jsonl.gz or .parquet (or be -)")


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Yield a binary file that replaces ``path`` only if the block completes.

    The temp file lives beside the target so ``os.replace`` is a same-filesystem rename.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Publish ``lines`` (each without its newline) atomically as UTF-8; returns the count."""
    count = 0
    with atomic_writer(path) as handle:
        for line in lines:
            handle.write(line.encode("utf-8") + b"\n")
            count += 1
    return count


def concat_parts(parts: Sequence[Path], out: IO[bytes]) -> None:
    """Copy JSONL parts, in the given order, into an open binary stream."""
    for part in parts:
        with part.open("rb") as handle:
            shutil.copyfileobj(handle, out, _COPY_CHUNK)


def publish_jsonl(parts: Sequence[Path], path: Path, *, compress: bool = False) -> None:
    """Assemble parts into one JSONL (or gzip'd JSONL) file, published atomically.

    gzip's header timestamp is fixed at 0 so two runs over the same input give the same bytes.
    """
    with atomic_writer(path) as handle:
        if not compress:
            concat_parts(parts, handle)
            return
        with gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0) as zipped:
            concat_parts(parts, zipped)  # type: ignore[arg-type]


def publish_parquet(parts: Sequence[Path], path: Path) -> None:
    """Assemble JSONL parts into one Parquet file with nested structs, published atomically."""
    import pyarrow.parquet as pq

    schema = record_schema()
    with atomic_writer(path) as handle:
        writer = pq.ParquetWriter(handle, schema)
        try:
            for batch in _batched(map(_record_row, _iter_lines(parts)), _PARQUET_ROWS):
                writer.write_table(_table(batch, schema))
        finally:
            writer.close()


def publish_output(parts: Sequence[Path], path: Path) -> None:
    """Publish the records of every part to ``path`` in the format its name implies."""
    fmt = output_format(path)
    if fmt == "parquet":
        publish_parquet(parts, path)
    else:
        publish_jsonl(parts, path, compress=fmt == "jsonl.gz")


def _table(rows: list[dict[str, Any]], schema: Any) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema)


def _iter_lines(parts: Sequence[Path]) -> Iterator[str]:
    for part in parts:
        with part.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield line


def _batched(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def record_schema() -> Any:
    """The Parquet schema of one record (RECORD.md v1): nested structs, dates as date32."""
    import pyarrow as pa

    def party() -> Any:
        return pa.struct(
            [
                ("name", pa.string()),
                ("kind", pa.string()),
                ("country", pa.string()),
                ("mentions", pa.list_(pa.string())),
            ]
        )

    article = pa.struct(
        [
            ("id", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("site", pa.string()),
            ("published", pa.date32()),
            ("language", pa.string()),
            ("via", pa.list_(pa.string())),
            ("text", pa.string()),
        ]
    )
    item = pa.struct([("name", pa.string()), ("category", pa.string()), ("vendor", party())])
    quantity = pa.struct(
        [
            ("text", pa.string()),
            ("value", pa.float64()),
            ("low", pa.float64()),
            ("high", pa.float64()),
            ("unit", pa.string()),
            ("qualifier", pa.string()),
        ]
    )
    money = pa.struct([("text", pa.string()), ("value", pa.float64()), ("currency", pa.string())])
    when = pa.struct(
        [
            ("text", pa.string()),
            ("start", pa.date32()),
            ("end", pa.date32()),
            ("anchor", pa.date32()),
        ]
    )
    attribution = pa.struct([("sources", pa.list_(pa.string())), ("certainty", pa.string())])
    span = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    return pa.schema(
        [
            ("schema_version", pa.string()),
            ("event_id", pa.string()),
            ("article", article),
            ("decision", pa.string()),
            ("scope", pa.string()),
            ("authority", party()),
            ("beneficiaries", pa.list_(party())),
            ("item", item),
            ("quantity", quantity),
            ("amount", money),
            ("origin", pa.string()),
            ("destination", pa.string()),
            ("when", when),
            ("conditions", pa.list_(pa.string())),
            ("attribution", attribution),
            ("evidence", pa.list_(span)),
            ("confidence", pa.float64()),
        ]
    )


def _record_row(line: str) -> dict[str, Any]:
    """One JSONL record as a Parquet row: validated by the contract, dates as ``date`` objects.

    Going through :class:`ApprovalEvent` keeps Parquet and JSONL outputs the same records; a
    ``--no-text`` line simply has no ``article.text``.
    """
    from clearance.records import ApprovalEvent

    event = ApprovalEvent.model_validate_json(line)
    row: dict[str, Any] = _plain(event.model_dump(mode="python"))
    return row


def _plain(value: Any) -> Any:
    """Enums to their string values, recursively (pyarrow wants plain str)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
