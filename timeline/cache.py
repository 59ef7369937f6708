"""On-disk cache of extracted entries, so an unchanged archive rebuilds in moments.

Each document's entries are keyed by its content and path-independent metadata;
each build's result (sources, problems, merged entries) by its inputs' paths
and bytes, so a rebuild of an unchanged archive with another filter or format
parses no document (it only hashes their bytes) and skips extraction and merge. Both live under a
directory named for everything else the entries depend on: the tool version, the
package's code, its rule files and the actor registry. Changing any of these
starts a fresh directory, so a stale result is never served. A document's entries
cite the source id it had when they were stored; ids depend on the other inputs
of a build, so they are given the document's current id on the way out. A cache
is only an optimisation: an unreadable, corrupt or unwritable entry is
recomputed, never an error. Entries are pickled: the directory is the user's
own, and its name pins the code that wrote it, so the classes read back are the
classes that were stored.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, fields, replace
from pathlib import Path

from timeline import __version__
from timeline.load import Problem
from timeline.model import Document, Entry, Source, SourceRef
from timeline.resources import RULES_DIR, actors_file

ENV_DIR = "TIMELINE_CACHE_DIR"
BUILDS_KEPT = 8
VERSIONS_KEPT = 4
_VERSION_DIR = re.compile(r"[0-9a-f]{24}")  # only directories named like ours are ever removed
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
    """Entries under ``root/<fingerprint>/``: per document in ``<xx>/<key>``, per build in
    ``builds/<key>`` (a build's sources, problems and merged entries, so a rebuild with
    another filter skips extraction and merge).

    Picklable, for workers.
    """

    root: Path

    @classmethod
    def open(cls, base: Path | None = None) -> EntryCache:
        """The cache of this code; caches of other versions beyond the ``VERSIONS_KEPT`` most recent are removed."""
        base = base or default_dir()
        root = base / fingerprint()[:24]
        with contextlib.suppress(OSError):
            root.mkdir(parents=True, exist_ok=True)
            os.utime(root)
            ours = (p for p in base.iterdir() if _VERSION_DIR.fullmatch(p.name) and p.is_dir())
            versions = sorted(ours, key=lambda p: p.stat().st_mtime, reverse=True)
            for old in versions[VERSIONS_KEPT:]:
                shutil.rmtree(old, ignore_errors=True)
        return cls(root)

    @staticmethod
    def key(document: Document) -> str:
        """The document's key: its text and path-independent metadata."""
        source = document.source
        meta = "\0".join([str(source.published), source.title, source.url or ""])
        return hashlib.sha256(meta.encode() + b"\0" + document.text.encode()).hexdigest()

    def get(self, key: str, source_id: str) -> list[Entry] | None:
        """The cached entries of a document, citing ``source_id``; None if missing or unreadable."""
        entries = _read(self.root / key[:2] / key)
        if entries is None or all(ref.id == source_id for e in entries for ref in e.sources):
            return entries
        return with_source_id(entries, source_id)

    def put(self, key: str, entries: list[Entry]) -> None:
        _write(self.root / key[:2] / key, entries)

    def get_build(self, key: str) -> StoredBuild | None:
        """A build's result, by ``build_key``; None if missing or unreadable."""
        path = self.root / "builds" / key
        stored = _load(path)
        if not isinstance(stored, StoredBuild) or not stored.valid():
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by the pruning in put_build
        return stored

    def put_build(self, key: str, stored: StoredBuild) -> None:
        """Store a build's result, keeping only the ``BUILDS_KEPT`` most recent builds.

        Entries are stored as plain entries: what the merge keeps to merge them
        again is not needed to render them, and would double the file.
        """
        folder = self.root / "builds"
        _write(folder / key, replace(stored, entries=[_plain(e) for e in stored.entries]))
        with contextlib.suppress(OSError):
            stored_builds = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in stored_builds[BUILDS_KEPT:]:
                old.unlink(missing_ok=True)


@dataclass(frozen=True)
class StoredBuild:
    """What a build read and found, before filters: enough to render it again."""

    sources: list[Source]
    problems: list[Problem]  # those of the documents, not of the paths given
    entries: list[Entry]

    def valid(self) -> bool:
        return (all(isinstance(s, Source) for s in self.sources) and all(isinstance(p, Problem) for p in self.problems)
                and all(isinstance(e, Entry) for e in self.entries))


def build_key(merge: bool, inputs: list[tuple[str, str]]) -> str | None:
    """A build's key: whether it merges, and each input's source id, path and bytes.

    None (the build is not stored) when an input is not a regular file that can
    be read: a pipe read here would be consumed before the build reads it. A file
    changed between this hash and its extraction is stored under its old bytes;
    the next build, seeing the new bytes, extracts it again.
    """
    digest = hashlib.sha256(b"merge" if merge else b"no-merge")
    for source_id, path in inputs:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            with open(path, "rb") as stream:
                content = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            return None
        digest.update(b"\0".join([b"", source_id.encode(), os.fsencode(path), content.encode()]))
    return digest.hexdigest()


def _plain(entry: Entry) -> Entry:
    return entry if type(entry) is Entry else Entry(**{f.name: getattr(entry, f.name) for f in fields(Entry)})


def _read(path: Path) -> list[Entry] | None:
    entries = _load(path)
    if not (isinstance(entries, list) and all(isinstance(e, Entry) for e in entries)):
        return None
    return entries


def _load(path: Path) -> object:
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss
        return None


def _write(path: Path, value: object) -> None:
    """Store atomically (a concurrent reader sees the whole file or none); failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
