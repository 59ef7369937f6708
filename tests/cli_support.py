"""Running ``timeline`` in-process as a user would, for the CLI and hostile-input tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from timeline.cli import cli

# A made-up lede the extractor dates: one event on 3 May 2023.
GOOD = " date 2023-03-31 The council approved the new library on 3 May 2023.\n"
GOOD_SENTENCE = "The council approved the new library on 3 May 2023."


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Builds use a cache of their own, never the user's."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))


def run(*args: str, input: str | bytes | None = None) -> Result:
    """The command's result; an exception escaping it fails the test (never a traceback)."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def write(path: Path, content: str | bytes = GOOD) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def paths_read(result: Result) -> list[str]:
    """The paths of the sources in a JSON result."""
    return [s["path"] for s in json.loads(result.stdout)["sources"]]


def sentences(result: Result) -> list[str]:
    """Every source sentence of the entries in a JSON result, in order."""
    return [ref["sentence"] for e in json.loads(result.stdout)["entries"] for ref in e["sources"]]
