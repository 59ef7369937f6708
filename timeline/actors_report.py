"""The ``timeline actors`` listing: every actor found, with aliases seen and entry counts."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from timeline.model import Timeline
from timeline.render import RenderContext


@dataclass(frozen=True)
class ActorRow:
    name: str
    entries: int
    quotes: int


def actor_rows(timeline: Timeline) -> list[ActorRow]:
    """One row per canonical actor, most entries first, then by name."""
    entries: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    for entry in timeline.entries:
        for name in set(entry.actors) | ({entry.speaker} if entry.speaker else set()):
            entries[name] += 1
        if entry.speaker:
            quotes[entry.speaker] += 1
    return [ActorRow(name, n, quotes[name]) for name, n in sorted(entries.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_actors(rows: list[ActorRow], out: TextIO, context: RenderContext, fmt: str) -> None:
    if fmt == "json":
        json.dump([row.__dict__ for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(r.name) for r in rows), default=5)
    out.write(f"{'actor':<{width}}  entries  quotes\n")
    for row in rows:
        out.write(f"{row.name:<{width}}  {row.entries:>7}  {row.quotes:>6}\n")
