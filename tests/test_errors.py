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
    assert str(error) == "a.md:3:7: expected X, found Y"
    assert (error.msg, error.lineno, error.colno, error.source) == (
        "expected X, found Y",
        3,
        7,
        "a.md",
    )
    assert str(ParseError("no column", lineno=3)) == "no column (at line 3)"
    assert str(ParseError("nowhere")) == "nowhere"
    assert str(ParseError("x", lineno=3, colno=7)) == "x (at line 3, column 7)"


def test_parse_error_names_its_source_like_a_compiler() -> None:
    assert str(ParseError("m", lineno=10, source="f.md")) == "f.md:10: m"
    assert str(ParseError("m", source="f.md")) == "f.md: m"


def test_parse_error_pickles_with_its_position() -> None:
    error = pickle.loads(pickle.dumps(ParseError("m", lineno=1, colno=2, source="s")))
    assert (str(error), error.lineno, error.colno, error.source) == (
        "s:1:2: m",
        1,
        2,
        "s",
    )
