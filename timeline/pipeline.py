"""The whole build: load -> extract (per document, pure) -> merge -> select -> order."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from timeline.extract import extract_document
from timeline.filters import Selection, select
from timeline.load import Problem, expand_paths, parse_document, read_text
from timeline.merge import merge_entries
from timeline.model import Entry, Source, Timeline
from timeline.ordering import chronological
from timeline.registry import ActorRegistry
from timeline.resources import actors_file, bundled_sources


@dataclass(frozen=True)
class BuildOptions:
    selection: Selection = field(default_factory=Selection)
    merge: bool = True


@dataclass
class BuildResult:
    timeline: Timeline
    problems: list[Problem]

    @property
    def failed_inputs(self) -> int:
        return sum(1 for p in self.problems if p.error)


def load_registry() -> ActorRegistry:
    path = actors_file()
    return ActorRegistry.load(path) if path.is_file() else ActorRegistry()


def iter_documents(paths: list[str], problems: list[Problem]):
    """Documents from the paths, in order; problems are appended as they are met."""
    count = 0
    for item in expand_paths(paths or [str(bundled_sources())]):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        try:
            text = read_text(item)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(item, _reason(exc)))
            continue
        count += 1
        document, found = parse_document(text, item, f"s{count}")
        problems.extend(found)
        yield document


def build(
    paths: list[str],
    options: BuildOptions | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> BuildResult:
    options = options or BuildOptions()
    registry = load_registry()
    problems: list[Problem] = []
    sources: list[Source] = []
    per_document: list[list[Entry]] = []
    for document in iter_documents(paths, problems):
        sources.append(document.source)
        per_document.append(extract_document(document, registry))
    entries = merge_entries(per_document, merge_across=options.merge)
    entries = select(entries, options.selection, registry)
    if on_problem:
        for problem in problems:
            on_problem(problem)
    return BuildResult(Timeline(sources, chronological(entries, [s.id for s in sources])), problems)


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8 text"
    return getattr(exc, "strerror", None) or str(exc)

