"""Splitting an article's body from its furniture, by the shape of each line.

Every non-empty line is a block. A block is body prose when it reads as
sentences; captions (a credit at the end), bylines, datelines, sign-up blurbs,
helpline footers, page chrome, headlines, standfirsts and crossheads are not.
Nothing here knows any particular site: the word lists are in
``timeline/rules/boilerplate.yaml``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import islice

from timeline.rules_data import LoweredSearch, phrase_pattern, rules, trie

BODY = "body"
HEADLINE = "headline"
STANDFIRST = "standfirst"
CAPTION = "caption"
FURNITURE = "furniture"  # bylines, datelines, sign-up blurbs, chrome, helplines
SHORT = "short"  # crossheads, name labels and other lines that are not sentences

_LINE = re.compile(r"[^\n]+")
_ENDINGS = set(".!?:;,…")
_CLOSERS = "\"'”’)]"
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff \t"
_PHONE = re.compile(r"\b\d{3,5}[ -]\d{3}(?:[ -]\d{3,4})?\b(?!,\d)|\b1-\d{3}-\d{3}-")
_CONTACT = re.compile(r"\b[\w.+-]+@[\w-]+\.\w|\b(?i:https?)://|\b(?i:www)\.")
_DIGITS = re.compile(r"\d\d\d")
_CREDIT_REACH = 160  # characters at the end of a line where a photo credit can sit
_SHORT_REACH = 2000  # characters enough to count a label's words
_PAREN_CREDIT = re.compile(r"\((?:[^()\n]{1,60}/[^()\n]{1,40}|[A-Z]{2,6}(?: [A-Z][a-z]+)?|[A-Za-z]+\s*:[^()\n]{1,60})\)\s*$")
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z.'-]{2,}(?:[ ,]{1,2}[A-Z][A-Za-z.'-]+){0,3}[ \t]*(?:\([A-Za-z .&/-]{2,30}\))?"
                            r"[ \t]*[-–—]{1,2}[ \t]+")
_LONGEST_LABEL = 40  # words; a longer line is prose even without a full stop
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Block:
    """A line of the document with its character offsets and role."""

    start: int
    end: int
    text: str
    role: str


@functools.cache
def _patterns() -> dict:
    data = rules("boilerplate")
    labels = trie(data["credit_labels"])
    return {
        "credit": re.compile(rf"(?:^|[.!?”\"’)]\s*|\s)(?:{labels})s?\s*:\s*[^.!?\n]{{1,80}}$", re.I),
        "furniture": LoweredSearch.of(phrase_pattern(data["signup_phrases"] + data["helpline_phrases"])),
        "chrome": phrase_pattern(data["chrome_prefixes"], prefix=True),
        "byline": phrase_pattern(data["byline_prefixes"] + data["dateline_prefixes"], prefix=True),
    }


def _shape(text: str) -> str:
    """The role a line has on its own, before its neighbours are considered."""
    p = _patterns()
    tail = text[-_CREDIT_REACH:]
    if (":" in tail and p["credit"].search(tail)) or (tail.rstrip().endswith(")") and _PAREN_CREDIT.search(tail)):
        return CAPTION
    if _furniture(text) or p["chrome"].match(text) or _contact(text):
        return FURNITURE
    # Words are counted only as far as a test needs: most lines are long prose.
    if p["byline"].match(text) and _word_count(text, 11) <= 10:
        return FURNITURE
    if text.isupper() and _word_count(text, 2) > 1:
        return FURNITURE
    if _ends_sentence(tail):
        return SHORT if _word_count(text, 3) < 3 else BODY
    return SHORT if _word_count(text, _LONGEST_LABEL + 1) <= _LONGEST_LABEL else BODY


def _word_count(text: str, most: int) -> int:
    """The number of words in the line's first ``_SHORT_REACH`` characters, counted up to ``most``."""
    return len(list(islice(_WORD.finditer(text, 0, _SHORT_REACH), most)))


def _furniture(text: str) -> bool:
    """A sign-up or helpline phrase in the line."""
    line, pattern = _patterns()["furniture"].prepare(text)
    return pattern.search(line) is not None


def _ends_sentence(text: str) -> bool:
    """A line that ends like a sentence (or a list item), closing quotes and invisible marks aside."""
    return text.rstrip().rstrip(_INVISIBLE).rstrip(_CLOSERS)[-1:] in _ENDINGS


def _contact(text: str) -> bool:
    """An email address, a web address or a phone number (cheap tests first)."""
    if ("@" in text or "://" in text or "www." in text) and _CONTACT.search(text):
        return True
    return _DIGITS.search(text) is not None and _PHONE.search(text) is not None


def _first_letter(text: str) -> str:
    """What ``_norm(text)`` starts with: lines whose first letters differ are not the same line.
    (Lower-casing the first character needs no context: only a final sigma does.)"""
    return text.lstrip()[:1].lower()[:1]


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def split_blocks(text: str) -> list[Block]:
    """The document's lines, each with its role."""
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    roles = [_shape(line) for _, _, line in lines]
    norm = functools.cache(lambda i: _norm(lines[i][2]))  # worked out only for lines compared
    # A line printed twice in a row is a standfirst or a caption; a line that the
    # next line repeats with a credit is the same caption.
    for i in range(len(lines) - 1):
        if _first_letter(lines[i][2]) == _first_letter(lines[i + 1][2]) and norm(i) == norm(i + 1):
            kind = STANDFIRST if roles[i] == BODY else roles[i]
            roles[i] = roles[i + 1] = kind if kind != BODY else STANDFIRST
        elif roles[i + 1] == CAPTION and norm(i + 1).startswith(norm(i)) and len(norm(i)) > 20:
            roles[i] = CAPTION
    if roles and roles[0] == SHORT:
        roles[0] = HEADLINE
        # A sentence right under the headline, followed by furniture before the
        # article proper starts, is the standfirst.
        if len(roles) > 2 and roles[1] == BODY and roles[2] in (CAPTION, SHORT, FURNITURE):
            roles[1] = STANDFIRST
    return [_without_dateline(Block(s, e, line, role)) for (s, e, line), role in zip(lines, roles)]


def _without_dateline(block: Block) -> Block:
    """A wire dateline ("LONDON (Reuters) - ") is furniture at the start of a paragraph."""
    m = _WIRE_DATELINE.match(block.text) if block.role == BODY else None
    if not m:
        return block
    return Block(block.start + m.end(), block.end, block.text[m.end():], block.role)
