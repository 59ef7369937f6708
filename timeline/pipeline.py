"""The whole build: plan -> map (extract, per document, pure) -> merge -> select -> order.

The inputs are expanded and sorted by path before anything is read, so source
ids (s1, s2, ...) and the output do not depend on the order of the arguments,
the number of jobs or the engine. Documents are streamed through the map; only
their entries are kept.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from timeline.cache import EntryCache, StoredBuild, build_key
from timeline.engine import DocumentResult, Task, load_registry, read_stdin_task, run
from timeline.filters import Selection, select
from timeline.load import STDIN, Problem, expand_paths
from timeline.merge import merge_entries
from timeline.model import Source, Timeline
from timeline.ordering import chronological
from timeline.resources import bundled_sources

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    selection: Selection = field(default_factory=Selection)
    merge: bool = True
    jobs: int | None = None  # worker processes; None: one per core
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a dask scheduler address
    cache: bool = True


@dataclass
class BuildResult:
    timeline: Timeline
    problems: list[Problem]

    @property
    def failed_inputs(self) -> int:
        return sum(1 for p in self.problems if p.error)


def plan(paths: list[str], problems: list[Problem]) -> list[Task]:
    """One task per distinct input file, sorted by path and numbered in that order."""
    chosen: dict[str, str] = {}
    for item in expand_paths(paths or [str(bundled_sources())]):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        key = item if item == STDIN else os.path.realpath(item)
        chosen[key] = min(item, chosen.get(key, item))
    tasks: list[Task] = []
    for path in sorted(chosen.values()):
        source_id = f"s{len(tasks) + 1}"
        tasks.append(read_stdin_task(source_id) if path == STDIN else Task(source_id, path))
    return tasks


def numbered(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    """Readable documents numbered s1, s2, ... in order (an unreadable one leaves no gap)."""
    count = 0
    for result in results:
        if result.source is not None:
            count += 1
            result = result.renumbered(f"s{count}")
        yield result


def build(
    paths: list[str],
    options: BuildOptions | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Progress | None = None,
) -> BuildResult:
    """Build the timeline of the paths; ``on_progress(done, total)`` follows the map."""
    with _few_collections():
        return _build(paths, options or BuildOptions(), on_problem, on_progress)


_FEW_COLLECTIONS = (100_000, 50, 100)


@contextmanager
def _few_collections():
    """Run the garbage collector rarely while building (forked workers inherit this).

    A build allocates millions of small, long-lived objects and almost no
    cycles; at Python's default pace the collector re-scans them over and over
    and takes a fifth of a large merge.
    """
    threshold = gc.get_threshold()
    if threshold[0] >= _FEW_COLLECTIONS[0]:  # already rare (a build inside a build): left alone
        yield
        return
    gc.set_threshold(*_FEW_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _build(paths: list[str], options: BuildOptions, on_problem: Callable[[Problem], None] | None,
           on_progress: Progress | None) -> BuildResult:
    problems: list[Problem] = []
    tasks = plan(paths, problems)
    registry = load_registry()  # before the map: forked workers inherit it
    cache = EntryCache.open() if options.cache else None
    if on_progress:
        on_progress(0, len(tasks))
    key = _build_key(tasks, options.merge) if cache else None
    stored = cache.get_build(key) if cache and key else None
    if stored is None:
        stored = _extract_and_merge(tasks, options, cache, on_progress)
        # A document that failed (out of memory, an I/O error) may not fail next time: not stored.
        if cache and key and not any(p.error for p in stored.problems):
            cache.put_build(key, stored)
    elif on_progress:
        on_progress(len(tasks), len(tasks))
    problems.extend(stored.problems)
    entries = select(stored.entries, options.selection, registry)
    if on_problem:
        for problem in problems:
            on_problem(problem)
    sources = stored.sources
    return BuildResult(Timeline(sources, chronological(entries, [s.id for s in sources])), problems)


def _build_key(tasks: list[Task], merge: bool) -> str | None:
    """The stored-build key of these inputs; None (not stored) when one is standard input."""
    if any(task.loaded for task in tasks):
        return None
    return build_key(merge, [(task.source_id, task.path) for task in tasks])


def _extract_and_merge(tasks: list[Task], options: BuildOptions, cache: EntryCache | None,
                       on_progress: Progress | None) -> StoredBuild:
    """The map and the merge; the merge consumes documents as they arrive, while workers extract the next ones."""
    sources: list[Source] = []
    problems: list[Problem] = []
    results = run(tasks, cache, options.jobs, options.engine, options.scheduler)
    readable = _readable(results, sources, problems, on_progress, len(tasks))
    entries = merge_entries((r.entries for r in readable), merge_across=options.merge)
    return StoredBuild(sources, problems, entries)


def _readable(results: Iterable[DocumentResult], sources: list[Source], problems: list[Problem],
              on_progress: Progress | None, total: int) -> Iterator[DocumentResult]:
    """The readable documents' results, in order, recording sources and problems on the way."""
    for done, result in enumerate(numbered(results), 1):
        problems.extend(result.problems)
        if result.source is not None:
            sources.append(result.source)
            yield result
        if on_progress:
            on_progress(done, total)
