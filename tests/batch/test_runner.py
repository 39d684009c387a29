"""`clearance batch` end to end (in-process): bad inputs, stdout, formats, usage errors, jobs=2."""

import json
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from clearance.extract import Extractor
from clearance.manifest import Manifest

from .conftest import Reference, cli, texts, write_dump

HTML = (
    "<html><head><title>{title}</title></head>"
    "<body><article><h1>{title}</h1>{body}</article></body></html>"
)


def _page(text: str, title: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return HTML.format(title=title, body=paragraphs).encode("utf-8")


def _write_warc(path: Path, pages: list[tuple[str, bytes]]) -> list[int]:
    """A gzip'd WARC of response records; returns each record's start offset."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, page in pages:
            offsets.append(handle.tell())
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(page), http_headers=headers
            )
            writer.write_record(record)
    return offsets


def _messy_and_clean(root: Path) -> tuple[Path, Path]:
    """Two input dirs: the messy one has bad lines, a cut WARC, an empty and a huge file."""
    messy, clean = root / "messy", root / "clean"
    for folder in (messy, clean):
        folder.mkdir()
    good = list(texts(8))
    lines = [json.dumps({"url": url, "title": url, "text": text}) for url, text in good]
    bad = ['{"url": "https://x.test/broken", "text": ', "not json at all", "[1, 2, 3]"]
    (messy / "a-dump.jsonl").write_text("\n".join(lines[:4] + bad + lines[4:]) + "\n")
    (clean / "a-dump.jsonl").write_text("\n".join(lines) + "\n")
    pages = [
        (f"https://warc.test/{n}", _page(text, f"Page {n}")) for n, (_, text) in enumerate(texts(3))
    ]
    offsets = _write_warc(messy / "b-crawl.warc.gz", pages)
    data = (messy / "b-crawl.warc.gz").read_bytes()
    (messy / "b-crawl.warc.gz").write_bytes(data[: offsets[2] + (len(data) - offsets[2]) // 2])
    _write_warc(clean / "b-crawl.warc.gz", pages[:2])
    (messy / "c-empty.txt").write_text("")
    seed = next(texts(1))[1]
    (messy / "d-huge.txt").write_text((seed + "\n\n") * (120_000 // len(seed) + 1))
    return messy, clean


def test_bad_inputs_end_in_exit_3_with_every_good_record(
    tmp_path: Path, extractor: Extractor
) -> None:
    messy, clean = _messy_and_clean(tmp_path)
    out_messy, out_clean = tmp_path / "messy.jsonl", tmp_path / "clean.jsonl"
    result = cli("batch", str(messy), "-o", str(out_messy), "--shard-size", "3")
    assert result.exit_code == 3, result.stderr
    clean_result = cli("batch", str(clean), "-o", str(out_clean), "--shard-size", "3")
    assert clean_result.exit_code in (0, 3), clean_result.stderr
    assert out_messy.read_bytes() == out_clean.read_bytes()  # every good article's records
    errors = [
        json.loads(line) for line in (tmp_path / "messy.errors.jsonl").read_text().splitlines()
    ]
    by_source = {(e["source"], e["kind"]) for e in errors}
    dump = str(messy / "a-dump.jsonl")
    assert {(f"{dump}:{n}", "bad_jsonl") for n in (5, 6, 7)} <= by_source
    assert (str(messy / "c-empty.txt"), "empty") in by_source
    assert (str(messy / "d-huge.txt"), "too_long") in by_source
    assert any(
        e["source"].startswith(str(messy / "b-crawl.warc.gz")) and e["kind"] == "bad_warc"
        for e in errors
    )
    clean_errors = (tmp_path / "clean.errors.jsonl").read_text().splitlines()
    assert len(errors) == len(clean_errors) + 6  # nothing else went wrong


def test_stdout_carries_only_the_records(reference: Reference, tmp_path: Path) -> None:
    result = cli(
        "batch",
        str(reference.corpus),
        "-o",
        "-",
        "--errors",
        str(tmp_path / "e.jsonl"),
        "--shard-size",
        "5",
    )
    assert result.exit_code == reference.exit_code, result.stderr
    assert result.stdout_bytes == reference.records
    assert (tmp_path / "e.jsonl").read_bytes() == reference.errors


def test_gzip_parquet_and_no_text(reference: Reference, tmp_path: Path) -> None:
    import gzip

    import pyarrow.parquet as pq

    texts_dir = str(reference.corpus / "texts")
    outputs = {name: tmp_path / name for name in ("o.jsonl", "o.jsonl.gz", "o.parquet", "n.jsonl")}
    for name, out in outputs.items():
        extra = ["--no-text"] if name == "n.jsonl" else []
        assert cli("batch", texts_dir, "-o", str(out), *extra).exit_code in (0, 3)
    records = outputs["o.jsonl"].read_bytes()
    assert gzip.decompress(outputs["o.jsonl.gz"].read_bytes()) == records
    table = pq.read_table(outputs["o.parquet"]).to_pylist()
    assert [row["event_id"] for row in table] == [
        json.loads(line)["event_id"] for line in records.splitlines()
    ]
    no_text = [json.loads(line) for line in outputs["n.jsonl"].read_text().splitlines()]
    assert len(no_text) == records.count(b"\n")
    assert all("text" not in line["article"] for line in no_text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.csv"], "must end in"),
        (["-o", "out.jsonl", "--engine", "spark"], "unknown engine"),
        (["-o", "out.jsonl", "--scheduler", "tcp://127.0.0.1:1"], "only meaningful"),
        (["-o", "out.jsonl", "--model", "no_such_pipeline_xx"], "no such spaCy pipeline"),
        (["-o", "-", "--resume"], "cannot resume"),
        (["-o", "out.jsonl", "--jobs", "0"], "at least 1"),
    ],
)
def test_usage_errors_exit_2(
    reference: Reference, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    result = cli("batch", str(reference.corpus), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unknown_flag_is_a_usage_error(reference: Reference) -> None:
    assert cli("batch", str(reference.corpus), "-o", "-", "--no-such-flag").exit_code == 2


def test_resume_under_another_configuration_is_refused(
    reference: Reference, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    manifest = Manifest(tmp_path / "out.jsonl.parts", "written-by-another-config")
    manifest.open(resume=False)
    manifest.close()
    result = cli("batch", str(reference.corpus), "-o", str(out), "--resume")
    assert result.exit_code == 2
    assert "cannot resume" in result.stderr
    assert not out.exists()


def test_jobs_2_gives_the_same_output(reference: Reference, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = cli("batch", str(reference.corpus), "-o", str(out), "--jobs", "2", "--shard-size", "9")
    assert result.exit_code == reference.exit_code, result.stderr
    assert out.read_bytes() == reference.records
    assert out.with_name("out.errors.jsonl").read_bytes() == reference.errors


def test_a_changed_input_is_redone_on_resume(tmp_path: Path, extractor: Extractor) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 6)
    out = tmp_path / "out.jsonl"
    work = tmp_path / "work"
    from clearance.batch import BatchOptions, run_batch
    from clearance.settings import Settings

    options = BatchOptions(specs=[str(dump)], output=out, shard_size=2, work_dir=work)
    first = run_batch(options, Settings())
    assert first.inputs == 6
    write_dump(dump, 7)  # the dump grew: new stamps, every shard is new
    options.resume = True
    second = run_batch(options, Settings())
    assert (second.inputs, second.resumed) == (7, 0)


def test_a_shard_whose_input_changed_is_not_published(tmp_path: Path, extractor: Extractor) -> None:
    from clearance.batch import plan_shards, process_shard
    from clearance.errors import ExtractionError
    from clearance.manifest import part_path
    from clearance.settings import Settings

    dump = write_dump(tmp_path / "d.jsonl", 4)
    shards = plan_shards([str(dump)], Settings(), shard_size=2)
    assert [(s.skip, s.limit, s.expected) for s in shards] == [(0, 2, 2), (2, None, 2)]
    write_dump(dump, 5)  # rewritten between planning and processing
    with pytest.raises(ExtractionError, match="changed"):
        process_shard(shards[0], tmp_path, Settings())
    assert not part_path(tmp_path, 0).exists()
