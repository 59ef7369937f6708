"""JSON export: exactly the contract in CONTRACT.md (plus the documented ``conflicts`` field)."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TextIO

from timeline.model import Entry, Source, Timeline
from timeline.render import RenderContext


def source_dict(source: Source) -> dict:
    out = {
        "id": source.id,
        "path": source.path,
        "published": source.published.isoformat() if source.published else None,
        "title": source.title,
    }
    if source.url:
        out["url"] = source.url
    return out


def entry_dict(entry: Entry) -> dict:
    return {
        "date": entry.date,
        "precision": entry.precision,
        "qualifier": entry.qualifier,
        "kind": entry.kind,
        "text": entry.text,
        "speaker": entry.speaker,
        "actors": list(entry.actors),
        "sources": [{"id": ref.id, "sentence": ref.sentence} for ref in entry.sources],
        "conflicts": [{"date": c.date, "sources": list(c.sources)} for c in entry.conflicts],
    }


def timeline_dict(timeline: Timeline) -> dict:
    return {
        "sources": [source_dict(s) for s in timeline.sources],
        "entries": [entry_dict(e) for e in timeline.entries],
    }


def render(timeline: Timeline, out: TextIO, context: RenderContext) -> None:
    """The same text as ``json.dump(timeline_dict(timeline), indent=2)``, written one entry at a
    time so that a large timeline is never held twice in memory."""
    out.write('{\n  "sources": ')
    out.write(_pretty([source_dict(s) for s in timeline.sources], "  "))
    out.write(',\n  "entries": ')
    if not timeline.entries:
        out.write("[]")
    else:
        out.write("[")
        for i, entry in enumerate(timeline.entries):
            out.write(",\n    " if i else "\n    ")
            out.write(_pretty(entry_dict(entry), "    "))
        out.write("\n  ]")
    out.write("\n}\n")


def _pretty(value: object, indent: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` for a value whose first line sits at
    ``indent``: written directly for the shapes a timeline has, as the standard
    library's indenting encoder (pure Python) is the slowest part of a large export."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, (dict, list)) and value:
        inner = indent + "  "
        if isinstance(value, dict):
            items = [f"{inner}{encode_basestring(key)}: {_pretty(item, inner)}" for key, item in value.items()]
            return "{\n" + ",\n".join(items) + f"\n{indent}}}"
        return "[\n" + ",\n".join(inner + _pretty(item, inner) for item in value) + f"\n{indent}]"
    return json.dumps(value)
