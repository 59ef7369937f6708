"""Loading: paths, bytes to text, headers to publication dates and titles; never an exception."""
from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from datetime import date
from pathlib import Path

import pytest

import timeline.load as load
from timeline.load import Problem, decode, expand_paths, load_document, parse_document

BODY = "The council approved the new library on 3 May 2023.\n"


def warning(path: str, message: str) -> Problem:
    return Problem(path, message, error=False)


# --- decoding -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "data",
    [
        "Caf\u00e9 owners \u201cwelcomed\u201d the plan.\n".encode("utf-8"),
        codecs.BOM_UTF8 + "Caf\u00e9 owners \u201cwelcomed\u201d the plan.\n".encode("utf-8"),
        codecs.BOM_UTF16_LE + "Caf\u00e9 owners \u201cwelcomed\u201d the plan.\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Caf\u00e9 owners \u201cwelcomed\u201d the plan.\n".encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16 le bom", "utf-16 be bom"],
)
def test_unicode_encodings_decode_silently_and_drop_the_bom(data):
    assert decode(data, "a.txt") == ("Caf\u00e9 owners \u201cwelcomed\u201d the plan.\n", [])


def test_windows_1252_is_decoded_with_a_warning_naming_the_encoding():
    data = "\u201cWe are delighted,\u201d said the caf\u00e9 owner \u2014 \u20ac5 a cup.".encode("cp1252")
    assert decode(data, "old.txt") == (
        "\u201cWe are delighted,\u201d said the caf\u00e9 owner \u2014 \u20ac5 a cup.",
        [warning("old.txt", "not valid UTF-8; decoded as Windows-1252 (cp1252)")],
    )


def test_latin_1_text_keeps_its_accents():
    text, problems = decode("Cr\u00e8me br\u00fbl\u00e9e at the f\u00eate.\n".encode("latin-1"), "fete.txt")
    assert text == "Cr\u00e8me br\u00fbl\u00e9e at the f\u00eate.\n"
    assert problems == [warning("fete.txt", "not valid UTF-8; decoded as Windows-1252 (cp1252)")]


def test_utf8_with_one_stray_legacy_byte_keeps_its_utf8_characters():
    data = "\u201cFine,\u201d she said.".encode("utf-8") + b" Price: \xa35.\n"
    text, problems = decode(data, "mixed.txt")
    assert text == "\u201cFine,\u201d she said. Price: \u00a35.\n"
    assert problems == [warning("mixed.txt", "not valid UTF-8; decoded as Windows-1252 (cp1252)")]


def test_truncated_utf8_drops_only_the_incomplete_character_with_a_warning():
    data = "The mayor said \u201cyes".encode("utf-8") + "\u201d".encode("utf-8")[:2]
    assert decode(data, "cut.txt") == (
        "The mayor said \u201cyes",
        [warning("cut.txt", "ends inside a UTF-8 character (truncated?); the incomplete bytes were dropped")],
    )


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"plain words then a NUL\x00 and more words",
        codecs.BOM_UTF16_LE + "text with a NUL\x00 character".encode("utf-16-le"),
    ],
    ids=["png", "nul in ascii", "nul in utf-16"],
)
def test_binary_data_is_an_error(data):
    assert decode(data, "x.txt") == (None, [Problem("x.txt", "binary file (contains NUL bytes), not text")])


def test_broken_utf16_is_an_error():
    data = codecs.BOM_UTF16_LE + "Library".encode("utf-16-le") + b"\x41"
    assert decode(data, "u16.txt") == (None, [Problem("u16.txt", "not valid UTF-16 text (truncated data at byte 14)")])


def test_binary_file_is_rejected_after_reading_its_first_block_only(tmp_path):
    stream = io.BytesIO(b"\x00" * 10 + b"x" * 100_000)
    assert load._read_stream(stream) == b"\x00" * 10 + b"x" * (load._SNIFF_BYTES - 10)


# --- headers --------------------------------------------------------------------------

def test_corpus_header_gives_the_date_and_keeps_the_first_paragraph():
    document, problems = parse_document(" date 2023-03-31 A union has written to the inspectorate.\n\nMore text.\n",
                                        "data/2023-03-31-union-letter.txt", "s1")
    assert problems == []
    assert document.source.published == date(2023, 3, 31)
    assert document.source.title == "Union letter"
    assert document.text == "A union has written to the inspectorate.\n\nMore text.\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_ends_are_normalised(newline):
    text = newline.join([" date 2023-03-31 First paragraph.", "", "Second paragraph.", ""])
    document, problems = parse_document(text, "a.txt", "s1")
    assert (document.source.published, document.text, problems) == (
        date(2023, 3, 31), "First paragraph.\n\nSecond paragraph.\n", [])


@pytest.mark.parametrize("value", ["2023-02-30", "23-3-31", "2023-13-01", "2023-03-31x"])
def test_impossible_or_malformed_header_date_warns_and_leaves_no_date(value):
    document, problems = parse_document(f" date {value} The vote was close.\n", "a.txt", "s1")
    assert document.source.published is None
    assert document.text == "The vote was close.\n"
    assert problems == [warning("a.txt", f"publication date '{value}' is not a valid YYYY-MM-DD date; "
                                         "relative dates left undated")]


def test_very_long_malformed_date_is_shortened_in_the_warning():
    document, problems = parse_document(" date 2" + "9" * 5000 + " rest\n", "a.txt", "s1")
    assert problems == [warning("a.txt", "publication date '2" + "9" * 38 + "\u2026' is not a valid YYYY-MM-DD "
                                         "date; relative dates left undated")]


def test_a_sentence_starting_with_the_word_date_is_text_not_a_header():
    document, problems = parse_document("date night at the cinema was cancelled.\n", "a.txt", "s1")
    assert document.text == "date night at the cinema was cancelled.\n"
    assert problems == [warning("a.txt", "no publication date; relative dates left undated")]


@pytest.mark.parametrize("text", [" date 2023-03-31", " date 2023-03-31\n\n  \n", "---\npublished: 2023-03-31\n---\n"])
def test_header_with_nothing_after_it_warns(text):
    document, problems = parse_document(text, "a.txt", "s1")
    assert document.source.published == date(2023, 3, 31)
    assert document.text.strip() == ""
    assert problems == [warning("a.txt", "no text after the header")]


def test_front_matter_gives_date_title_and_url():
    text = "---\npublished: 2023-12-20\ntitle: Unions call  for\n  a pause\nurl: https://news.example/a\n---\n" + BODY
    document, problems = parse_document(text, "a.md", "s2")
    assert problems == []
    assert document.source.published == date(2023, 12, 20)
    assert document.source.title == "Unions call for a pause"
    assert document.source.url == "https://news.example/a"
    assert document.text == BODY


def test_front_matter_timestamp_gives_its_day():
    document, problems = parse_document("---\npublished: 2023-12-20T08:30:00Z\n---\n" + BODY, "a.md", "s1")
    assert (document.source.published, problems) == (date(2023, 12, 20), [])


def test_impossible_front_matter_date_warns_and_keeps_the_title():
    document, problems = parse_document("---\npublished: 2023-02-30\ntitle: Budget day\n---\n" + BODY, "a.md", "s1")
    assert (document.source.published, document.source.title) == (None, "Budget day")
    assert problems == [warning("a.md", "publication date '2023-02-30' is not a valid YYYY-MM-DD date; "
                                        "relative dates left undated")]


def test_unclosed_front_matter_is_read_as_text():
    text = "---\ntitle: Draft\n" + BODY
    document, problems = parse_document(text, "a.md", "s1")
    assert document.text == text
    assert problems == [
        warning("a.md", "front matter is not closed (no closing '---'); read as text"),
        warning("a.md", "no publication date; relative dates left undated"),
    ]


def test_front_matter_that_constructs_objects_is_ignored_never_run(tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\npublished: 2023-03-31\n---\n" + BODY
    document, problems = parse_document(text, "evil.md", "s1")
    assert calls == [] and not marker.exists()
    assert document.text == BODY
    assert document.source.title == "Evil"
    assert problems == [
        warning("evil.md", "front matter ignored: not plain YAML (could not determine a constructor for the tag "
                           "'tag:yaml.org,2002:python/object/apply:os.system')"),
        warning("evil.md", "no publication date; relative dates left undated"),
    ]


@pytest.mark.parametrize("block", ["- a list\n- of things", "just a sentence", "'quoted'"])
def test_front_matter_that_is_not_a_mapping_is_ignored(block):
    document, problems = parse_document(f"---\n{block}\n---\n" + BODY, "a.md", "s1")
    assert document.text == BODY
    assert problems[0] == warning("a.md", "front matter ignored: not a mapping of fields (published, title, url)")


def test_deeply_nested_front_matter_is_ignored():
    document, problems = parse_document("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + BODY, "a.md", "s1")
    assert document.text == BODY
    assert problems[0] == warning("a.md", "front matter ignored: not plain YAML (RecursionError)")


def test_exponential_alias_title_is_ignored_not_expanded():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "---\n" + "\n".join(lines) + "\ntitle: *a8\npublished: *a8\n---\n" + BODY
    document, problems = parse_document(text, "lol.md", "s1")
    assert (document.source.title, document.source.published) == ("Lol", None)
    assert problems == [
        warning("lol.md", "publication date '<list>' is not a valid YYYY-MM-DD date; relative dates left undated"),
        warning("lol.md", "front matter field 'title' is not text; ignored"),
    ]


def test_file_name_bytes_that_are_not_utf8_are_shown_as_replacement_characters():
    document, _ = parse_document(BODY, "news/caf\udce9-reopens.txt", "s1")
    assert (document.source.path, document.source.title) == ("news/caf\ufffd-reopens.txt", "Caf\ufffd reopens")


def test_title_from_the_file_name_when_there_is_none():
    document, _ = parse_document(BODY, "news/2023-05-03_new-library_opens.txt", "s1")
    assert document.source.title == "New library opens"


# --- load_document --------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_files_are_skipped_with_a_warning(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert load_document(str(path), "s1") == (None, [warning(str(path), "empty: nothing to read")])


def test_load_document_reads_decodes_and_parses(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(" date 2023-03-31 The caf\u00e9 reopened.\n".encode("latin-1"))
    document, problems = load_document(str(path), "s7")
    assert document.source.id == "s7" and document.source.published == date(2023, 3, 31)
    assert document.text == "The caf\u00e9 reopened.\n"
    assert problems == [warning(str(path), "not valid UTF-8; decoded as Windows-1252 (cp1252)")]


def test_missing_file_and_directory_are_errors(tmp_path):
    assert load_document(str(tmp_path / "gone.txt"), "s1") == (
        None, [Problem(str(tmp_path / "gone.txt"), "no such file or directory")])
    assert load_document(str(tmp_path), "s1") == (None, [Problem(str(tmp_path), "is a directory")])


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(BODY)
    path.chmod(0)
    if os.access(path, os.R_OK):  # running as root: permission bits do not apply, so refuse the open
        def refuse(file, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))

        monkeypatch.setattr(load, "open", refuse, raising=False)
    assert load_document(str(path), "s1") == (None, [Problem(str(path), "permission denied")])


def test_standard_input_is_decoded_like_a_file(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(" date 2023-03-31 Caf\u00e9 news.\n".encode("cp1252")))
    monkeypatch.setattr(sys, "stdin", stdin)
    document, problems = load_document("-", "s1")
    assert document.text == "Caf\u00e9 news.\n" and document.source.title == "standard input"
    assert problems == [warning("-", "not valid UTF-8; decoded as Windows-1252 (cp1252)")]


# --- expanding paths ------------------------------------------------------------------

def write(path: Path, text: str = BODY) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def test_directories_are_walked_recursively_for_txt_and_md_sorted(tmp_path):
    b = write(tmp_path / "b.txt")
    a = write(tmp_path / "sub" / "a.MD")
    write(tmp_path / "sub" / "notes.pdf")
    c = write(tmp_path / "a" / "c.md")
    assert list(expand_paths([str(tmp_path), "-"])) == sorted([a, b, c]) + ["-"]


def test_missing_path_is_a_problem_in_its_place(tmp_path):
    a = write(tmp_path / "a.txt")
    assert list(expand_paths([str(tmp_path / "nope"), a])) == [Problem(str(tmp_path / "nope"), "no such file or directory"), a]


def test_empty_directory_warns(tmp_path):
    assert list(expand_paths([str(tmp_path)])) == [warning(str(tmp_path), "no .txt or .md files in directory")]


def test_directories_nested_deeper_than_the_recursion_limit(tmp_path):
    levels = [tmp_path]
    for _ in range(sys.getrecursionlimit() + 100):
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()  # one at a time: os.makedirs recurses, and so does rmtree below
    target = write(levels[-1] / "bottom.txt")
    try:
        assert list(expand_paths([str(tmp_path)])) == [target]
    finally:
        os.remove(target)
        for level in reversed(levels[1:]):
            level.rmdir()


def test_directory_symlink_loop_is_reported_and_files_read_once(tmp_path):
    a = write(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    assert list(expand_paths([str(tmp_path)])) == [
        Problem(str(tmp_path / "sub" / "up"), "symlink loop (leads back to a directory above it)"), a]


def test_symlinked_directory_elsewhere_is_followed(tmp_path):
    outside = write(tmp_path / "outside" / "o.txt")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "link").symlink_to(tmp_path / "outside")
    assert list(expand_paths([str(tmp_path / "tree")])) == [str(tmp_path / "tree" / "link" / "o.txt")]
    assert Path(outside).exists()


def test_looping_and_dangling_file_symlinks_are_errors(tmp_path):
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    (tmp_path / "z.txt").symlink_to(tmp_path / "missing.txt")
    loop = "symlink loop (too many levels of symbolic links)"
    assert sorted(expand_paths([str(tmp_path)]), key=str) == sorted([
        Problem(str(tmp_path / "x.txt"), loop), Problem(str(tmp_path / "y.txt"), loop),
        Problem(str(tmp_path / "z.txt"), "no such file or directory")], key=str)
    assert list(expand_paths([str(tmp_path / "x.txt")])) == [Problem(str(tmp_path / "x.txt"), loop)]


def test_special_file_named_like_text_is_skipped_with_a_warning(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert list(expand_paths([str(tmp_path)])) == [warning(str(tmp_path / "pipe.txt"), "not a regular file")]


def test_unreadable_directory_is_an_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    a = write(tmp_path / "a.txt")
    assert list(expand_paths([str(tmp_path)])) == [Problem(str(locked), "permission denied"), a]
