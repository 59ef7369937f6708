"""Loading the word lists in ``timeline/rules/*.yaml`` (read once, cached)."""
from __future__ import annotations

import functools
import re

import yaml

from timeline.resources import RULES_DIR


@functools.cache
def rules(name: str) -> dict:
    """The mapping in ``timeline/rules/NAME.yaml``."""
    with open(RULES_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def phrase_pattern(phrases: list[str], prefix: bool = False) -> re.Pattern[str]:
    """A case-insensitive regex for any of the phrases as whole words (at the start if ``prefix``)."""
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    anchor = r"^\W*" if prefix else r"\b"
    return re.compile(rf"{anchor}(?:{body})\b", re.I)
