"""Finding sentences in a block of body text, with their offsets.

A full stop, question or exclamation mark (with any closing quote or bracket)
ends a sentence when the next word starts like a sentence: a capital, a digit
or an opening quote. Abbreviations and initials do not end sentences.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from timeline.rules_data import rules

# Only the first mark of a run starts a match (the look-behind sees the mark and the one
# before it), so a long run of dots stays linear; starting with the mark lets the regex
# engine skip straight from one mark to the next.
_END = re.compile(r"[.!?…](?<![.!?…].)[.!?…]*+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_NUMBER_NEXT = re.compile(r"\s+\d")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.?$")


_NUMBERING = {"no", "nos", "vol", "fig", "p", "pp"}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@functools.cache
def _abbreviations() -> frozenset[str]:
    return frozenset(rules("sentences")["abbreviations"].split())


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith", "U.S."
    if word.lower() in _NUMBERING:
        return _NUMBER_NEXT.match(text, dot + 1) is not None  # "No. 10", but "the answer was no. Then"
    return word.lower() in _abbreviations()


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of ``text``; offsets are shifted by ``offset``."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if _is_abbreviation(text, m.start()):
            continue
        _append(out, text, start, m.end(), offset)
        start = m.end()
    _append(out, text, start, len(text), offset)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start + offset, end + offset, text[start:end]))


LONG_SENTENCE = 600  # characters; longer "sentences" (run-on scrapes) are cited by a window


def citation(text: str, start: int, end: int, focus_start: int, focus_end: int) -> tuple[int, int]:
    """The span to cite for something at [focus_start, focus_end) in the sentence [start, end).

    The whole sentence, unless it is a run-on of more than ``LONG_SENTENCE``
    characters: then a window of whole words around the focus.
    """
    if end - start <= LONG_SENTENCE:
        return start, end
    margin = LONG_SENTENCE // 3
    a = max(start, focus_start - margin)
    b = min(end, max(focus_end, focus_start) + margin)
    if a > start:
        space = text.find(" ", a, focus_start)
        a = space + 1 if space != -1 else a
    if b < end:
        space = text.rfind(" ", max(focus_end, a), b)
        b = space if space > a else b
    return a, b
