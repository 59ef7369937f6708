"""A progress bar on stderr for long builds: only on a terminal, only for many files."""
from __future__ import annotations

import time
from typing import Self, TextIO

MANY_FILES = 50
REFRESH_SECONDS = 0.1


class ProgressBar:
    """An ``on_progress(done, total)`` callback drawing a rich bar; gone once the map is done.

    Whether ``stream`` is a terminal is the caller's call (``enabled``), so tests can
    draw the bar into a buffer. The bar is redrawn from the callback, at most every
    ``REFRESH_SECONDS``, never from a thread: worker processes may be forked meanwhile.
    """

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._progress = None
        self._task = None
        self._drawn = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MANY_FILES:
            return
        if self._progress is None:
            self._start(total)
        now = time.monotonic()
        if done < total and now - self._drawn < REFRESH_SECONDS:
            return
        self._progress.update(self._task, completed=done, refresh=True)
        self._drawn = now
        if done >= total:
            self.close()

    def close(self) -> None:
        self.enabled = False  # a closed bar stays closed
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("Reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(file=self.stream, force_terminal=True), auto_refresh=False, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("read", total=total)
