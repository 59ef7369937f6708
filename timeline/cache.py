"""On-disk cache of per-document entries, so an unchanged archive rebuilds in moments.

An entry set is keyed by the document's content and path-independent metadata,
under a directory named for everything else extraction depends on: the tool
version, the package's code, its rule files and the actor registry. Changing any
of these starts a fresh directory, so a stale result is never served. Entries are
stored without their source id (ids depend on the other inputs of a build) and
given the document's id on the way out. A cache is only an optimisation: an
unreadable, corrupt or unwritable entry is recomputed, never an error.
Entries are pickled: the directory is the user's own, and its name pins the code
that wrote it, so the classes read back are the classes that were stored.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from timeline import __version__
from timeline.model import Document, Entry, SourceRef
from timeline.resources import RULES_DIR, actors_file

ENV_DIR = "TIMELINE_CACHE_DIR"
_PACKAGE_DIR = Path(__file__).resolve().parent


def default_dir() -> Path:
    """``$TIMELINE_CACHE_DIR``, else the user's cache directory (e.g. ``~/.cache/timeline``)."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("timeline"))


@functools.cache
def fingerprint() -> str:
    """A digest of what extraction depends on besides the document itself."""
    digest = hashlib.sha256(__version__.encode())
    actors = actors_file()
    files = [*sorted(_PACKAGE_DIR.rglob("*.py")), *sorted(RULES_DIR.glob("*.yaml"))]
    for path in [*files, *([actors] if actors.is_file() else [])]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def with_source_id(entries: list[Entry], source_id: str) -> list[Entry]:
    """The entries citing ``source_id`` (a single document's entries cite only it)."""
    return [replace(e, sources=[SourceRef(source_id, ref.sentence) for ref in e.sources]) for e in entries]


@dataclass(frozen=True)
class EntryCache:
    """Entries by document, in ``root/<fingerprint>/<xx>/<key>``; picklable for workers."""

    root: Path

    @classmethod
    def open(cls, base: Path | None = None) -> EntryCache:
        return cls((base or default_dir()) / fingerprint()[:24])

    def get(self, document: Document) -> list[Entry] | None:
        """The cached entries of the document, or None (missing or unreadable)."""
        try:
            entries = pickle.loads(self._path(document).read_bytes())
        except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss
            return None
        if not (isinstance(entries, list) and all(isinstance(e, Entry) for e in entries)):
            return None
        return with_source_id(entries, document.source.id)

    def put(self, document: Document, entries: list[Entry]) -> None:
        """Store atomically (a concurrent reader sees the whole entry or none)."""
        path = self._path(document)
        data = pickle.dumps(with_source_id(entries, ""), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    def _path(self, document: Document) -> Path:
        key = _key(document)
        return self.root / key[:2] / key


def _key(document: Document) -> str:
    source = document.source
    meta = "\0".join([str(source.published), source.title, source.url or ""])
    return hashlib.sha256(meta.encode() + b"\0" + document.text.encode()).hexdigest()
