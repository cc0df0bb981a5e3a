"""The exception hierarchy and how errors render."""

from __future__ import annotations

import pickle

from scmpfeeds import ParseError, ParseWarning, RenderError, ScmpFeedsError


def test_hierarchy() -> None:
    assert issubclass(ParseError, ScmpFeedsError)
    assert issubclass(ParseError, ValueError)
    assert issubclass(RenderError, ScmpFeedsError)
    assert issubclass(ParseWarning, UserWarning)


def test_parse_error_renders_line_and_column() -> None:
    error = ParseError("expected X, found Y", lineno=3, colno=7, source="a.md")
    assert str(error) == "expected X, found Y (at line 3, column 7)"
    assert (error.msg, error.lineno, error.colno, error.source) == (
        "expected X, found Y",
        3,
        7,
        "a.md",
    )
    assert str(ParseError("no column", lineno=3)) == "no column (at line 3)"
    assert str(ParseError("nowhere")) == "nowhere"


def test_parse_error_pickles_with_its_position() -> None:
    error = pickle.loads(pickle.dumps(ParseError("m", lineno=1, colno=2, source="s")))
    assert (str(error), error.lineno, error.colno, error.source) == (
        "m (at line 1, column 2)",
        1,
        2,
        "s",
    )
