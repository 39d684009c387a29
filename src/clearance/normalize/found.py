"""A match inside a string, with offsets, so callers can turn it into an evidence span."""

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """``value`` read from ``text``, which is ``sentence[start:end]`` of the searched string."""

    start: int
    end: int
    text: str
    value: T
