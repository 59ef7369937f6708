"""Renderers, registered by name and file suffix; each is a small module with ``render()``.

Modules are imported only when used, so ``timeline --help`` stays fast.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from timeline.model import Timeline


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may know about where its output goes (injected, never guessed)."""

    color: bool = False
    width: int | None = None


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    suffixes: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", "timeline.render.table"),
        Format("markdown", "timeline.render.markdown", (".md", ".markdown")),
        Format("csv", "timeline.render.csv_format", (".csv",)),
        Format("json", "timeline.render.json_format", (".json",)),
        Format("html", "timeline.render.html", (".html", ".htm")),
        Format("timelinejs", "timeline.render.timelinejs"),
    )
}

# The `timeline actors` listing has no page or TimelineJS form.
ACTOR_FORMATS = ("table", "markdown", "csv", "json")

Renderer = Callable[[Timeline, TextIO, RenderContext], None]


def format_for_path(path: str) -> str | None:
    """The format a file name's suffix implies, if any."""
    suffix = Path(path).suffix.lower()
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


def get_renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATS[name].module).render
