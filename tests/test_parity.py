"""The compiled core and the pure-Python reference give equal results.

Every parser with a compiled twin runs both ways on the same input, and the
two outcomes must be equal: the records (with the line and source each came
from, which records do not compare), the problems and warnings, or the error.
Inputs are generated, mutated and real: the seeds, the real data, and all 2,000
dumps of the archive sample.  The markdown scanner is also held to the pattern
it stands in for, block by block.

Skipped when the compiled core is not in use (a pure install, or
``SCMPFEEDS_NO_EXTENSIONS=1``); CI runs the suite both ways.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.tz import tzoffset
from hypothesis import event, given, note
from hypothesis import strategies as st
from lxml import etree

import scmpfeeds
from scmpfeeds import (
    Article,
    Digest,
    Feed,
    ParseError,
    ScmpFeedsError,
    _implementation,
    dedupe,
    iter_markdown_dump,
    iter_rss,
    parse_bilingual_digest,
    parse_markdown_dump,
    parse_rss,
    render_bilingual_digest,
    render_markdown_dump,
    render_rss,
)
from scmpfeeds._dates import parse_rfc822_datetime
from scmpfeeds._ids import url_and_id
from scmpfeeds._pure.digest import url_lines as _url_lines
from scmpfeeds.markdown_dump._grammar import _FAST_BLOCK_RE
from scmpfeeds.rss import _stream as _rss_stream
from scmpfeeds.rss._media import media_kind
from scmpfeeds.rss._walk import _Reader, _split_authors

from .conftest import FIXTURES, REALDATA
from .strategies import (
    digests,
    dump_articles,
    link_tails,
    links,
    overlapping_articles,
    rss_feeds,
)
from .test_fuzz import DIGEST, MARKDOWN, RSS, mutated

pytestmark = pytest.mark.skipif(
    not scmpfeeds.COMPILED, reason=f"the compiled core is not in use: {_implementation.WHY_PURE}"
)

SEEDS = sorted(FIXTURES.glob("*.txt"))
REAL_MARKDOWN = sorted((REALDATA / "markdown").rglob("*.md"))
REAL_RSS = sorted(p for p in (REALDATA / "rss").iterdir() if p.suffix in (".xml", ".txt"))
CORPUS_RSS = sorted((Path(__file__).parent / "corpus" / "rss").glob("*.xml"))


# -- outcomes ------------------------------------------------------------------------------


def _records(result: object) -> list[Article]:
    if isinstance(result, Feed):
        return list(result.articles)
    if isinstance(result, list):
        return [a for a in result if isinstance(a, Article)]
    return []


def outcome(call: Callable[[], object]) -> tuple[Any, ...]:
    """What *call* gives: its result and each record's provenance, and every warning;
    or the error it raised (with the records a stream gave before it)."""
    given_before: list[Article] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except ScmpFeedsError as exc:
            result = ("raised", type(exc).__name__, str(exc))
        except _Stopped as stop:
            given_before, result = stop.records, ("raised", "ParseError", stop.message)
    said = [(w.category.__name__, str(w.message)) for w in caught]
    records = _records(result) or given_before
    return result, given_before, [(a.source, a.lineno) for a in records], said


class _Stopped(Exception):
    def __init__(self, records: list[Article], message: str) -> None:
        self.records, self.message = records, message


def strictly(stream: Callable[[], Iterator[Article]]) -> Callable[[], list[Article]]:
    """A strict stream as a call: the records it gave, then its error."""

    def call() -> list[Article]:
        records: list[Article] = []
        try:
            records.extend(stream())
        except ParseError as exc:
            raise _Stopped(records, str(exc)) from None
        return records

    return call


def assert_both_ways_equal(call: Callable[[], object]) -> tuple[Any, ...]:
    compiled = outcome(call)
    with _implementation.pure():
        pure = outcome(call)
    assert compiled == pure
    return compiled


class Chunks(io.RawIOBase):
    """A file that gives its bytes a few at a time (blocks cut across reads)."""

    def __init__(self, data: bytes, size: int) -> None:
        self._data, self._size = data, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        piece, self._data = self._data[: self._size], self._data[self._size :]
        buffer[: len(piece)] = piece
        return len(piece)


def every_markdown_way(data: bytes) -> None:
    assert_both_ways_equal(lambda: parse_markdown_dump(data))
    assert_both_ways_equal(lambda: parse_markdown_dump(data, strict=True))
    assert_both_ways_equal(lambda: list(iter_markdown_dump(data)))
    assert_both_ways_equal(strictly(lambda: iter_markdown_dump(data, strict=True)))


def every_rss_way(data: bytes) -> Any:
    """Every way of reading *data* as RSS, both ways; the lenient ``parse_rss``'s result."""
    result = assert_both_ways_equal(lambda: parse_rss(data))[0]
    assert_both_ways_equal(lambda: parse_rss(data, strict=True))
    assert_both_ways_equal(lambda: list(iter_rss(data)))
    assert_both_ways_equal(strictly(lambda: iter_rss(data, strict=True)))
    return result


# -- markdown ------------------------------------------------------------------------------

# Pieces of block-shaped text, right and nearly right, for the scanner.
_TITLES = st.sampled_from(
    ["## T", "## A title", "##  x", "## x ", "## 中文 标题", "## 上ਊ上", "## ", "##x"]
)
_LINKS = st.sampled_from(
    [
        "https://www.scmp.com/news/article/3265321/slug?utm_source=rss",
        "https://www.scmp.com/a/article/1/b/article/22/c",
        "https://www.scmp.com/article/12x",
        "https://www.scmp.com/video/asia/3300000/x",
        "https://www.scmp.com/article/١٢٣/arabic-digits",
        "https://example.com/a/b?c#d",
        "http://WWW.Example.com:80/a",
        "https://user@host:443/p",
        "https://x.SCMP.com/article/5/y",
        "https://host",
        "https://h/ü",
        "ftp://x/y",
        "https://a]b",
    ]
)
_META = st.sampled_from(
    [
        " - RSS feed: https://feed/x",
        " - RSS feed:",
        " - RSS feed: $source",
        " - date published: 2024-05-01T10:00:00+08:00",
        " - date published: 2024-05-01 10:00:00+00:00",
        " - date published:  2024-05-01",
        " - date published: a b c",
        " - user: someone",
        " - tags: a, b",
        " - [x](y)",
        " - :",
        " - key:value",
    ]
)
_TEXT = st.sampled_from(
    [
        "",
        "Summary.",
        "Summary. ",
        "two\u00a0",
        "\u3000",
        "## not a block",
        "# Source x",
        "  - x: y",
    ]
)


def _mostly(usual: str, others: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """*usual* most of the time, else one of *others*."""
    return st.one_of(st.just(usual), st.just(usual), st.just(usual), others)


@st.composite
def block_text(draw: st.DrawFn) -> str:
    """Text of blocks, many of them usual, the rest broken in one way or another."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        link = draw(_LINKS)
        lines.append(draw(_mostly("## A title", _TITLES)))
        lines.append(draw(_mostly(f" - [{link}]({link})", st.just(f" - [{link}](other)"))))
        lines.append(draw(_mostly(" - RSS feed: https://feed/x", _META)))
        lines.append(draw(_mostly(" - date published: 2024-05-01T10:00:00+08:00", _META)))
        if draw(st.integers(0, 2)) == 0:
            lines.extend(draw(st.lists(_META, min_size=1, max_size=2)))
        if draw(st.booleans()):
            lines.append("")
            lines.extend(draw(st.lists(_mostly("Summary.", _TEXT), min_size=1, max_size=4)))
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))
    if draw(st.integers(0, 2)) == 0:  # a mutation: a character in, out or changed
        at = draw(st.integers(0, len(text)))
        # (上 is U+4E0A and ਊ U+0A0A: in a two-byte string they hold the byte of "\n")
        piece = draw(st.sampled_from(["", " ", "\n", "\t", "]", ":", "\u2028", "a", "上", "ਊ"]))
        text = text[:at] + piece + text[at + draw(st.integers(0, 2)) :]
    return text


def _heading_starts(text: str) -> Iterator[int]:
    at = text.find("## ")
    while at >= 0:
        yield at
        at = text.find("## ", at + 1)


@given(text=block_text(), data=st.data())
def test_the_scanner_finds_what_the_pattern_matches(text: str, data: st.DataObject) -> None:
    from scmpfeeds._compiled.markdown_dump import scan

    end = data.draw(st.one_of(st.just(len(text)), st.integers(0, len(text))), label="end")
    for at in _heading_starts(text[:end]):
        found = scan(text, at, end)
        event("scanned" if found is not None else "left to the pattern")
        if found is not None:
            match = _FAST_BLOCK_RE.match(text, at, end)
            note(f"at {at}: {text[at:end]!r}")
            assert match is not None
            assert found == (match.groups(), match.end())


def test_the_scanner_is_sure_of_almost_every_real_block(archive: Path) -> None:
    from scmpfeeds._compiled.markdown_dump import scan

    sure = total = 0
    for path in [*sorted(archive.rglob("*.md")), *SEEDS, *REAL_MARKDOWN]:
        text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
        for at in _heading_starts(text):
            total += 1
            found = scan(text, at, len(text))
            if found is not None:
                sure += 1
                match = _FAST_BLOCK_RE.match(text, at)
                assert match is not None, f"{path}: {at}"
                assert found == (match.groups(), match.end()), f"{path}: {at}"
    assert total > 45_000
    assert sure / total > 0.99


@given(text=block_text())
def test_the_twins_read_the_same_runs_of_usual_blocks(text: str) -> None:
    """The compiled ``blocks`` reads what its pure namesake reads, up to where it
    stops: at the same unit, or earlier, at a block it leaves to the reference."""
    from scmpfeeds._compiled.markdown_dump import blocks as compiled_blocks
    from scmpfeeds._pure.markdown_dump import blocks as pure_blocks
    from scmpfeeds.markdown_dump._reader import _Reader as _DumpReader

    reader = _DumpReader("x.md", False, lambda problem: None)
    compiled: list[Article] = []
    pure: list[Article] = []
    ends = (
        compiled_blocks(reader, text, 0, len(text), 1, compiled),
        pure_blocks(reader, text, 0, len(text), 1, pure),
    )
    event(f"{'same stop' if ends[0] == ends[1] else 'compiled stops first'}")
    assert compiled == pure[: len(compiled)]
    assert [a.lineno for a in compiled] == [a.lineno for a in pure[: len(compiled)]]
    assert ends[0][0] <= ends[1][0]
    if ends[0][0] == ends[1][0]:
        assert ends[0] == ends[1]
        assert len(compiled) == len(pure)


@given(st.lists(dump_articles(), min_size=1, max_size=5))
def test_markdown_both_ways_on_generated_dumps(articles: list[Article]) -> None:
    every_markdown_way(render_markdown_dump(articles).encode())


@given(st.one_of(*(mutated(seed) for seed in MARKDOWN)))
def test_markdown_both_ways_on_mutated_seeds(data: bytes) -> None:
    every_markdown_way(data)


@given(block_text())
def test_markdown_both_ways_on_block_shaped_text(text: str) -> None:
    every_markdown_way(text.encode())


@given(seed=st.sampled_from(MARKDOWN), size=st.integers(1, 700))
def test_markdown_both_ways_when_a_file_arrives_in_small_reads(seed: bytes, size: int) -> None:
    assert_both_ways_equal(lambda: parse_markdown_dump(io.BufferedReader(Chunks(seed, size))))


@pytest.mark.parametrize("path", [*SEEDS[:1], *SEEDS[2:4], *REAL_MARKDOWN], ids=lambda p: p.name)
def test_markdown_both_ways_on_real_dumps(path: Path) -> None:
    every_markdown_way(path.read_bytes())


def test_markdown_both_ways_on_the_archive_sample(archive: Path) -> None:
    dumps = sorted(archive.rglob("*.md"))
    assert len(dumps) == 2000
    articles = 0
    for dump in dumps:
        result = assert_both_ways_equal(partial(parse_markdown_dump, dump))
        articles += len(result[0].articles)
    assert articles == 45_233
    # The folder reader too.
    assert_both_ways_equal(lambda: list(scmpfeeds.read(archive)))


# -- RSS -----------------------------------------------------------------------------------


@given(rss_feeds())
def test_rss_both_ways_on_generated_feeds(feed: Feed) -> None:
    every_rss_way(render_rss(feed))


@given(mutated(RSS))
def test_rss_both_ways_on_mutated_seeds(data: bytes) -> None:
    every_rss_way(data)


@given(st.binary(max_size=600))
def test_rss_both_ways_on_arbitrary_bytes(data: bytes) -> None:
    every_rss_way(data)


@pytest.mark.parametrize(
    "path", [FIXTURES / "004_7a0e8304e58f6477.txt", *REAL_RSS, *CORPUS_RSS], ids=lambda p: p.name
)
def test_rss_both_ways_on_real_feeds(path: Path) -> None:
    every_rss_way(path.read_bytes())


def test_rss_both_ways_on_a_feed_of_oddities() -> None:
    """Each item holds something the compiled walk leaves to the reference."""
    items = [
        "<title>plain</title><link>https://www.scmp.com/a/article/1/x</link>",
        "<title>a <b>child</b> element</title><link>https://x/1</link>",
        "<title>html</title><description>&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</description>",
        "<title>entity</title><description>A &amp;amp; B</description>",
        "<title>authors</title><author>A, B and C</author><dc:creator>A</dc:creator>",
        "<title>bad date</title><pubDate>yesterday</pubDate>",
        "<title>empty date</title><pubDate></pubDate>",
        "",
        "<title>dc</title><dc:date>2024-01-01T00:00:00Z</dc:date>",
        "<title>media</title><media:group><media:content url='https://i/1.jpg'/></media:group>"
        "<enclosure url='https://v/1.mp4' length='30'/><media:thumbnail url='https://i/1.jpg'"
        " width='x' height='2'/>",
        "<title>guid</title><guid isPermaLink='false'>tag:1</guid><category> c </category>",
        "<title>nested</title><item><title>inner</title></item>",
        "<!-- a comment --><title>comment</title><?pi x?>",
        "<title><![CDATA[cdata ]]> and text</title><link> https://x/2 </link>",
        "<title>other</title><foo:bar xmlns:foo='urn:x'>kept</foo:bar>",
    ]
    body = "".join(f"<item>{item}</item>\n" for item in items)
    data = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>'
        f"<link>https://feed</link>\n{body}</channel></rss>"
    ).encode()
    result = assert_both_ways_equal(lambda: parse_rss(data))
    # +1: the nested item; +1: the bad date is an article and a problem
    assert len(result[0].articles) + len(result[0].problems) == len(items) + 2


def _stray_feed(where: str) -> bytes:
    """A small feed with one <item> out of place (*where* says where)."""
    good = "<item><title>good {}</title><link>https://www.scmp.com/a/article/{}/x</link></item>"
    stray = "<item><title>stray</title></item>"
    parts = {
        "before the channel": (stray, "", "", ""),
        "after the channel": ("", "", "", stray),
        "in the channel's image": ("", f"<image><url>u</url>{stray}</image>", "", ""),
        "in an enclosure": ("", "", f"<enclosure url='https://i/1.jpg'>{stray}</enclosure>", ""),
        "in a description": ("", "", f"<description>a {stray} b</description>", ""),
        "namespaced": ("", "<x:item xmlns:x='urn:x'><title>x</title></x:item>", "", ""),
        "nowhere": ("", "", "", ""),
    }
    before, in_channel, in_item, after = parts[where]
    items = "".join(good.format(k, k) for k in range(3))
    return (
        f'<?xml version="1.0"?><rss version="2.0">{before}<channel><title>t</title>'
        f"<item><title>bad date</title><pubDate>never</pubDate></item>"
        f"{in_channel}{items}<item><title>host</title>{in_item}</item></channel>{after}</rss>"
    ).encode()


@pytest.mark.parametrize(
    "where",
    [
        "before the channel",
        "after the channel",
        "in the channel's image",
        "in an enclosure",
        "in a description",
        "namespaced",
        "nowhere",
    ],
)
def test_rss_both_ways_with_an_item_out_of_place(where: str) -> None:
    """The compiled whole-tree walk gives up part-way, dropping what it read; the
    problems (lenient) and the first error (strict) are the streaming reference's."""
    data = _stray_feed(where)
    lenient, _, _, _ = assert_both_ways_equal(lambda: parse_rss(data))
    problems = [p.message for p in lenient.problems]
    assert sum(p.startswith("invalid <pubDate>") for p in problems) == 1  # not twice
    stray = [p for p in problems if "not in the channel's list" in p]
    # (an element of another namespace named item is not an RSS item: kept as extra)
    assert len(stray) == (0 if where in ("nowhere", "namespaced") else 1)
    if stray:  # reported where it stands in the document
        assert stray[0] == problems[0 if where == "before the channel" else -1]
    strict, _, _, _ = assert_both_ways_equal(lambda: parse_rss(data, strict=True))
    assert strict[:2] == ("raised", "ParseError")
    assert problems[0] in strict[2]


def test_rss_both_ways_with_declared_attribute_defaults() -> None:
    """A DTD's default attribute values are read as lxml reads them, both ways."""
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ATTLIST enclosure type CDATA "image/png">]>'
        b'<rss version="2.0"><channel><title>t</title><item><title>a</title>'
        b"<enclosure url='https://i/1.jpg'/></item></channel></rss>"
    )
    feed, _, _, _ = assert_both_ways_equal(lambda: parse_rss(data))
    assert feed.articles[0].media[0].type == "image/png"


# -- RSS without a tree: the scan ------------------------------------------------------------


def scanned(data: bytes) -> bool:
    """Whether the compiled core reads *data* with its scan (not lxml's tree)."""
    held: list[scmpfeeds.Problem] = []
    return _rss_stream._scanned(None, False, held.append, False, data) is not None


_NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/", "media": "http://search.yahoo.com/mrss/"}


def _feed(items: str, channel: str = "<title>t</title><link>https://feed</link>") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:media="http://search.yahoo.com/mrss/">\n<channel>'
        f"{channel}\n{items}</channel>\n</rss>\n"
    ).encode()


_SCANNED_ITEMS = (
    "<item>\n  <title>A &amp; B</title>\n  <link>https://www.scmp.com/a/article/1/x</link>\n"
    "  <pubDate>Thu, 16 Apr 2026 07:00:36 +0000</pubDate>\n"
    "  <description><![CDATA[Text with <b>bold</b>]]> and &lt;i&gt;more&lt;/i&gt;</description>\n"
    "  <author>A, B and C</author><dc:creator>D</dc:creator>\n"
    "  <guid isPermaLink='false'>tag:1</guid><category> c </category>\n"
    "  <media:content url=' https://i/1.jpg ' type='image/jpeg' width='10' height='x'/>\n"
    "  <enclosure url='https://i/1.jpg' length='5'/><!-- between children --><?pi x?>\n"
    "</item>\n"
    "<item><title>\u4e2d\u6587 \U0001f600</title><pubDate>Mon, 1 Jan 2024 00:00:00 HKT</pubDate>"
    "<description>  </description>"
    "<link>\r\n https://x.example/a?utm_source=rss \r\n</link></item>\n"
    "<item><description>no title</description><guid>https://www.scmp.com/a/article/7/y</guid>"
    "</item>\n"
)


def test_the_scan_reads_plain_feeds_as_the_tree_walk_does() -> None:
    data = _feed(_SCANNED_ITEMS)
    assert scanned(data)
    feed = every_rss_way(data)
    starts = [k for k in range(len(data)) if data.startswith(b"<item>", k)]
    assert [a.lineno for a in feed.articles] == [data.count(b"\n", 0, k) + 1 for k in starts]
    assert feed.articles[0].summary == "Text with bold and more"
    assert feed.articles[0].authors == ("A", "B", "C", "D")


@pytest.mark.parametrize(
    "path", [FIXTURES / "004_7a0e8304e58f6477.txt", REALDATA / "rss" / "2019-10-06.scmp-rss2.xml"]
)
def test_the_scan_reads_scmps_real_feeds(path: Path) -> None:
    data = path.read_bytes()
    assert scanned(data)
    every_rss_way(data)


_DECLINED = {
    "a DOCTYPE": ("<!DOCTYPE rss>", ""),
    "an ENTITY in a description": ("", "<description><![CDATA[<!ENTITY x 'y'>]]></description>"),
    "an element in a field": ("", "<title>a <b>b</b></title>"),
    "a comment in a field": ("", "<title>a<!-- c -->b</title>"),
    "an instruction in a field": ("", "<title>a<?pi x?>b</title>"),
    "an unknown child": ("", "<source url='https://s'>S</source>"),
    "a media group": ("", "<media:group><media:content url='https://i/2.jpg'/></media:group>"),
    "an item in an item": ("", "<item><title>inner</title></item>"),
    "an item in a CDATA section": ("", "<description><![CDATA[<item>]]></description>"),
    "an empty CDATA date": ("", "<pubDate><![CDATA[]]></pubDate>"),
    "a bad date": ("", "<pubDate>yesterday</pubDate>"),
    "a title-less item": ("<!-- no title -->", "<link>https://x/1</link>"),
    # (libxml2 refuses a name of over 50,000 characters; expat takes it)
    "an attribute name libxml2 refuses": ("", f"<category n{'x' * 60_000}='1'>c</category>"),
    "a field of over a megabyte": ("", f"<description>{'x' * (1 << 20)}y</description>"),
}


@pytest.mark.parametrize("case", sorted(_DECLINED))
def test_the_scan_leaves_to_the_tree_walk_what_it_cannot_be_sure_of(case: str) -> None:
    prolog, child = _DECLINED[case]
    title = "" if case == "a title-less item" else "<title>x</title>"
    item = f"<item>{title}{child}</item>\n"
    data = _feed(_SCANNED_ITEMS + item + _SCANNED_ITEMS)
    if prolog:
        data = data.replace(b"<rss ", prolog.encode() + b"<rss ", 1)
    assert not scanned(data)
    every_rss_way(data)


@pytest.mark.parametrize(
    "shape",
    [
        "<item >",
        "<item/>",
        "<rss:item xmlns:rss='urn:x'>",
        "channel after items",
        "a second channel",
        "broken half-way",
        "an item after the channel",
    ],
)
def test_the_scan_declines_items_out_of_its_shape(shape: str) -> None:
    data = _feed(_SCANNED_ITEMS * 2)
    if shape == "<item >":
        data = data.replace(b"<item>", b"<item >", 1)
    elif shape == "<item/>":
        data = data.replace(b"</channel>", b"<item/></channel>")
    elif shape == "<rss:item xmlns:rss='urn:x'>":
        data = data.replace(b"</channel>", b"<rss:item xmlns:rss='urn:x'/></channel>")
    elif shape == "channel after items":
        data = data.replace(b"</channel>", b"<lastBuildDate>x</lastBuildDate></channel>")
    elif shape == "a second channel":
        data = data.replace(b"</rss>", b"<channel><title>u</title></channel></rss>")
    elif shape == "broken half-way":
        middle = len(data) // 2
        data = data[:middle] + b"<" + data[middle:]
    else:
        data = data.replace(b"</rss>", b"<item><title>z</title></item></rss>")
    assert not scanned(data)
    every_rss_way(data)


def test_an_error_inside_the_scan_is_raised_not_swallowed() -> None:
    """An error while an item is built is raised, not taken for a decline (which
    would read the document again through the tree walk)."""
    compiled = _implementation.rss
    assert compiled is not None
    data = _feed(_SCANNED_ITEMS)
    found = compiled.item_lines(data)
    assert found is not None

    class Broken:
        cst_as_china = False
        source = None

        @property
        def meta(self) -> dict[str, str]:
            raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError, match="the reader broke"):
        compiled.scan_items(data, Broken(), *found, _NAMESPACES)
    with pytest.raises(ValueError, match="first <item>"):
        compiled.scan_items(data, Broken(), found[0] + 1, found[1], {})


# iter_rss reads a small document the compiled core's whole ways when that gives
# what the stream gives, in the same order: no problem met, nothing taken from a
# channel that gives it only after the items.
_BAD_DATE = "<item><title>d</title><pubDate>yesterday</pubDate></item>\n"
_ITERATED = {
    "plain": (_feed(_SCANNED_ITEMS), True),
    "the channel's link after the items": (
        _feed(_SCANNED_ITEMS, channel="<title>t</title>").replace(
            b"</channel>", b"<link>https://late.example/</link></channel>"
        ),
        False,
    ),
    "a bad date between items": (_feed(_SCANNED_ITEMS + _BAD_DATE + _SCANNED_ITEMS), False),
    "broken half-way": (_feed(_SCANNED_ITEMS * 3)[:-700], False),
    "not RSS": (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry/></feed>", False),
    "a tree-walked feed": (_feed("<item><title>a <b>b</b></title></item>" + _SCANNED_ITEMS), True),
}


def iterated(source: Callable[[], Any], strict: bool) -> list[object]:
    """What ``iter_rss`` gives, in order: its articles and problems, then any error."""
    seen: list[object] = []
    try:
        for article in iter_rss(source(), strict=strict, on_problem=seen.append):
            seen.append((article, article.source, article.lineno))
    except ParseError as exc:
        seen.append(str(exc))
    return seen


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("case", sorted(_ITERATED))
def test_iter_rss_gives_what_the_stream_gives_in_its_order(case: str, strict: bool) -> None:
    data, whole = _ITERATED[case]
    reader = _Reader(None, strict, lambda problem: None)
    file = io.BytesIO(b"xx" + data)
    file.seek(2)
    assert (_rss_stream._small_whole(reader, file, None) is not None) == whole
    assert file.tell() == (2 + len(data) if whole else 2)  # (else back for the stream)
    compiled = iterated(lambda: data, strict)
    with _implementation.pure():
        assert iterated(lambda: data, strict) == compiled
    assert any(isinstance(seen, tuple) for seen in compiled) or case == "not RSS"
    if case == "a bad date between items" and not strict:
        problem = next(i for i, seen in enumerate(compiled) if isinstance(seen, scmpfeeds.Problem))
        assert 0 < problem < len(compiled) - 1  # between the articles, as streamed
    if case == "the channel's link after the items":
        first = compiled[0]
        assert isinstance(first, tuple)
        assert first[0].feed_url is None  # (streamed: not known yet)


def test_iter_rss_streams_what_does_not_fit_or_cannot_be_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _feed(_SCANNED_ITEMS * 4)
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    reader = _Reader(None, False, lambda problem: None)
    with path.open("rb") as file:
        assert _rss_stream._small_whole(reader, file, None) is not None
    unseekable = io.BufferedReader(Chunks(data, 100))
    assert _rss_stream._small_whole(reader, unseekable, None) is None  # (no seek)
    sources: list[Callable[[], Any]] = [lambda: data, lambda: path, lambda: Chunks(data, 100)]
    expected = [iterated(source, False) for source in sources]
    assert len(expected[0]) == 4 * _SCANNED_ITEMS.count("<item>")
    monkeypatch.setattr(_rss_stream, "_WHOLE_TREE_LIMIT", len(data) - 1)
    with path.open("rb") as file:
        assert _rss_stream._small_whole(reader, file, None) is None  # (its size, from fstat)
    assert _rss_stream._small_whole(reader, io.BytesIO(data), None) is None  # (read to see)
    assert [iterated(source, False) for source in sources] == expected
    with _implementation.pure():
        assert [iterated(source, False) for source in sources] == expected


_SPACED = "<item>\n <title>x</title><link>https://www.scmp.com/a/article/5/b</link></item>\n"
_WINDOWED = {
    "plain": (_feed(_SCANNED_ITEMS * 30), True),
    # (past line 65,535, "<item><title>" is declined: libxml2 gives the line of the
    # first child, which the scan finds only in white space after "<item>")
    "lines past 65,535": (_feed(_SPACED * 50 + "\n" * 70_000 + _SPACED * 50), True),
    "a bad date half-way": (_feed(_SCANNED_ITEMS * 15 + _BAD_DATE + _SCANNED_ITEMS * 15), False),
    "broken half-way": (_feed(_SCANNED_ITEMS * 30)[:-3000], False),
    "the channel's link after the items": (
        _feed(_SCANNED_ITEMS * 30, channel="<title>t</title>").replace(
            b"</channel>", b"<link>https://late.example/</link></channel>"
        ),
        False,
    ),
    "an item longer than a window": (
        _feed(_SCANNED_ITEMS * 5 + f"<item><title>{'x' * 9000}</title></item>" + _SCANNED_ITEMS),
        True,
    ),
    "an <item> in a comment": (
        _feed(_SCANNED_ITEMS * 15 + "<!--<item>-->" + _SCANNED_ITEMS),
        False,
    ),
    # (a DTD in the head may give the items' attributes defaults: lxml reads those)
    "a DTD's attribute defaults": (
        _feed(_SCANNED_ITEMS * 30).replace(
            b"<rss ", b'<!DOCTYPE rss [<!ATTLIST guid isPermaLink CDATA "maybe">]><rss ', 1
        ),
        False,
    ),
}


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("case", sorted(_WINDOWED))
def test_iter_rss_scans_a_larger_document_in_windows(
    case: str, strict: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document over the whole-tree limit is scanned a window at a time; where
    the scan declines part-way, the stream gives what follows what was given."""
    data, scanned_through = _WINDOWED[case]
    with _implementation.pure():
        expected = iterated(lambda: data, strict)
    monkeypatch.setattr(_rss_stream, "_WHOLE_TREE_LIMIT", 1000)
    monkeypatch.setattr(_rss_stream, "_WINDOW", 4096)
    streamed: list[bool] = []
    stream = _rss_stream._stream

    def watched(*args: Any) -> Iterator[Article]:
        streamed.append(True)
        return stream(*args)

    monkeypatch.setattr(_rss_stream, "_stream", watched)
    assert iterated(lambda: data, strict) == expected
    assert iterated(lambda: io.BytesIO(data), strict) == expected
    assert (not streamed) == scanned_through
    assert sum(isinstance(seen, tuple) for seen in expected) >= 5


@pytest.mark.parametrize("lines", [65_530, 65_532, 65_533, 65_534, 65_535, 70_000])
@pytest.mark.parametrize("after", ["\n", "\n  \n ", "\r\n", " ", ""])
def test_the_scan_gives_lines_past_65535_as_libxml2_does(lines: int, after: str) -> None:
    """libxml2 keeps a line from 65,535 on for text nodes only, and gives an element
    its first child's: the scan finds the same numbers in the bytes."""
    items = f"<item>{after}<title>x</title></item><item>\n<title>y</title></item>"
    data = _feed("\n" * lines + items)
    big = lines > 65_530
    assert scanned(data) == (after != "" or not big)
    feed = every_rss_way(data)
    assert len(feed.articles) == 2


_FIELD_TEXT = st.lists(
    st.sampled_from(
        ["a", " ", "\n", "\r\n", "\t", "&amp;", "&lt;b&gt;", "&#233;", "中", "😀",
         "<![CDATA[x<y]]>", ",", " and ", "@", "&#x10FFFF;"]
    ),
    max_size=8,
).map("".join)  # fmt: skip
_CHILDREN = st.sampled_from(
    ["title", "link", "pubDate", "author", "dc:creator", "description", "guid", "category"]
)


@st.composite
def scanned_items(draw: st.DrawFn) -> str:
    """An item of the shapes the scan reads, or nearly."""
    parts = [draw(st.sampled_from(["", "\n", "\n  ", " "]))]
    if draw(st.integers(0, 9)):  # (an item without a title or description is a problem)
        parts.append(f"<title>{draw(_FIELD_TEXT)}</title>")
    for _ in range(draw(st.integers(0, 6))):
        name = draw(_CHILDREN)
        text = draw(_FIELD_TEXT)
        if name == "pubDate":
            dates = ["Thu, 16 Apr 2026 07:00:36 +0000", "Mon, 1 Jan 2024 00:00:00 HKT", ""]
            text = draw(st.sampled_from([*dates, text]))  # (any text: mostly a problem)
        attributes = " isPermaLink='false'" if name == "guid" and draw(st.booleans()) else ""
        parts.append(f"<{name}{attributes}>{text}</{name}>")
        parts.append(draw(st.sampled_from(["", "\n", "<!-- c -->", "<?p q?>"])))
    if draw(st.booleans()):
        url = draw(st.sampled_from(["https://i/1.jpg", " https://i/1.jpg", "", "x"]))
        tag = draw(st.sampled_from(["media:content", "media:thumbnail", "enclosure"]))
        size = draw(st.sampled_from(["", " width='10'", " width='1x'", " length='3'"]))
        parts.append(f"<{tag} url='{url}'{size}/>")
    return "<item>" + "".join(parts) + "</item>\n"


@given(st.lists(scanned_items(), min_size=1, max_size=5))
def test_the_scan_both_ways_on_generated_items(items: list[str]) -> None:
    data = _feed("".join(items))
    event("scanned" if scanned(data) else "declined")
    every_rss_way(data)


# The tokenizer reads the body of a document itself and must refuse whatever
# libxml2 refuses: pieces of XML, each well-formed or nearly, in every place a
# piece can stand (between items, between an item's children, in a field, in an
# attribute's value).  Whatever the scan reads must equal the tree walk's reading.
def _rarely(rare: st.SearchStrategy[Any], usual: st.SearchStrategy[Any], one_in: int) -> Any:
    """*rare* one time in *one_in*, else *usual* (drawn from the middle of the range,
    which Hypothesis draws no more often than the rest, unlike its ends)."""
    return st.integers(0, one_in - 1).flatmap(lambda n: rare if n == one_in // 2 else usual)


_GOOD = (
    ["a", " ", "\n", "\r\n", "\t", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;",
     "&#x41;", "&#000000065;", "&#x10FFFF;", "]]", "]>", ">", "\x7f", "\x85", "\u2028", "\ud7ff",
     "\ue000", "中", "😀", "<!---->", "<!-- c -->", "<!--->-->", "<?p q?>", "<?p?>",
     "<?xml-x y?>", "<![CDATA[x]]>", "<![CDATA[a]]]]>"]
)  # fmt: skip
_BAD = (
    ["\r", "&nbsp;", "&amp", "& ", "&#X41;", "&#0;", "&#xD800;", "&#xFFFE;", "&#x110000;",
     "&#;", "&#x;", "]]>", "\x00", "\x01", "\x0b", "\ufffe", "\uffff",
     "<!-- a -- b -->", "<!-- a --->", "<?xml x?>", "<?XmL?>", "<?a:b c?>", "<?p\x01?>",
     "<?p", "<!-- x", "<![CDATA[]]>", "<![CDATA[\x02]]>", "<![CDATA[x", "<!DOCTYPE x>",
     "<b>b</b>", "<b/>", "</b>", "< b/>", "<1/>"]
)  # fmt: skip
_GOOD_PIECES, _BAD_PIECES = st.sampled_from(_GOOD), st.sampled_from(_BAD)
# Mostly pieces libxml2 takes, one in forty it refuses or the scan declines (a
# document holds some twenty pieces: about half hold one).
_XML_TEXT = _rarely(_BAD_PIECES, _GOOD_PIECES, 40)
_XML_BYTES = st.sampled_from(
    [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80"]
)
_VALUES = st.lists(
    _rarely(
        st.sampled_from(["<", "'", '"', "&bad;", "\x01", "\r"]),
        st.sampled_from(
            ["https://i/1.jpg", " ", "\t", "\n", "\r\n", "&amp;", "&#10;", "&#9;", ">", "中", "10"]
        ),
        40,
    ),
    max_size=5,
).map("".join)
_ATTRIBUTE_NAMES = _rarely(
    st.sampled_from(["x:y", "xmlns", "xmlns:z", "a:b:c", ":a", "é", "1a"]),
    st.sampled_from(
        ["url", "type", "width", "height", "medium", "length", "isPermaLink", "xml:lang",
         "media:x", "dc:x", "a-b", "a.b"]
    ),
    20,
)  # fmt: skip
_TAG_NAMES = _rarely(
    st.sampled_from(["x:creator", "dc:subject", "media:title", "source", "item"]),
    st.sampled_from(
        ["title", "link", "description", "guid", "category", "author", "pubDate", "dc:creator",
         "media:content", "media:thumbnail", "enclosure"]
    ),
    10,
)  # fmt: skip


@st.composite
def _attributes(draw: st.DrawFn) -> str:
    parts = []
    names = draw(st.lists(_ATTRIBUTE_NAMES, max_size=3, unique=True))
    if names and draw(st.integers(0, 19)) == 10:
        names.append(names[0])  # (an attribute given twice)
    for name in names:
        quote = draw(st.sampled_from(["'", '"']))
        value = draw(_VALUES)
        space = draw(st.sampled_from([" ", "  ", "\n", "\t", "\r\n", " "]))
        equals = draw(st.sampled_from(["=", " = ", "\n=", "="]))
        parts.append(f"{space}{name}{equals}{quote}{value}{quote}")
    return "".join(parts)


@st.composite
def _tokenized_items(draw: st.DrawFn) -> bytes:
    parts: list[bytes] = [b"<item>"]
    if draw(st.integers(0, 4)):
        parts.append(b"<title>t</title>")
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 39))
        if choice < 8:  # a piece between children
            parts.append(draw(_XML_TEXT).encode())
        elif choice == 20:  # a byte that is not UTF-8, or not an XML character
            parts.append(b"<title>" + draw(_XML_BYTES) + b"</title>")
        else:  # a child, with attributes and pieces of text
            name = draw(_TAG_NAMES)
            text = "".join(draw(st.lists(_XML_TEXT, max_size=3)))
            close = draw(st.sampled_from([f"</{name}>", f"</{name} >", f"</{name}\n>"]))
            if draw(st.integers(0, 39)) == 20:
                close = draw(st.sampled_from(["</x>", f"</{name}", f"</ {name}>", ""]))
            if draw(st.integers(0, 3)) == 0:
                parts.append(f"<{name}{draw(_attributes())}/>".encode())
            else:
                parts.append(f"<{name}{draw(_attributes())}>{text}{close}".encode())
    parts.append(b"</item>")
    parts.append(draw(_XML_TEXT).encode() if draw(st.integers(0, 3)) == 0 else b"\n")
    return b"".join(parts)


_AFTER_THE_ROOT = _rarely(
    st.sampled_from(["a", "&amp;", "<x/>", "<![CDATA[x]]>", "<?xml x?>", "\r"]),
    st.sampled_from(["", "\n", " \r\n", "<!-- c -->", "<?p q?>", "\n<!---->\n"]),
    10,
)


@given(st.lists(_tokenized_items(), min_size=1, max_size=4), _XML_TEXT, _AFTER_THE_ROOT)
def test_the_scan_refuses_what_libxml2_refuses(items: list[bytes], after: str, end: str) -> None:
    data = _feed("").replace(b"</channel>", b"".join(items) + after.encode() + b"</channel>")
    data += end.encode()
    event("scanned" if scanned(data) else "declined")
    every_rss_way(data)


_ITEM = "<item><title>u</title></item>"
_PLACES: dict[str, Callable[[str], bytes]] = {
    "between items": lambda piece: _feed(f"<item><title>t</title></item>{piece}{_ITEM}"),
    "between children": lambda piece: _feed(f"<item><title>t</title>{piece}<link>l</link></item>"),
    "in a field": lambda piece: _feed(f"<item><title>t{piece}u</title></item>"),
    "after the root": lambda piece: _feed("<item><title>t</title></item>") + piece.encode(),
}


@pytest.mark.parametrize("place", sorted(_PLACES))
@pytest.mark.parametrize("piece", _BAD)
def test_the_scan_declines_each_piece_libxml2_refuses(piece: str, place: str) -> None:
    data = _PLACES[place](piece)
    assert not scanned(data)
    every_rss_way(data)


@pytest.mark.parametrize("place", sorted(_PLACES))
@pytest.mark.parametrize("piece", _GOOD)
def test_the_scan_reads_each_piece_libxml2_takes_where_it_may(piece: str, place: str) -> None:
    """Text and references anywhere in an item; comments and instructions outside
    fields (in one, lxml's element holds more than text); CDATA in a field."""
    data = _PLACES[place](piece)
    markup = piece.startswith(("<!--", "<?"))
    if place == "in a field":
        expected = not markup
    elif place == "after the root":
        expected = markup or not piece.strip(" \r\n\t")
    else:
        expected = not piece.startswith("<![CDATA[")
    assert scanned(data) == expected
    every_rss_way(data)


_NOT_CHARACTERS = [
    b"\xff", b"\xc0\x80", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80",
    b"\xf0\x80\x80\x80", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\x80", b"\x0c",
]  # fmt: skip


@pytest.mark.parametrize("place", ["between items", "between children", "in a field", "a value"])
@pytest.mark.parametrize("raw", _NOT_CHARACTERS)
def test_the_scan_declines_bytes_that_are_no_xml_character(raw: bytes, place: str) -> None:
    if place == "a value":
        data = _feed("<item><title>t</title><enclosure url='https://i/@'/></item>")
    else:
        data = _PLACES[place]("@")
    data = data.replace(b"@", raw)
    assert not scanned(data)
    every_rss_way(data)


@pytest.mark.parametrize(
    "value",
    ["a&amp;b", "a&#10;b", "a\tb\nc\r\nd", "&#x4E2D;", "中", "a>b", "a]]>b", "&lt;"],
)
@pytest.mark.parametrize("quote", ["'", '"'])
def test_the_scan_reads_attribute_values_as_libxml2_does(value: str, quote: str) -> None:
    item = (
        f"<item><title>t</title><media:content url={quote}https://i/{value}{quote}"
        f" medium={quote}{value}{quote} width={quote}{value}{quote}/></item>"
    )
    data = _feed(item)
    assert scanned(data)
    (article,) = every_rss_way(data).articles
    content = etree.fromstring(data).find(".//{*}content")
    assert content is not None
    assert article.media[0].medium == content.get("medium")


@pytest.mark.parametrize("value", ["a<b", "&nbsp;", "&amp", "\x01", "a\rb", "&#0;"])
def test_the_scan_declines_attribute_values_libxml2_refuses(value: str) -> None:
    data = _feed(f"<item><title>t</title><enclosure url='https://i/{value}'/></item>")
    assert not scanned(data)
    every_rss_way(data)


@pytest.mark.parametrize(
    "tag",
    ["<enclosure url='a' url='b'/>", "<enclosure url='a'type='b'/>", "<enclosure url=a/>",
     "<enclosure xmlns:m='urn:m' url='a'/>", "<category xmlns='urn:x'>c</category>",
     "<enclosure m:url='a'/>", "<enclosure :a='a'/>",
     "<enclosure a:b:c='a'/>", "<enclosure url='a' media:x='1' dc:x='2'/>", "<enclosure url='a'",
     "<enclosure url='a'/ >", "<x:creator>a</x:creator>", "<dc:creator>a</dc:creator >",
     "<dc:creator>a</creator>", "<title>a</title\r\n>"],
)  # fmt: skip
def test_the_scan_checks_tags_as_libxml2_does(tag: str) -> None:
    data = _feed(f"<item><title>t</title>{tag}</item>")
    assert scanned(data) == tag.endswith(("</dc:creator >", "</title\r\n>"))
    every_rss_way(data)


def test_the_scan_reads_what_it_checked() -> None:
    """The tokenizer's own cases, read the fast way and equal to the tree walk's."""
    items = (
        "<item><title>a &amp; b &#x4E2D; &#20013;\r\nc</title>\r\n"
        "<guid isPermaLink = 'false' xml:lang=\"en\">g</guid><?p x?><!-- - -->"
        "<media:content url='https://i/1.jpg?a=1&amp;b=2' width=\"1\" height='2'"
        "\n type='image/jpeg'\tmedium=\"image\"/>"
        "<enclosure url='\thttps://i/2.jpg\r\n' length='5'></enclosure>"
        "<description><![CDATA[<p>x</p>]]>&lt;b&gt;y&lt;/b&gt;</description></item>\n"
    )
    data = _feed(items) + b"<!-- after -->\n<?p after?>\n"
    assert scanned(data)
    article = every_rss_way(data).articles[0]
    assert article.title == "a & b \u4e2d \u4e2d\nc"
    assert [m.url for m in article.media] == ["https://i/1.jpg?a=1&b=2", "https://i/2.jpg"]
    assert article.extra[-1] == ("description html", "<p>x</p><b>y</b>")
    assert (article.media[0].width, article.media[0].height) == (1, 2)


def _value_or_error(function: Callable[..., object], *args: Any, **kwargs: Any) -> object:
    try:
        value = function(*args, **kwargs)
    except ValueError as exc:
        return ("raised", str(exc))
    return value, repr(value)  # (equal datetimes may differ in their zone's offset)


_DATE_PARTS = st.sampled_from(
    ["Thu, ", "Sun, ", "xyz, ", "16", "31", "30", "00", "1", " ", " Apr ", " Feb ", " apr ",
     " APR ", "2026", "0000", "99", "07", "23", "24", "59", "60", ":", "+", "-", "0000", "0800",
     "2400", "0075", "+0000", "-0530", " GMT", " HKT", " CST", "\u0663", "\n"]
)  # fmt: skip


@given(
    st.one_of(
        st.lists(_DATE_PARTS, max_size=16).map("".join),
        st.tuples(
            st.sampled_from(["Thu", "Mon", "xx,"]),
            st.integers(0, 39),
            st.sampled_from(["Jan", "Feb", "Apr", "Dec", "Foo", "jan"]),
            st.integers(0, 10_000),
            st.integers(0, 30),
            st.integers(0, 65),
            st.integers(0, 65),
            st.sampled_from("+-x "),
            st.integers(0, 3000),
        ).map(lambda p: "{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} {}{:04d}".format(*p)),
    ),
    st.booleans(),
)
def test_rss_dates_both_ways(text: str, cst_as_china: bool) -> None:
    from scmpfeeds._compiled.rss import date

    event("usual shape" if len(text) == 31 else "another shape")
    assert _value_or_error(date, text, cst_as_china) == _value_or_error(
        parse_rfc822_datetime, text, cst_as_china=cst_as_china
    )


@given(
    st.lists(
        st.sampled_from(
            ["/", "article", "/article/", "123", "4", "x", "?", "#", "utm=1", "\n", " ", "\u0663",
             "é", "-", "article/9/"]
        ),
        max_size=12,
    ).map("".join),
    st.sampled_from(["https://www.scmp.com", "https://www.scmp.com/", "http://www.scmp.com/"]),
)  # fmt: skip
def test_rss_links_both_ways(path: str, start: str) -> None:
    from scmpfeeds._compiled.rss import link_parts

    link = start + path
    assert _value_or_error(link_parts, link) == _value_or_error(url_and_id, link)


@given(
    st.lists(
        st.sampled_from(
            ["https://i/", "a", ".", ".jpg", ".JPEG", ".mp4", ".m3u8", ".mp3", ".x", ".toolong",
             "?", "#", "/", ".png?x=.mp4", "é", "\u0663", ".j\u0131g", "\n", " "]
        ),
        max_size=6,
    ).map("".join),
    st.sampled_from([None, "image/jpeg", " Video/MP4", "audio", "text/html", "", "IMAGE"]),
    st.sampled_from([None, "image", " Image ", "video", "audio", "document", "", "VIDEO"]),
)  # fmt: skip
def test_rss_media_kinds_both_ways(url: str, type_: str | None, medium: str | None) -> None:
    from scmpfeeds._compiled.rss import media_kind as compiled_kind

    assert compiled_kind(url, type_, medium) == media_kind(url, type_, medium)


@given(
    st.lists(
        st.sampled_from(
            ["A", "Iris Deng", ",", ", ", " and ", "and", " and", "and ", "\tand\n", "  ",
             "\u3000", "\x1c", "\xa0and\xa0", "Anderson", "band", " And ", "@", "a@b (C)", "中"]
        ),
        max_size=10,
    ).map("".join)
)  # fmt: skip
def test_rss_authors_both_ways(text: str) -> None:
    from scmpfeeds._compiled.rss import authors

    name = text.strip()
    several = "," in name or " and " in name or "@" in name
    event("split" if several else "one name or none")
    expected = _split_authors(name) if several else [name] if name else []
    assert authors(text) == expected


@given(links(), link_tails())
def test_links_with_any_query_both_ways(link: str, tail: str) -> None:
    """The twins keep what the identity rule keeps of a query, on RSS and in dumps."""
    from scmpfeeds._compiled.rss import link_parts

    link = link.partition("?")[0].partition("#")[0] + tail
    assert link_parts(link) == url_and_id(link)
    date = "2024-01-01T00:00:00+00:00"
    dump = f"## T\n - [{link}]({link})\n - RSS feed: f\n - date published: {date}\n\nS\n"
    (article,) = assert_both_ways_equal(lambda: parse_markdown_dump(dump))[0].articles
    assert (article.url, article.id) == url_and_id(link)


# Query parts, an empty one (as in "a&&b" or "a&") about as often as all the rest.
_QUERY_PARTS = st.lists(
    st.just("")
    | st.sampled_from(
        ["utm_a=1", "UTM_b", "uTm_=", "utm", "utm=1", "utm_", "ftag=x", "FTAG", "ito=1", "_ga=2",
         "v=AAA", "traffic_source=r", "ns_mchannel=rss", "ns_Campaign=1", "=", "x", "=y", "a=b=c",
         "p=1?q", "utm_\u212a=1", "\u212aey=1"]
    ),
    max_size=6,
).map("&".join)  # fmt: skip


@given(
    st.sampled_from(["https://x.example/", "http://x.example/a/", "https://x.example/a@b:c"]),
    _QUERY_PARTS,
    st.none() | _QUERY_PARTS,
)
def test_dump_links_with_a_query_both_ways(start: str, query: str, fragment: str | None) -> None:
    """The compiled dump reader drops tracking parameters itself (before: every link
    of another outlet with a query or a fragment went to the reference)."""
    from scmpfeeds._compiled.markdown_dump import link_parts

    link = f"{start}?{query}" + ("" if fragment is None else "#" + fragment)
    assert link_parts(link) == url_and_id(link)


@given(
    st.sampled_from(
        ["https://x.example", "https://X.example/", "https://u@x.example/", "http://x.example/",
         "https://x.example:443/", "ftp://x.example/", "https://x.example/é/", "https://scmp.com/"]
    ),
    st.none() | _QUERY_PARTS,
    st.none() | _QUERY_PARTS,
    st.sampled_from(["", " ", "\t", "\x1c"]),
)  # fmt: skip
def test_dump_links_the_reference_reads_both_ways(
    start: str, query: str | None, fragment: str | None, end: str
) -> None:
    """No path, a host in capitals, a user or a port, another scheme, non-ASCII,
    "scmp.com" or a space at the end: the reference's url_and_id reads it."""
    from scmpfeeds._compiled.markdown_dump import link_parts

    link = start + ("" if query is None else "?" + query)
    link += ("" if fragment is None else "#" + fragment) + end
    assert link_parts(link) == url_and_id(link)


# -- digests ------------------------------------------------------------------------------

REAL_DIGESTS = sorted((REALDATA / "digest").glob("*.txt"))


def every_digest_way(data: bytes) -> None:
    assert_both_ways_equal(lambda: parse_bilingual_digest(data))
    assert_both_ways_equal(lambda: parse_bilingual_digest(data, strict=True))


@given(digests())
def test_digest_both_ways_on_generated_digests(digest: Digest) -> None:
    every_digest_way(render_bilingual_digest(digest).encode())


@given(mutated(DIGEST))
def test_digest_both_ways_on_mutated_seeds(data: bytes) -> None:
    every_digest_way(data)


@given(st.text(st.sampled_from("ab \t\n\r\u00a0\u3000\u2028h:/tps摘要1."), max_size=300))
def test_digest_lines_both_ways(text: str) -> None:
    from scmpfeeds._compiled.digest import lines_and_urls

    lines = [line.rstrip() for line in text.split("\n")]
    urls = [k for k, line in enumerate(lines) if line.startswith(("https://", "http://"))]
    assert lines_and_urls(text) == (lines, urls)
    assert _url_lines(text) == urls  # the reference's way


@pytest.mark.parametrize("path", [FIXTURES / "001_71277cbba28fab39.txt", *REAL_DIGESTS])
def test_digest_both_ways_on_real_digests(path: Path) -> None:
    every_digest_way(path.read_bytes())


# -- dedupe --------------------------------------------------------------------------------


class _Story(Article):
    """An Article subclass: compared with == by both ways."""


@given(st.lists(overlapping_articles(), max_size=30), st.booleans())
def test_dedupe_merge_both_ways(articles: list[Article], subclass: bool) -> None:
    if subclass and articles:
        first = articles[0]
        articles.append(_Story(**{f.name: getattr(first, f.name) for f in attrs.fields(Article)}))

    def kept() -> list[Any]:
        result = dedupe(articles, keep="merge")
        # Which record stands for each key: an input itself, or a merge.
        return [(a, next((i for i, b in enumerate(articles) if b is a), None)) for a in result]

    assert_both_ways_equal(kept)


# -- the command line's JSON Lines ---------------------------------------------------------

_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)


@st.composite
def odd_articles(draw: st.DrawFn) -> Article:
    """Articles whose strings hold anything: control characters, quotes, surrogates."""
    text = draw(_ANY_TEXT)
    return attrs.evolve(
        draw(dump_articles()),
        title=text or "t",
        summary=draw(_ANY_TEXT),
        authors=tuple(draw(st.lists(_ANY_TEXT, max_size=2))),
        extra=tuple(draw(st.lists(st.tuples(_ANY_TEXT, _ANY_TEXT), max_size=2))),
        source=draw(st.none() | _ANY_TEXT),
    )


@given(
    st.lists(
        st.one_of(dump_articles(), odd_articles()),
        max_size=6,
    ),
    st.lists(rss_feeds(), max_size=2),
)
def test_json_lines_both_ways(articles: list[Article], feeds: list[Feed]) -> None:
    import json

    from scmpfeeds._compiled.jsonl import lines

    articles = articles + [a for feed in feeds for a in feed.articles]
    reference = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)
    try:
        assert lines(articles) == reference.encode()
    except UnicodeEncodeError:  # a lone surrogate: the reference text cannot be UTF-8 either
        with pytest.raises(UnicodeEncodeError):
            reference.encode()


class _Moment(datetime):
    """A datetime subclass: written by its own isoformat()."""


_ZONES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)).map(timezone),
    st.sampled_from([ZoneInfo("Asia/Hong_Kong"), ZoneInfo("America/New_York"), tzoffset("X", 3)]),
)


@given(
    st.lists(
        st.tuples(
            st.none() | st.datetimes(min_value=datetime(1, 1, 1), timezones=_ZONES),
            st.none() | st.dates(),
            st.booleans(),
        ),
        max_size=4,
    ),
    dump_articles(),
)
def test_json_lines_dates_both_ways(
    moments: list[tuple[datetime | None, date | None, bool]], base: Article
) -> None:
    """Every date and zone is written as isoformat() writes it (the compiled writer
    writes fixed offsets itself and asks isoformat() for the rest)."""
    import json

    from scmpfeeds._compiled.jsonl import lines

    articles = []
    for published, day, subclass in moments:
        if published is not None and published.utcoffset() is None:
            published = published.replace(tzinfo=timezone.utc)
        if subclass and published is not None:
            # (the same fields: a round trip through a timestamp fails near year 1)
            published = _Moment.combine(published.date(), published.timetz())
        articles.append(attrs.evolve(base, published=published, digest_date=day))
    reference = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)
    assert lines(articles) == reference.encode()


@given(st.lists(odd_articles(), max_size=4))
def test_json_lines_of_odd_strings_both_ways(articles: list[Article]) -> None:
    import json

    from scmpfeeds._compiled.jsonl import lines

    reference = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)
    try:
        data = lines(articles)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            reference.encode()
    else:
        assert data == reference.encode()


def _csv_reference(articles: list[Article]) -> str:
    from scmpfeeds.records import _write_csv_rows

    out = io.StringIO(newline="")
    _write_csv_rows(articles, csv.writer(out, lineterminator="\r\n"))
    return out.getvalue()


@given(
    st.lists(st.one_of(dump_articles(), odd_articles()), max_size=6),
    st.lists(rss_feeds(), max_size=2),
)
def test_csv_rows_both_ways(articles: list[Article], feeds: list[Feed]) -> None:
    """The compiled CSV rows are the csv module's, byte for byte: quotes doubled,
    commas, line breaks and every other character."""
    from scmpfeeds._compiled.jsonl import csv_rows

    articles = articles + [a for feed in feeds for a in feed.articles]
    reference = _csv_reference(articles)
    try:
        assert csv_rows(articles) == reference.encode()
    except UnicodeEncodeError:  # a lone surrogate: the reference text cannot be UTF-8 either
        with pytest.raises(UnicodeEncodeError):
            reference.encode()


@given(
    st.lists(st.none() | st.datetimes(min_value=datetime(1, 1, 1), timezones=_ZONES), max_size=4),
    st.booleans(),
    dump_articles(),
)
def test_csv_dates_both_ways(
    moments: list[datetime | None], subclass: bool, base: Article
) -> None:
    """A date cell is isoformat()'s text, whatever the zone (the compiled rows write
    fixed offsets themselves and ask isoformat() for the rest)."""
    from scmpfeeds._compiled.jsonl import csv_rows

    articles = []
    for published in moments:
        if published is not None and published.utcoffset() is None:
            published = published.replace(tzinfo=timezone.utc)
        if subclass and published is not None:
            published = _Moment.combine(published.date(), published.timetz())
        articles.append(attrs.evolve(base, published=published))
    assert csv_rows(articles) == _csv_reference(articles).encode()


@pytest.mark.parametrize("output", ["jsonl", "csv"])
def test_the_command_line_writes_the_same_bytes_both_ways(archive: Path, output: str) -> None:
    from scmpfeeds.cli import main

    def run() -> bytes:
        out = io.BytesIO()
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            main(["parse", "-t", output, str(archive / "2023" / "01"), *SEED_ARGS], stdout=text)
        text.flush()
        return out.getvalue()

    compiled = run()
    with _implementation.pure():
        pure = run()
    assert compiled == pure
    assert compiled.count(b"\n") > 3000


SEED_ARGS = [
    str(FIXTURES / "004_7a0e8304e58f6477.txt"),
    str(FIXTURES / "001_71277cbba28fab39.txt"),
]


# -- records ---------------------------------------------------------------------------------


@given(dump_articles(), st.data())
def test_records_built_by_keyword_both_ways(base: Article, data: st.DataObject) -> None:
    """The compiled ``article`` takes the names and defaults of ``_unchecked_article``."""
    from scmpfeeds._compiled._records import article
    from scmpfeeds._model import _unchecked_article

    names = [field.name for field in attrs.fields(Article)]
    given_names = data.draw(st.sets(st.sampled_from(names[4:])))  # title, link, url, id always
    values = {name: getattr(base, name) for name in [*names[:4], *given_names]}
    compiled, pure = article(**values), _unchecked_article(**values)
    assert compiled == pure
    assert type(compiled) is type(pure) is Article
    assert [getattr(compiled, n) for n in names] == [getattr(pure, n) for n in names]
