"""Plain-text pieces every human-facing renderer shows the same way (unescaped)."""
from __future__ import annotations

from timeline.model import Entry, Timeline


def source_ids(entry: Entry) -> list[str]:
    """The distinct ids of the sources supporting an entry, in the order given."""
    return list(dict.fromkeys(ref.id for ref in entry.sources))


def who(entry: Entry) -> str:
    """Who the entry is about: the speaker of a quote, else its actors."""
    return entry.speaker or ", ".join(entry.actors)


def iso_date(entry: Entry) -> str:
    """The date as ISO at its precision with any qualifier, e.g. ``early 2024-01``; '' if undated."""
    if not entry.date:
        return ""
    return f"{entry.qualifier} {entry.date}" if entry.qualifier else entry.date


def conflicts(entry: Entry) -> str:
    """Other dates sources give, e.g. ``2023-01-09 (s3); 2023-01-10 (s4, s5)``; '' if none."""
    return "; ".join(f"{c.date} ({', '.join(c.sources)})" for c in entry.conflicts)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 source``, ``2 sources``; ``words`` for irregular plurals."""
    return f"{count} {word}" if count == 1 else f"{count} {words or word + 's'}"


def summary(timeline: Timeline) -> str:
    """``12 entries from 3 sources``."""
    return f"{plural(len(timeline.entries), 'entry', 'entries')} from {plural(len(timeline.sources), 'source')}"
