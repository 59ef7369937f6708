"""Each escaping rule in timeline/render/text_safety.py, one hostile input at a time."""
from __future__ import annotations

import pytest

from timeline.render.text_safety import clean, csv_cell, markdown_text, one_line, web_link


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),                   # CSI colour
        ("\x1b[2J\x1b[Hcleared", "cleared"),                        # clear screen, cursor home
        ("\x1b]0;new title\x07after", "after"),                     # OSC window title ended by BEL
        ("\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink ended by ST
        ("\x9b31mred", "red"),                                      # 8-bit CSI
        ("\x1bcreset", "reset"),                                    # two-character escape (RIS)
        ("\x1b]0;unterminated", "0;unterminated"),                  # no terminator: only ESC ] goes
        ("bell\x07 back\x08space\x00nul\x7f", "bell backspacenul"),  # C0 controls and DEL
        ("c1\x85\x9fcontrols", "c1controls"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),                 # kept
        ("windows\r\nand\rmac", "windows\nand\nmac"),
        ("caf\u00e9 \u201cquoted\u201d \u2014 \u202eRTL", "caf\u00e9 \u201cquoted\u201d \u2014 \u202eRTL"),
    ],
)
def test_clean_strips_escape_sequences_and_controls(raw, expected):
    assert clean(raw) == expected


def test_one_line_collapses_every_kind_of_whitespace():
    assert one_line("  first\nsecond\r\n\tthird\u2028fourth  ") == "first second third fourth"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("![img](http://x.example/a.png)", r"!\[img\](http://x.example/a.png)"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<https://x.example>", "&lt;https://x.example&gt;"),
        ("Smith &amp; Jones & co", "Smith &amp;amp; Jones &amp; co"),
        ("a | b", r"a \| b"),
        ("run `rm -rf`", r"run \`rm -rf\`"),
        ("*bold* and _italic_ and ~~gone~~", r"\*bold\* and \_italic\_ and \~\~gone\~\~"),
        ("back\\slash", r"back\\slash"),
        ("$x^2$ costs $5", r"\$x^2\$ costs \$5"),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("= rule", r"\= rule"),
        ("> quote", "&gt; quote"),
        ("2023. A year", r"2023\. A year"),
        ("1) first", r"1\) first"),
        ("line one\n\n# line two", "line one # line two"),
        ("plain words, 8 January - 2023 #1", "plain words, 8 January - 2023 #1"),
        ("\x1b[31mred\x1b[0m", "red"),
    ],
)
def test_markdown_text_renders_literally(raw, expected):
    assert markdown_text(raw) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/a?id=1#top", "https://news.example.org/a?id=1#top"),
        ("HTTP://example.com/", "HTTP://example.com/"),
        ("https://x.example/a b<c>\"d\"", "https://x.example/a%20b%3Cc%3E%22d%22"),
        ("https://x.example/caf\u00e9", "https://x.example/caf%C3%A9"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT://x.example/%0aalert(1)", None),
        ("data:text/html,<script>", None),
        ("ftp://x.example/file", None),
        ("https://", None),
        ("https://[broken", None),
        ("", None),
        (None, None),
    ],
)
def test_web_link_allows_only_http_urls(url, expected):
    assert web_link(url) == expected


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_neutralises_each_formula_start(lead):
    cell = csv_cell(f"{lead}1+1")
    assert cell.startswith("'")
    assert cell[1:] == clean(f"{lead}1+1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain text", "plain text"),
        ("a=b+c-d@e", "a=b+c-d@e"),
        (" =1+1", " =1+1"),
        ("2023-01-08", "2023-01-08"),
        (3, "3"),
        (None, ""),
        ("\x1b[0m=1+1", "'=1+1"),           # the formula hidden behind an escape sequence
        ("line\nbreak", "line\nbreak"),
    ],
)
def test_csv_cell_leaves_other_values_alone(value, expected):
    assert csv_cell(value) == expected
