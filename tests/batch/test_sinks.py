"""Atomic publication and the three output formats."""

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from clearance.errors import ConfigError
from clearance.records import ApprovalEvent, Article, Decision, Scope, Span, event_id
from clearance.sinks import atomic_writer, output_format, publish_jsonl, publish_output


def _event(number: int, *, text: bool = True) -> str:
    body = f"China approved the import of {number} chips on Tuesday."
    article = Article(id=f"a{number}", url=f"https://x.test/{number}", text=body)
    event = ApprovalEvent(
        event_id=event_id(article.id, Decision.APPROVED, Scope.IMPORT, 0),
        article=article,
        decision=Decision.APPROVED,
        scope=Scope.IMPORT,
        evidence=[Span(text=body, start=0, end=len(body))],
    )
    return event.to_json(include_text=text)


def _parts(tmp_path: Path, *, text: bool = True) -> list[Path]:
    parts = []
    for index in range(3):
        part = tmp_path / f"part-{index:05d}.jsonl"
        part.write_text("".join(_event(index * 10 + n, text=text) + "\n" for n in range(index)))
        parts.append(part)
    return parts


def test_atomic_writer_leaves_nothing_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half a record")
        raise RuntimeError("killed")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_output_format_by_name() -> None:
    assert output_format(Path("a.jsonl")) == "jsonl"
    assert output_format(Path("a.JSONL.gz")) == "jsonl.gz"
    assert output_format(Path("a.parquet")) == "parquet"
    with pytest.raises(ConfigError):
        output_format(Path("a.csv"))


def test_jsonl_and_gzip_hold_the_parts_in_order(tmp_path: Path) -> None:
    parts = _parts(tmp_path)
    expected = b"".join(part.read_bytes() for part in parts)
    publish_output(parts, tmp_path / "all.jsonl")
    publish_output(parts, tmp_path / "all.jsonl.gz")
    assert (tmp_path / "all.jsonl").read_bytes() == expected
    assert gzip.decompress((tmp_path / "all.jsonl.gz").read_bytes()) == expected
    first = (tmp_path / "all.jsonl.gz").read_bytes()
    publish_jsonl(parts, tmp_path / "all.jsonl.gz", compress=True)
    assert (tmp_path / "all.jsonl.gz").read_bytes() == first  # deterministic bytes


@pytest.mark.parametrize("text", [True, False])
def test_parquet_has_nested_records(tmp_path: Path, text: bool) -> None:
    parts = _parts(tmp_path, text=text)
    publish_output(parts, tmp_path / "all.parquet")
    table = pq.read_table(tmp_path / "all.parquet")
    rows = table.to_pylist()
    lines = [json.loads(line) for part in parts for line in part.read_text().splitlines()]
    assert len(rows) == len(lines) == 3
    assert [row["event_id"] for row in rows] == [line["event_id"] for line in lines]
    assert rows[0]["article"]["url"] == lines[0]["article"]["url"]
    assert rows[0]["evidence"][0]["end"] == lines[0]["evidence"][0]["end"]
    assert (rows[0]["article"]["text"] is not None) is text


def test_parquet_of_no_records_is_still_a_valid_file(tmp_path: Path) -> None:
    empty = tmp_path / "part-00000.jsonl"
    empty.write_text("")
    publish_output([empty], tmp_path / "none.parquet")
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0
