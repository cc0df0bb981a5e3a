"""Turning sources into normalised text: encodings, line endings, chunk boundaries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scmpfeeds import ParseError, Problem
from scmpfeeds._source import iter_text, read_text, source_name

from .helpers import TrickleReader


def test_str_is_the_document_itself() -> None:
    assert read_text("## a\r\nb\rc\n") == "## a\nb\nc\n"


def test_bom_is_removed_from_every_kind_of_source() -> None:
    assert read_text("\ufeffabc") == "abc"
    assert read_text(b"\xef\xbb\xbfabc") == "abc"
    assert read_text(io.StringIO("\ufeffabc")) == "abc"
    assert read_text(io.BytesIO(b"\xef\xbb\xbfabc")) == "abc"


def test_only_a_leading_bom_is_removed() -> None:
    assert read_text(b"a\xef\xbb\xbfb") == "a\ufeffb"


@pytest.mark.parametrize("data", [b"", b"\xef", b"\xef\xbb", b"\xef\xbb\xbf", b"ab"])
def test_short_inputs(data: bytes) -> None:
    if data in (b"\xef", b"\xef\xbb"):
        with pytest.raises(ParseError, match="invalid UTF-8"):
            read_text(data, strict=True)
    else:
        assert read_text(data) == data.decode("utf-8-sig")


@given(
    text=st.text(st.sampled_from("ab\r\n中😀é"), max_size=60),
    step=st.integers(1, 9),
    bom=st.booleans(),
)
def test_chunked_reads_give_the_same_text(text: str, step: int, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert read_text(TrickleReader(data, step)) == expected
    assert read_text(data) == expected


@given(
    prefix=st.text(st.sampled_from("ab\n中"), max_size=30),
    bad=st.sampled_from([b"\xff", b"\xc3", b"\xe4\xb8", b"\x80"]),
    suffix=st.text(st.sampled_from("ab\n"), max_size=10),
    step=st.integers(1, 5),
)
def test_invalid_bytes_are_located_exactly(
    prefix: str, bad: bytes, suffix: str, step: int
) -> None:
    data = prefix.encode() + bad + suffix.encode()
    offset = len(prefix.encode())
    lines = prefix.split("\n")
    with pytest.raises(ParseError) as info:
        read_text(TrickleReader(data, step), strict=True)
    assert f"at byte offset {offset}" in str(info.value)
    assert (info.value.lineno, info.value.colno) == (len(lines), len(lines[-1]) + 1)

    problems: list[Problem] = []
    text = read_text(TrickleReader(data, step), report=problems.append)
    assert text.startswith(prefix)
    assert "\ufffd" in text
    assert [(p.lineno, p.colno) for p in problems] == [(len(lines), len(lines[-1]) + 1)]


def test_lenient_decoding_reports_once() -> None:
    problems: list[Problem] = []
    assert read_text(b"a\xffb\xfe", report=problems.append) == "a\ufffdb\ufffd"
    assert [p.message for p in problems] == [
        "invalid UTF-8 byte(s) ff at byte offset 1; invalid bytes are replaced with U+FFFD"
    ]


def test_cr_at_a_chunk_end_followed_by_lf() -> None:
    assert "".join(iter_text(TrickleReader(b"a\r\nb\r", 2))) == "a\nb\n"


def test_names(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("hi", encoding="utf-8")
    assert source_name(path) == str(path)
    with path.open("rb") as file:
        assert source_name(file) == str(path)
    assert source_name("text") is None
    assert source_name(io.BytesIO()) is None


@pytest.mark.parametrize(
    "text",
    ["feed.md", "data/2023-10-01.md", "./x", "~/dumps/a.txt", "C:\\dumps\\a.xml", "/tmp/feed"],
)
def test_path_like_strings_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match=r"looks like a file path.*pass pathlib\.Path"):
        read_text(text)


@pytest.mark.parametrize(
    "text", ["hello", "## feed.md", "<rss/>", "a b c", "line\nfeed.md", "\\", ".", "/", "..."]
)
def test_documents_are_not_mistaken_for_paths(text: str) -> None:
    assert read_text(text) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom(encoding: str) -> None:
    text = "## 标题\r\nline ‘two’\n"
    bom = "\ufeff".encode(encoding)
    data = bom + text.encode(encoding)
    assert read_text(data) == "## 标题\nline ‘two’\n"
    assert read_text(TrickleReader(data, 3)) == "## 标题\nline ‘two’\n"


def test_utf16_lone_surrogate_is_located() -> None:
    data = "\ufeffab\n".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le")
    with pytest.raises(ParseError) as info:
        read_text(data, strict=True)
    assert "invalid UTF-16 byte(s)" in info.value.msg
    assert "at byte offset 8" in info.value.msg
    assert (info.value.lineno, info.value.colno) == (2, 1)
