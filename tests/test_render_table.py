"""The terminal table: layout at 80 columns, colour only when asked, hostile text shown literally."""
from __future__ import annotations

import io
import re

from timeline.model import EVENT, Entry, SourceRef, Timeline
from timeline.render import RenderContext
from timeline.render.table import render

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def table(timeline: Timeline, **context) -> str:
    out = io.StringIO()
    render(timeline, out, RenderContext(**context))
    return out.getvalue()


def test_plain_output_has_no_escape_codes(timeline):
    assert "\x1b" not in table(timeline, color=False, width=80)


def test_colour_output_uses_only_style_codes(timeline):
    output = table(timeline, color=True, width=80)
    assert "\x1b[36m2022" in output  # dates in cyan
    assert "\x1b" not in ANSI.sub("", output)  # the document's own escapes are gone


def test_colour_and_plain_show_the_same_text(timeline):
    assert ANSI.sub("", table(timeline, color=True, width=80)) == table(timeline, color=False, width=80)


def test_fits_80_columns_without_truncating_claims(timeline):
    output = table(timeline, width=80)
    assert max(len(line) for line in output.splitlines()) == 80
    assert "\u2026" not in output
    words = " ".join(line[41:74].strip() for line in output.splitlines()[3:] if line[41:74].strip())
    assert "Mr Dawson wrote to parents in the week of 20 March." in words


def test_width_defaults_to_100_off_a_terminal(timeline):
    assert max(len(line) for line in table(timeline).splitlines()) == 100


def test_header_counts_entries_and_sources(timeline):
    assert table(timeline, width=100).splitlines()[0] == "11 entries from 4 sources"


def test_rows_show_precise_dates_qualifiers_sources_and_conflicts(timeline):
    lines = [line.rstrip() for line in table(timeline, width=120).splitlines()]
    assert "2023-W12    event  Tom Dawson" in "\n".join(lines)
    row = next(line for line in lines if line.startswith("2023-01-08"))
    assert row.endswith("s1 +2")
    conflict = lines[lines.index(next(line for line in lines if line.startswith("2023-01-10"))) + 1]
    assert conflict.strip() == "\u26a0 also 2023-01-09 (s3)"
    assert any(line.startswith("about 2023  event") for line in lines)
    assert any(line.startswith("undated     quote  Greenfield Academy") for line in lines)


def test_markup_in_documents_is_printed_literally(timeline):
    output = table(timeline, width=200, color=True)
    literal = "\u201c[bold]Shocking[/] [x](javascript:alert(1)) <script>alert(1)</script> a | b `c` *d* _e_\u201d"
    assert literal in ANSI.sub("", output)


def test_escape_sequences_and_newlines_in_text_are_removed(timeline):
    output = table(timeline, width=200)
    assert "Red alert sent to staff after the review." in output
    assert "pwned" not in output


def test_unbalanced_markup_never_raises():
    entry = Entry(EVENT, "[/] closing [bold red on] never opened [/bold]", "2023-05-01", "day",
                  actors=["[link=x]y[/]"], sources=[SourceRef("s1", "")])
    output = table(Timeline([], [entry]), width=200, color=True)
    assert "[/] closing [bold red on] never opened [/bold]" in output
    assert "[link=x]y[/]" in output


def test_empty_timeline_prints_only_the_header():
    assert table(Timeline([], [])) == "0 entries from 0 sources\n"


def test_environment_does_not_override_the_context(timeline, monkeypatch):
    for name, value in {"TERM": "dumb", "COLUMNS": "40", "NO_COLOR": "1", "FORCE_COLOR": "1"}.items():
        monkeypatch.setenv(name, value)
    plain = table(timeline, color=False, width=100)
    coloured = table(timeline, color=True, width=100)
    assert max(len(line) for line in plain.splitlines()) == 100
    assert "\x1b" not in plain
    assert ANSI.sub("", coloured) == plain != coloured
