"""The TimelineJS3 export: dates only as precise as known, escaped HTML, undated entries left out."""
from __future__ import annotations

import json

from click.testing import CliRunner
from test_html import story

from timeline.cli import cli
from timeline.model import EVENT, Entry, SourceRef, Timeline
from timeline.render.timelinejs import headline, timelinejs_dict


def test_dated_entries_become_events_with_dates_only_as_precise_as_known():
    events = timelinejs_dict(story())["events"]
    assert [(e["unique_id"], e["start_date"], e["display_date"]) for e in events] == [
        ("e1", {"year": 2023}, "2023"),
        ("e2", {"year": 2024, "month": 1}, "early January 2024"),
        ("e3", {"year": 2024, "month": 1, "day": 15}, "15 January 2024"),
        ("e4", {"year": 2024, "month": 2, "day": 5}, "2024-W06 (week of 5 February 2024)"),
        ("e5", {"year": 2024, "month": 2, "day": 20}, "by 20 February 2024"),
        ("e6", {"year": 2024, "month": 3}, "March 2024"),
    ]


def test_headline_group_and_text():
    events = timelinejs_dict(story())["events"]
    assert [(e["text"]["headline"], e.get("group")) for e in events] == [
        ("The library budget was cut in 2023.", "Riverton Council"),
        ("The council proposed closing the library in early January.", "Riverton Council"),
        ("Maya Lin", "Maya Lin"),
        ("Campaigners gathered 2,000 signatures in the week of 5 February.", "Friends of Riverton Library"),
        ("The decision was due by 20 February.", "Riverton Council"),
        ("Sam Okoro", "Sam Okoro"),
    ]
    quote = events[2]["text"]["text"]
    assert quote.startswith('<figure class="quote"><blockquote><p>We will not let the doors close.</p></blockquote>'
                            "<figcaption>Maya Lin</figcaption></figure><p>1 source:</p>")
    assert "\u201cWe will not let the doors close,\u201d Maya Lin said on 15 January." in quote
    corroborated = events[1]["text"]["text"]
    assert "<p>2 sources:</p>" in corroborated
    link = '<a href="https://news.example.com/library" rel="noopener noreferrer">Council closes library</a>'
    assert link in corroborated
    assert "December 2023</time> according to Residents protest closure" in corroborated


def test_title_counts_dated_entries_and_undated_ones_are_left_out():
    data = timelinejs_dict(story())
    assert data["title"] == {"text": {"headline": "Timeline", "text": "<p>6 dated entries from 3 sources</p>"}}
    assert len(story().entries) == 8 and len(data["events"]) == 6


def test_document_text_is_html_escaped():
    hostile = "<img src=x onerror=alert(1)> & [x](javascript:alert(1))"
    entry = Entry(EVENT, hostile, "2024-05-01", "day", actors=["<b>Ann</b>"], sources=[SourceRef("s9", hostile)])
    event = timelinejs_dict(Timeline([], [entry]))["events"][0]
    assert event["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt; &amp; [x](javascript:alert(1))"
    assert "<img" not in event["text"]["text"] and "<b>" not in json.dumps(event)
    assert event["group"] == "&lt;b&gt;Ann&lt;/b&gt;"
    assert "<cite>s9</cite>" in event["text"]["text"]


def test_long_claims_are_cut_at_a_word_for_the_headline():
    text = ("The trust announced on Monday that the branch library would close permanently at the end of the "
            "month after the council withdrew its grant.")
    entry = Entry(EVENT, text, "2024-05", "month")
    assert headline(entry) == "The trust announced on Monday that the branch library would close permanently\u2026"
    assert "group" not in timelinejs_dict(Timeline([], [entry]))["events"][0]


def test_cli_timelinejs_format():
    result = CliRunner().invoke(cli, ["build", "--format", "timelinejs", "-"],
                                input="---\npublished: 2024-02-10\ntitle: Closure\n---\nThe library closed.\n")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert set(data) == {"title", "events"}
    assert data["title"]["text"]["text"].endswith("from 1 source</p>")
