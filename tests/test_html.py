"""The HTML page: structure (parsed with html.parser), escaping, CSP and the embedded data."""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.model import EVENT, QUOTE, Conflict, Entry, Source, SourceRef, Timeline
from timeline.render import format_for_path
from timeline.render.html import page
from timeline.render.json_format import timeline_dict

HOSTILE_EVENT = ("<script>window.__pwned = true; document.title = 'pwned'</script> "
                 "</script><img src=x onerror=\"window.__pwned=1\"> [x](javascript:alert(1)) & co")
HOSTILE_QUOTE = "\"</script><script>window.__pwned=2</script>\" & more"


def refs(*pairs: tuple[str, str]) -> list[SourceRef]:
    return [SourceRef(i, s) for i, s in pairs]


def story() -> Timeline:
    """A made-up library closure: every precision, qualifiers, quotes, corroboration, a conflict, hostile text."""
    sources = [
        Source("s1", "news/library.txt", date(2024, 2, 10), "Council closes library", "https://news.example.com/library"),
        Source("s2", "news/protest.txt", date(2024, 3, 5), "Residents protest closure"),
        Source("s3", "news/roundup.txt", None, "<script>document.title='pwned'</script> Weekly round-up",
               "javascript:window.__pwned=1"),
    ]
    council, friends = "Riverton Council", "Friends of Riverton Library"
    entries = [
        Entry(EVENT, "The library budget was cut in 2023.", "2023", "year", actors=[council],
              sources=refs(("s1", "The library budget was cut in 2023."))),
        Entry(EVENT, "The council proposed closing the library in early January.", "2024-01", "month", "early",
              actors=[council],
              sources=refs(("s1", "The council proposed closing the library in early January."),
                           ("s2", "Closure was first proposed in December.")),
              conflicts=[Conflict("2023-12", ("s2",))]),
        Entry(QUOTE, "We will not let the doors close.", "2024-01-15", "day", speaker="Maya Lin",
              actors=["Maya Lin", friends],
              sources=refs(("s2", "\u201cWe will not let the doors close,\u201d Maya Lin said on 15 January."))),
        Entry(EVENT, "Campaigners gathered 2,000 signatures in the week of 5 February.", "2024-W06", "week",
              actors=[friends],
              sources=refs(("s2", "Campaigners gathered 2,000 signatures in the week of 5 February."))),
        Entry(EVENT, "The decision was due by 20 February.", "2024-02-20", "day", "by", actors=[council],
              sources=refs(("s1", "The decision was due by 20 February."))),
        Entry(QUOTE, "The numbers no longer add up.", "2024-03", "month", speaker="Sam Okoro",
              actors=["Sam Okoro", council],
              sources=refs(("s1", "\u201cThe numbers no longer add up,\u201d said Sam Okoro in March."),
                           ("s2", "Sam Okoro said the numbers no longer add up."),
                           ("s3", "Okoro: the numbers no longer add up."))),
        Entry(EVENT, HOSTILE_EVENT, None, None, sources=refs(("s3", HOSTILE_EVENT))),
        Entry(QUOTE, HOSTILE_QUOTE, None, None, speaker="Maya Lin", actors=["Maya Lin"],
              sources=refs(("s3", HOSTILE_QUOTE))),
    ]
    return Timeline(sources, entries)


VOID = {"meta", "input", "br", "img", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.classes()):
                    found.append(child)
                found += child.all(tag, cls)
        return found

    def one(self, tag: str, cls: str | None = None) -> Node:
        found = self.all(tag, cls)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls}>"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert [n.tag for n in builder.stack] == ["#document"], "unclosed elements"
    return builder.root


@pytest.fixture(scope="module")
def markup() -> str:
    return page(story())


@pytest.fixture(scope="module")
def doc(markup) -> Node:
    return parse(markup)


def entry_items(doc: Node) -> list[Node]:
    return doc.all("li", "entry")


def test_headings_are_years_then_months_then_undated(doc):
    assert [h.text for h in doc.all("h1")] == ["Timeline"]
    assert [h.text for h in doc.all("h2")] == ["2023", "2024", "Undated", "Sources"]
    assert [h.text for h in doc.all("h3")] == ["January 2024", "February 2024", "March 2024"]
    assert doc.one("p", "summary").text == "8 entries from 3 sources, January 2023 to March 2024"


def test_every_entry_once_in_order_with_its_date_at_its_precision(doc):
    rows = []
    for item in entry_items(doc):
        when = item.one("p", "when")
        times = when.all("time")
        rows.append((item.attrs["id"], item.attrs["data-kind"], times[0].attrs["datetime"] if times else None,
                     when.text))
    assert rows == [
        ("e1", "event", "2023", "2023 Event"),
        ("e2", "event", "2024-01", "early January 2024 Event"),
        ("e3", "quote", "2024-01-15", "15 January 2024 Quote"),
        ("e4", "event", "2024-W06", "week of 5 February 2024 Event"),
        ("e5", "event", "2024-02-20", "by 20 February 2024 Event"),
        ("e6", "quote", "2024-03", "March 2024 Quote"),
        ("e7", "event", None, "date unknown Event"),
        ("e8", "quote", None, "date unknown Quote"),
    ]
    periods = [(i.attrs.get("data-start"), i.attrs.get("data-end")) for i in entry_items(doc)]
    assert periods[:6] == [("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-01-31"), ("2024-01-15", "2024-01-15"),
                           ("2024-02-05", "2024-02-11"), ("2024-02-20", "2024-02-20"), ("2024-03-01", "2024-03-31")]
    assert periods[6:] == [(None, None), (None, None)]


def test_entries_sit_under_their_year_and_month(doc):
    def ids(section: Node) -> list[str]:
        return [i.attrs["id"] for i in section.all("li", "entry")]

    years = {s.all("h2")[0].text: s for s in doc.all("section", "year")}
    assert ids(years["2023"]) == ["e1"] and years["2023"].all("section", "month") == []
    assert ids(years["2024"]) == ["e2", "e3", "e4", "e5", "e6"]
    assert {s.one("h3").text: ids(s) for s in years["2024"].all("section", "month")} == {
        "January 2024": ["e2", "e3"], "February 2024": ["e4", "e5"], "March 2024": ["e6"]}
    assert ids(years["Undated"]) == ["e7", "e8"]


def test_quotes_are_attributed_blockquotes_and_events_are_claims(doc):
    items = entry_items(doc)
    quotes = [i for i in items if i.attrs["data-kind"] == "quote"]
    assert len(doc.all("blockquote")) == 3
    assert [(q.one("blockquote").text, q.one("figcaption").text) for q in quotes] == [
        ("We will not let the doors close.", "Maya Lin"),
        ("The numbers no longer add up.", "Sam Okoro"),
        (HOSTILE_QUOTE, "Maya Lin"),
    ]
    events = [i for i in items if i.attrs["data-kind"] == "event"]
    assert [e.one("p", "claim").text for e in events][:2] == [
        "The library budget was cut in 2023.", "The council proposed closing the library in early January."]
    assert all(e.all("blockquote") == [] for e in events)


def test_each_entry_expands_to_its_sources_with_corroboration_and_conflicts(doc):
    items = entry_items(doc)
    summaries = [i.one("details", "sources").one("summary").text for i in items]
    assert summaries == ["1 source", "2 sources corroborated date disputed", "1 source", "1 source", "1 source",
                         "3 sources corroborated", "1 source", "1 source"]
    second = items[1].one("details", "sources")
    assert [(li.one("cite").text, [t.attrs["datetime"] for t in li.all("time")], li.one("p", "sentence").text)
            for li in second.one("ol", "source-refs").all("li")] == [
        ("Council closes library", ["2024-02-10"], "The council proposed closing the library in early January."),
        ("Residents protest closure", ["2024-03-05"], "Closure was first proposed in December."),
    ]
    assert [a.attrs["href"] for a in second.all("a")] == ["https://news.example.com/library"]
    conflict = items[1].one("div", "conflicts")
    assert conflict.one("time").attrs["datetime"] == "2023-12"
    assert conflict.one("ul").text == "December 2023 according to Residents protest closure"
    assert [li.text for li in items[5].one("ul", "actors").all("li")] == ["Sam Okoro", "Riverton Council"]


def test_only_web_addresses_become_links(doc):
    assert sorted({a.attrs["href"] for a in doc.all("a")}) == ["#timeline", "https://news.example.com/library"]
    catalogue = doc.one("footer", "catalogue")
    assert [li.text for li in catalogue.all("li")] == [
        "Council closes library 10 February 2024",
        "Residents protest closure 5 March 2024",
        "<script>document.title='pwned'</script> Weekly round-up",
    ]


def test_document_text_is_escaped_everywhere(markup, doc):
    assert [s.attrs.get("type") for s in doc.all("script")] == ["application/json", None]
    assert doc.all("img") == []
    assert "javascript:" not in " ".join(str(a.attrs.get("href")) for a in doc.all("a"))
    assert "<script>window.__pwned" not in markup and "<img src=x" not in markup
    assert "&lt;script&gt;window.__pwned = true; document.title = &#x27;pwned&#x27;&lt;/script&gt;" in markup
    assert entry_items(doc)[6].one("p", "claim").text == HOSTILE_EVENT


def test_the_data_is_the_json_export_with_no_raw_markup_characters(doc):
    raw = doc.all("script")[0].text
    assert doc.all("script")[0].attrs["id"] == "timeline-data"
    assert not set("<>&") & set(raw)
    assert "\\u003c/script\\u003e" in raw
    assert json.loads(raw) == timeline_dict(story())


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_content_security_policy_allows_only_the_inline_style_and_script(doc):
    policy = doc.one("head").all("meta")
    csp = next(m.attrs["content"] for m in policy if m.attrs.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == sha256(doc.all("script")[1].text)
    assert directives["style-src"] == sha256(doc.one("style").text)
    for name in ("connect-src", "font-src", "object-src", "form-action", "base-uri"):
        assert directives[name] == "'none'"
    assert directives["img-src"] == "data:"


def test_nothing_is_loaded_from_anywhere(markup, doc):
    assert doc.all("link") == [] and doc.all("iframe") == []
    assert all("src" not in s.attrs for s in doc.all("script"))
    assert "url(" not in doc.one("style").text and "@import" not in doc.one("style").text


def test_filters_are_hidden_until_the_script_runs_and_labelled(doc):
    panel = doc.one("section", "filters")
    assert "hidden" in panel.attrs
    labels = {label.attrs["for"]: label.text for label in panel.all("label")}
    assert labels == {"q": "Search", "from": "From", "to": "To"}
    toggles = panel.all("button", "toggle")
    assert [(b.attrs["data-kind"], b.attrs["aria-pressed"], b.attrs["type"]) for b in toggles] == [
        ("event", "true", "button"), ("quote", "true", "button")]


def test_an_empty_timeline_still_makes_a_page():
    doc = parse(page(Timeline([], [])))
    assert entry_items(doc) == []
    assert doc.one("p", "summary").text == "0 entries from 0 sources"
    assert [p.text for p in doc.all("p", "nothing")] == ["No entries.", "No entry matches these filters."]


def test_cli_writes_the_page_to_an_html_file(tmp_path):
    article = tmp_path / "closure.md"
    article.write_text("---\ntitle: Library & <b>friends</b>\npublished: 2024-02-10\n"
                       "url: https://news.example.com/a\n---\nThe library closed on 9 February 2024.\n",
                       encoding="utf-8")
    out = tmp_path / "timeline.html"
    result = CliRunner().invoke(cli, ["build", str(article), "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    doc = parse(out.read_text(encoding="utf-8"))
    assert [li.text for li in doc.one("footer", "catalogue").all("li")] == ["Library & <b>friends</b> 10 February 2024"]
    assert format_for_path("t.html") == format_for_path("T.HTM") == "html"


def test_cli_html_format_to_stdout():
    result = CliRunner().invoke(cli, ["build", "--format", "html", "-"],
                                input="---\npublished: 2024-02-10\n---\nThe library closed.\n")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("<!doctype html>\n<html lang=\"en\">")
    assert result.stdout.rstrip().endswith("</html>")
