"""A small made-up timeline with every shape of entry the renderers must show.

Day, week, month and year precision; qualifiers; undated entries; events and
quotes; several actors; an entry three sources support; a date conflict; and
hostile text (rich markup, Markdown/HTML injection, formula starts, escapes).
"""
from __future__ import annotations

from datetime import date

import pytest

from timeline.model import EVENT, QUOTE, Conflict, Entry, Source, SourceRef, Timeline

SOURCES = [
    Source("s1", "articles/inspection-report.txt", date(2023, 3, 31), "Inspectors criticise Greenfield Academy",
           "https://news.example.org/greenfield inspection?id=1"),
    Source("s2", "articles/head-responds.txt", date(2023, 4, 2), "Head teacher responds | *updated*"),
    Source("s3", "articles/council-statement.txt", None, "Council statement", "javascript:alert(1)"),
    Source("s4", "articles/year-review.txt", date(2023, 12, 28), "A year at Greenfield", "http://example.com/review"),
]


def event(text: str, when: str | None, precision: str | None, refs: list[tuple[str, str]], **fields) -> Entry:
    return Entry(EVENT, text, when, precision, sources=[SourceRef(i, s) for i, s in refs], **fields)


def quote(text: str, speaker: str, when: str | None, precision: str | None, refs: list[tuple[str, str]],
          **fields) -> Entry:
    return Entry(QUOTE, text, when, precision, speaker=speaker, sources=[SourceRef(i, s) for i, s in refs], **fields)


def fixture_entries() -> list[Entry]:
    visit = "The Schools Inspectorate visited Greenfield Academy on 8 January."
    return [
        event("Greenfield Academy opened its new science block in 2022.", "2022", "year",
              [("s4", "Greenfield Academy opened its new science block in 2022.")],
              actors=["Greenfield Academy"]),
        event("\x1b[31mRed\x1b[0m alert\x07 sent\nto staff\x1b]0;pwned\x07 after the review.", "2023", "year",
              [("s4", "\x1b[31mRed\x1b[0m alert sent to staff after the review.")],
              qualifier="about", actors=["Greenfield Academy"]),
        event("Parents were told of the coming inspection in early January.", "2023-01", "month",
              [("s2", "Parents were told of the coming inspection in early January, the school said.")],
              qualifier="early", actors=["Greenfield Academy"]),
        event(visit, "2023-01-08", "day",
              [("s1", visit), ("s2", "Inspectors arrived at the school on 8 January."),
               ("s4", "The inspection began on Sunday 8 January.")],
              actors=["Schools Inspectorate", "Greenfield Academy"]),
        event("The inspection team met governors on 10 January.", "2023-01-10", "day",
              [("s1", "The inspection team met governors on 10 January."),
               ("s2", "Governors met the team on 10 January.")],
              actors=["Schools Inspectorate"],
              conflicts=[Conflict("2023-01-09", ("s3",))]),
        event("Mr Dawson wrote to parents in the week of 20 March.", "2023-W12", "week",
              [("s2", "Mr Dawson wrote to parents in the week of 20 March.")],
              actors=["Tom Dawson"]),
        quote("We did everything we could for the pupils.", "Tom Dawson", "2023-04-02", "day",
              [("s2", '"We did everything we could for the pupils," Mr Dawson said.')],
              actors=["Tom Dawson", "Greenfield Academy"]),
        event("=HYPERLINK(\"http://evil.example\") The report was due by 6 April.", "2023-04-06", "day",
              [("s1", "=HYPERLINK(\"http://evil.example\") The report was due by 6 April.")],
              qualifier="by", actors=["Schools Inspectorate"]),
        quote("[bold]Shocking[/] [x](javascript:alert(1)) <script>alert(1)</script> a | b `c` *d* _e_",
              "Jo Price", "2023-12", "month",
              [("s4", "\"[bold]Shocking[/] ...\" said Jo Price of [red]the council[/red].")],
              qualifier="late", actors=["Jo Price"]),
        event("@SUM(A1) The academy trust was renamed.", None, None,
              [("s3", "@SUM(A1) The academy trust was renamed.")]),
        quote("- We will appeal, # not give up.", "Greenfield Academy", None, None,
              [("s3", "\"- We will appeal, # not give up,\" the academy said."),
               ("s3", "The academy repeated: we will appeal.")],
              actors=["Greenfield Academy"]),
    ]


def fixture_timeline() -> Timeline:
    return Timeline(list(SOURCES), fixture_entries())


@pytest.fixture
def timeline() -> Timeline:
    return fixture_timeline()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every build in the tests caches in a directory of its own, never in the user's."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
