"""A small made-up archive and a stand-in extractor, for tests of the build machinery.

The stand-in reads one event per line that starts with an ISO date, so these tests
check the engines, ids and cache whatever the real extraction rules find.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from timeline.model import Entry, SourceRef

_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (.+)$", re.MULTILINE)


def line_events(document, registry=None) -> list[Entry]:
    """An event per dated line; ``rule`` records the process that extracted it."""
    return [
        Entry(kind="event", text=m.group(2), date=m.group(1), precision="day",
              sources=[SourceRef(document.source.id, m.group(0))], position=m.start(), rule=f"pid {os.getpid()}")
        for m in _LINE.finditer(document.text)
    ]


def article(number: int, dated: bool = True) -> str:
    header = f" date 2024-03-{number:02d} Council news from town {number}\n\n" if dated else ""
    return (f"{header}2024-02-{number:02d} The council of town {number} approved its budget.\n"
            f"2024-01-{number:02d} Residents of town {number} marched to the library.\n")


def write_archive(root: Path, count: int = 20, undated: int | None = None) -> list[Path]:
    """``count`` articles in two year folders; article ``undated`` has no header."""
    paths = []
    for number in range(1, count + 1):
        path = root / f"{2023 + number % 2}" / f"town-{number:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(number, dated=number != undated), encoding="utf-8")
        paths.append(path)
    return paths
