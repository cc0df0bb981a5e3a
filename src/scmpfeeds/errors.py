"""The exceptions and warnings that scmpfeeds raises.

Every error that bad *input* can cause is a :class:`ScmpFeedsError`; nothing
else escapes a parser.  Misuse of the API (passing an ``int`` as a source, say)
still raises the usual ``TypeError``.
"""

from __future__ import annotations

__all__ = ["ParseError", "ParseWarning", "RenderError", "RenderWarning", "ScmpFeedsError"]


class ScmpFeedsError(Exception):
    """Base class of every error scmpfeeds raises for bad input."""


class ParseError(ScmpFeedsError, ValueError):
    """A document could not be parsed.

    ``lineno`` and ``colno`` are 1-based, like :class:`json.JSONDecodeError`;
    either may be ``None`` when the error has no position (an empty document,
    say).  ``source`` names the input (a file path) when it has a name.

    It reads ``file.md:10:1: message`` when the input has a name, like a
    compiler's error, and ``message (at line 10, column 1)`` when it has none.
    """

    msg: str
    lineno: int | None
    colno: int | None
    source: str | None

    def __init__(
        self,
        msg: str,
        *,
        lineno: int | None = None,
        colno: int | None = None,
        source: str | None = None,
    ) -> None:
        if source is not None:
            where = source if lineno is None else f"{source}:{lineno}"
            if lineno is not None and colno is not None:
                where += f":{colno}"
            text = f"{where}: {msg}"
        elif lineno is not None and colno is not None:
            text = f"{msg} (at line {lineno}, column {colno})"
        elif lineno is not None:
            text = f"{msg} (at line {lineno})"
        else:
            text = msg
        super().__init__(text)
        self.msg = msg
        self.lineno = lineno
        self.colno = colno
        self.source = source

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling of
        # exceptions; errors must cross process boundaries (Dask, multiprocessing).
        return (_rebuild_parse_error, (self.msg, self.lineno, self.colno, self.source))


def _rebuild_parse_error(
    msg: str, lineno: int | None, colno: int | None, source: str | None
) -> ParseError:
    return ParseError(msg, lineno=lineno, colno=colno, source=source)


class RenderError(ScmpFeedsError, ValueError):
    """Articles hold something a writer cannot represent in its format."""


class ParseWarning(UserWarning):
    """Emitted for each problem a lenient parse reports instead of raising."""


class RenderWarning(UserWarning):
    """Emitted once for each kind of loss a writer met: what its format could not
    hold, and for how many articles (see :class:`~scmpfeeds.Loss`)."""
