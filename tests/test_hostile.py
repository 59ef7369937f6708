"""Whatever users point ``timeline build`` at: it never crashes, loses nothing, and says what it did.

Each test runs the real command on a made-up input and checks the exit code,
the exact messages on stderr, and what reached the output.
"""
from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import os

import pytest

import timeline.load
from cli_support import GOOD, GOOD_SENTENCE, paths_read, private_cache, run, sentences, write  # noqa: F401
from timeline.periods import precision_of

NOTHING = "Error: nothing to read: no input could be loaded\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def entries(result) -> list[dict]:
    return json.loads(result.stdout)["entries"]


# --- empty and binary ---------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b" \n\t \r\n\n   "], ids=["empty", "whitespace"])
def test_empty_input_alone_is_nothing_to_read(tmp_path, content):
    blank = write(tmp_path / "blank.txt", content)
    result = run("build", blank, "-f", "json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Warning: {blank}: empty: nothing to read\n" + NOTHING


def test_empty_input_beside_a_good_one_is_only_a_warning(tmp_path):
    blank, good = write(tmp_path / "a-blank.txt", ""), write(tmp_path / "b-good.txt")
    result = run("build", blank, good, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, f"Warning: {blank}: empty: nothing to read\n")
    assert (paths_read(result), sentences(result)) == ([good], [GOOD_SENTENCE])


@pytest.mark.parametrize("content", [PNG, b"text\x00with a NUL byte\n"], ids=["png renamed .txt", "nul bytes"])
def test_binary_input_is_a_bad_input_and_the_good_ones_are_still_built(tmp_path, content):
    binary, good = write(tmp_path / "a-picture.txt", content), write(tmp_path / "b-good.txt")
    result = run("build", binary, good, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {binary}: binary file (contains NUL bytes), not text\n"
    assert (paths_read(result), sentences(result)) == ([good], [GOOD_SENTENCE])


# --- encodings and line ends --------------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
], ids=["utf-8", "utf-8 bom", "utf-16 le bom", "utf-16 be bom"])
def test_unicode_encodings_read_silently(tmp_path, encode):
    text = " date 2023-03-31 The caf\u00e9 \u201cLe Pain\u201d reopened on 3 May 2023.\n"
    result = run("build", write(tmp_path / "a.txt", encode(text)), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["sources"][0]["published"] == "2023-03-31"
    assert sentences(result) == ["The caf\u00e9 \u201cLe Pain\u201d reopened on 3 May 2023."]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_legacy_encodings_are_decoded_with_a_warning_naming_the_encoding(tmp_path, codec):
    source = write(tmp_path / "old.txt", " date 2023-03-31 The caf\u00e9 reopened on 3 May 2023.\n".encode(codec))
    result = run("build", source, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, f"Warning: {source}: not valid UTF-8; decoded as Windows-1252 (cp1252)\n")
    assert sentences(result) == ["The caf\u00e9 reopened on 3 May 2023."]


def test_truncated_utf8_keeps_everything_before_the_cut(tmp_path):
    content = (GOOD + "The mayor said the caf\u00e9 w").encode("utf-8") + "\u00e9".encode("utf-8")[:1]
    source = write(tmp_path / "cut.txt", content)
    result = run("build", source, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {source}: ends inside a UTF-8 character (truncated?); "
                             "the incomplete bytes were dropped\n")
    assert sentences(result) == [GOOD_SENTENCE]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr only"])
def test_windows_and_old_mac_line_ends_give_the_same_timeline(tmp_path, newline):
    text = GOOD + "\nThe library opened to readers on 9 June 2023.\n"
    unix = run("build", write(tmp_path / "unix" / "a.txt", text), "-f", "json")
    other = run("build", write(tmp_path / "other" / "a.txt", text.replace("\n", newline)), "-f", "json")
    assert (other.exit_code, other.stderr) == (0, "")
    assert entries(other) == entries(unix)
    assert sentences(other) == [GOOD_SENTENCE, "The library opened to readers on 9 June 2023."]


# --- headers --------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2023-02-30", "23-3-31"])
def test_bad_header_date_warns_and_absolute_dates_still_resolve(tmp_path, value):
    source = write(tmp_path / "a.txt", f" date {value} The council approved the new library on 3 May 2023.\n")
    result = run("build", source, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {source}: publication date '{value}' is not a valid YYYY-MM-DD date; "
                             "relative dates left undated\n")
    assert json.loads(result.stdout)["sources"][0]["published"] is None
    assert [e["date"] for e in entries(result)] == ["2023-05-03"]


def test_header_with_nothing_after_it(tmp_path):
    source = write(tmp_path / "a.txt", " date 2023-03-31\n")
    result = run("build", source, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, f"Warning: {source}: no text after the header\n")
    assert (paths_read(result), entries(result)) == ([source], [])


def test_unclosed_front_matter_is_read_as_text(tmp_path):
    source = write(tmp_path / "a.md", "---\ntitle: Draft\nThe council approved the new library on 3 May 2023.\n")
    result = run("build", source, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {source}: front matter is not closed (no closing '---'); read as text\n"
                             f"Warning: {source}: no publication date; relative dates left undated\n")
    assert GOOD_SENTENCE in sentences(result)


def test_front_matter_constructing_objects_is_ignored_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    source = write(tmp_path / "a.md", f"---\npublished: !!python/object/apply:os.system ['touch {marker}']\n"
                                      "title: x\n---\nThe council approved the new library on 3 May 2023.\n")
    result = run("build", source, "-f", "json")
    assert result.exit_code == 0
    assert not marker.exists()
    assert result.stderr == (f"Warning: {source}: front matter ignored: not plain YAML (could not determine a "
                             "constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system')\n"
                             f"Warning: {source}: no publication date; relative dates left undated\n")
    assert sentences(result) == [GOOD_SENTENCE]


def test_front_matter_that_is_not_a_mapping_is_ignored(tmp_path):
    source = write(tmp_path / "a.md", "---\n- published\n- 2023-03-31\n---\n"
                                      "The council approved the new library on 3 May 2023.\n")
    result = run("build", source, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {source}: front matter ignored: not a mapping of fields (published, title, url)\n"
                             f"Warning: {source}: no publication date; relative dates left undated\n")
    assert sentences(result) == [GOOD_SENTENCE]


# --- size -------------------------------------------------------------------------------

def test_many_lines_are_read_to_the_end(tmp_path):
    """The shape of a 200k-line dump, smaller: a dated sentence only on the very last line."""
    filler = "".join(f"Line {n} of the minutes records nothing of note.\n" for n in range(20_000))
    last = "The committee finally adjourned on 30 June 2023."
    result = run("build", write(tmp_path / "minutes.txt", GOOD + filler + last), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert last in sentences(result)


def test_one_long_line_is_read_to_the_end(tmp_path):
    line = "The committee talked at length. " * 5_000 + "The committee finally adjourned on 30 June 2023."
    result = run("build", write(tmp_path / "one-line.txt", " date 2023-03-31 " + line), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "The committee finally adjourned on 30 June 2023." in sentences(result)


# --- paths ------------------------------------------------------------------------------

def test_missing_path_is_a_bad_input_not_a_usage_error(tmp_path):
    missing, good = str(tmp_path / "missing.txt"), write(tmp_path / "good.txt")
    result = run("build", missing, good, "-f", "json")
    assert (result.exit_code, result.stderr) == (1, f"Error: {missing}: no such file or directory\n")
    assert (paths_read(result), sentences(result)) == ([good], [GOOD_SENTENCE])


def test_only_missing_paths_is_nothing_to_read(tmp_path):
    result = run("build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: {tmp_path / 'a.txt'}: no such file or directory\n"
                             f"Error: {tmp_path / 'b.txt'}: no such file or directory\n" + NOTHING)


def test_empty_directory_warns_and_is_nothing_to_read(tmp_path):
    result = run("build", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Warning: {tmp_path}: no .txt or .md files in directory\n" + NOTHING


def test_nested_directories_are_read(tmp_path):
    deep = tmp_path.joinpath(*["level"] * 60)
    source = write(deep / "deep.txt")
    result = run("build", str(tmp_path), "-f", "json")
    assert (result.exit_code, result.stderr, paths_read(result)) == (0, "", [source])


def test_symlink_loops_are_bad_inputs(tmp_path):
    good = write(tmp_path / "good.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "again").symlink_to(tmp_path)
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    result = run("build", str(tmp_path), "-f", "json")
    assert result.exit_code == 1
    loop = "symlink loop (too many levels of symbolic links)"
    assert sorted(result.stderr.splitlines()) == [
        f"Error: {tmp_path / 'ping.txt'}: {loop}",
        f"Error: {tmp_path / 'pong.txt'}: {loop}",
        f"Error: {tmp_path / 'sub' / 'again'}: symlink loop (leads back to a directory above it)",
    ]
    assert (paths_read(result), sentences(result)) == ([good], [GOOD_SENTENCE])


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "table"])
def test_a_file_name_that_is_not_utf8_is_read_and_shown(tmp_path, fmt):
    name = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.txt")
    write(tmp_path / name, GOOD)
    result = run("build", str(tmp_path), "-f", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    assert GOOD_SENTENCE in result.stdout
    if fmt in ("json", "markdown"):  # the formats that list source paths
        assert "/caf\ufffd.txt" in result.stdout


def test_unreadable_file_is_a_bad_input(tmp_path, monkeypatch):
    secret, good = write(tmp_path / "a-secret.txt"), write(tmp_path / "b-good.txt")
    os.chmod(secret, 0)
    if os.access(secret, os.R_OK):  # root ignores permission bits: refuse the open instead
        real_open = open

        def guarded(file, *args, **kwargs):
            if str(file) == secret:
                raise PermissionError(errno.EACCES, "Permission denied", secret)
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(timeline.load, "open", guarded, raising=False)
    result = run("build", secret, good, "-f", "json", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (1, f"Error: {secret}: permission denied\n")
    assert paths_read(result) == [good]


def test_good_files_are_written_whole_and_each_bad_one_reported(tmp_path):
    folder = tmp_path / "in"
    first = write(folder / "1-good.txt")
    write(folder / "2-picture.txt", PNG)
    write(folder / "3-empty.md", "")
    second = write(folder / "4-good.md", " date 2023-04-01 The library opened to readers on 9 June 2023.\n")
    write(folder / "5-latin.txt", "The caf\u00e9 closed on 1 July 2023.\n".encode("latin-1"))
    out = tmp_path / "timeline.json"
    result = run("build", str(folder), str(tmp_path / "gone.txt"), "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'gone.txt'}: no such file or directory",
        f"Error: {folder / '2-picture.txt'}: binary file (contains NUL bytes), not text",
        f"Warning: {folder / '3-empty.md'}: empty: nothing to read",
        f"Warning: {folder / '5-latin.txt'}: not valid UTF-8; decoded as Windows-1252 (cp1252)",
        f"Warning: {folder / '5-latin.txt'}: no publication date; relative dates left undated",
    ]
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [s["path"] for s in written["sources"]] == [first, second, str(folder / "5-latin.txt")]
    assert [e["sources"][0]["sentence"] for e in written["entries"]] == [
        GOOD_SENTENCE, "The library opened to readers on 9 June 2023.", "The caf\u00e9 closed on 1 July 2023."]


# --- text -------------------------------------------------------------------------------

def test_unmatched_and_nested_quote_marks(tmp_path):
    text = (GOOD + '\n"She told me \'never again\' and walked out," said Tom Baker.\n'
            '\n"This quotation is never closed. The hall reopened on 9 June 2023.\n'
            "\nHe said it was \u201cunfair.\n")
    result = run("build", write(tmp_path / "a.txt", text), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    found = {(e["kind"], e["speaker"], e["text"]) for e in entries(result)}
    assert ("quote", "Tom Baker", "She told me 'never again' and walked out") in found
    assert "2023-06-09" in {e["date"] for e in entries(result)}


def test_a_20000_character_quotation_is_kept_whole(tmp_path):
    words = " ".join(["the inspection was unfair to every member of staff"] * 400)[:20_000].rstrip()
    text = f" date 2023-03-31 \u201c{words},\u201d said Jane Holloway, the head teacher.\n"
    result = run("build", write(tmp_path / "a.txt", text), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    quotes = [e for e in entries(result) if e["kind"] == "quote"]
    assert [(q["speaker"], q["text"]) for q in quotes] == [("Jane Holloway", words)]


def test_right_to_left_and_zero_width_characters_are_kept(tmp_path):
    sentence = "The \u202ecouncil\u202c met\ufeff the \u05d5\u05e2\u05d3\u05d4 on 7 May 2023."
    text = f"{GOOD}\n{sentence}\u200b\n\nThe hall\u200d reopened\u200c on 9 June 2023.\n"
    result = run("build", write(tmp_path / "a.txt", text), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    found = " ".join(sentences(result))
    assert sentence in found and "The hall\u200d reopened\u200c on 9 June 2023." in found


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_edges_of_the_calendar(tmp_path, published):
    text = (f" date {published} The society was founded in the year 1 and its charter runs to 9999.\n"
            "\nThe vault was sealed on 31 February 2023 and opened on the 45th of May.\n"
            "\nThe trustees met last week and will meet again next week, next month and next year.\n"
            "\nThe archive closed in December and reopens in January.\n")
    result = run("build", write(tmp_path / "a.txt", text), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    for entry in entries(result):
        assert entry["date"] is None or precision_of(entry["date"]) == entry["precision"]
        assert entry["date"] != "2023-02-31"


# --- what reaches the outputs -------------------------------------------------------------

def test_rich_markup_in_text_is_shown_literally_in_the_table(tmp_path):
    text = GOOD + "\nThe [bold]board[/] met on [red]5 May 2023[/red] at [link=home]noon[/link].\n"
    result = run("build", write(tmp_path / "a.txt", text), "--format", "table")
    assert (result.exit_code, result.stderr) == (0, "")
    table = " ".join(result.stdout.split())
    assert "[bold]board[/]" in table and "[red]5 May 2023[/red]" in table


def test_terminal_escapes_in_text_never_reach_the_terminal(tmp_path):
    text = GOOD + "\nThe \x1b[2J\x1b]0;pwned\x07council\x9b31m met on 6 May 2023.\n"
    result = run("build", write(tmp_path / "a.txt", text), "--format", "table")
    assert result.exit_code == 0
    assert not any(c in result.stdout for c in "\x1b\x07\x9b")
    assert "council met on 6 May 2023." in result.stdout


def test_formula_cells_are_neutralised_in_csv(tmp_path):
    text = GOOD + "\n=SUM(A1:A9) The council met on 8 May 2023.\n\n@cmd The council met on 9 May 2023.\n"
    result = run("build", write(tmp_path / "a.txt", text), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [row["text"] for row in rows] == [
        GOOD_SENTENCE, "'=SUM(A1:A9) The council met on 8 May 2023.", "'@cmd The council met on 9 May 2023."]


def test_markdown_and_html_in_text_render_literally(tmp_path):
    text = GOOD + "\nThe board met on 5 May 2023 <script>alert(1)</script> [click](javascript:alert(1)) | a.\n"
    result = run("build", write(tmp_path / "a.txt", text), "--format", "markdown")
    assert result.exit_code == 0
    assert ("- **5 May 2023** \u2014 The board met on 5 May 2023 &lt;script&gt;alert(1)&lt;/script&gt; "
            "\\[click\\](javascript:alert(1)) \\| a. [s1]") in result.stdout.splitlines()
