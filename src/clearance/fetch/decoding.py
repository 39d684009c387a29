"""Bytes -> text in a fixed, recorded order: BOM, HTTP charset, ``<meta>``, detector, UTF-8.

Each declared charset is tried *strictly*: a label that does not fit the bytes (a server that
says UTF-8 but sends Windows-1252) falls through to the next step instead of producing mojibake.
One exception to "declared first": bytes that are valid UTF-8 and contain multi-byte sequences
are UTF-8 whatever a single-byte label claims, because such sequences essentially never occur by
accident in legacy encodings. Plain text in a legacy encoding goes the same way (detector, then
UTF-8 with replacement) unless the bytes look binary, which is an error instead.
"""

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from clearance.errors import ErrorKind, InputError
from clearance.fetch.language import looks_english

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_SINGLE_BYTE = {"latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15"}
_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"MZ",
    b"OggS",
    b"ID3",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"7z\xbc\xaf",
)
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27})


@dataclass(frozen=True)
class Decoded:
    """Text plus the codec used and the step that chose it (``bom``, ``http``, ``meta``...)."""

    text: str
    encoding: str
    how: str


def looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary magic number, or many control bytes at the start."""
    head = data[:4096]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False  # UTF-16/32 text is full of NULs
    if b"\x00" in head or head.startswith(_MAGIC):
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.05


def decode_bytes(
    data: bytes, *, source: str, http_charset: str | None = None, html: bool = False
) -> Decoded:
    """Decode ``data`` following the module's order; raises EMPTY/BINARY InputErrors."""
    if not data.strip():
        raise InputError(source, "the input is empty", kind=ErrorKind.EMPTY)
    if looks_binary(data):
        raise InputError(source, "the input looks binary, not text or HTML", kind=ErrorKind.BINARY)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, "replace"), codec, "bom")
    candidates: list[tuple[str | None, str]] = [(http_charset, "http")]
    if html:
        match = _META.search(data[:8192])
        candidates.append((match.group(1).decode("ascii") if match else None, "meta"))
    utf8 = _try(data, "utf-8")
    for label, how in candidates:
        declared = _codec(label)
        if declared is None:
            continue
        if declared in _SINGLE_BYTE and utf8 is not None and not data.isascii():
            return Decoded(utf8, "utf-8", f"utf-8 (valid; {how} said {label})")
        text = _try(data, declared)
        if text is not None:
            return Decoded(text, declared, how)
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        detected = _prefer_western(data, _codec(best.encoding))
        if detected is not None and (guess := _try(data, detected)) is not None:
            return Decoded(guess, detected, "detected")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "replacement")


def _prefer_western(data: bytes, detected: str | None) -> str | None:
    """Windows-1252 over another single-byte guess when it fits and the text reads as English.

    Detectors cannot tell cp1252 from cp1250/iso8859-2 on English text with a few accented
    letters (the byte statistics are the same), and for English news 1252 is far likelier.
    """
    if detected is None or detected == "cp1252" or not _is_single_byte(detected):
        return detected
    western = _try(data, "cp1252")
    if western is not None and looks_english(western):
        return "cp1252"
    return detected


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp125", "iso8859", "mac", "latin", "koi8")) and codec != "cp1251"


def _codec(label: str | None) -> str | None:
    """Python's canonical codec name for an encoding label, None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        label = "cp1252"  # WHATWG: these labels mean windows-1252 on the web
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
