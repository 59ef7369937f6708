"""The CSV export: exact header, one row per entry, formula starts neutralised, reader round-trip."""
from __future__ import annotations

import csv
import io

from timeline.render import RenderContext
from timeline.render.csv_format import render


def rows(timeline) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    render(timeline, out, RenderContext())
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_header_is_exact(timeline):
    out = io.StringIO(newline="")
    render(timeline, out, RenderContext())
    assert out.getvalue().split("\r\n", 1)[0] == (
        "date,precision,qualifier,kind,speaker,actors,text,source,sentence,source_count,conflicts")


def test_round_trips_one_row_per_entry(timeline):
    read = rows(timeline)
    assert len(read) == len(timeline.entries)
    assert [r["date"] for r in read] == [e.date or "" for e in timeline.entries]


def test_corroborated_entry_lists_sources_and_count(timeline):
    row = next(r for r in rows(timeline) if r["date"] == "2023-01-08")
    assert (row["actors"], row["source"], row["source_count"], row["conflicts"]) == (
        "Schools Inspectorate; Greenfield Academy", "s1; s2; s4", "3", "")
    assert row["sentence"] == "The Schools Inspectorate visited Greenfield Academy on 8 January."


def test_conflicting_dates_are_listed(timeline):
    row = next(r for r in rows(timeline) if r["date"] == "2023-01-10")
    assert row["conflicts"] == "2023-01-09 (s3)"


def test_same_source_twice_counts_once(timeline):
    row = rows(timeline)[-1]
    assert (row["kind"], row["speaker"], row["source"], row["source_count"]) == (
        "quote", "Greenfield Academy", "s3", "1")


def test_formula_starts_are_neutralised_in_text_and_sentence(timeline):
    read = rows(timeline)
    hyperlink = next(r for r in read if r["date"] == "2023-04-06")
    assert hyperlink["text"].startswith("'=HYPERLINK(")
    assert hyperlink["sentence"].startswith("'=HYPERLINK(")
    assert read[-2]["text"] == "'@SUM(A1) The academy trust was renamed."
    assert read[-1]["text"] == "'- We will appeal, # not give up."


def test_hostile_text_survives_as_data_without_escape_sequences(timeline):
    read = rows(timeline)
    assert next(r for r in read if r["date"] == "2023")["text"] == "Red alert sent\nto staff after the review."
    assert next(r for r in read if r["date"] == "2023-12")["text"] == (
        "[bold]Shocking[/] [x](javascript:alert(1)) <script>alert(1)</script> a | b `c` *d* _e_")
