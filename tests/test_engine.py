"""The map step: jobs, engines and input order never change the output."""
from __future__ import annotations

import gc
import io
import json
import os
import sys

import pytest
from click.testing import CliRunner
from made_up_archive import article, line_events, write_archive

from timeline import engine, pipeline
from timeline.cli import cli
from timeline.engine import Task
from timeline.progress import ProgressBar


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(engine, "extract_document", line_events)


def run(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


def test_jobs_two_output_is_byte_identical_to_jobs_one(tmp_path, stand_in):
    write_archive(tmp_path / "archive", count=20, undated=7)
    one = run(str(tmp_path / "archive"), "-f", "json", "--no-merge", "--jobs", "1")
    two = run(str(tmp_path / "archive"), "-f", "json", "--no-merge", "--jobs", "2")
    assert (one.exit_code, two.exit_code) == (0, 0)
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr == f"Warning: {tmp_path / 'archive' / '2024' / 'town-07.txt'}: no publication date; relative dates left undated\n"
    data = json.loads(two.stdout)
    assert [s["id"] for s in data["sources"]] == [f"s{i}" for i in range(1, 21)]
    assert [s["path"] for s in data["sources"]][:2] == [str(tmp_path / "archive" / "2023" / "town-02.txt"),
                                                      str(tmp_path / "archive" / "2023" / "town-04.txt")]
    assert len(data["entries"]) == 40


def test_jobs_run_in_worker_processes_and_keep_input_order(tmp_path, stand_in):
    tasks = [Task(f"s{i}", str(p)) for i, p in enumerate(write_archive(tmp_path, count=20), 1)]
    serial = list(engine.run(tasks, jobs=1))
    pooled = list(engine.run(tasks, jobs=2))
    assert [r.source.id for r in pooled] == [f"s{i}" for i in range(1, 21)]
    assert [e.text for r in pooled for e in r.entries] == [e.text for r in serial for e in r.entries]
    here = f"pid {os.getpid()}"
    assert {e.rule for r in serial for e in r.entries} == {here}
    # The first document warms this process up before the fork; workers do the rest.
    assert {e.rule for e in pooled[0].entries} == {here}
    assert here not in {e.rule for r in pooled[1:] for e in r.entries}


def test_argument_order_and_repeats_do_not_change_output(tmp_path, stand_in):
    a, b, c = write_archive(tmp_path, count=3)
    forward = run(str(a), str(b), str(c), "-f", "json")
    backward = run(str(c), str(b), str(a), str(c), "-f", "json")
    assert forward.exit_code == backward.exit_code == 0
    assert backward.stdout == forward.stdout
    assert [s["path"] for s in json.loads(forward.stdout)["sources"]] == [str(b), str(a), str(c)]


def test_unreadable_file_is_reported_and_leaves_no_gap_in_ids(tmp_path, stand_in):
    paths = write_archive(tmp_path, count=3)
    paths[1].write_bytes(b"\x00\x01 not text")
    result = run(*map(str, paths), "-f", "json", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {paths[1]}: binary file (contains NUL bytes), not text\n"
    sources = json.loads(result.stdout)["sources"]
    assert [(s["id"], s["path"]) for s in sources] == [("s1", str(paths[0])), ("s2", str(paths[2]))]
    assert {ref["id"] for e in json.loads(result.stdout)["entries"] for ref in e["sources"]} == {"s1", "s2"}


def test_a_document_that_breaks_extraction_is_an_error_not_a_crash(tmp_path, monkeypatch):
    def fragile(document, registry=None):
        if "town 5 " in document.text:
            raise ValueError("unexpected shape")
        return line_events(document)

    monkeypatch.setattr(engine, "extract_document", fragile)
    paths = write_archive(tmp_path, count=20)
    result = run(str(tmp_path), "-f", "json", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {paths[4]}: could not be processed (ValueError: unexpected shape)\n"
    assert len(json.loads(result.stdout)["sources"]) == 19


def test_a_worker_that_dies_fails_the_build_instead_of_hanging(tmp_path, monkeypatch):
    def dying(document, registry=None):
        if "town 5 " in document.text:
            os._exit(3)
        return line_events(document)

    monkeypatch.setattr(engine, "extract_document", dying)
    write_archive(tmp_path, count=20)
    result = run(str(tmp_path), "-f", "json", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: a worker process died (out of memory?); try fewer --jobs\n"


def test_stdin_is_read_once_and_numbered_with_the_files(tmp_path, stand_in):
    (path,) = write_archive(tmp_path, count=1)
    result = CliRunner().invoke(cli, ["build", str(path), "-", "-", "-f", "json"], input=article(9))
    assert result.exit_code == 0
    assert [(s["id"], s["path"]) for s in json.loads(result.stdout)["sources"]] == [("s1", "-"), ("s2", str(path))]


def test_dask_engine_matches_local_run(tmp_path, stand_in):
    pytest.importorskip("dask.bag")
    write_archive(tmp_path, count=5)
    local = run(str(tmp_path), "-f", "json", "--no-merge", "--jobs", "1")
    dasked = run(str(tmp_path), "-f", "json", "--no-merge", "--engine", "dask", "--jobs", "1")
    assert dasked.exit_code == 0
    assert dasked.stdout == local.stdout
    assert len(json.loads(dasked.stdout)["entries"]) == 10


def test_dask_engine_in_worker_processes_matches_local_run(tmp_path):
    pytest.importorskip("dask.bag")
    (tmp_path / "a.txt").write_text(' date 2024-05-02 The museum reopened on 1 May 2024, its director said.\n'
                                    '"We are ready," said director Ana Ruiz.\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2024-06-10 The bridge closed on 3 June 2024 for repairs.\n", encoding="utf-8")
    local = run(str(tmp_path), "-f", "json", "--no-cache")
    dasked = run(str(tmp_path), "-f", "json", "--no-cache", "--engine", "dask", "--jobs", "2")
    assert dasked.exit_code == local.exit_code == 0
    assert dasked.stdout == local.stdout
    assert dasked.stderr == local.stderr


def test_dask_engine_without_dask_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    write_archive(tmp_path, count=1)
    result = run(str(tmp_path), "--engine", "dask")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: --engine dask needs dask: pip install 'timeline[dask]'\n"


def test_scheduler_without_distributed_says_how_to_install(tmp_path, monkeypatch):
    pytest.importorskip("dask.bag")
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    write_archive(tmp_path, count=1)
    result = run(str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 1
    assert result.stderr == "Error: --scheduler needs dask.distributed: pip install 'dask[distributed]'\n"


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = run(str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.stderr


@pytest.mark.parametrize(("enabled", "total", "drawn"), [(True, 60, True), (True, 10, False), (False, 60, False)])
def test_progress_bar_only_on_a_terminal_and_for_many_files(enabled, total, drawn):
    stream = io.StringIO()
    with ProgressBar(stream, enabled) as progress:
        for done in range(total + 1):
            progress(done, total)
    assert (f"{total}/{total}" in stream.getvalue()) is drawn
    assert (stream.getvalue() == "") is not drawn


def test_a_build_collects_garbage_rarely_and_restores_the_callers_pace(tmp_path, monkeypatch):
    write_archive(tmp_path / "archive", count=2)
    during = []
    monkeypatch.setattr(engine, "extract_document", lambda doc, reg=None: during.append(gc.get_threshold()) or [])
    before = gc.get_threshold()
    pipeline.build([str(tmp_path / "archive")], pipeline.BuildOptions(cache=False, jobs=1))
    assert gc.get_threshold() == before != during[0]
    assert during == [(100_000, 50, 100)] * 2
