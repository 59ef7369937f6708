"""The command line's contract: exit codes, one-line messages, output files written only on success."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import timeline.cli
import timeline.pipeline
from cli_support import GOOD, GOOD_SENTENCE, private_cache, run, sentences, write  # noqa: F401
from timeline.cli import main

OLD = b'{"old": "output"}\n\x00kept byte for byte'


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def existing_output(tmp_path: Path) -> Path:
    """An output file from an earlier run, alone in its directory."""
    out = tmp_path / "out" / "timeline.json"
    out.parent.mkdir()
    out.write_bytes(OLD)
    return out


# --- options ----------------------------------------------------------------------

def test_since_after_until_is_a_usage_error(tmp_path):
    result = run("build", write(tmp_path / "a.txt"), "--since", "2023-06", "--until", "2023-01")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("Error: --since (2023-06-01) is later than --until (2023-01-31)\n")


def test_since_equal_to_until_is_one_period(tmp_path):
    result = run("build", write(tmp_path / "a.txt"), "--since", "2023-05", "--until", "2023-05", "-f", "json")
    assert (result.exit_code, result.stderr, sentences(result)) == (0, "", [GOOD_SENTENCE])


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2023-13", "2023-02-30", "May 2023", "yesterday", "", "0000", "99999"])
def test_unparseable_dates_are_usage_errors(tmp_path, option, value):
    result = run("build", write(tmp_path / "a.txt"), option, value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"Error: Invalid value for '{option}': {value!r} is not a date "
                                  "(use YYYY, YYYY-MM or YYYY-MM-DD)\n")


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run("build", write(tmp_path / "a.txt"), "--format", "pdf")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Error: Invalid value for '-f' / '--format': 'pdf' is not one of" in result.stderr


@pytest.mark.parametrize("command", ["build", "actors"])
def test_output_into_a_missing_directory_fails_before_building_and_creates_nothing(tmp_path, monkeypatch, command):
    monkeypatch.setattr(timeline.pipeline, "build", lambda *a, **k: pytest.fail("built anyway"))
    out = tmp_path / "missing" / "deeper" / "timeline.json"
    result = run(command, write(tmp_path / "a.txt"), "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {out}: directory {out.parent} does not exist\n"
    assert not (tmp_path / "missing").exists()


def test_output_under_a_file_is_refused(tmp_path):
    blocker = Path(write(tmp_path / "a.txt"))
    result = run("build", str(blocker), "-o", str(blocker / "out.json"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {blocker / 'out.json'}: directory {blocker} is not a directory\n"


def test_output_that_is_a_directory_is_a_usage_error(tmp_path):
    result = run("build", write(tmp_path / "a.txt"), "-o", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"'{tmp_path}' is a directory" in result.stderr


# --- output files: written whole or not at all ---------------------------------------

def test_output_file_is_written_whole_with_the_usual_permissions(tmp_path):
    source = write(tmp_path / "in" / "a.txt")
    out = tmp_path / "out" / "timeline.json"
    out.parent.mkdir()
    old_umask = os.umask(0o022)
    try:
        result = run("build", source, "-o", str(out))
    finally:
        os.umask(old_umask)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert json.loads(out.read_text(encoding="utf-8"))["sources"][0]["path"] == source
    assert files_in(out.parent) == ["timeline.json"]
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("inputs", [["missing.txt"], ["empty-dir"], ["blank.txt"]])
def test_a_failed_run_leaves_an_existing_output_untouched(tmp_path, monkeypatch, inputs):
    out = existing_output(tmp_path)
    (out.parent / "empty-dir").mkdir()
    (out.parent / "blank.txt").write_text("\n\n")
    monkeypatch.chdir(out.parent)
    result = run("build", *inputs, "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.endswith("Error: nothing to read: no input could be loaded\n")
    assert out.read_bytes() == OLD
    assert files_in(out.parent) == ["blank.txt", "empty-dir", "timeline.json"]


def test_a_renderer_crash_leaves_the_output_untouched_and_no_temporary_file(tmp_path, monkeypatch):
    def crash(timeline, out, context):
        out.write("half a timeline")
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(timeline.cli, "get_renderer", lambda name: crash)
    out = existing_output(tmp_path)
    with pytest.raises(RuntimeError, match="renderer bug"):
        run("build", write(tmp_path / "a.txt"), "-o", str(out))
    assert out.read_bytes() == OLD
    assert files_in(out.parent) == ["timeline.json"]


def test_a_write_error_is_one_line_and_leaves_the_output_untouched(tmp_path, monkeypatch):
    def disk_full(timeline, out, context):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(timeline.cli, "get_renderer", lambda name: disk_full)
    out = existing_output(tmp_path)
    result = run("build", write(tmp_path / "a.txt"), "-o", str(out))
    assert (result.exit_code, result.stderr) == (1, f"Error: {out}: cannot write: no space left on device\n")
    assert out.read_bytes() == OLD
    assert files_in(out.parent) == ["timeline.json"]


def test_output_dash_is_standard_output(tmp_path):
    result = run("build", write(tmp_path / "a.txt"), "-o", "-", "-f", "json")
    assert (result.exit_code, sentences(result)) == (0, [GOOD_SENTENCE])


# --- messages -----------------------------------------------------------------------

def test_messages_stay_on_one_line_for_long_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    missing = str(tmp_path / ("a-very-long-directory-name-" * 8) / ("and-a-long-file-name-" * 8 + ".txt"))
    result = run("build", missing, write(tmp_path / "a.txt"), "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or directory\n"


def test_control_characters_in_names_are_shown_escaped(tmp_path):
    name = str(tmp_path / "evil\x1b[2J\x1b]0;title\x07name\n\u202etxt\udce9.txt")
    result = run("build", name, write(tmp_path / "a.txt"), "-f", "json")
    shown = str(tmp_path) + "/evil\\x1b[2J\\x1b]0;title\\x07name\\n\\u202etxt\\udce9.txt"
    assert result.stderr == f"Error: {shown}: no such file or directory\n"


def test_warnings_alone_exit_zero(tmp_path):
    source = write(tmp_path / "undated.txt", "The council approved the new library on 3 May 2023.\n")
    result = run("build", source, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, f"Warning: {source}: no publication date; "
                                                    "relative dates left undated\n")
    assert sentences(result) == [GOOD_SENTENCE]


# --- standard input -----------------------------------------------------------------

def test_dash_reads_standard_input(tmp_path):
    result = run("build", "-", "-f", "json", input=GOOD)
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["sources"] == [
        {"id": "s1", "path": "-", "published": "2023-03-31", "title": "standard input"}]
    assert sentences(result) == [GOOD_SENTENCE]


def test_standard_input_in_a_legacy_encoding_is_decoded_with_a_warning():
    result = run("build", "-", "-f", "json",
                 input=" date 2023-03-31 The caf\u00e9 reopened on 3 May 2023.\n".encode("cp1252"))
    assert (result.exit_code, result.stderr) == (0, "Warning: -: not valid UTF-8; decoded as Windows-1252 (cp1252)\n")
    assert sentences(result) == ["The caf\u00e9 reopened on 3 May 2023."]


def test_empty_standard_input_is_nothing_to_read():
    result = run("build", "-", input="")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Warning: -: empty: nothing to read\nError: nothing to read: no input could be loaded\n"


# --- the console entry point ----------------------------------------------------------

def run_main(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["timeline", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code


def test_ctrl_c_exits_130_without_a_traceback(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(timeline.pipeline, "build", interrupted)
    assert run_main(monkeypatch, "build", write(tmp_path / "a.txt")) == 130
    assert capsys.readouterr() == ("", "\nInterrupted.\n")


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    def bug(*args, **kwargs):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(timeline.pipeline, "build", bug)
    monkeypatch.delenv("TIMELINE_DEBUG", raising=False)
    assert run_main(monkeypatch, "build", write(tmp_path / "a.txt")) == 1
    assert capsys.readouterr().err == ("Error: unexpected RuntimeError: something\\nbroke "
                                       "(run with TIMELINE_DEBUG=1 for the details)\n")
    monkeypatch.setenv("TIMELINE_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main()


@pytest.mark.parametrize(("args", "code"), [
    (["build", "GOOD"], 0),
    (["build", "GOOD", "missing.txt"], 1),
    (["build", "GOOD", "--format", "pdf"], 2),
    (["build", "GOOD", "--since", "2024", "--until", "2023"], 2),
    (["--version"], 0),
    ([], 2),
])
def test_main_exit_codes(tmp_path, monkeypatch, capsys, args, code):
    monkeypatch.chdir(tmp_path)
    good = write(tmp_path / "good.txt")
    assert run_main(monkeypatch, *[good if a == "GOOD" else a for a in args]) == code
    assert "Traceback" not in capsys.readouterr().err


def closed_pipe_run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run the console entry point with stdout a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-c", "from timeline.cli import main; main()", *args],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, **(env_extra or {})})
    finally:
        os.close(write_end)


def test_a_closed_pipe_ends_quietly_keeping_the_exit_code(tmp_path):
    env = {"TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    good = write(tmp_path / "good.txt")
    quiet = closed_pipe_run("build", good, "-f", "json", env_extra=env)
    assert (quiet.returncode, quiet.stderr) == (0, "")
    with_bad = closed_pipe_run("build", good, str(tmp_path / "missing.txt"), "-f", "json", env_extra=env)
    assert (with_bad.returncode, with_bad.stderr) == (1, f"Error: {tmp_path / 'missing.txt'}: no such file or directory\n")
