"""Loading the word lists in ``timeline/rules/*.yaml`` (read once, cached)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml

from timeline.resources import RULES_DIR

# yaml.safe_load's loader, with libyaml's C parser when PyYAML has it (about ten times faster).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def rules(name: str) -> dict:
    """The mapping in ``timeline/rules/NAME.yaml``."""
    with open(RULES_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SAFE_LOADER) or {}


# The characters a case-insensitive match takes for an ASCII letter that str.lower() does not
# turn into that letter: dotted capital I (two characters once lower-cased), dotless i, long s.
# Elsewhere lower-casing keeps every character in its place and class and gives the letter a
# case-insensitive match reads, so a case-sensitive search of lower-cased text finds the same
# (tests check every code point).
FOLDS_TO_ASCII = "\u0130\u0131\u017f"


def lower_case_safe(text: str) -> bool:
    """Whether a case-sensitive search of ``text.lower()`` finds what a case-insensitive one would."""
    return not any(char in text for char in FOLDS_TO_ASCII)  # plain scans: faster than a regex


@dataclass(frozen=True)
class LoweredSearch:
    """A case-insensitive pattern of lower-case phrases and its case-sensitive twin.

    The twin searched in the lower-cased text finds the same matches at the same
    offsets as the pattern in the text (``lower_case_safe``), two to three times
    faster: Python's regex engine cannot skip ahead in a case-insensitive search.
    """

    caseless: re.Pattern[str]
    lowered: re.Pattern[str]

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> LoweredSearch:
        return cls(pattern, re.compile(pattern.pattern, pattern.flags & ~re.I))

    def prepare(self, text: str) -> tuple[str, re.Pattern[str]]:
        """The text to search and the pattern to search it with."""
        if not lower_case_safe(text):
            return text, self.caseless
        return text.lower(), self.lowered


def phrase_pattern(phrases: list[str], prefix: bool = False) -> re.Pattern[str]:
    """A case-insensitive regex for any of the phrases as whole words (at the start if ``prefix``)."""
    anchor = r"^\W*" if prefix else _first_letter(phrases) + r"\b"
    return re.compile(rf"{anchor}(?:{trie(phrases)})\b", re.I)


def _first_letter(phrases: list[str]) -> str:
    """A look-ahead for the letters phrases start with: a search can then skip ahead in C,
    which a case-insensitive pattern starting with ``\b`` cannot (searches take about
    two thirds of the time). It only restates what the phrases require."""
    firsts = {phrase[0].lower() for phrase in phrases if phrase}
    if not firsts or any(c.isspace() for c in firsts):
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"


def trie(phrases: list[str], space: str = r"\s+", fold_case: bool = True) -> str:
    """An alternation of phrases factored by common prefixes, so matching tries each letter once
    instead of each phrase in turn; a space inside a phrase matches ``space`` (any run of white
    space by default). Lower-cased unless ``fold_case`` is False (for case-sensitive patterns)."""
    if not phrases:
        return "(?!)"  # an empty list matches nothing, not everything
    root: dict = {}
    for phrase in set(phrases):
        node = root
        for ch in phrase.lower() if fold_case else phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root, space)


def _trie_regex(node: dict, space: str) -> str:
    ends = "" in node
    branches = [(space if ch == " " else re.escape(ch)) + _trie_regex(child, space)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body
