"""Where shards run: a local process pool or a Dask cluster, behind one tiny interface.

An engine maps a picklable one-argument task over shards and yields results as they complete;
it knows nothing about extraction, so the same ``process_shard`` runs everywhere.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from clearance.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs ``task`` on every item, yielding results in completion order."""

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """Yield ``task(item)`` for each item; a task's exception propagates."""
        ...


def make_engine(name: str, *, jobs: int, scheduler: str | None = None) -> Engine:
    """The engine called ``name``.

    Raises:
        ConfigError: unknown engine, or dask requested but not installed.
    """
    if name == "local":
        from clearance.engines.local import LocalEngine

        return LocalEngine(jobs)
    if name == "dask":
        from clearance.engines.dask_engine import DaskEngine

        return DaskEngine(jobs, scheduler)
    raise ConfigError("--engine", f"unknown engine {name!r} (use local or dask)")


__all__ = ["Engine", "make_engine"]
