"""Where the bundled data lives: beside the package in a checkout, under share/ when installed."""
from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data"
_INSTALLED_DATA = Path(sys.prefix) / "share" / "timeline"
RULES_DIR = Path(__file__).resolve().parent / "rules"


def data_dir() -> Path:
    """The directory holding ``actors.yaml`` and ``sources/``."""
    if (_CHECKOUT_DATA / "actors.yaml").is_file():
        return _CHECKOUT_DATA
    return _INSTALLED_DATA


def bundled_sources() -> Path:
    return data_dir() / "sources"


def actors_file() -> Path:
    return data_dir() / "actors.yaml"
