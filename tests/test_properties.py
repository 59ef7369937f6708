"""Properties over any input: the build keeps the contract, and exports keep every entry.

For any text, ``build`` returns a timeline whose JSON is the contract, in
chronological order, each entry quoting a sentence that is really in its
document. For any timeline, the CSV reads back cell for cell and the Markdown
gives each entry one line under the right heading.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from timeline.model import KINDS, PRECISIONS, QUALIFIERS, QUOTE, Entry, Source, SourceRef, Timeline
from timeline.periods import bounds, format_date, precision_of
from timeline.pipeline import BuildOptions, build
from timeline.render import RenderContext
from timeline.render.csv_format import render as render_csv
from timeline.render.json_format import timeline_dict
from timeline.render.markdown import MONTHS
from timeline.render.markdown import render as render_markdown
from timeline.render.text_safety import csv_cell, markdown_text

# No deadline (behaviour, not timing); few examples so the suite stays fast.
modest = settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# --- any text ----------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "The council approved the plan on 3 May 2023.", "It met again last week.", "In January it will decide.",
    "\u201cWe are delighted,\u201d said Jane Holloway.", '"No comment," a spokesperson said.',
    "She added: 'never again'.", '"This quotation never closes.', "He called it \u201cunfair.",
    "The head teacher, Tom Baker, resigned in early March 2023.", "By 6 April the report was due.",
    "The vault was sealed on 31 February 2023.", "It opened on the 45th of May.", "In the year 1 and in 9999.",
    "Call 0118 496 0000 at 10.30am.", "She was 53.", "\u202eReversed\u202c text\u200b here.",
    "[bold]Loud[/] news.", "=SUM(A1) and @cmd.", "Ms Perry", "Ofsted", "said", "\n", "\n\n", "\r\n", " ",
])
BODIES = st.one_of(
    st.lists(FRAGMENTS, min_size=1, max_size=12).map(" ".join),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=12).map(" ".join),
    st.text(max_size=200),
)
HEADERS = st.sampled_from(["", " date 2023-03-31 ", "---\npublished: 2023-12-20\ntitle: A story\n---\n",
                           " date 2023-02-30 "])


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_a_header(body: str) -> bool:
    return bool(re.match(r"[ \t]*date[ \t]+\d", body)) or normalised(body).startswith("---")


def check_contract(data: dict) -> None:
    """The fields and types CONTRACT.md promises."""
    ids = [s["id"] for s in data["sources"]]
    for source in data["sources"]:
        assert set(source) >= {"id", "path", "published", "title"}
        assert source["published"] is None or date.fromisoformat(source["published"]).isoformat() == source["published"]
        assert isinstance(source["title"], str)
    for entry in data["entries"]:
        assert set(entry) >= {"date", "precision", "qualifier", "kind", "text", "speaker", "actors", "sources"}
        assert (entry["date"] is None) == (entry["precision"] is None)
        if entry["date"] is not None:
            assert entry["precision"] in PRECISIONS and precision_of(entry["date"]) == entry["precision"]
        assert entry["qualifier"] is None or entry["qualifier"] in QUALIFIERS
        assert entry["kind"] in KINDS
        assert isinstance(entry["text"], str) and entry["text"].strip()
        assert entry["speaker"] is None if entry["kind"] != QUOTE else isinstance(entry["speaker"], str)
        assert all(isinstance(actor, str) for actor in entry["actors"])
        assert entry["sources"] and all(ref["id"] in ids and isinstance(ref["sentence"], str) for ref in entry["sources"])


def check_chronological(data: dict) -> None:
    starts = [bounds(e["date"])[0] if e["date"] else None for e in data["entries"]]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated)
    assert starts == dated + [None] * (len(starts) - len(dated))


@modest
@given(header=HEADERS, body=BODIES, newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_text_builds_a_contract_timeline_quoting_its_own_sentences(tmp_path_factory, header, body, newline):
    assume(not looks_like_a_header(body) or header)
    path = tmp_path_factory.mktemp("doc") / "article.txt"
    path.write_bytes((header + body).replace("\n", newline).encode("utf-8", "surrogatepass"))
    result = build([str(path)], BuildOptions(jobs=1, cache=False))
    data = timeline_dict(result.timeline)
    json.loads(json.dumps(data, ensure_ascii=False))
    check_contract(data)
    check_chronological(data)
    if "\x00" in body:
        assert [p.message for p in result.problems] == ["binary file (contains NUL bytes), not text"]
        return
    assert not any(p.error for p in result.problems), result.problems
    document_body = normalised(body)
    for entry in data["entries"]:
        for ref in entry["sources"]:
            assert ref["sentence"] in document_body


# --- any timeline ------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31))


@st.composite
def entries(draw) -> Entry:
    day, precision = draw(DAYS), draw(st.sampled_from([*PRECISIONS, None]))
    kind = draw(st.sampled_from(KINDS))
    return Entry(
        kind=kind,
        text=draw(TEXT),
        date=format_date(day, precision) if precision else None,
        precision=precision,
        qualifier=draw(st.sampled_from([None, *QUALIFIERS])),
        speaker=draw(TEXT) if kind == QUOTE else None,
        actors=draw(st.lists(TEXT, max_size=3)),
        sources=[SourceRef(draw(st.sampled_from(["s1", "s2"])), draw(TEXT))],
    )


TIMELINES = st.lists(entries(), max_size=8).map(lambda items: Timeline(
    [Source("s1", "a.txt", date(2023, 3, 31), "A"), Source("s2", "b.txt", None, "B")], items))


@modest
@given(TIMELINES)
def test_csv_reads_back_one_row_per_entry_cell_for_cell(timeline):
    out = io.StringIO(newline="")
    render_csv(timeline, out, RenderContext())
    header, *rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert header[:9] == ["date", "precision", "qualifier", "kind", "speaker", "actors", "text", "source", "sentence"]
    assert len(rows) == len(timeline.entries)
    for row, entry in zip(rows, timeline.entries):
        cells = dict(zip(header, row))
        expected = {"date": entry.date, "precision": entry.precision, "qualifier": entry.qualifier,
                    "kind": entry.kind, "speaker": entry.speaker, "actors": "; ".join(entry.actors),
                    "text": entry.text, "source": entry.sources[0].id, "sentence": entry.sources[0].sentence}
        assert {name: cells[name] for name in expected} == {name: csv_cell(v) for name, v in expected.items()}


def heading(entry: Entry) -> str:
    """The Markdown heading an entry belongs under: its year, its month, or Undated."""
    if entry.date is None:
        return "## Undated"
    start = bounds(entry.date)[0]
    return f"## {start.year}" if entry.precision == "year" else f"### {MONTHS[start.month - 1]} {start.year}"


def entry_lines(markdown: str) -> list[tuple[str, str]]:
    """(heading, line) for every event bullet and quotation line before the sources list."""
    found, current = [], None
    for line in markdown.split("\n"):
        if line.startswith("#"):
            if line == "## Sources":
                break
            current = line
        elif line.startswith("- ") or (line.startswith("> ") and not line.startswith("> \u2014 ")):
            found.append((current, line))
    return found


@modest
@given(TIMELINES)
def test_markdown_gives_each_entry_one_line_under_its_heading(timeline):
    out = io.StringIO()
    render_markdown(timeline, out, RenderContext())
    lines = entry_lines(out.getvalue())
    assert len(lines) == len(timeline.entries)
    expected = Counter((heading(e), "> " if e.kind == QUOTE else "- ") for e in timeline.entries)
    assert Counter((h, line[:2]) for h, line in lines) == expected
    texts = Counter(markdown_text(e.text) for e in timeline.entries)
    for text, count in texts.items():
        assert sum(text in line for _, line in lines) >= count
