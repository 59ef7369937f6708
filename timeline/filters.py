"""Selecting entries by actor, kind, date range and corroboration."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.registry import ActorRegistry
from timeline.model import Entry
from timeline.periods import overlaps


@dataclass(frozen=True)
class Selection:
    """What the user asked to keep; an empty field keeps everything."""

    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    min_sources: int = 1


def select(entries: list[Entry], selection: Selection, registry: ActorRegistry) -> list[Entry]:
    wanted = [registry.matcher(name) for name in selection.actors]
    kept = []
    for entry in entries:
        if selection.kinds and entry.kind not in selection.kinds:
            continue
        if (selection.since or selection.until) and (
            entry.date is None or not overlaps(entry.date, selection.since, selection.until)
        ):
            continue
        if len({ref.id for ref in entry.sources}) < selection.min_sources:
            continue
        if wanted and not any(match(entry) for match in wanted):
            continue
        kept.append(entry)
    return kept
