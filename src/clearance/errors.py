"""One exception family that always names the input it is about.

Library code raises these; the CLI is the single boundary that turns them into one-line messages
and exit codes. In batch runs each becomes one :class:`ErrorRecord` and the batch goes on.
"""

from enum import StrEnum

from pydantic import BaseModel


class ErrorKind(StrEnum):
    """Why an input produced no records. Stable strings: they appear in errors files."""

    NOT_FOUND = "not_found"
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    NO_TEXT = "no_text"
    TOO_LARGE = "too_large"
    TOO_LONG = "too_long"
    NOT_ENGLISH = "not_english"
    TIMEOUT = "timeout"
    HTTP_STATUS = "http_status"
    NETWORK = "network"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    ROBOTS = "robots_disallowed"
    BLOCKED_ADDRESS = "blocked_address"
    BAD_URL = "bad_url"
    BAD_FEED = "bad_feed"
    BAD_JSONL = "bad_jsonl"
    BAD_WARC = "bad_warc"
    EXTRACTION = "extraction"
    CONFIG = "config"


class ErrorRecord(BaseModel):
    """One failed input, as written to the errors (dead-letter) file."""

    source: str
    kind: ErrorKind
    message: str


class ClearanceError(Exception):
    """Base of every error the library raises on purpose."""

    kind: ErrorKind = ErrorKind.EXTRACTION

    def __init__(self, source: str, message: str, *, kind: ErrorKind | None = None) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        if kind is not None:
            self.kind = kind

    def to_record(self) -> ErrorRecord:
        """The dead-letter form of this error."""
        return ErrorRecord(source=self.source, kind=self.kind, message=self.message)


class InputError(ClearanceError):
    """The input itself is unusable: empty, binary, undecodable, no article in it."""

    kind = ErrorKind.NO_TEXT


class FetchError(ClearanceError):
    """Getting the bytes failed: network, HTTP status, guard refusal, size cap."""

    kind = ErrorKind.NETWORK


class ExtractionError(ClearanceError):
    """The pipeline failed on one document."""

    kind = ErrorKind.EXTRACTION


class ConfigError(ClearanceError):
    """A setting, model name or models/ asset is wrong: a usage error, exit 2."""

    kind = ErrorKind.CONFIG
