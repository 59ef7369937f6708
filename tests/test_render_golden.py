"""Golden files: each renderer's whole output over the fixture timeline (tests/conftest.py).

After an intended change to a renderer or the fixture, regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_golden.py
and review the diff of tests/golden/ before committing.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from timeline.render import RenderContext, get_renderer

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "timeline.txt": ("table", RenderContext(color=False, width=100)),
    "timeline.md": ("markdown", RenderContext()),
    "timeline.csv": ("csv", RenderContext()),
    "timeline.json": ("json", RenderContext()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(name, timeline):
    fmt, context = CASES[name]
    out = io.StringIO(newline="")
    get_renderer(fmt)(timeline, out, context)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(out.getvalue().encode("utf-8"))
    assert out.getvalue() == path.read_bytes().decode("utf-8")
