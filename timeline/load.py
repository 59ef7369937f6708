"""Loading documents: paths to files, bytes to text, headers to publication dates and titles.

Users point the tool at whatever they have (scraped pages, exports, folders with
junk in them), so nothing here raises on bad input: every problem becomes a
``Problem`` naming the path (an error skips the input, a warning does not).

Two header forms are read: the corpus form (first line `` date YYYY-MM-DD
<first paragraph>``) and YAML front matter (``published``, ``title``, ``url``).
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

import yaml

from timeline.model import Document, Source

SUFFIXES = (".txt", ".md")
STDIN = "-"

# Enough of a file to tell binary from text before reading all of it (/dev/zero, images).
_SNIFF_BYTES = 8192
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_BINARY = "binary file (contains NUL bytes), not text"
_FALLBACK_ERRORS = "timeline-cp1252"

_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+(\d\S*)[ \t]*(.*)$")
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z ]*)?")

_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.ELOOP: "symlink loop (too many levels of symbolic links)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "not a directory",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: ``error`` skips it, a warning does not."""

    path: str
    message: str
    error: bool = True


def expand_paths(paths: Iterable[str]) -> Iterator[str | Problem]:
    """Files in the order given; directories recursively (``*.txt``, ``*.md``, sorted).

    A path that cannot be used comes back as a Problem in its place, so the
    others are still read.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        try:
            mode = os.stat(raw).st_mode
        except (OSError, ValueError) as exc:
            yield Problem(raw, describe_os_error(exc))
            continue
        yield from _walk(raw) if stat.S_ISDIR(mode) else (raw,)


def _walk(root: str) -> Iterator[str | Problem]:
    """Text files under ROOT, sorted, at any depth (no recursion limit).

    Directory symlinks are followed unless they lead back to a directory above
    them (a loop: reported) or to one already read (skipped, read once).
    """
    files: list[str] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, tuple[tuple[int, int], ...]]] = [(root, ())]
    while stack:
        directory, above = stack.pop()
        try:
            st = os.stat(directory)
            identity = (st.st_dev, st.st_ino)
            if identity in above:
                problems.append(Problem(directory, "symlink loop (leads back to a directory above it)"))
                continue
            if identity in seen:
                continue
            seen.add(identity)
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(Problem(directory, describe_os_error(exc)))
            continue
        for entry in entries:
            kind = _kind(entry)
            if kind == "dir":
                stack.append((entry.path, above + (identity,)))
            elif entry.name.lower().endswith(SUFFIXES):
                if kind == "file":
                    files.append(entry.path)
                else:
                    problems.append(_unusable(entry.path))
    if not files and not problems:
        problems.append(Problem(root, "no .txt or .md files in directory", error=False))
    yield from problems
    yield from sorted(files)


def _kind(entry: os.DirEntry) -> str:
    """``dir`` or ``file`` (after symlinks), else ``other`` (dangling or looping link, FIFO...)."""
    try:
        return "dir" if entry.is_dir() else "file" if entry.is_file() else "other"
    except OSError:
        return "other"


def _unusable(path: str) -> Problem:
    """Why a directory entry named like a text file is not one (dangling link, loop, FIFO...)."""
    try:
        os.stat(path)
    except (OSError, ValueError) as exc:
        return Problem(path, describe_os_error(exc))
    return Problem(path, "not a regular file", error=False)


def load_document(path: str, source_id: str) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse one input; None when it cannot be used. Never raises."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    if not text or text.isspace():
        return None, problems + [Problem(path, "empty: nothing to read", error=False)]
    document, found = parse_document(text, path, source_id)
    return document, problems + found


def read_text(path: str) -> tuple[str | None, list[Problem]]:
    """The decoded text of PATH (``-``: standard input), or None with the reason."""
    try:
        if path == STDIN:
            data = _read_stream(_stdin_bytes())
        else:
            with open(path, "rb") as stream:
                data = _read_stream(stream)
    except (OSError, ValueError) as exc:
        return None, [Problem(path, describe_os_error(exc))]
    except MemoryError:
        return None, [Problem(path, "too large to load into memory")]
    return decode(data, path)


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


def _read_stream(stream: BinaryIO) -> bytes:
    head = stream.read(_SNIFF_BYTES)
    if _is_binary(head):
        return head  # rejected by decode(); no need to read the rest
    return head + stream.read()


def _is_binary(data: bytes) -> bool:
    """NUL bytes mean binary, unless a UTF-16 byte-order mark explains them."""
    return b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _UTF16_BOMS))


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-16 with a BOM, else UTF-8 (BOM optional), else Windows-1252, with a warning.

    Bytes that are not UTF-8 are decoded one by one as Windows-1252, so a
    Latin-1 file, or a UTF-8 file with a few stray legacy bytes, keeps every
    character; the warning says so. Only a UTF-8 file cut inside its last
    character loses something: those incomplete bytes, with a warning.
    """
    if _is_binary(data):
        return None, [Problem(path, _BINARY)]
    encoding = next((codec for bom, codec in _UTF16_BOMS if data.startswith(bom)), "utf-8")
    data = data.removeprefix(codecs.BOM_UTF8) if encoding == "utf-8" else data[len(codecs.BOM_UTF16):]
    problems: list[Problem] = []
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            return None, [Problem(path, f"not valid UTF-16 text ({exc.reason} at byte {exc.start})")]
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            text = data[: exc.start].decode(encoding)
            problems.append(Problem(path, "ends inside a UTF-8 character (truncated?); "
                                          "the incomplete bytes were dropped", error=False))
        else:
            text = data.decode("utf-8", _FALLBACK_ERRORS)
            problems.append(Problem(path, "not valid UTF-8; decoded as Windows-1252 (cp1252)", error=False))
    if "\x00" in text:
        return None, [Problem(path, _BINARY)]
    return text, problems


# Windows-1252 for each byte; its five unassigned bytes map as in Latin-1.
_CP1252 = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_CP1252[b] for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)


def describe_os_error(exc: Exception) -> str:
    """A lower-case reason for a failed file operation, as messages show it."""
    if isinstance(exc, ValueError):
        return "not a valid path"
    reason = _REASONS.get(getattr(exc, "errno", None))
    if reason:
        return reason
    strerror = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return strerror[:1].lower() + strerror[1:]


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.safe_load`` (no object construction), but timestamps stay strings.

    PyYAML turns ``published: 2023-02-30`` into an uncaught ValueError; as a
    string it is checked here and reported like any other bad date.
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_document(text: str, path: str, source_id: str) -> tuple[Document, list[Problem]]:
    """Split the header from the text and build the document's source record."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    meta: dict = {}
    has_header = False
    raw_date: object = None
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening:
        close = _FRONT_MATTER_CLOSE.search(text, opening.end())
        if close is None:
            problems.append(Problem(path, "front matter is not closed (no closing '---'); read as text",
                                    error=False))
        else:
            meta, trouble = _front_matter(text[opening.end(): close.start()])
            problems.extend(Problem(path, message, error=False) for message in trouble)
            text = text[close.end() + 1:]
            has_header = True
            raw_date = meta.get("published", meta.get("date"))
    else:
        first, newline, rest = text.partition("\n")
        m = _DATE_LINE.match(first)
        if m:
            raw_date, text, has_header = m.group(1), m.group(2) + newline + rest, True
    published, date_problem = _publication_date(raw_date)
    if date_problem:
        problems.append(Problem(path, date_problem, error=False))
    if has_header and (not text or text.isspace()):
        problems.append(Problem(path, "no text after the header", error=False))
    # A file name's non-UTF-8 bytes (surrogates in Python) would fail every UTF-8 output.
    shown = _SURROGATE.sub("\ufffd", path)
    title = _scalar_text(meta.get("title"), "title", path, problems) or _readable_stem(shown)
    url = _scalar_text(meta.get("url"), "url", path, problems)
    source = Source(id=source_id, path=shown, published=published, title=title, url=url)
    return Document(source=source, text=text), problems


def _front_matter(block: str) -> tuple[dict, list[str]]:
    """The fields of a front matter block, or none with the reason it was ignored."""
    try:
        loaded = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        detail = getattr(exc, "problem", None) or type(exc).__name__
        return {}, [f"front matter ignored: not plain YAML ({detail})"]
    if loaded is None:
        return {}, []
    if not isinstance(loaded, dict):
        return {}, ["front matter ignored: not a mapping of fields (published, title, url)"]
    return loaded, []


def _publication_date(value: object) -> tuple[date | None, str | None]:
    """The publication date from a header value, or None with the warning to give."""
    if value is None:
        return None, "no publication date; relative dates left undated"
    # Never str() a list or mapping: YAML aliases can make one exponentially large.
    text = str(value).strip() if isinstance(value, (str, int, float)) else f"<{type(value).__name__}>"
    m = _ISO_DAY.fullmatch(text)
    if m:
        try:
            return date(*(int(g) for g in m.groups())), None
        except ValueError:
            pass
    return None, f"publication date {_shorten(text)!r} is not a valid YYYY-MM-DD date; relative dates left undated"


def _scalar_text(value: object, field: str, path: str, problems: list[Problem]) -> str | None:
    """A front matter field as one line of text; lists and mappings are ignored with a warning."""
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return " ".join(str(value).split()) or None
    problems.append(Problem(path, f"front matter field {field!r} is not text; ignored", error=False))
    return None


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")
_DASHES = re.compile(r"[-_]+")


def _readable_stem(path: str) -> str:
    if path == STDIN:
        return "standard input"
    # The file's name as Path(path).name and .stem give it (a file's path never ends with
    # a separator), without building a Path for every document.
    name = os.path.basename(path)
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name
    words = _DASHES.sub(" ", _DATE_PREFIX.sub("", stem)).strip()
    return words[:1].upper() + words[1:] if words else name
