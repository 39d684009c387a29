"""The one bounded decompressor: HTTP bodies, ``.gz`` files and WARC payloads all pass through it.

A gzip bomb (a few kilobytes that inflate to gigabytes) must stop at the cap, not after it has
filled memory, so output is counted while inflating and each ``decompress`` call is bounded with
``max_length``.
"""

import zlib
from pathlib import Path

from clearance.errors import ErrorKind, FetchError

_CHUNK = 64 * 1024


class BoundedDecoder:
    """Incremental decoder for one ``Content-Encoding`` that refuses to exceed ``max_bytes``.

    Feed it raw chunks; it returns decoded bytes and raises ``FetchError(TOO_LARGE)`` as soon as
    the decoded total passes the cap.
    """

    def __init__(self, source: str, encoding: str | None, max_bytes: int) -> None:
        self.source = source
        self.max_bytes = max_bytes
        self.total = 0
        enc = (encoding or "identity").strip().lower()
        if enc in ("", "identity", "none"):
            self._zlib: zlib._Decompress | None = None
        elif enc in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchError(
                source, f"unsupported content encoding {enc!r}", kind=ErrorKind.NETWORK
            )
        self._encoding = enc
        self._started = False

    def feed(self, chunk: bytes) -> bytes:
        """Decode one chunk of input; bounded in output size."""
        if self._zlib is None:
            return self._count(chunk)
        if self._encoding == "deflate" and not self._started and chunk:
            self._started = True
            # Some servers send raw deflate without the zlib header.
            if chunk[0] & 0x0F != 8:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        out = bytearray()
        data = chunk
        while data:
            try:
                piece = self._zlib.decompress(data, self.max_bytes - self.total + 1)
            except zlib.error as exc:
                raise FetchError(
                    self.source, f"corrupt compressed data ({exc})", kind=ErrorKind.UNDECODABLE
                ) from exc
            out += self._count(piece)
            if not self._zlib.eof:
                data = self._zlib.unconsumed_tail
                continue
            data = self._zlib.unused_data
            if not data or self._encoding == "deflate":
                break
            # A concatenated gzip member follows (valid gzip; common in .gz files).
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return bytes(out)

    def finish(self) -> bytes:
        """Flush what is left; a stream cut off mid-member is an error."""
        if self._zlib is None:
            return b""
        try:
            rest = self._zlib.flush(self.max_bytes - self.total + 1)
        except zlib.error as exc:  # pragma: no cover - flush rarely raises
            raise FetchError(self.source, f"corrupt compressed data ({exc})") from exc
        return self._count(rest)

    def _count(self, piece: bytes) -> bytes:
        self.total += len(piece)
        if self.total > self.max_bytes:
            raise FetchError(
                self.source,
                f"decompressed size passes the cap of {self.max_bytes} bytes",
                kind=ErrorKind.TOO_LARGE,
            )
        return piece


def decompress(data: bytes, encoding: str | None, *, source: str, max_bytes: int) -> bytes:
    """Decode a whole body with the cap applied (for payloads already in memory)."""
    decoder = BoundedDecoder(source, encoding, max_bytes)
    out = bytearray()
    for start in range(0, len(data), _CHUNK):
        out += decoder.feed(data[start : start + _CHUNK])
    out += decoder.finish()
    return bytes(out)


def is_gzip(data: bytes) -> bool:
    """True when ``data`` starts with the gzip magic number."""
    return data[:2] == b"\x1f\x8b"


def read_file(path: Path, *, max_bytes: int, source: str | None = None) -> bytes:
    """Read a local file, inflating it when it is gzip, never holding more than the cap."""
    name = source or str(path)
    with path.open("rb") as handle:
        head = handle.read(2)
        handle.seek(0)
        if not is_gzip(head):
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(
                    name, f"the file passes the cap of {max_bytes} bytes", kind=ErrorKind.TOO_LARGE
                )
            return data
        decoder = BoundedDecoder(name, "gzip", max_bytes)
        out = bytearray()
        while chunk := handle.read(_CHUNK):
            out += decoder.feed(chunk)
        out += decoder.finish()
        return bytes(out)
