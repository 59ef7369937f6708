"""TimelineJS3 JSON (Knight Lab's viewer): one slide per dated entry.

TimelineJS needs a start date, so undated entries are left out. Dates carry
year, month and day only as far as the entry's precision goes; a week starts on
its ISO Monday and says "2023-W12" in its display date. Headline and text are
HTML to TimelineJS, so every piece of document text is escaped.
"""
from __future__ import annotations

import json
from typing import TextIO

from timeline.model import QUOTE, Entry, Source, Timeline
from timeline.periods import bounds
from timeline.render import RenderContext
from timeline.render.html import conflicts_note, entry_content, esc, main_actor, sources_by_id, sources_list
from timeline.render.labels import plural, source_ids
from timeline.render.markdown import date_label

HEADLINE_LENGTH = 80


def start_date(entry: Entry) -> dict:
    first, _ = bounds(entry.date)
    out = {"year": first.year}
    if entry.precision != "year":
        out["month"] = first.month
    if entry.precision in ("week", "day"):
        out["day"] = first.day
    return out


def display_date(entry: Entry) -> str:
    """The date as the reader should see it; a week keeps its ISO name: "2023-W12 (week of 20 March 2023)"."""
    label = date_label(entry)
    return f"{entry.date} ({label})" if entry.precision == "week" else label


def headline(entry: Entry) -> str:
    """The speaker of a quote, else the claim cut at a word boundary."""
    if entry.kind == QUOTE and entry.speaker:
        return entry.speaker
    if len(entry.text) <= HEADLINE_LENGTH:
        return entry.text
    return entry.text[:HEADLINE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def event(index: int, entry: Entry, sources: dict[str, Source]) -> dict:
    count = len(source_ids(entry))
    text = (f"{entry_content(entry)}{conflicts_note(entry, sources)}"
            f"<p>{plural(count, 'source')}:</p>{sources_list(entry, sources)}")
    out = {
        "start_date": start_date(entry),
        "display_date": display_date(entry),
        "text": {"headline": esc(headline(entry)), "text": text},
        "unique_id": f"e{index + 1}",
    }
    group = main_actor(entry)
    if group:
        out["group"] = esc(group)
    return out


def timelinejs_dict(timeline: Timeline) -> dict:
    sources = sources_by_id(timeline)
    events = [event(i, e, sources) for i, e in enumerate(timeline.entries) if e.date]
    dated = f"{len(events)} dated {'entry' if len(events) == 1 else 'entries'}"
    return {
        "title": {"text": {"headline": "Timeline", "text": f"<p>{dated} from {plural(len(sources), 'source')}</p>"}},
        "events": events,
    }


def render(timeline: Timeline, out: TextIO, context: RenderContext) -> None:
    json.dump(timelinejs_dict(timeline), out, ensure_ascii=False, indent=2)
    out.write("\n")
