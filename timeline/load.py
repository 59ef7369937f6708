"""Loading documents: paths to files, headers to publication dates and titles.

Two header forms are read: the corpus form (first line `` date YYYY-MM-DD
<first paragraph>``) and YAML front matter (``published``, ``title``, ``url``).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from timeline.model import Document, Source

SUFFIXES = (".txt", ".md")
STDIN = "-"

_DATE_LINE = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.S)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: ``error`` skips it, a warning does not."""

    path: str
    message: str
    error: bool = True


def expand_paths(paths: list[str]) -> Iterator[str | Problem]:
    """Files in the order given; directories recursively (``*.txt``, ``*.md``, sorted)."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                yield Problem(raw, "no .txt or .md files in directory", error=False)
            yield from (str(p) for p in found)
        elif path.exists():
            yield raw
        else:
            yield Problem(raw, "no such file or directory")


def read_text(path: str) -> str:
    if path == STDIN:
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8-sig")


def parse_document(text: str, path: str, source_id: str) -> tuple[Document, list[Problem]]:
    """Split the header from the text and build the document's source record."""
    problems: list[Problem] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict = {}
    published: date | None = None
    fm = _FRONT_MATTER.match(text)
    if fm:
        loaded = yaml.safe_load(fm.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[fm.end():]
        published = _as_date(meta.get("published") or meta.get("date"))
    else:
        first, _, rest = text.partition("\n")
        m = _DATE_LINE.match(first)
        if m:
            published = _as_date(m.group(1))
            text = m.group(2) + "\n" + rest
    if published is None:
        problems.append(Problem(path, "no publication date; relative dates left undated", error=False))
    title = str(meta.get("title") or _readable_stem(path))
    url = meta.get("url")
    source = Source(id=source_id, path=path, published=published, title=title, url=str(url) if url else None)
    return Document(source=source, text=text), problems


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _readable_stem(path: str) -> str:
    if path == STDIN:
        return "standard input"
    stem = Path(path).stem
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*", "", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else Path(path).name
