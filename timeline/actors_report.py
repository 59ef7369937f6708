"""The ``timeline actors`` listing: every actor found, its kind, entry counts and aliases seen.

Entries hold canonical names only, so the aliases seen are recovered by looking
for the registry's spellings of an actor in the sentences its entries came from.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import TextIO

from timeline.model import Timeline
from timeline.registry import ActorRegistry, name_key
from timeline.render import RenderContext
from timeline.render.labels import plural

FIELDS = ("name", "kind", "entries", "quotes", "aliases")
HEADINGS = ("actor", "kind", "entries", "quotes", "aliases seen")


@dataclass(frozen=True)
class ActorRow:
    name: str
    kind: str | None
    entries: int
    quotes: int
    aliases: tuple[str, ...] = ()


def actor_rows(timeline: Timeline, registry: ActorRegistry | None = None) -> list[ActorRow]:
    """One row per canonical actor, most entries first, then by name."""
    registry = registry or ActorRegistry()
    entries: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    sentences: defaultdict[str, list[str]] = defaultdict(list)
    for entry in timeline.entries:
        # A quote's speakers are among its actors one by one ("A and B" is two people).
        names = list(dict.fromkeys(entry.actors)) or ([entry.speaker] if entry.speaker else [])
        for name in names:
            entries[name] += 1
            sentences[name] += [ref.sentence for ref in entry.sources]
            if entry.speaker and name in entry.speaker:
                quotes[name] += 1
    rows = []
    for name, count in sorted(entries.items(), key=lambda kv: (-kv[1], kv[0])):
        actor = registry.lookup(name)
        aliases = aliases_seen([actor.name, *actor.aliases], name, sentences[name]) if actor else ()
        rows.append(ActorRow(name, actor.kind if actor else None, count, quotes[name], aliases))
    return rows


def aliases_seen(spellings: list[str], name: str, sentences: list[str]) -> tuple[str, ...]:
    """The spellings other than ``name`` found in the sentences, longest match winning.

    "Ruth" inside "Ruth Perry" is not counted: matched text is blanked out
    before shorter spellings are looked for.
    """
    found: list[str] = []
    for sentence in sentences:
        for spelling in sorted(set(spellings), key=len, reverse=True):
            pattern = re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)
            if pattern.search(sentence):
                sentence = pattern.sub(" ", sentence)
                found.append(spelling)
    return tuple(sorted({s for s in found if name_key(s) != name_key(name)}, key=str.lower))


def render_actors(rows: list[ActorRow], out: TextIO, context: RenderContext, fmt: str) -> None:
    """The listing in any of ``timeline.render.ACTOR_FORMATS``; the data formats use the ``ActorRow`` field names."""
    if fmt == "json":
        json.dump([asdict(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        from timeline.render.csv_format import write_rows

        write_rows(out, FIELDS, (_cells(row, "; ") for row in rows))
    elif fmt == "markdown":
        from timeline.render.markdown import table_lines

        out.write("\n".join(["# Actors", "", *table_lines(HEADINGS, [_cells(row, ", ") for row in rows])]) + "\n")
    else:
        from timeline.render.table import Column, print_table

        styles = ("bold", "magenta", "", "", "dim")
        columns = [Column(h, style, justify="right" if h in ("entries", "quotes") else "left")
                   for h, style in zip(HEADINGS, styles)]
        print_table(out, context, plural(len(rows), "actor"), columns,
                    ([str(cell) for cell in _cells(row, ", ")] for row in rows), spaced=False)


def _cells(row: ActorRow, joiner: str) -> list[object]:
    return [row.name, row.kind or "", row.entries, row.quotes, joiner.join(row.aliases)]
