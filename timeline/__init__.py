"""timeline: turn news articles into a sourced, chronological timeline.

The package is a plain library; ``timeline.cli`` is a thin click layer over it.
Pipeline: load -> boilerplate -> sentences -> dates/quotes/actors -> merge -> render.

The public names are imported on first use, so ``import timeline`` (and
``timeline --help``) does not pay for the extraction modules.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    "Document": "timeline.model",
    "Entry": "timeline.model",
    "Source": "timeline.model",
    "SourceRef": "timeline.model",
    "Timeline": "timeline.model",
    "BuildOptions": "timeline.pipeline",
    "BuildResult": "timeline.pipeline",
    "build": "timeline.pipeline",
}

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
