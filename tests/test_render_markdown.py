"""The Markdown document: headings in order, one bullet or blockquote per entry, literal text."""
from __future__ import annotations

import io
from datetime import date

from timeline.model import EVENT, QUOTE, Entry, Source, SourceRef, Timeline
from timeline.render import RenderContext
from timeline.render.markdown import render


def markdown(timeline: Timeline) -> str:
    out = io.StringIO()
    render(timeline, out, RenderContext())
    return out.getvalue()


def entry(text: str, when: str | None, precision: str | None, kind: str = EVENT, **fields) -> Entry:
    return Entry(kind, text, when, precision, sources=[SourceRef("s1", text)], **fields)


def test_headings_are_chronological_with_undated_and_sources_last(timeline):
    headings = [line for line in markdown(timeline).splitlines() if line.startswith("#")]
    assert headings == ["# Timeline", "## 2022", "## 2023", "### January 2023", "### March 2023",
                        "### April 2023", "### December 2023", "## Undated", "## Sources"]


def test_each_entry_is_one_line_under_its_heading(timeline):
    lines = markdown(timeline).splitlines()
    assert lines[lines.index("### January 2023") + 2:lines.index("### March 2023") - 1] == [
        "- **early January 2023** — Parents were told of the coming inspection in early January. [s2]",
        "- **8 January 2023** — The Schools Inspectorate visited Greenfield Academy on 8 January."
        " [s1, s2, s4] (3 sources)",
        "- **10 January 2023** — The inspection team met governors on 10 January. [s1, s2] (2 sources)"
        " \u26a0 conflicting date: 2023-01-09 (s3)",
    ]
    assert lines[lines.index("## 2023") + 2] == "- **about 2023** — Red alert sent to staff after the review. [s4]"
    assert lines[lines.index("### March 2023") + 2] == (
        "- **week of 20 March 2023** — Mr Dawson wrote to parents in the week of 20 March. [s2]")


def test_quotes_are_attributed_blockquotes(timeline):
    text = markdown(timeline)
    assert ("\n\n> We did everything we could for the pupils.\n>\n> — Tom Dawson, 2 April 2023 [s2]\n\n"
            "- **by 6 April 2023** — ") in text
    assert "\n\n> \\- We will appeal, # not give up.\n>\n> — Greenfield Academy [s3]\n" in text


def test_hostile_text_cannot_inject_links_html_or_layout(timeline):
    text = markdown(timeline)
    assert ("> \\[bold\\]Shocking\\[/\\] \\[x\\](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;"
            " a \\| b \\`c\\` \\*d\\* \\_e\\_\n") in text
    assert "- **by 6 April 2023** — \\=HYPERLINK(\"http://evil.example\") The report" in text
    assert "<script>" not in text and "\x1b" not in text and "pwned" not in text


def test_sources_link_only_http_urls(timeline):
    lines = markdown(timeline).splitlines()
    assert lines[lines.index("## Sources") + 2:] == [
        "- **s1** — Inspectors criticise Greenfield Academy, published 31 March 2023"
        " — <https://news.example.org/greenfield%20inspection?id=1>",
        "- **s2** — Head teacher responds \\| \\*updated\\*, published 2 April 2023 — articles/head-responds.txt",
        "- **s3** — Council statement, publication date unknown — articles/council-statement.txt",
        "- **s4** — A year at Greenfield, published 28 December 2023 — <http://example.com/review>",
    ]


def test_month_and_year_entries_lead_their_heading_whatever_the_input_order():
    timeline = Timeline([Source("s1", "a.txt", date(2023, 6, 1), "A")], [
        entry("A day in May.", "2023-05-03", "day"),
        entry("Sometime in May.", "2023-05", "month", qualifier="late"),
        entry("A week spanning April and May.", "2023-W18", "week"),
        entry("Sometime that year.", "2023", "year"),
        entry("Said in May.", "2023-05-10", "day", kind=QUOTE, speaker=None),
    ])
    assert markdown(timeline) == "\n".join([
        "# Timeline", "", "5 entries from 1 source.", "",
        "## 2023", "", "- **2023** — Sometime that year. [s1]", "",
        "### May 2023", "",
        "- **late May 2023** — Sometime in May. [s1]",
        "- **3 May 2023** — A day in May. [s1]",
        "- **week of 1 May 2023** — A week spanning April and May. [s1]", "",
        "> Said in May.", ">", "> — Unattributed, 10 May 2023 [s1]", "",
        "## Sources", "", "- **s1** — A, published 1 June 2023 — a.txt", "",
    ])


def test_week_goes_under_the_month_it_starts_in():
    timeline = Timeline([], [entry("Exams week.", "2023-W22", "week", qualifier="mid")])
    assert markdown(timeline).splitlines()[4:] == [
        "## 2023", "", "### May 2023", "", "- **mid-week of 29 May 2023** — Exams week. [s1]"]
