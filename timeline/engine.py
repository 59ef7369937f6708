"""The map step: one pure function per document, run in this process, a process pool or dask.

Workers receive only a path and an id, read the file themselves and send back
entries, so the main process never holds the texts of the archive. Results come
back in input order whatever the engine, so every engine gives the same output.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

from timeline.cache import EntryCache, with_source_id
from timeline.extract import extract_document
from timeline.load import STDIN, Problem, load_document
from timeline.model import Document, Entry, Source
from timeline.registry import ActorRegistry
from timeline.resources import actors_file

# Below this many documents a pool costs more to start than it saves.
POOL_MIN_DOCUMENTS = 16
INSTALL_DASK = "pip install 'timeline[dask]'"


class EngineError(RuntimeError):
    """The engine cannot run: not installed, unreachable, or its workers died."""


@dataclass(frozen=True)
class Task:
    """One document to read: its planned source id and path (stdin is loaded up front)."""

    source_id: str
    path: str
    loaded: tuple[Document | None, list[Problem]] | None = None


@dataclass
class DocumentResult:
    """What the map returns for one document; ``source`` is None if it could not be read."""

    source: Source | None
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def renumbered(self, source_id: str) -> DocumentResult:
        """The same result under another source id."""
        if self.source is None or self.source.id == source_id:
            return self
        return replace(self, source=replace(self.source, id=source_id), entries=with_source_id(self.entries, source_id))


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@functools.cache
def load_registry() -> ActorRegistry:
    """The actor registry, loaded once per process."""
    path = actors_file()
    return ActorRegistry.load(path) if path.is_file() else ActorRegistry()


def process(task: Task, cache: EntryCache | None = None) -> DocumentResult:
    """The map: load one task's document and extract its entries (from the cache if there).

    Failures become problems, never exceptions.
    """
    document, problems = task.loaded or load_document(task.path, task.source_id)
    if document is None:
        return DocumentResult(None, problems=problems)
    key = cache.key(document) if cache else None
    try:
        entries = cache.get(key, task.source_id) if cache else None
        if entries is None:
            entries = extract_document(document, load_registry())
            if cache:
                cache.put(key, entries)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop an archive
        failure = Problem(task.path, f"could not be processed ({type(exc).__name__}: {exc})")
        return DocumentResult(None, problems=[*problems, failure])
    return DocumentResult(document.source, entries, problems)


def read_stdin_task(source_id: str) -> Task:
    """Standard input is loaded here, in the main process: workers cannot read it."""
    return Task(source_id, STDIN, load_document(STDIN, source_id))


def run(tasks: list[Task], cache: EntryCache | None = None, jobs: int | None = None,
        engine: str = "local", scheduler: str | None = None) -> Iterator[DocumentResult]:
    """The results of the tasks, in task order."""
    jobs = jobs or default_jobs()
    if engine == "dask":
        return run_dask(tasks, cache, jobs, scheduler)
    if jobs == 1 or len(tasks) < POOL_MIN_DOCUMENTS:
        return (process(task, cache) for task in tasks)
    return run_pool(tasks, cache, jobs)


def run_pool(tasks: list[Task], cache: EntryCache | None, jobs: int) -> Iterator[DocumentResult]:
    """A local process pool; tasks are small (paths), results stream back in order.

    A worker that dies (killed, out of memory) fails the build instead of leaving
    it waiting; on Ctrl-C or an error, queued chunks are cancelled.
    """
    # The first document is done here: it loads the rules and compiles the patterns
    # once, before the fork, so that forked workers start warm.
    yield process(tasks[0], cache)
    rest = tasks[1:]
    chunksize = max(1, min(32, len(rest) // (jobs * 8)))
    pool = ProcessPoolExecutor(min(jobs, len(rest)), mp_context=_context(), initializer=_init_worker)
    try:
        yield from pool.map(functools.partial(process, cache=cache), rest, chunksize=chunksize)
    except BrokenProcessPool:
        raise EngineError("a worker process died (out of memory?); try fewer --jobs") from None
    finally:
        pool.shutdown(cancel_futures=True)


def run_dask(tasks: list[Task], cache: EntryCache | None, jobs: int, scheduler: str | None) -> Iterator[DocumentResult]:
    """The same map on dask.bag: local processes, or the cluster at ``scheduler``."""
    try:
        import dask.bag
    except ImportError:
        raise EngineError(f"--engine dask needs dask: {INSTALL_DASK}") from None
    if not tasks:
        return iter([])
    bag = dask.bag.from_sequence(tasks, npartitions=min(len(tasks), jobs * 4)).map(process, cache=cache)
    if scheduler is None:
        return iter(bag.compute(scheduler="synchronous" if jobs == 1 else "processes", num_workers=jobs))
    return iter(_compute_on_cluster(bag, scheduler))


def _compute_on_cluster(bag, scheduler: str) -> list[DocumentResult]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise EngineError("--scheduler needs dask.distributed: pip install 'dask[distributed]'") from None
    try:
        with Client(scheduler, timeout="10s"):
            return bag.compute()
    except OSError as exc:
        raise EngineError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None


def _context():
    """Fork where it is safe and cheap (Linux: workers inherit loaded modules), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _init_worker() -> None:
    # Ctrl-C is the main process's to handle: it stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_registry()

