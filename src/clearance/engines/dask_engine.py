"""The Dask engine: the same shard task on ``dask.distributed``.

Without a scheduler address it starts a ``LocalCluster`` (one single-threaded worker process per
job: spaCy is not thread-safe); with one, it connects to that cluster, which is how a user runs
on many machines. The output directory must then be on storage every worker can reach. Each
worker loads the model once through ``clearance.batch.get_extractor``'s module cache.
"""

import importlib
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from clearance.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "the dask engine needs dask.distributed: pip install 'clearance[dask]'"


class DaskEngine:
    """Submits shards to a Dask cluster, at most ``2 * workers`` in flight."""

    def __init__(self, jobs: int, scheduler: str | None = None) -> None:
        try:
            _distributed()
        except ImportError as exc:
            raise ConfigError("--engine dask", INSTALL_HINT) from exc
        self.jobs = jobs
        self.scheduler = scheduler

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """Yield results as shards complete on the cluster."""
        if not items:
            return
        client, cluster = self._connect()
        try:
            yield from _bounded(client, task, items, 2 * max(1, _workers(client, self.jobs)))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        distributed = _distributed()
        if self.scheduler:
            try:
                return distributed.Client(self.scheduler, timeout="5s"), None
            except (OSError, TimeoutError) as exc:
                raise ConfigError(
                    self.scheduler, f"cannot reach the Dask scheduler: {exc}"
                ) from exc
        cluster = distributed.LocalCluster(
            n_workers=self.jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        )
        return distributed.Client(cluster), cluster


def _distributed() -> Any:
    """``dask.distributed``, imported lazily (an optional extra) and typed as Any."""
    return importlib.import_module("distributed")


def _workers(client: Any, fallback: int) -> int:
    try:
        return len(client.scheduler_info().get("workers", {})) or fallback
    except (OSError, TimeoutError):
        return fallback


def _bounded(client: Any, task: Callable[[T], R], items: Sequence[T], window: int) -> Iterator[R]:
    queue = iter(items)
    first = [client.submit(task, item, pure=False) for item in _take(queue, window)]
    completed = _distributed().as_completed(first)
    for future in completed:
        result: R = future.result()
        following = next(queue, None)
        if following is not None:
            completed.add(client.submit(task, following, pure=False))
        future.release()
        yield result


def _take(queue: Iterator[T], count: int) -> list[T]:
    taken: list[T] = []
    for item in queue:
        taken.append(item)
        if len(taken) >= count:
            break
    return taken
