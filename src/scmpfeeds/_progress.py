"""The command line's progress line: on a terminal, for runs longer than a moment.

One line on standard error, redrawn in place at most a few times a second:
``scmpfeeds: 1,234/4,000 files, 45,233 articles, 12 s``.  It appears only when
standard error is a terminal and the run has gone on for :data:`DELAY` seconds,
is cleared before anything else is printed there (a problem, a note) and at the
end, and ``--quiet`` turns it off.  No dependency: a few lines of ANSI
(carriage return, clear to the end of the line) that every terminal knows.
``SCMPFEEDS_PROGRESS_DELAY`` (seconds) sets the delay, for the tests.
"""

from __future__ import annotations

import os
import time
from typing import IO

__all__ = ["DELAY", "Progress"]

#: Seconds a run goes on before the line appears.
DELAY = float(os.environ.get("SCMPFEEDS_PROGRESS_DELAY", "2"))
_EVERY = 0.25  # seconds between redraws
_CLEAR = "\r\x1b[K"


class Progress:
    """The progress of reading *total* files, drawn on *stream* when it is a terminal."""

    def __init__(self, stream: IO[str], total: int, *, enabled: bool = True) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled and total > 1 and _is_terminal(stream)
        self.files = 0
        self.articles = 0
        self._start = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def file_started(self) -> None:
        self.files += 1
        self.tick()

    def files_done(self, files: int, articles: int) -> None:
        """A worker's group of *files* is read (``-j N``)."""
        self.files += files
        self.articles += articles
        self.tick()

    def tick(self) -> None:
        """Redraw, if it is time (called for every file and every few hundred articles)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < DELAY or now - self._drawn_at < _EVERY:
            return
        self._drawn_at = now
        self._shown = True
        elapsed = int(now - self._start)
        self.stream.write(
            f"{_CLEAR}scmpfeeds: {self.files:,}/{self.total:,} files, "
            f"{self.articles:,} articles, {elapsed} s"
        )
        self.stream.flush()

    def clear(self) -> None:
        """Take the line away, before something else is printed (it comes back at the
        next redraw) and at the end."""
        if self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # (a closed or odd stream)
        return False
