"""Fuzzing every parser with mutated seeds: nothing but ScmpFeedsError escapes,
lenient mode never raises once a header is recognisable, nothing is lost.

The example budget follows the hypothesis profile: ``default``/``ci`` in the
normal run, ``fuzz`` (``nox -s fuzz``) for a long one.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable

from hypothesis import given, note
from hypothesis import strategies as st

from scmpfeeds import (
    ScmpFeedsError,
    iter_articles,
    iter_markdown_dump,
    iter_rss,
    parse,
    parse_bilingual_digest,
    parse_markdown_dump,
    parse_rss,
)
from scmpfeeds._source import read_text

from .conftest import FIXTURES, REALDATA

MARKDOWN = [
    (FIXTURES / "000_f7b80165825318c2.txt").read_bytes(),
    (REALDATA / "markdown" / "variants" / "2024-12-20.scmp-rss4.md").read_bytes()[:6000],
]
RSS = (FIXTURES / "004_7a0e8304e58f6477.txt").read_bytes()[:12000]
DIGEST = (FIXTURES / "001_71277cbba28fab39.txt").read_bytes()

ENCODINGS = ["utf-16", "utf-16-le", "gb18030", "latin-1", "utf-8-sig"]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes, keep_head: int = 0, reencode: bool = True) -> bytes:
    """*seed* with a few mutations after its first *keep_head* bytes."""
    head, data = seed[:keep_head], bytearray(seed[keep_head:])
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(
            st.sampled_from(
                ["flip", "nul", "truncate", "dup-lines", "shuffle-lines", "line-ends", "delete"]
            )
        )
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "nul":
            data[at:at] = b"\x00"
        elif kind == "truncate":
            del data[at:]
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            lines = bytes(data).split(b"\n")
            if kind == "dup-lines":
                i = at % len(lines)
                lines[i:i] = lines[i : i + draw(st.integers(1, 8))]
            elif kind == "shuffle-lines":
                i = at % len(lines)
                window = lines[i : i + 10]
                lines[i : i + 10] = draw(st.permutations(window))
            else:
                ends = [b"\r\n", b"\r", b"\n"]
                out = bytearray()
                for line in lines[:-1]:
                    out += line + draw(st.sampled_from(ends))
                data = out + lines[-1]
                continue
            data = bytearray(b"\n".join(lines))
    result = head + bytes(data)
    if reencode and draw(st.integers(0, 9)) == 0:  # now and then, re-encode the document
        encoding = draw(st.sampled_from(ENCODINGS))
        result = result.decode("utf-8", errors="replace").encode(encoding, errors="replace")
    return result


ENTRY_POINTS: list[Callable[[bytes, bool], object]] = [
    lambda data, strict: parse_markdown_dump(data, strict=strict),
    lambda data, strict: list(iter_markdown_dump(data, strict=strict)),
    lambda data, strict: parse_rss(data, strict=strict),
    lambda data, strict: list(iter_rss(data, strict=strict)),
    lambda data, strict: parse_bilingual_digest(data, strict=strict),
    lambda data, strict: parse(data, strict=strict),
    lambda data, strict: list(iter_articles(data, strict=strict)),
]


def every_entry_point(data: bytes) -> None:
    """Every parser, in both modes: only ScmpFeedsError may escape."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for call in ENTRY_POINTS:
            for strict in (False, True):
                with contextlib.suppress(ScmpFeedsError):
                    call(data, strict)


@given(st.one_of(*(mutated(seed) for seed in MARKDOWN), mutated(RSS), mutated(DIGEST)))
def test_mutated_seeds_raise_only_scmpfeeds_errors_in_every_parser(data: bytes) -> None:
    every_entry_point(data)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_scmpfeeds_errors_in_every_parser(data: bytes) -> None:
    every_entry_point(data)


# The grammar's block start: a heading, title lines, then the link, feed or date line.
_BLOCK_START = (
    r"^##(?: [^\n]*)?\n(?:(?!##(?: |\n)|# Source)[^\n]*\n)*?"
    r" - (?:\[|(?ai:rss feed|date published)[ \t]*:)"
)


def _header_end(data: bytes) -> int:
    return data.index(b"\n") + 1


@given(st.one_of(*(mutated(seed, _header_end(seed)) for seed in MARKDOWN)))
def test_markdown_lenient_never_raises_and_loses_nothing(data: bytes) -> None:
    note(repr(data[:300]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feed = parse_markdown_dump(data)
        text = read_text(data)
    # An article-shaped block: a heading that a first metadata line follows.  Each is
    # an article (a bad field is then a problem of its own) or a problem with its text.
    blocks = len(re.findall(_BLOCK_START, text, flags=re.MULTILINE))
    block_problems = [
        p
        for p in feed.problems
        if p.text.startswith("##")
        and not p.message.startswith("text outside any article")
        and "; kept without" not in p.message
    ]
    assert len(feed.articles) + len(block_problems) == blocks


@given(mutated(DIGEST, _header_end(DIGEST)))
def test_digest_lenient_never_raises(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        digest = parse_bilingual_digest(data)
    assert digest.title or digest.problems


# The RSS seed up to and including "<channel>": a recognisable header.
_RSS_HEAD = RSS.index(b"<channel>") + len(b"<channel>")


@given(mutated(RSS, _RSS_HEAD))
def test_rss_lenient_never_raises_once_the_channel_has_started(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feed = parse_rss(data)
        streamed = list(iter_rss(data))
    assert streamed == list(feed.articles)


@given(mutated(RSS, _RSS_HEAD, reencode=False))
def test_rss_nothing_lost_every_item_is_an_article_or_a_problem(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feed = parse_rss(data)
    starts = len(re.findall(rb"<item[\s>/]", data))
    item_problems = [
        p
        for p in feed.problems
        if p.text.startswith("<item") or p.message.startswith("item not read")
    ]
    assert len(feed.articles) + len(item_problems) == starts
