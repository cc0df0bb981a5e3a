"""The document: its checks, the streaming parse, and where a broken one broke."""

from __future__ import annotations

import codecs
import io
import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from typing import IO, Any

from lxml import etree

from .. import _implementation
from .._encoding import SNIFF_SIZE, _declared_encoding, check_encoding, xml_encoding
from .._model import Article, Feed, Problem
from .._prepare import opened, report_damage, streamed
from .._source import (
    Report,
    Source,
    collect_problems,
    open_binary,
    read_bytes,
    seekable,
    source_name,
    transcoded,
    warn_problem,
)
from ..errors import ParseError
from ._vocabulary import _ATOM, _RDF, _RSS10, _Dialect
from ._walk import _local, _Reader

_HTML_START_RE = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HEAD_SIZE = SNIFF_SIZE
_CHANNEL_START_RE = re.compile(
    r"<(?:rss|rdf:RDF)\b[^>]*>\s*(?:<!--.*?-->\s*)*<channel\b", re.DOTALL
)


def _parser_options() -> dict[str, Any]:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


# -- document checks -----------------------------------------------------------------------


_ENTITIES_REFUSED = (
    "the document declares entities; scmpfeeds refuses them "
    "(they are how XML bombs and external-entity attacks work)"
)
_ENTITY_DECLARATION_RE = re.compile(r"<!DOCTYPE[^\[>]*\[.*?<!ENTITY", re.DOTALL | re.IGNORECASE)


def _check_head(head: bytes, name: str | None) -> None:
    """Refuse, with a message that says what it is, what is plainly not RSS.

    Entity declarations are refused here, before lxml reads them, and again after
    parsing (for a DTD longer than the head).
    """
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise ParseError("empty document: expected an RSS 2.0 feed", source=name)
    if _HTML_START_RE.match(head.removeprefix(b"\xef\xbb\xbf")):
        raise ParseError("this is an HTML page, not an RSS feed", lineno=1, colno=1, source=name)
    if _ENTITY_DECLARATION_RE.search(_head_text(head)):
        raise ParseError(_ENTITIES_REFUSED, lineno=1, source=name)


def _split(tag: str) -> tuple[str, str]:
    """``(namespace, local name)`` of a tag.  (Not lxml's QName, which refuses the
    ``prefix:name`` tags libxml2 leaves when a prefix is not declared.)"""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _check_root(root: Any, name: str | None) -> _Dialect:
    """Check the document element and the DTD; say which dialect of RSS this is.

    ``<rss>`` (RSS 0.91 to 2.0) in no namespace or any namespace, and RDF
    (``<rdf:RDF>``: RSS 0.90 and 1.0) are read; Atom and the rest are refused
    with a message that names what the document is.
    """
    tag = root.tag
    namespace, local = _split(tag)
    if local == "rss":
        dialect = _Dialect(namespace, rdf=False)
    elif tag == f"{{{_RDF}}}RDF":
        channel = root.find("{*}channel")
        channel_namespace = None if channel is None else _split(channel.tag)[0]
        dialect = _Dialect(channel_namespace or root.nsmap.get(None) or _RSS10, rdf=True)
    else:
        if tag == f"{{{_ATOM}}}feed":
            what = "this is an Atom feed, not RSS (scmpfeeds reads RSS 0.90 to 2.0)"
        elif local.lower() == "html":
            what = "this is an HTML page, not an RSS feed"
        else:
            found = f"<{local}>" + (f" in the namespace {namespace!r}" if namespace else "")
            what = f"expected <rss> or <rdf:RDF> as the document element, found {found}"
        raise ParseError(what, lineno=root.sourceline, colno=1, source=name)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ParseError(_ENTITIES_REFUSED, lineno=1, source=name)
    return dialect


def _no_channel(root: Any, name: str | None) -> ParseError:
    what = "<rss>" if _local(str(root.tag)) == "rss" else "<rdf:RDF>"
    return ParseError(f"{what} has no <channel>", lineno=root.sourceline, source=name)


def _syntax_error(exc: etree.XMLSyntaxError, name: str | None) -> ParseError:
    line, column = exc.position
    message = (exc.msg or str(exc)).strip()
    # lxml appends its own ", line L, column C"; we give the position our way.
    message = re.sub(r",? line \d+, column \d+$", "", message)
    return ParseError(f"malformed XML: {message}", lineno=line or None, colno=column, source=name)


# -- streaming -----------------------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """A file that first returns *head*, then the rest of *file*."""

    def __init__(self, head: bytes, file: IO[bytes]) -> None:
        self._head = head
        self._file = file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


# A document whose head shows <rss> or <rdf:RDF> as its root element.
_RSS_ROOT_RE = re.compile(
    r"(?:\ufeff|\xef\xbb\xbf)?\s*"
    r"(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE\b[^\[>]*(?:\[[^\]]*\])?\s*>\s*)*"
    r"<(?:rss|rdf:RDF)[\s>/]",
    re.DOTALL,
)


def _stream(reader: _Reader, file: IO[bytes], encoding: str | None = None) -> Iterator[Article]:
    """Yield articles as their ``</item>`` arrives, freeing what has been read.

    The channel's other children are read when the next item arrives (and at the
    end), so a feed is read in the order it is written.  When the head shows an
    ``<rss>`` root, lxml reports only where ``<channel>`` starts and where each
    ``<item>`` starts and ends: far cheaper than an event for every element.
    Any other document gets the end of every element, so that what it is can be
    said at the first one.
    """
    origin = _tell(file)  # (read again from here after a break, to find the items lost)
    head = file.read(_HEAD_SIZE)
    _check_head(head, reader.source)
    items_only = _RSS_ROOT_RE.match(_head_text(head)) is not None
    found = xml_encoding(head, encoding)
    if found is None:
        stream: IO[bytes] = io.BufferedReader(_Prefixed(head, file))
    else:  # decoded here, for lxml knows few encodings
        report = None if reader.strict else reader.report
        stream = transcoded(head, file, found, reader.source, reader.strict, report)
    events = etree.iterparse(
        stream,
        events=("start", "end") if items_only else ("end",),
        tag=("{*}channel", "{*}item") if items_only else None,
        **_parser_options(),
    )
    root = channel = container = None
    item_tag = "item"
    # The compiled twin of _take, if it is in use (see scmpfeeds._implementation).
    take = _take if _implementation.rss is None else _implementation.rss.take
    # What a break loses: the items that start on the line of the outermost item
    # open (whose start lxml reported, for an <rss> root), else on the line of the
    # last item that ended outside any other, or later: less those read there.
    open_items: list[int] = []
    last = read_on_last = 0
    try:
        for event, element in events:
            if root is None:
                root = element.getroottree().getroot()
                reader.set_dialect(_check_root(root, reader.source))
                item_tag = reader.item_tag
            if channel is None:
                channel = root.find(reader.dialect.tag("channel"))
                container = root if reader.dialect.rdf else channel
            if element.tag != item_tag:
                continue  # (an element of another namespace named item is its item's child)
            line = element.sourceline or 0
            if event == "start":
                open_items.append(line)
                continue
            if open_items:
                open_items.pop()
            if (article := take(reader, element, container, item_tag)) is not None:
                if not open_items:  # (one inside another is read, or lost, with it)
                    if line > last:
                        last, read_on_last = line, 1
                    elif line == last:
                        read_on_last += 1
                yield article
    except etree.XMLSyntaxError as exc:
        _broken(reader, exc, head, root, container)
        if open_items and open_items[0] > last:
            last, read_on_last = open_items[0], 0
        _report_unread_items(reader, file, origin, last, read_on_last)
        return
    if root is None:  # no <channel> or <item> at all
        root = events.root
        assert root is not None  # the parse ended without an error
        reader.set_dialect(_check_root(root, reader.source))
        channel = root.find(reader.dialect.tag("channel"))
        container = root if reader.dialect.rdf else channel
    if channel is None or container is None:
        error = _no_channel(root, reader.source)
        if reader.strict:
            raise error
        reader.problem(error.msg, error.lineno, error.colno)  # an empty feed, said once
        return
    for sibling in container:  # what follows the last item
        reader.channel_element(sibling)


def _take(reader: _Reader, element: Any, container: Any, item_tag: str) -> Article | None:
    """Read an ``<item>`` that has ended, after what precedes it; then free it.

    The channel's children before it that have not been read are read first.
    An item that is not the channel's (or, in RDF, the root's) is reported.
    """
    if container is None or element.getparent() is not container:
        reader.stray_item(element)
        return None
    for sibling in container:  # what precedes this item and has not been read
        if sibling is element:
            break
        if sibling.tag != item_tag:  # (the item before, emptied and kept for now)
            reader.channel_element(sibling)
    article = reader.item(element)
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del container[0]
    return article


def _broken(
    reader: _Reader, exc: etree.XMLSyntaxError, head: bytes, root: Any, container: Any
) -> None:
    """Report where a document broke off, after reading what its channel held."""
    error = _syntax_error(exc, reader.source)
    # A break before any element ended still leaves a recognisable feed when the
    # document got as far as <rss><channel>.
    if container is None and root is not None:
        channel = root.find("{*}channel")
        container = root if reader.dialect.rdf else channel
    started = container is not None or bool(_CHANNEL_START_RE.search(_head_text(head)))
    if reader.strict or not started:
        raise error from None
    if container is not None and len(container):
        # Read what the channel holds.  Its last child may be where the document
        # broke: it is read only if text after it was parsed (its tail), the one
        # sign lxml leaves that it ended.
        last = container[-1]
        for sibling in container:
            if sibling is not last or last.tail is not None:
                reader.channel_element(sibling)
    reader.break_line = error.lineno
    reader.broken = True
    reader.problem(
        f"the document breaks off here ({error.msg}); items before it were read",
        error.lineno,
        error.colno,
    )


_ITEM_START_RE = re.compile(r"<item[\s>/]")


def _tell(file: IO[bytes]) -> int | None:
    """Where *file* is, if it can be read again from there."""
    try:
        return file.tell() if seekable(file) else None
    except (OSError, ValueError, AttributeError):
        return None


def _report_unread_items(
    reader: _Reader, file: IO[bytes], origin: int | None, last: int, read_on_last: int
) -> None:
    """After a break, report every ``<item>`` that did not become an article or a
    problem, by line.

    Those lost are the items that start on line *last* (the outermost item open,
    or the last read), after the *read_on_last* read there, and every one after
    it, less those already reported: an item inside another is read with it.
    The document is read again from where reading began, as text well enough to
    find tags and count lines, to find them.  A stream that cannot be read again
    (standard input) has them said by the break alone: nothing after it was read.
    """
    if origin is None:
        return
    said = Counter(line for line in reader.failed_items if line >= last)
    said[last] += read_on_last
    where = "at its end" if reader.break_line is None else f"at line {reader.break_line}"
    file.seek(origin)
    for line in _item_lines(file):
        if line < last:
            continue
        if said[line] > 0:
            said[line] -= 1
        else:
            reader.problem(f"item not read: the document breaks off {where}", line)


def _item_lines(file: IO[bytes]) -> Iterator[int]:
    """The line of every ``<item`` in *file*, read in chunks (lxml counts "\n" alone,
    so several items can share a line when lines end with a lone "\r")."""
    head = file.read(_HEAD_SIZE)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif head[1:2] == b"\x00":
        codec = "utf-16-le"
    elif head[:1] == b"\x00":
        codec = "utf-16-be"
    else:
        codec = "latin-1"
    decoder = codecs.getincrementaldecoder(codec)("replace")
    lineno, carry = 1, ""
    data = head
    while True:
        text = carry + decoder.decode(data, final=not data)
        # A tag cut at the end waits for the next chunk (what it is: "<item" and one more).
        cut = max(len(text) - 5, 0) if data else len(text)
        last = 0
        for match in _ITEM_START_RE.finditer(text, 0, len(text)):
            if match.start() >= cut:
                break
            lineno += text.count("\n", last, match.start())
            last = match.start()
            yield lineno
        lineno += text.count("\n", last, cut)
        carry = text[cut:]
        if not data:
            return
        data = file.read(1 << 16)


def _head_text(head: bytes) -> str:
    """Bytes as text, well enough to find tags and count lines (UTF-16 or ASCII-like)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head[1:2] == b"\x00":  # "<" then a zero byte: UTF-16 without a BOM, as XML allows
        return head.decode("utf-16-le", errors="replace")
    if head[:1] == b"\x00":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


def iter_rss(
    source: Source,
    *,
    strict: bool = False,
    on_problem: Report | None = None,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """Yield the articles of an RSS feed one at a time, with lxml's ``iterparse``.

    Items are freed once read, so memory stays flat on feeds of any size.
    Problems go to *on_problem*, or are emitted as :class:`ParseWarning`; with
    ``strict=True`` the first one raises :class:`ParseError`.  *encoding*
    overrides what the document declares (see :func:`parse_rss`).
    """
    if encoding is not None:
        check_encoding(encoding)  # an unknown name fails here, not at the first item
    report = on_problem or warn_problem
    name = source_name(source)
    return streamed(
        source,
        "rss",
        strict,
        report,
        lambda readable: _iter(readable, strict, report, encoding, cst_as_china, name),
    )


def _iter(
    source: Source,
    strict: bool,
    report: Report,
    encoding: str | None,
    cst_as_china: bool,
    name: str | None,
) -> Iterator[Article]:
    """The articles of an RSS feed (for the public functions and read_file)."""
    reader = _Reader(name, strict, report, cst_as_china)
    return _iter_rss(reader, source, None if isinstance(source, str) else encoding)


def _iter_rss(reader: _Reader, source: Source, encoding: str | None) -> Iterator[Article]:
    with open_binary(source) as file:
        given = 0
        if _implementation.rss is not None:
            whole = _small_whole(reader, file, encoding)
            if whole is not None:
                yield from whole
                return
            origin = _tell(file)
            if origin is not None:
                windows = _windows(reader, file, encoding)
                while True:
                    try:
                        batch = next(windows)
                    except StopIteration as stop:
                        if stop.value:
                            return
                        break
                    for article in batch:
                        given += 1
                        yield article
                file.seek(origin)  # (the scan declined: the stream reads on from where it did)
        yield from itertools.islice(_stream(reader, file, encoding), given, None)


# How much of a larger document the compiled core scans at a time (plus what is
# left of the item the window cuts).
_WINDOW = 1 << 20


def _windows(
    reader: _Reader, file: IO[bytes], encoding: str | None
) -> Generator[list[Article], None, bool]:
    """The articles of a larger plain RSS 2.0 document in UTF-8, for
    :func:`iter_rss`: its head parsed by lxml, then its items scanned a window at
    a time (each window ends where an item starts, lines counted across them), so
    that memory stays bounded.  Yields the articles of each window; returns True
    once the document is read, False as soon as the scan declines, meets a problem
    or a channel element after the items: the stream then reads the document
    again from its start, and gives what follows the articles yielded here (which
    are those it gives first: the parity tests)."""
    compiled = _implementation.rss
    assert compiled is not None
    buffer = file.read(_WINDOW)
    while (first := buffer.find(b"<item>")) < 0:
        more = file.read(_WINDOW)
        if not more or len(buffer) > 4 * _WINDOW:
            return False
        buffer += more
    if b"<!DOCTYPE" in buffer[:first] or b"<!ENTITY" in buffer[:first]:
        return False  # (a DTD may give the items' attributes defaults: lxml reads those)
    head = buffer[:_HEAD_SIZE]
    try:
        _check_head(head, reader.source)
    except ParseError:
        return False  # (the stream raises it)
    if not _plain_rss(head, encoding) or not _in_utf8(head):
        return False
    held: list[Problem] = []
    found: dict[str, Any] = {}

    def channel_read(head_reader: _Reader, channel: Any) -> list[Article]:
        found["reader"], found["namespaces"] = head_reader, channel.nsmap
        return []

    try:
        head_read = _walked(
            reader.source, reader.strict, held.append, reader.cst_as_china,
            buffer[:first] + b"</channel></rss>", channel_read,
        )  # fmt: skip
    except ParseError:
        return False  # (a strict read: the stream raises it, where it does)
    if head_read is None or held:
        return False
    line = 1 + buffer.count(b"\n", 0, first)
    buffer = buffer[first:]
    while True:
        more = file.read(_WINDOW)
        buffer += more
        last = not more
        if last:
            window, buffer = buffer, b""
        else:
            cut = buffer.rfind(b"<item>")
            if cut <= 0:
                continue  # (an item longer than a window: read on)
            window, buffer = buffer[:cut], buffer[cut:]
        lines = compiled.item_lines(window, line)
        if lines is None or lines[0] != 0:
            return False
        articles = compiled.scan_items(
            window, found["reader"], 0, lines[1], found["namespaces"], last
        )
        if articles is None or held:
            return False
        yield articles
        if last:
            return True
        line += window.count(b"\n")


def _small_whole(reader: _Reader, file: IO[bytes], encoding: str | None) -> list[Article] | None:
    """The articles of a small document (at most :data:`_WHOLE_TREE_LIMIT` bytes, so
    memory stays bounded) read the compiled core's ways (:func:`_whole`), for
    :func:`iter_rss`: when they met no problem and took no value from the channel
    that it gives only after them.  Else None, and *file* is back where it was, for
    the stream to read: the whole ways hold their problems back and raise a strict
    read's error before giving any article, where a stream reports each problem
    between the articles and gives those before the error first."""
    origin = _tell(file)
    if origin is None:
        return None
    try:
        size = os.fstat(file.fileno()).st_size - origin
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        size = None  # (in memory, or decompressed: read to see)
    if size is not None and size > _WHOLE_TREE_LIMIT:
        return None
    data = file.read(_WHOLE_TREE_LIMIT + 1)
    whole = None
    if len(data) <= _WHOLE_TREE_LIMIT:
        held: list[Problem] = []
        try:
            whole = _whole(reader.source, reader.strict, held.append, reader.cst_as_china,
                           data, encoding)  # fmt: skip
        except ParseError:
            whole = None
        if held or (whole is not None and _took_late(*whole)):
            whole = None
    if whole is None:
        file.seek(origin)
        return None
    return whole[1]


def _took_late(reader: _Reader, articles: list[Article]) -> bool:
    """Whether the channel gave, after some of *articles*, a value they took from it."""
    return bool(reader.defaulted) and any(reader.channel_values(a) is not a for a in articles)


# The compiled core reads a small document as one tree: faster than streaming
# while the tree stays in the CPU's caches, slower beyond (measured).
_WHOLE_TREE_LIMIT = 2 << 20


def _whole(
    name: str | None,
    strict: bool,
    report: Report,
    cst_as_china: bool,
    data: bytes,
    encoding: str | None,
) -> tuple[_Reader, list[Article]] | None:
    """The compiled core's ways through a plain RSS 2.0 document: scanned by its own tokenizer
    without a tree (:func:`_scanned`), else, when it is small, parsed whole and its
    channel walked in C.  Returns the reader and the articles.

    Returns None for whatever the streaming reference must read: a larger
    document, one to transcode, a namespaced dialect, a break, an ``<item>`` out
    of place (found part-way: what was read is dropped with its reader, and its
    problems were held back).  A strict read raises at the first problem, as
    streaming would: everything before it in the document was in place.  Both
    ways give equal feeds (the parity tests).
    """  # fmt: skip
    compiled = _implementation.rss
    head = data[:_HEAD_SIZE]
    if compiled is None:
        return None
    _check_head(head, name)
    if not _plain_rss(head, encoding):
        return None
    if _in_utf8(head):
        scanned = _scanned(name, strict, report, cst_as_china, data)
        if scanned is not None:
            return scanned
    if len(data) > _WHOLE_TREE_LIMIT:
        return None
    return _walked(name, strict, report, cst_as_china, data)


def _walked(
    name: str | None,
    strict: bool,
    report: Report,
    cst_as_china: bool,
    document: bytes,
    items: Callable[[_Reader, Any], list[Article] | None] | None = None,
) -> tuple[_Reader, list[Article]] | None:
    """*document* parsed whole and its channel walked in C: the reader and the
    articles; with *items*, the channel must hold none, and *items* gives them.
    None for what the streaming reference must read (see :func:`_whole`)."""
    compiled = _implementation.rss
    assert compiled is not None
    try:
        root = etree.fromstring(document, etree.XMLParser(**_parser_options()))
    except etree.XMLSyntaxError:
        return None
    dialect = _check_root(root, name)
    channel = root.find("channel")
    if dialect.namespace or dialect.rdf or channel is None:
        return None
    held: list[Problem] = []
    reader = _Reader(name, strict, held.append, cst_as_china)
    reader.set_dialect(dialect)
    articles: list[Article] | None = compiled.channel(reader, root, channel)
    if articles is not None and items is not None:
        articles = None if articles or reader.prefix else items(reader, channel)
    if articles is None:
        return None
    reader.report = report
    for problem in held:
        report(problem)
    return reader, articles


def _plain_rss(head: bytes, encoding: str | None) -> bool:
    """Whether the document that starts with *head* has an RSS root and needs no
    encoding given to lxml (:func:`xml_encoding`): what the compiled core's whole
    ways read."""
    if _RSS_ROOT_RE.match(_head_text(head)) is None:
        return False
    return xml_encoding(head, encoding) is None


def _in_utf8(head: bytes) -> bool:
    """Whether lxml reads the document that starts with *head* as UTF-8 (it has no
    byte order mark of UTF-16, and declares UTF-8 or no encoding)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    declared = _declared_encoding(head.removeprefix(codecs.BOM_UTF8))
    return declared is None or declared.lower() in ("utf-8", "utf8")


def _scanned(
    name: str | None, strict: bool, report: Report, cst_as_china: bool, data: bytes
) -> tuple[_Reader, list[Article]] | None:
    """The compiled core's way through a plain RSS 2.0 document in UTF-8 without a
    tree: its items read by its own tokenizer (``scmpfeeds._compiled.rss.scan_items``), its
    channel read from the document's head (what precedes the first item, closed),
    which is where all of the channel's own elements are.  None whenever the scan
    declines: the tree walk reads the document then, from the start."""
    compiled = _implementation.rss
    assert compiled is not None
    found = compiled.item_lines(data)
    if found is None:
        return None
    first, lines = found
    return _walked(
        name, strict, report, cst_as_china, data[:first] + b"</channel></rss>",
        lambda reader, channel: compiled.scan_items(data, reader, first, lines, channel.nsmap),
    )  # fmt: skip


def parse_rss(
    source: Source,
    *,
    strict: bool = False,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Feed:
    """Parse an RSS 2.0 feed into a :class:`Feed`.

    The document is read in one pass, item by item as :func:`iter_rss` reads it
    (a small tree is faster to walk than a whole one).  If it is malformed,
    strict mode raises :class:`ParseError` with lxml's line and column; lenient
    mode returns every item that was complete before the break and a
    :class:`Problem` that says where it broke.  An Atom feed, an HTML page or an
    empty input raises :class:`ParseError` in either mode.

    Bytes are decoded as the document says (a byte order mark, the XML
    declaration), else as UTF-8 when they are, else as detected; *encoding*
    overrides all of that.  A ``str`` source is already text.

    Dates keep their offsets; ``HKT`` is UTC+8.  The zone name ``CST`` is read
    as RFC 822 defines it, US Central Time (−06:00); data from China usually
    means China Standard Time (+08:00) by it, which ``cst_as_china=True`` reads.
    """
    if encoding is not None:
        check_encoding(encoding)
    name = source_name(source)
    problems, report = collect_problems()
    with opened(source, "rss") as readable:
        data = read_bytes(readable)
        report_damage(readable, strict, report)
    encoding = None if isinstance(source, str) else encoding
    whole = None
    if _implementation.rss is not None:
        whole = _whole(name, strict, report, cst_as_china, data, encoding)
    if whole is None:
        reader = _Reader(name, strict, report, cst_as_china)
        articles = list(_stream(reader, io.BytesIO(data), encoding))
    else:
        reader, articles = whole
    if reader.defaulted:
        # <link>, <title> or <language> after the items (unusual, but valid): the
        # articles that took the channel's values get them now.
        articles = [reader.channel_values(a) for a in articles]
    return reader.feed(articles, problems)
