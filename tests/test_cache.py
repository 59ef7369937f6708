"""The on-disk cache: hits give the same entries, damage and --no-cache are handled."""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from made_up_archive import article, line_events, write_archive
from platformdirs import user_cache_dir

from timeline import cache as cache_module
from timeline import engine, pipeline
from timeline.cache import EntryCache, build_key, default_dir
from timeline.cli import cli
from timeline.merge import merge_entries
from timeline.model import Document, Source


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def extractions(monkeypatch) -> list[str]:
    """The paths the stand-in extractor was called for (in this process: --jobs 1)."""
    calls: list[str] = []

    def counting(document, registry=None):
        calls.append(document.source.path)
        return line_events(document)

    monkeypatch.setattr(engine, "extract_document", counting)
    return calls


def document(source_id: str, text: str = "2024-04-02 The ferry service resumed after the storm.\n") -> Document:
    return Document(Source(source_id, f"/news/{source_id}.txt", date(2024, 4, 3), "Ferry news"), text)


def cached_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def build(*args: str):
    return CliRunner().invoke(cli, ["build", *args, "-f", "json", "--jobs", "1"])


def test_a_hit_returns_the_same_entries_under_the_new_source_id(tmp_path):
    cache = EntryCache(tmp_path)
    cache.put(cache.key(document("s3")), line_events(document("s3")))
    assert cache.get(cache.key(document("s8")), "s8") == line_events(document("s8"))
    assert cache.get(cache.key(document("s8")), "s8")[0].sources[0].id == "s8"


def test_other_text_or_metadata_is_another_key(tmp_path):
    key = EntryCache.key(document("s1"))
    assert EntryCache.key(document("s2")) == key
    assert EntryCache.key(document("s1", "2024-04-02 The ferry service was cancelled.\n")) != key
    later = Document(Source("s1", "/news/s1.txt", date(2024, 4, 4), "Ferry news"), document("s1").text)
    assert EntryCache.key(later) != key
    assert EntryCache(tmp_path).get(key, "s1") is None


def test_rebuild_reads_the_cache_even_with_another_filter(tmp_path, cache_dir, extractions):
    write_archive(tmp_path / "archive", count=4)
    first = build(str(tmp_path / "archive"))
    assert len(extractions) == 4
    again = build(str(tmp_path / "archive"))
    filtered = build(str(tmp_path / "archive"), "--since", "2024-02")
    assert len(extractions) == 4
    assert again.stdout == first.stdout
    assert filtered.exit_code == 0
    assert len(cached_files(cache_dir)) == 4 + 1  # the documents, and the merged build


def test_a_cached_build_skips_the_merge_and_a_changed_document_does_not(tmp_path, cache_dir, extractions,
                                                                        monkeypatch):
    merges = []
    monkeypatch.setattr(pipeline, "merge_entries", lambda docs, merge_across: merges.append(1) or merge_entries(docs, merge_across))
    paths = write_archive(tmp_path / "archive", count=3)
    first = build(str(tmp_path / "archive"))
    quotes = json.loads(build(str(tmp_path / "archive"), "--kind", "quote").stdout)
    assert quotes == {"sources": json.loads(first.stdout)["sources"], "entries": []}
    assert (len(merges), len(extractions)) == (1, 3)
    build(str(tmp_path / "archive"), "--no-merge")
    assert len(merges) == 2
    paths[0].write_text(article(1) + "2024-03-09 The town hall of town 1 was repainted.\n", encoding="utf-8")
    changed = build(str(tmp_path / "archive"))
    assert (len(merges), len(extractions)) == (3, 4)
    assert "repainted" in changed.stdout


def test_an_unchanged_archive_is_rebuilt_without_reading_a_document(tmp_path, cache_dir, extractions, monkeypatch):
    paths = write_archive(tmp_path / "archive", count=3)
    paths[1].write_bytes(article(2).replace("budget", "budget \u2013 \u00a3").encode("cp1252"))
    first = build(str(tmp_path / "archive"))
    loads = []
    monkeypatch.setattr(engine, "load_document", lambda *args: loads.append(args))
    again = build(str(tmp_path / "archive"))
    filtered = json.loads(build(str(tmp_path / "archive"), "--until", "2024-01").stdout)
    assert loads == []
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, first.stderr)
    assert "cp1252" in again.stderr  # the document's warning is given again
    january = [e for e in json.loads(first.stdout)["entries"] if e["date"].startswith("2024-01")]
    assert filtered["entries"] == january != []


def test_a_build_in_which_a_document_failed_is_not_stored(tmp_path, cache_dir, monkeypatch):
    write_archive(tmp_path / "archive", count=2)
    calls = []

    def failing_once(document, registry=None):
        calls.append(document.source.path)
        if len(calls) == 1:
            raise MemoryError("out of memory")
        return line_events(document)

    monkeypatch.setattr(engine, "extract_document", failing_once)
    first = build(str(tmp_path / "archive"))
    again = build(str(tmp_path / "archive"))
    assert (first.exit_code, "MemoryError" in first.stderr) == (1, True)
    assert (again.exit_code, again.stderr) == (0, "")
    assert len(json.loads(again.stdout)["sources"]) == 2


def test_a_moved_archive_is_built_under_its_new_paths(tmp_path, cache_dir, extractions):
    write_archive(tmp_path / "archive", count=2)
    build(str(tmp_path / "archive"))
    (tmp_path / "archive").rename(tmp_path / "moved")
    moved = json.loads(build(str(tmp_path / "moved")).stdout)
    assert [Path(s["path"]).parent.parent.name for s in moved["sources"]] == ["moved", "moved"]
    assert len(extractions) == 2  # the documents themselves came from the cache


def test_a_build_from_a_pipe_is_not_stored(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening it to read would wait for a writer: build_key must not
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    assert build_key(True, [("s1", str(tmp_path / "a.txt")), ("s2", str(pipe))]) is None
    assert build_key(True, [("s1", str(tmp_path / "a.txt"))]) != build_key(False, [("s1", str(tmp_path / "a.txt"))])


def test_only_the_most_recent_builds_are_kept(tmp_path, cache_dir, extractions, monkeypatch):
    monkeypatch.setattr(cache_module, "BUILDS_KEPT", 2)
    paths = write_archive(tmp_path / "archive", count=3)
    for path in paths:
        build(str(path))
    assert len(list(cache_dir.rglob("builds/*"))) == 2


def test_only_the_most_recent_versions_are_kept_and_nothing_else_is_touched(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "VERSIONS_KEPT", 2)
    older = [tmp_path / f"{n:024x}" for n in range(3)]
    for age, folder in enumerate(older, 1):
        folder.mkdir()
        os.utime(folder, (1_000_000 * age, 1_000_000 * age))
    (tmp_path / "notes").mkdir()
    root = EntryCache.open(tmp_path).root
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([root.name, older[2].name, "notes"])


def test_a_corrupt_entry_is_ignored_and_recomputed(tmp_path, cache_dir, extractions):
    write_archive(tmp_path / "archive", count=2)
    first = build(str(tmp_path / "archive"))
    for path in cached_files(cache_dir):
        path.write_bytes(b"\x80\x04 not a pickle")
    again = build(str(tmp_path / "archive"))
    assert (again.exit_code, again.stderr, again.stdout) == (0, "", first.stdout)
    assert len(extractions) == 4
    assert build(str(tmp_path / "archive")).stdout == first.stdout
    assert len(extractions) == 4


def test_no_cache_neither_writes_nor_reads(tmp_path, cache_dir, extractions):
    write_archive(tmp_path / "archive", count=2)
    build(str(tmp_path / "archive"), "--no-cache")
    assert not cache_dir.exists()
    build(str(tmp_path / "archive"))
    build(str(tmp_path / "archive"), "--no-cache")
    assert len(extractions) == 6


def test_an_unusable_cache_directory_does_not_stop_a_build(tmp_path, monkeypatch, extractions):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocker))
    write_archive(tmp_path / "archive", count=2)
    result = build(str(tmp_path / "archive"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"2024-02-01"' in result.stdout


def test_cache_directory_is_the_users_unless_overridden(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_CACHE_DIR", raising=False)
    assert default_dir() == Path(user_cache_dir("timeline"))
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    assert default_dir() == tmp_path
