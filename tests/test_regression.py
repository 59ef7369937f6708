"""The whole extractor over the bundled sample sources, against a checked-in timeline.

Regenerate after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_regression.py
and read the diff of tests/golden/bundled_timeline.json before committing it.
"""
import json
import os
from pathlib import Path

from timeline.pipeline import BuildOptions, build
from timeline.render.json_format import entry_dict
from timeline.resources import bundled_sources

GOLDEN = Path(__file__).parent / "golden" / "bundled_timeline.json"


def test_bundled_sources_give_the_expected_timeline(monkeypatch, tmp_path):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    result = build([str(bundled_sources())], BuildOptions(merge=False, jobs=1, cache=False))
    got = {
        "sources": [{"published": s.published.isoformat(), "title": s.title} for s in result.timeline.sources],
        "entries": [entry_dict(e) for e in result.timeline.entries],
    }
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
