"""Chronological order: coarser dates at the start of their period, undated last."""
from __future__ import annotations

from datetime import date

from timeline.model import Entry
from timeline.periods import PRECISION_RANK, bounds

_UNDATED = date.max


def sort_key(entry: Entry, source_rank: dict[str, int]) -> tuple:
    """Key ordering entries by period start, then precision (coarse first), then source order."""
    if entry.date is None:
        start, rank = _UNDATED, 0
    else:
        start, rank = bounds(entry.date)[0], PRECISION_RANK[entry.precision or "day"]
    first = min((source_rank.get(ref.id, 0) for ref in entry.sources), default=0)
    return (entry.date is None, start, rank, first, entry.position)


def chronological(entries: list[Entry], source_ids: list[str]) -> list[Entry]:
    rank = {sid: i for i, sid in enumerate(source_ids)}
    return sorted(entries, key=lambda e: sort_key(e, rank))
