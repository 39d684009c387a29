"""The bounded decompressor, the charset order and the English check."""

import gzip
import zlib
from pathlib import Path

import pytest

from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.decoding import decode_bytes, looks_binary
from clearance.fetch.decompress import BoundedDecoder, decompress, read_file
from clearance.fetch.language import looks_english

ENGLISH = (
    "The ministry said on Tuesday that it had approved the import licence for the company, "
    "and that the decision would take effect next month after a review by the regulator. "
)


def test_gzip_roundtrip_and_multimember() -> None:
    data = gzip.compress(b"abc" * 1000) + gzip.compress(b"xyz")
    assert decompress(data, "gzip", source="s", max_bytes=10_000) == b"abc" * 1000 + b"xyz"


def test_deflate_with_and_without_zlib_header() -> None:
    body = b"hello world " * 100
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_deflate = raw.compress(body) + raw.flush()
    assert decompress(zlib.compress(body), "deflate", source="s", max_bytes=10_000) == body
    assert decompress(raw_deflate, "deflate", source="s", max_bytes=10_000) == body


def test_bomb_stops_at_cap_without_inflating_it_all() -> None:
    bomb = gzip.compress(bytes(200 * 1024 * 1024), compresslevel=1)
    decoder = BoundedDecoder("bomb", "gzip", 1_000_000)
    with pytest.raises(ClearanceError) as info:
        for start in range(0, len(bomb), 65536):
            decoder.feed(bomb[start : start + 65536])
    assert info.value.kind is ErrorKind.TOO_LARGE
    assert decoder.total <= 1_000_001  # inflation stopped at the cap, not at 200 MB


def test_gz_file_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "x.txt.gz"
    path.write_bytes(gzip.compress(bytes(5_000_000)))
    with pytest.raises(ClearanceError) as info:
        read_file(path, max_bytes=1_000_000)
    assert info.value.kind is ErrorKind.TOO_LARGE
    assert read_file(path, max_bytes=6_000_000) == bytes(5_000_000)


def test_corrupt_gzip_is_undecodable() -> None:
    with pytest.raises(ClearanceError) as info:
        decompress(b"\x1f\x8b\x08\x00garbage-garbage", "gzip", source="s", max_bytes=100)
    assert info.value.kind is ErrorKind.UNDECODABLE


def test_unknown_encoding() -> None:
    with pytest.raises(ClearanceError):
        BoundedDecoder("s", "br", 10)


@pytest.mark.parametrize(
    ("data", "kwargs", "encoding", "how"),
    [
        ("naïve café".encode("utf-8-sig"), {"http_charset": "cp1252"}, "utf-8-sig", "bom"),
        ("naïve café".encode("utf-16"), {}, "utf-16", "bom"),
        ("naïve café".encode("cp1252"), {"http_charset": "windows-1252"}, "cp1252", "http"),
        (
            b'<meta charset="koi8-r"><p>' + "привет".encode("koi8_r"),
            {"html": True},
            "koi8-r",
            "meta",
        ),
        ("naïve café".encode(), {"http_charset": "latin-1"}, "utf-8", "utf-8 (valid"),
        ("naïve café".encode(), {"http_charset": "nonsense-charset"}, "utf-8", "utf-8"),
        (
            (ENGLISH + "naïve café ").encode("cp1252"),
            {"http_charset": "utf-8"},
            "cp1252",
            "detected",
        ),
    ],
)
def test_charset_order(data: bytes, kwargs: dict[str, object], encoding: str, how: str) -> None:
    decoded = decode_bytes(data, source="s", **kwargs)  # type: ignore[arg-type]
    assert decoded.encoding == encoding
    assert decoded.how.startswith(how)
    assert "\ufffd" not in decoded.text


def test_replacement_is_the_last_resort() -> None:
    decoded = decode_bytes(b"abc \x81\x8d\x8f\x90\x9d abc " * 3, source="s")
    assert decoded.how in ("replacement", "detected")


def test_empty_and_binary() -> None:
    for data, kind in (
        (b"", ErrorKind.EMPTY),
        (b" \n\t", ErrorKind.EMPTY),
        (b"%PDF-1.7\n...", ErrorKind.BINARY),
        (b"ab\x00cd" * 10, ErrorKind.BINARY),
    ):
        with pytest.raises(ClearanceError) as info:
            decode_bytes(data, source="s")
        assert info.value.kind is kind
    assert not looks_binary("naïve".encode("utf-16"))


def test_english_check() -> None:
    assert looks_english(ENGLISH * 3)
    assert looks_english("Short text.")  # too short to judge
    german = "Die Regierung hat am Dienstag die Einfuhr genehmigt und wird die Entscheidung " * 5
    italian = "Il governo ha approvato martedì le importazioni e la decisione sarà valida " * 5
    assert not looks_english(german)
    assert not looks_english(italian)
    assert not looks_english("政府は火曜日に輸入を承認したと発表した。" * 5)
