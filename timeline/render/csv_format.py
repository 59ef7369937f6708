"""CSV export: one row per entry, every cell neutralised against spreadsheet formulas."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from timeline.model import Entry, Timeline
from timeline.render import RenderContext
from timeline.render.labels import conflicts, source_ids
from timeline.render.text_safety import csv_cell

HEADER = ("date", "precision", "qualifier", "kind", "speaker", "actors", "text",
          "source", "sentence", "source_count", "conflicts")


def write_rows(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """The header and rows as CSV, each cell passed through ``csv_cell``."""
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([csv_cell(value) for value in row] for row in rows)


def render(timeline: Timeline, out: TextIO, context: RenderContext) -> None:
    write_rows(out, HEADER, (entry_row(e) for e in timeline.entries))


def entry_row(entry: Entry) -> list[object]:
    ids = source_ids(entry)
    return [
        entry.date,
        entry.precision,
        entry.qualifier,
        entry.kind,
        entry.speaker,
        "; ".join(entry.actors),
        entry.text,
        "; ".join(ids),
        entry.sources[0].sentence if entry.sources else "",
        len(ids),
        conflicts(entry),
    ]
