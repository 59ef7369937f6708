"""The typed records every stage shares: sources, documents, entries, timelines."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache

EVENT = "event"
QUOTE = "quote"
KINDS = (EVENT, QUOTE)

PRECISIONS = ("year", "month", "week", "day")
QUALIFIERS = ("early", "mid", "late", "before", "by", "after", "about")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class _PickledByFields:
    """Pickled as a call of the class with its fields in order.

    Archives send and cache millions of entries; the default for a slotted
    dataclass restores each one field by field in Python, twice as slow.
    """

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in _field_names(type(self)))


@dataclass(frozen=True, slots=True)
class Source(_PickledByFields):
    """One input document as the timeline cites it."""

    id: str
    path: str
    published: date | None
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """A loaded source with its text (header and front matter removed)."""

    source: Source
    text: str


@dataclass(frozen=True, slots=True)
class SourceRef(_PickledByFields):
    """Where an entry was read: a source id and the sentence it came from."""

    id: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Conflict(_PickledByFields):
    """A date that some sources give for a claim, disagreeing with the entry's date."""

    date: str
    sources: tuple[str, ...]


@dataclass(slots=True)
class Entry(_PickledByFields):
    """One line of the timeline: a dated claim (event) or a quoted statement (quote).

    ``date`` is ISO 8601 at the precision known (``YYYY``, ``YYYY-MM``,
    ``YYYY-Www``, ``YYYY-MM-DD``) or None. ``position`` orders entries of one
    document (the character offset of the sentence) and breaks ties in sorting.
    ``rule`` names the extraction rule that produced the entry, for debugging.
    """

    kind: str
    text: str
    date: str | None
    precision: str | None
    qualifier: str | None = None
    speaker: str | None = None
    actors: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    position: int = 0
    rule: str = ""


@dataclass
class Timeline:
    """The result of a build: the sources read and the entries, in chronological order."""

    sources: list[Source]
    entries: list[Entry]
