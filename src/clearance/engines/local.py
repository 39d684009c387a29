"""The local engine: in-process for one job, else a process pool with an explicit start method.

Workers are started with ``forkserver`` (``spawn`` where unavailable), never ``fork``: a forked
copy of a parent that already loaded spaCy is not safe, and Python 3.14 changed the default
anyway. Each worker loads the model once through ``clearance.batch.get_extractor``'s cache.
"""

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PRELOAD = ["clearance.batch", "clearance.extract", "spacy"]


def start_method() -> str:
    """``forkserver`` where the platform has it, else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


class LocalEngine:
    """Runs shards on this machine; at most ``2 * jobs`` are in flight to bound memory."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """Yield results as shards complete (in order when ``jobs == 1``)."""
        if self.jobs == 1 or len(items) <= 1:
            for item in items:
                yield task(item)
            return
        yield from self._pool_map(task, items)

    def _pool_map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        context = multiprocessing.get_context(start_method())
        if start_method() == "forkserver":
            context.set_forkserver_preload(_PRELOAD)
        workers = min(self.jobs, len(items))
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        try:
            queue = iter(items)
            running: set[Future[R]] = set()
            for item in queue:
                running.add(pool.submit(task, item))
                if len(running) >= 2 * workers:
                    break
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
                    following = next(queue, None)
                    if following is not None:
                        running.add(pool.submit(task, following))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
