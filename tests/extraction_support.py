"""Running the extractor on a made-up article written in a test."""
from __future__ import annotations

from datetime import date

from timeline.extract import extract_document
from timeline.model import Document, Entry, Source
from timeline.registry import ActorRegistry


def extract(text: str, published: date | None = date(2024, 3, 15), registry: ActorRegistry | None = None) -> list[Entry]:
    """The entries of an article whose body is ``text`` (paragraphs separated by blank lines)."""
    source = Source("s1", "article.txt", published, "Article")
    return extract_document(Document(source, text), registry or ActorRegistry())


def quotes(entries: list[Entry]) -> list[tuple[str, str | None]]:
    return [(e.speaker, e.text) for e in entries if e.kind == "quote"]


def events(entries: list[Entry]) -> list[tuple[str | None, str]]:
    return [(e.date, e.text) for e in entries if e.kind == "event"]
