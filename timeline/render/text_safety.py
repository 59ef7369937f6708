"""Making document text safe to show: terminals, Markdown and spreadsheets each have traps.

Articles are untrusted input. A sentence may carry terminal escape sequences
(which can recolour, retitle or clear a terminal), Markdown or HTML that would
turn into links and markup when pasted, or a leading ``=`` that a spreadsheet
runs as a formula. Every renderer passes document-derived strings through here.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

# Whole escape sequences first, so their parameters do not survive as stray text:
# CSI (ESC [ or 8-bit 0x9b), string commands ended by BEL or ST (OSC, DCS, APC, PM, SOS),
# then any other two-character escape.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]",
    re.DOTALL,
)
# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n?")


def clean(text: str) -> str:
    """The text without terminal escape sequences or control characters (tab and newline kept)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", _LINE_BREAK.sub("\n", text)))


def one_line(text: str) -> str:
    """Cleaned text with every run of whitespace (newlines included) made one space."""
    return " ".join(clean(text).split())


# Inline Markdown syntax that can appear anywhere in a line: escapes, code, emphasis,
# links and images, table cells, strikethrough, math ($ on GitHub).
# ``<``, ``>`` and ``&`` are HTML-escaped instead.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~$])")
# Syntax that only matters at the start of a line: headings, lists, quotes, setext rules.
_MARKDOWN_LINE_START = re.compile(r"^(?:([#+\-=])|(\d{1,9})([.)]))")


def markdown_text(text: str) -> str:
    """Document text as one line of Markdown that renders literally: no links, HTML or markup."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", html.escape(one_line(text), quote=False))
    return _MARKDOWN_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def web_link(url: str | None) -> str | None:
    """An http(s) URL made safe to put in a Markdown autolink, or None for anything else."""
    if not url:
        return None
    url = one_line(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Percent-encode spaces, quotes, angle brackets and non-ASCII; keep URL punctuation.
    return quote(url, safe="/:?#[]@!$&'()*+,;=%~-._")


# OWASP CSV injection: a spreadsheet treats a cell starting with these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A value as a CSV cell: cleaned, with a leading ``'`` when it could start a formula."""
    raw = "" if value is None else str(value)
    text = clean(raw)
    if raw.startswith(_FORMULA_START) or text.startswith(_FORMULA_START):
        return "'" + text
    return text
