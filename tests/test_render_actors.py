"""The ``timeline actors`` listing: counts, kinds and aliases seen, in every format."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from timeline.actors_report import ActorRow, actor_rows, aliases_seen, render_actors
from timeline.cli import cli
from timeline.registry import Actor, ActorRegistry
from timeline.render import RenderContext

REGISTRY = ActorRegistry([
    Actor("Schools Inspectorate", "organisation", aliases=["the Schools Inspectorate", "the inspectorate"]),
    Actor("Greenfield Academy", "organisation", aliases=["the academy", "Greenfield"]),
    Actor("Tom Dawson", "person", aliases=["Mr Dawson", "Dawson"]),
])


def listing(rows: list[ActorRow], fmt: str) -> str:
    out = io.StringIO(newline="")
    render_actors(rows, out, RenderContext(width=100), fmt)
    return out.getvalue()


def test_rows_count_entries_and_quotes_most_first(timeline):
    assert [(r.name, r.kind, r.entries, r.quotes) for r in actor_rows(timeline, REGISTRY)] == [
        ("Greenfield Academy", "organisation", 6, 1),
        ("Schools Inspectorate", "organisation", 3, 0),
        ("Tom Dawson", "person", 2, 1),
        ("Jo Price", None, 1, 1),
    ]


def test_aliases_seen_come_from_the_source_sentences(timeline):
    aliases = {r.name: r.aliases for r in actor_rows(timeline, REGISTRY)}
    assert aliases == {
        "Greenfield Academy": ("the academy",),
        "Schools Inspectorate": ("the Schools Inspectorate",),
        "Tom Dawson": ("Mr Dawson",),
        "Jo Price": (),
    }


def test_a_longer_spelling_hides_the_shorter_one_inside_it():
    assert aliases_seen(["Tom Dawson", "Mr Dawson", "Dawson"], "Tom Dawson", ["Mr Dawson spoke."]) == ("Mr Dawson",)
    assert aliases_seen(["Tom Dawson", "Mr Dawson", "Dawson"], "Tom Dawson", ["Tom Dawson spoke."]) == ()
    assert aliases_seen(["Tom Dawson", "Dawson"], "Tom Dawson", ["Dawsonville and Dawson."]) == ("Dawson",)


def test_without_a_registry_kinds_and_aliases_are_unknown(timeline):
    row = actor_rows(timeline)[0]
    assert (row.name, row.kind, row.aliases) == ("Greenfield Academy", None, ())


ROWS = [ActorRow("Tom Dawson", "person", 2, 1, ("Dawson", "Mr Dawson")),
        ActorRow("=cmd|' /C calc'!A0", None, 1, 0)]


def test_json_listing():
    assert json.loads(listing(ROWS, "json")) == [
        {"name": "Tom Dawson", "kind": "person", "entries": 2, "quotes": 1, "aliases": ["Dawson", "Mr Dawson"]},
        {"name": "=cmd|' /C calc'!A0", "kind": None, "entries": 1, "quotes": 0, "aliases": []},
    ]


def test_csv_listing_neutralises_formulas():
    assert list(csv.reader(io.StringIO(listing(ROWS, "csv"), newline=""))) == [
        ["name", "kind", "entries", "quotes", "aliases"],
        ["Tom Dawson", "person", "2", "1", "Dawson; Mr Dawson"],
        ["'=cmd|' /C calc'!A0", "", "1", "0", ""],
    ]


def test_markdown_listing_is_a_table_a_pipe_cannot_break():
    assert listing(ROWS, "markdown").splitlines() == [
        "# Actors", "",
        "| actor | kind | entries | quotes | aliases seen |",
        "|---|---|---|---|---|",
        "| Tom Dawson | person | 2 | 1 | Dawson, Mr Dawson |",
        "| \\=cmd\\|' /C calc'!A0 |  | 1 | 0 |  |",
    ]


def test_table_listing():
    lines = [line.rstrip() for line in listing(ROWS, "table").splitlines()]
    assert lines[0] == "2 actors"
    assert lines[1].split() == ["actor", "kind", "entries", "quotes", "aliases", "seen"]
    assert lines[3:] == ["Tom Dawson          person        2       1  Dawson, Mr Dawson",
                         "=cmd|' /C calc'!A0                1       0"]


def test_cli_rejects_formats_the_listing_lacks(tmp_path):
    target = tmp_path / "actors.htm"
    result = CliRunner().invoke(cli, ["actors", "--output", str(target)])
    assert (result.exit_code, result.stdout, target.exists()) == (2, "", False)
    assert f"Error: {target}: this command has no html format (use table, markdown, csv, json)" in result.stderr
