"""Per-document extraction: a pure function from a document to its entries."""
from __future__ import annotations

from timeline.model import Document, Entry
from timeline.registry import ActorRegistry


def extract_document(document: Document, registry: ActorRegistry | None = None) -> list[Entry]:
    """Every dated claim and attributed quotation in the document (placeholder)."""
    return []
