"""Markdown export: a document a journalist can paste, grouped under year and month headings.

Each event is one bullet and each quote one attributed blockquote. All
document text goes through ``markdown_text`` so it renders literally.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TextIO

from timeline.model import QUOTE, Entry, Source, Timeline
from timeline.periods import bounds
from timeline.render import RenderContext
from timeline.render.labels import conflicts, plural, source_ids, summary
from timeline.render.text_safety import markdown_text, web_link

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
# Entries that name a whole month or year come first within their heading.
_COARSE = ("year", "month")


def render(timeline: Timeline, out: TextIO, context: RenderContext) -> None:
    out.write("\n".join(document_lines(timeline)) + "\n")


def document_lines(timeline: Timeline) -> list[str]:
    lines = ["# Timeline", "", f"{summary(timeline)}."]
    for heading, entries in sections(timeline.entries):
        lines += ["", heading]
        if entries:
            lines += [""] + entry_lines(entries)
    if timeline.sources:
        lines += ["", "## Sources", ""] + [source_line(s) for s in timeline.sources]
    return lines


def sections(entries: list[Entry]) -> Iterator[tuple[str, list[Entry]]]:
    """(heading, entries) in chronological order: each year, its months, then Undated."""
    groups: dict[tuple[int, int], list[Entry]] = {}
    for entry in entries:
        if entry.date:
            start = bounds(entry.date)[0]
            groups.setdefault((start.year, 0 if entry.precision == "year" else start.month), []).append(entry)
    year = None
    for (group_year, month), members in sorted(groups.items()):
        members.sort(key=lambda e: e.precision not in _COARSE)
        if group_year != year:
            year = group_year
            yield f"## {year}", members if month == 0 else []
            if month == 0:
                continue
        yield f"### {MONTHS[month - 1]} {group_year}", members
    undated = [e for e in entries if not e.date]
    if undated:
        yield "## Undated", undated


def entry_lines(entries: list[Entry]) -> list[str]:
    """Bullets one per line; each quote a blockquote set apart by blank lines."""
    lines: list[str] = []
    for entry in entries:
        if entry.kind == QUOTE:
            if lines:
                lines.append("")
            lines += quote_block(entry)
        else:
            if lines and lines[-1].startswith(">"):
                lines.append("")
            lines.append(event_line(entry))
    return lines


def event_line(entry: Entry) -> str:
    label = f"**{date_label(entry)}** — " if entry.date else ""
    return f"- {label}{markdown_text(entry.text)}{citation(entry)}"


def quote_block(entry: Entry) -> list[str]:
    attribution = markdown_text(entry.speaker) if entry.speaker else "Unattributed"
    if entry.date:
        attribution += f", {date_label(entry)}"
    return [f"> {markdown_text(entry.text)}", ">", f"> — {attribution}{citation(entry)}"]


def citation(entry: Entry) -> str:
    """`` [s1, s2] (2 sources) ⚠ conflicting date: ...`` — source ids, corroboration, conflicts."""
    ids = source_ids(entry)
    text = f" [{', '.join(markdown_text(i) for i in ids)}]" if ids else ""
    if len(ids) > 1:
        text += f" ({plural(len(ids), 'source')})"
    if entry.conflicts:
        noun = "date" if len(entry.conflicts) == 1 else "dates"
        text += f" \u26a0 conflicting {noun}: {markdown_text(conflicts(entry))}"
    return text


def date_label(entry: Entry) -> str:
    """The date in words at its precision, e.g. ``8 January 2023``, ``early January 2023``."""
    start = bounds(entry.date)[0]
    label = {
        "day": long_date(start),
        "week": f"week of {long_date(start)}",
        "month": f"{MONTHS[start.month - 1]} {start.year}",
    }.get(entry.precision or "", str(start.year))
    if entry.qualifier == "mid":
        return f"mid-{label}"
    return f"{entry.qualifier} {label}" if entry.qualifier else label


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def source_line(source: Source) -> str:
    """``- **s1** — Title, published 31 March 2023 — <https://...>`` (a path when no web link)."""
    title = markdown_text(source.title) or "Untitled"
    published = f"published {long_date(source.published)}" if source.published else "publication date unknown"
    link = web_link(source.url)
    where = f"<{link}>" if link else markdown_text(source.path)
    return f"- **{markdown_text(source.id)}** — {title}, {published} — {where}"


def table_lines(header: tuple[str, ...], rows: list[list[object]]) -> list[str]:
    """A pipe table; cells are escaped so a ``|`` in a name cannot add a column."""
    def line(cells) -> str:
        return "| " + " | ".join(markdown_text(str(c)) for c in cells) + " |"

    return [line(header), "|" + "---|" * len(header), *(line(row) for row in rows)]
