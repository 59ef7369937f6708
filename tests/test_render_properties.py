"""Properties of the escaping over arbitrary text: nothing a document holds gets through."""
from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.model import EVENT, QUOTE, Conflict, Entry, Source, SourceRef, Timeline
from timeline.render import RenderContext
from timeline.render.csv_format import render as render_csv
from timeline.render.json_format import render as render_json
from timeline.render.json_format import timeline_dict
from timeline.render.table import render as render_table
from timeline.render.text_safety import clean, csv_cell, markdown_text

# Text weighted towards the characters that cause trouble.
HOSTILE = st.text(st.one_of(st.sampled_from("\x1b[]/\\`*_|~$<>&#-=+@\t\r\n\x07\x9b\x9d;0123456789 "),
                            st.characters()), max_size=60)
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SGR = re.compile(r"\x1b\[[0-9;]*m")

# No deadline: tests here assert behaviour, never timing.
thorough = settings(deadline=None, max_examples=150)


def entry(text: str, speaker: str) -> Entry:
    return Entry(QUOTE if speaker else EVENT, text, "2023-02-01", "day", speaker=speaker or None,
                 actors=[speaker] if speaker else [], sources=[SourceRef("s1", text)])


@thorough
@given(HOSTILE)
def test_clean_leaves_no_controls_and_is_idempotent(text):
    cleaned = clean(text)
    assert not CONTROLS.search(cleaned)
    assert clean(cleaned) == cleaned


@thorough
@given(HOSTILE)
def test_markdown_text_leaves_no_live_syntax(text):
    escaped = markdown_text(text)
    assert "\n" not in escaped
    unescaped_rest = re.sub(r"\\.", "", escaped)
    assert not set(unescaped_rest) & set("[]`*_|~$<>\\")


@thorough
@given(HOSTILE, HOSTILE)
def test_table_never_raises_and_never_passes_escapes_on(text, speaker):
    timeline = Timeline([], [entry(text, speaker)])
    plain, coloured = io.StringIO(), io.StringIO()
    render_table(timeline, plain, RenderContext(color=False, width=80))
    render_table(timeline, coloured, RenderContext(color=True, width=80))
    assert "\x1b" not in plain.getvalue()
    assert "\x1b" not in SGR.sub("", coloured.getvalue())
    assert not CONTROLS.search(SGR.sub("", coloured.getvalue()))


@thorough
@given(HOSTILE, HOSTILE)
def test_csv_round_trips_with_no_formula_starts(text, speaker):
    out = io.StringIO(newline="")
    render_csv(Timeline([], [entry(text, speaker)]), out, RenderContext())
    header, row = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(row) == len(header) == 11
    assert (row[header.index("text")], row[header.index("speaker")]) == (csv_cell(text), csv_cell(speaker))
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


@thorough
@given(st.lists(st.tuples(HOSTILE, HOSTILE, st.lists(HOSTILE, max_size=3)), max_size=4), HOSTILE)
def test_json_is_exactly_the_standard_indented_dump(rows, title):
    entries = [Entry(EVENT, text, "2023-02", "month", actors=actors, sources=[SourceRef("s1", sentence)],
                     conflicts=[Conflict("2022", ("s1",))] if actors else [])
               for text, sentence, actors in rows]
    timeline = Timeline([Source("s1", "/news/a.txt", None, title)], entries)
    out = io.StringIO()
    render_json(timeline, out, RenderContext())
    assert out.getvalue() == json.dumps(timeline_dict(timeline), ensure_ascii=False, indent=2) + "\n"
