"""timeline: turn news articles into a sourced, chronological timeline.

The package is a plain library; ``timeline.cli`` is a thin click layer over it.
Pipeline: load -> boilerplate -> sentences -> dates/quotes/actors -> merge -> render.
"""

__version__ = "0.1.0"

from timeline.model import Document, Entry, Source, SourceRef, Timeline  # noqa: E402
from timeline.pipeline import BuildOptions, BuildResult, build  # noqa: E402

__all__ = ["Document", "Entry", "Source", "SourceRef", "Timeline", "BuildOptions", "BuildResult", "build"]
