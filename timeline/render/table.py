"""The terminal table (the default format), drawn with rich.

Every cell is a ``rich.text.Text`` built from cleaned text, never markup, so a
sentence containing ``[bold]`` or ``[/]`` prints literally and escape sequences
in documents never reach the terminal. Colour only when the context says so.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from timeline.model import QUOTE, Entry, Timeline
from timeline.render import RenderContext
from timeline.render.labels import conflicts, iso_date, source_ids, summary, who
from timeline.render.text_safety import one_line

DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class Column:
    header: str
    style: str = ""
    max_width: int | None = None
    justify: str = "left"


TIMELINE_COLUMNS = (
    Column("date", "cyan", max_width=10),
    Column("kind", "magenta"),
    Column("who", "green", max_width=20),
    Column("text"),
    Column("source", "dim"),
)


def console_for(out: TextIO, context: RenderContext) -> Console:
    """A console that writes plain text, with ANSI styles only when ``context.color``."""
    return Console(
        file=out,
        force_terminal=context.color,
        no_color=not context.color,
        color_system="standard" if context.color else None,
        width=context.width or _terminal_width(out),
        height=25,  # rich ignores an explicit width under TERM=dumb unless a height is given too
        force_interactive=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def _terminal_width(out: TextIO) -> int:
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    return DEFAULT_WIDTH


def print_table(
    out: TextIO,
    context: RenderContext,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Text | str]],
    spaced: bool = True,
) -> None:
    """A one-line title, then the rows as a table; plain strings are cleaned onto one line.

    ``spaced`` puts a blank line between rows, for rows that wrap onto several lines.
    """
    console = console_for(out, context)
    console.print(Text(one_line(title), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, show_lines=spaced, pad_edge=False,
                  collapse_padding=True, header_style="bold")
    for column in columns:
        table.add_column(column.header, style=column.style, max_width=column.max_width,
                         justify=column.justify, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else Text(one_line(cell)) for cell in row))
        count += 1
    if count:
        console.print(table)


def render(timeline: Timeline, out: TextIO, context: RenderContext) -> None:
    print_table(out, context, summary(timeline), TIMELINE_COLUMNS, (_row(e) for e in timeline.entries))


def _row(entry: Entry) -> list[Text | str]:
    return [iso_date(entry) or "undated", entry.kind, who(entry), _text_cell(entry), _source_cell(entry)]


def _text_cell(entry: Entry) -> Text:
    body = one_line(entry.text)
    text = Text(f"\u201c{body}\u201d" if entry.kind == QUOTE else body)
    if entry.conflicts:
        text.append(f"\n\u26a0 also {one_line(conflicts(entry))}", style="bold yellow")
    return text


def _source_cell(entry: Entry) -> str:
    ids = source_ids(entry)
    if not ids:
        return ""
    return f"{ids[0]} +{len(ids) - 1}" if len(ids) > 1 else ids[0]
