"""Markdown dumps of an RSS feed, as written by a link-archiving tool.

The grammar we accept (``NL`` is a line end; ``\\r\\n``, ``\\r``, a BOM and
trailing whitespace are normalised away before parsing)::

    dump      = { section | block | junk }
    section   = header NL
    header    = "# Source:" name ", URL:" url ", language:" lang       (current form)
              | "# Source " name ", Source URL:" url ", Source language:" lang   (older form)
              | "# Source URL:" url ", Source language:" lang      (older form, no name)
    block     = "## " title NL { title-cont NL } link-line NL { meta NL } summary
    title-cont= any line that is not a link line, "## " or "# Source" line
    link-line = " - [" text "](" link ")"
    meta      = " - " ( "[" text "](" link ")" | key ":" value )
    summary   = every other line up to the next block or header

**What starts a block** is decided by its shape: a ``## `` line starts a block
when a link line follows it (after any title lines) before the next ``## `` or
``# Source`` line.  A ``## `` line that no link line follows is text: it
belongs to the summary before it (one feed quotes a stylesheet whose lines begin
with ``## ``).  So a title may run over several lines, blank and indented ones
included; each keeps its indentation (trailing whitespace is normalised away).

``name`` is split from ``url`` at the first ``, URL:`` and ``url`` from ``lang``
at the last ``, language:`` (names and URLs may contain commas).  A block
belongs to the section whose header precedes it.

Meta lines are read generically.  ``RSS feed`` fills :attr:`Article.feed_url`;
when it is empty or the template ``$source`` that some versions of the tool
wrote, the section header's URL is used.  ``date published`` fills
:attr:`Article.published`: ISO 8601 with ``T`` or a space, optional fractions,
and an offset; a date without an offset is read as UTC.  Any other key (older
versions wrote ``user`` or ``tags``) is kept, in order, in :attr:`Article.extra`.

A link that is empty (``[]()``) gives an article with no ``link``, URL or ID; a
link that is not an absolute http(s) URL (``/``) is kept as ``link``, with no URL
or ID.  A block without a date, with an unreadable date, or with a meta line
that is neither a link nor ``key: value`` becomes a :class:`Problem` (lenient
mode) or raises :class:`ParseError` (strict mode).  Text before the first block
that is not blank is reported the same way.

Summaries are kept as written: leading and trailing blank lines are dropped and
paragraphs stay separated by blank lines.  HTML entities the dumping tool left in
(``S&amp;P``) are *not* unescaped, because the tool itself did not escape
consistently (titles carry a raw ``&``); use :func:`html.unescape` if you want
them decoded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import date as date_type
from datetime import datetime

import attrs

from . import _implementation
from ._dates import parse_iso_datetime
from ._ids import url_and_id
from ._model import Article, Feed, Problem, _unchecked_article
from ._source import Report, Source, collect_problems, iter_text, source_name, warn_problem
from .errors import ParseError, RenderError

__all__ = ["iter_markdown_dump", "parse_markdown_dump", "render_markdown_dump"]

# A line that could start a new unit of the document (a block or a section header).
_BOUNDARY_RE = re.compile(r"^(?:## |# Source)", re.MULTILINE)

# The first metadata line of a block: its link line, or a " - key: value" line.
_FIRST_META = r"[ \t]*- (?:\[|[^\[:\n]+:)"
_FIRST_META_RE = re.compile(_FIRST_META)
# A line that starts a unit: a header, or a "## " line that a metadata line
# follows (after title lines, none of which may look like a unit start).  The lazy
# run of title lines usually stops at once: the link line is the next one.
_UNIT_START = rf"(?:# Source|## [^\n]*\n(?:(?!## |# Source)[^\n]*\n)*?{_FIRST_META})"
_UNIT_START_RE = re.compile(rf"^{_UNIT_START}", re.MULTILINE)

# The shape almost every block has, matched in place; any other block takes the
# careful line-by-line path.  It ends where the next unit starts.  Values are
# matched without the whitespace around them (a block with trailing spaces after
# a value takes the careful path), so the hot loop has nothing to strip.  A failed
# match must cost little: "(?=(X))\1" matches X atomically (a lookahead is never
# re-entered), so no match backtracks through a long summary line; a longer
# summary is taken line by line, each line looked at once.
_FAST_BLOCK_RE = re.compile(
    r"## (\S(?:[^\n]*\S)?)\n"
    # The link's text and URL alike.  An SCMP article link on https://www.scmp.com
    # is split as it is matched: its canonical URL (up to any query) and its ID.
    r" - \[(?P<link>"
    r"(https://www\.scmp\.com/(?:[^\s?#\]/]*/)*?article/(\d+)(?![^\s/?#\]])[^\s?#\]]*)"
    r"[^\s\]]*|https?://[^\s/?#\]]+[^\s\]]*)\]\((?P=link)\)\n"
    r" - RSS feed:[ \t]*(\S*)\n"
    r" - date published:[ \t]*(\S+(?: \S+)?)\n"
    # Any other " - key: value" lines (older dumps: user, tags).
    r"((?: - [^\[\n:][^\n:]*:[^\n]*\n)*)"
    # A blank line, then the summary.  Most are one line, matched atomically and
    # followed by the usual next block (a heading, then its link line), a header
    # or the end; else the summary is every line up to the next unit.
    r"(?:\n+(?!## |# Source)(?=([^\n]*\S)(?:\n|\Z))\8\n*(?=## [^\n]*\n - \[|# Source|\Z)"
    rf"|\n+(?!## |# Source)((?:(?!{_UNIT_START})[^\n]*(?:\n|\Z))*)|\n*)"
    r"(?=## |# Source|\Z)"
)
_HEADER_RES = (
    re.compile(r"# Source:(?P<name>.*?), URL:(?P<url>.*), language:(?P<lang>.*)"),
    re.compile(r"# Source (?P<name>.*?), Source URL:(?P<url>.*), Source language:(?P<lang>.*)"),
    re.compile(r"# Source (?P<name>)URL:(?P<url>.*), Source language:(?P<lang>.*)"),
)
_META_RE = re.compile(r"[ \t]*- (.*)")
_LINK_RE = re.compile(r"\[(.*?)\]\((.*)\)")
_KEY_VALUE_RE = re.compile(r"([^\[:][^:]*?)[ \t]*:(.*)")
_URL_RE = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)

_FEED_KEY = "rss feed"
_DATE_KEY = "date published"
# Written by render_markdown_dump for digest articles, which carry no date of their own.
_DIGEST_DATE_KEY = "digest date"
# Keys the fast path leaves to the careful one (read into fields, or checked).
# Written by render_markdown_dump for articles that came from a digest.
_ZH_KEYS = ("title_zh", "summary_zh")
_TEMPLATE_FEEDS = ("", "$source")
_OWN_KEYS = frozenset((_FEED_KEY, _DATE_KEY, _DIGEST_DATE_KEY, *_ZH_KEYS))
# Kept in Article.extra when a link line's text differs from its URL.
_LINK_TEXT = "link text"
_DATE_COLUMN = len(" - date published: ") + 1


@attrs.frozen
class _Section:
    """What a ``# Source`` header says about the blocks after it."""

    name: str | None = None
    url: str | None = None
    language: str | None = None


class _BlockProblem(Exception):
    def __init__(self, message: str, lineno: int, colno: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.lineno = lineno
        self.colno = colno


def _make_article(
    *,
    title: str,
    link: str | None,
    link_text: str | None,
    feed: str | None,
    date: str | None,
    summary: str,
    extra: list[tuple[str, str]] | None,
    chinese: dict[str, str] | None = None,
    digest_date: str | None = None,
    lineno: int,
    link_line: int,
    date_line: int,
    section: _Section,
    source: str | None,
) -> Article:
    """Check the fields read from one block and build its article."""
    if not title:
        raise _BlockProblem("empty title after '## '", lineno, 4)
    if link_text is None:
        raise _BlockProblem("article has no link line (' - [URL](URL)')", lineno)
    day = None
    if digest_date is not None:
        try:
            day = date_type.fromisoformat(digest_date)
        except ValueError:
            raise _BlockProblem(
                f"invalid ' - digest date:' value {digest_date!r}", lineno
            ) from None
    published = None
    if date is None:
        if day is None:
            raise _BlockProblem("article has no ' - date published:' line", lineno)
    else:
        try:
            published = parse_iso_datetime(date)
        except ValueError:
            raise _BlockProblem(
                f"invalid ' - date published:' value {date!r}", date_line, _DATE_COLUMN
            ) from None
    if link_text != link:
        extra = [*(extra or ()), (_LINK_TEXT, link_text)]
    if not link:
        link = url = article_id = None
    elif _URL_RE.fullmatch(link):
        url, article_id = url_and_id(link)
    else:  # a relative link: kept as given, but it names no page
        url = article_id = None
    return Article(
        title=title,
        link=link,
        url=url,
        id=article_id,
        summary=summary,
        published=published,
        feed_url=section.url if feed is None or feed in _TEMPLATE_FEEDS else feed,
        extra=tuple(extra) if extra else (),
        title_zh=chinese.get("title_zh") if chinese else None,
        summary_zh=chinese.get("summary_zh") if chinese else None,
        digest_date=day,
        source=source,
        lineno=lineno,
    )


def _parse_block_lines(unit: str, lineno: int, section: _Section, source: str | None) -> Article:
    """Read a block line by line (the general path).

    States, in order: the heading and its continuation lines, the run of meta
    lines, then the summary.
    """
    lines = [line.rstrip() for line in unit.split("\n")]
    i = 1
    while i < len(lines) and not _FIRST_META_RE.match(lines[i]):
        i += 1
    title_lines = [lines[0][3:].strip(), *lines[1:i]]
    while len(title_lines) > 1 and not title_lines[-1]:
        title_lines.pop()
    link = link_text = feed = date = digest_date = None
    link_line = date_line = lineno
    extra: list[tuple[str, str]] = []
    chinese: dict[str, str] = {}
    while i < len(lines) and (meta := _META_RE.match(lines[i])):
        here = lineno + i
        content = meta[1]
        if link_match := _LINK_RE.fullmatch(content):
            if link_text is not None:
                raise _BlockProblem("more than one link line in one article", here)
            link_text, link, link_line = link_match[1], link_match[2].strip(), here
        elif pair := _KEY_VALUE_RE.fullmatch(content):
            key, value = pair[1], pair[2].strip()
            normal = key.lower()
            if normal in (_FEED_KEY, _DATE_KEY) and (feed if normal == _FEED_KEY else date):
                raise _BlockProblem(f"more than one ' - {key}:' line in one article", here)
            if normal == _FEED_KEY:
                feed = value
            elif normal == _DATE_KEY:
                date, date_line = value, here
            elif normal in _ZH_KEYS and normal not in chinese:
                chinese[normal] = value
            elif normal == _DIGEST_DATE_KEY and digest_date is None:
                digest_date = value
            else:
                extra.append((key, value))
        else:
            raise _BlockProblem(
                f"expected a ' - key: value' or ' - [URL](URL)' line, found {lines[i]!r}", here
            )
        i += 1
    body = lines[i:]
    while body and not body[-1]:
        body.pop()
    while body and not body[0]:
        body.pop(0)
    return _make_article(
        title="\n".join(title_lines),
        link=link,
        link_text=link_text,
        feed=feed,
        date=date,
        summary="\n".join(body),
        extra=extra,
        chinese=chinese,
        digest_date=digest_date,
        lineno=lineno,
        link_line=link_line,
        date_line=date_line,
        section=section,
        source=source,
    )


# Whitespace at the end of a line (U+00A0 included, as str.rstrip strips it).
_TRAILING_SPACE_RE = re.compile(r"[^\S\n]$", re.MULTILINE)


def _tidy_summary(summary: str) -> str:
    """A summary as the careful path keeps it: no trailing whitespace, no outer blank lines."""
    summary = summary.rstrip("\n")
    if _TRAILING_SPACE_RE.search(summary):
        summary = "\n".join(line.rstrip() for line in summary.split("\n")).strip("\n")
    return summary


def _extra_lines(more: str) -> tuple[tuple[str, str], ...] | None:
    """The `` - key: value`` lines after the date line as ``extra``.

    ``None`` when one of them has a field of its own (the careful path reads it).
    """
    extra = []
    for line in more[:-1].split("\n"):
        pair = _KEY_VALUE_RE.fullmatch(line[3:].rstrip())
        if pair is None or pair[1].lower() in _OWN_KEYS:
            return None
        extra.append((pair[1], pair[2].strip()))
    return tuple(extra)


def _parse_header(line: str) -> _Section | None:
    for pattern in _HEADER_RES:
        if match := pattern.fullmatch(line):
            name, url, lang = (match[key].strip() or None for key in ("name", "url", "lang"))
            return _Section(name, url, lang)
    return None


def _last_unit_start(text: str) -> int:
    """Where the last line that starts a unit begins (0 if no line after the first does).

    A ``## `` line counts only once its link line is in *text* too.
    """
    pos = len(text)
    match = _UNIT_START_RE.match
    while (pos := text.rfind("\n#", 0, pos)) >= 0:
        if text.startswith(("## ", "# Source"), pos + 1) and match(text, pos + 1):
            return pos + 1
    return 0


class _Reader:
    """Splits normalised text into units and turns each into articles or problems."""

    def __init__(self, source: str | None, strict: bool, report: Report) -> None:
        self.source = source
        self.strict = strict
        self.report = report
        self.section = _Section()
        self.first_section: _Section | None = None

    def problem(self, message: str, lineno: int, colno: int | None, text: str) -> None:
        if self.strict:
            raise ParseError(message, lineno=lineno, colno=colno, source=self.source)
        self.report(
            Problem(lineno=lineno, colno=colno, message=message, text=text, source=self.source)
        )

    def block_problem(self, exc: _BlockProblem, unit: str) -> None:
        self.problem(exc.message, exc.lineno, exc.colno, unit)

    def unit(self, unit: str, lineno: int) -> Article | None:
        """Read a unit the fast path did not take: an unusual block, a header, junk."""
        if unit.startswith("## ") and _UNIT_START_RE.match(unit):
            try:
                return _parse_block_lines(unit, lineno, self.section, self.source)
            except _BlockProblem as exc:
                self.block_problem(exc, unit)
                return None
        rest = unit
        if unit.startswith("# Source"):
            header, _, rest = unit.partition("\n")
            section = _parse_header(header.rstrip())
            if section is None:
                self.problem(f"unrecognised '# Source' header: {header!r}", lineno, 1, header)
                section = _Section()
            elif self.first_section is None:
                self.first_section = section
            self.section = section
            lineno += 1
        if rest.strip():
            skipped = len(rest) - len(rest.lstrip())
            self.problem(
                "text outside any article (expected a '## ' heading and its link line)",
                lineno + rest.count("\n", 0, skipped),
                1,
                rest.strip("\n"),
            )
        return None

    def units(self, text: str, end: int, lineno: int) -> Generator[Article, None, int]:
        """Read the complete units in ``text[:end]``, which starts on line *lineno*.

        Returns the line that ``text[end:]`` starts on.

        The common block shape is handled inline (this loop is the hot path);
        anything unusual (an empty title, a date that needs more than
        :meth:`datetime.fromisoformat`, another shape of block) goes through
        :func:`_make_article` or :meth:`unit`, so every block meets the same rules.
        """
        pos = 0
        fast = _FAST_BLOCK_RE.match
        from_iso = datetime.fromisoformat
        source = self.source
        # The compiled twin of the usual-block branch below (see scmpfeeds._implementation)
        # reads runs of usual blocks; this loop reads whatever it stops at.
        compiled = _implementation.markdown_dump
        while pos < end:
            if compiled is not None:
                done: list[Article] = []
                pos, lineno = compiled.blocks(self, text, pos, end, lineno, done)
                yield from done
                if pos >= end:
                    break
            match = fast(text, pos, end)
            if match is None:
                boundary = _UNIT_START_RE.search(text, pos + 1, end)
                stop = end if boundary is None else boundary.start()
                if (article := self.unit(text[pos:stop], lineno)) is not None:
                    yield article
                lineno += text.count("\n", pos, stop)
                pos = stop
                continue
            stop = match.end()
            title, link, url, article_id, feed, date, more, line, lines = match.groups()
            # Lines in the block: the title and three meta lines, the other meta
            # lines, then the blank lines around the summary and the summary's own.
            newlines = 3 + stop - match.end(6) - len(more) + more.count("\n")
            if line is not None:  # a summary of one line
                summary = line
                newlines -= len(line)
            elif lines:
                newlines += lines.count("\n") - len(lines)
                summary = _tidy_summary(lines)
            else:
                summary = ""
            extra: tuple[tuple[str, str], ...] | None = ()
            if more and (extra := _extra_lines(more)) is None:
                if (article := self.unit(text[pos:stop], lineno)) is not None:
                    yield article  # a field of its own: the careful path reads it
                lineno += newlines
                pos = stop
                continue
            try:
                published: datetime | None = from_iso(date)
            except ValueError:
                published = None
            if title and published is not None and published.tzinfo is not None:
                if article_id is None or url.count("/article/") > 1:
                    url, found_id = url_and_id(link)  # (the ID is the last /article/ one)
                else:
                    found_id = int(article_id)
                feed_url = self.section.url if feed in _TEMPLATE_FEEDS else feed
                yield _unchecked_article(
                    title, link, url, found_id, summary, published, feed_url,
                    (), (), (), None, None, None, extra or (), source, lineno,
                )  # fmt: skip
            else:
                try:
                    yield _make_article(
                        title=title,
                        link=link,
                        link_text=link,
                        feed=feed,
                        date=date,
                        summary=summary,
                        extra=list(extra or ()),
                        lineno=lineno,
                        link_line=lineno + 1,
                        date_line=lineno + 3,
                        section=self.section,
                        source=source,
                    )
                except _BlockProblem as exc:
                    self.block_problem(exc, text[pos:stop])
            lineno += newlines
            pos = stop
        return lineno

    def read(self, chunks: Iterable[str]) -> Iterator[Article]:
        """Read units as soon as the next unit's start shows they are complete."""
        buffer = ""
        lineno = 1  # the line the buffer starts on
        for chunk in chunks:
            buffer += chunk
            # The last unit in the buffer may continue in the next chunk.
            end = _last_unit_start(buffer)
            if end > 0:
                lineno = yield from self.units(buffer, end, lineno)
                buffer = buffer[end:]
        if buffer:
            yield from self.units(buffer, len(buffer), lineno)


def iter_markdown_dump(
    source: Source,
    *,
    strict: bool = False,
    on_problem: Report | None = None,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Yield the articles of a markdown dump one at a time, reading incrementally.

    Memory stays flat: only the current block (and a read chunk) is held.
    Problems go to *on_problem* when given; otherwise each is emitted as a
    :class:`ParseWarning`.  With ``strict=True`` the first problem raises
    :class:`ParseError` instead.  Bytes are read as *encoding* when it is given,
    else as a byte order mark says, else as UTF-8 when they are, else as detected.
    """
    report = on_problem or warn_problem
    reader = _Reader(source_name(source), strict, report)
    return reader.read(iter_text(source, strict=strict, report=report, encoding=encoding))


def parse_markdown_dump(
    source: Source, *, strict: bool = False, encoding: str | None = None
) -> Feed:
    """Parse a whole markdown dump into a :class:`Feed`.

    The feed's title, URL and language come from the first ``# Source`` header.
    In lenient mode (the default) every block that cannot be read becomes a
    :class:`Problem` in ``feed.problems`` and a :class:`ParseWarning`; with
    ``strict=True`` the first one raises :class:`ParseError`.  *encoding* is as
    for :func:`iter_markdown_dump`.

    >>> link = "https://www.scmp.com/news/article/3265321/a"
    >>> feed = parse_markdown_dump(f'''# Source:SCMP, URL:https://scmp.com/rss/4/feed, language:en
    ...
    ... ## A title
    ...  - [{link}]({link})
    ...  - RSS feed: $source
    ...  - date published: 2024-06-07T22:00:09+00:00
    ...
    ... A summary.
    ... ''')
    >>> article = feed.articles[0]
    >>> article.id, article.feed_url, article.published.isoformat()
    (3265321, 'https://scmp.com/rss/4/feed', '2024-06-07T22:00:09+00:00')
    """
    name = source_name(source)
    problems, report = collect_problems()
    reader = _Reader(name, strict, report)
    articles = tuple(
        reader.read(iter_text(source, strict=strict, report=report, encoding=encoding))
    )
    section = reader.first_section or _Section()
    return Feed(
        title=section.name,
        url=section.url,
        language=section.language,
        articles=articles,
        problems=tuple(problems),
        source=name,
    )


def _check_line(value: str, what: str, article: Article) -> None:
    if "\n" in value:
        raise RenderError(f"{what} of {article.link!r} contains a line break")


def render_markdown_dump(
    articles: Iterable[Article],
    *,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    lossy: bool = False,
    on_error: Callable[[Article, RenderError], None] | None = None,
) -> str:
    """Write *articles* as a markdown dump that :func:`parse_markdown_dump` reads back.

    A ``# Source`` header is written when *title* or *url* is given.  A digest's
    ``title_zh`` and ``summary_zh`` are written as ``title_zh:`` and
    ``summary_zh:`` metadata lines, and a digest article, which has no
    publication date, gets a ``digest date:`` metadata line instead of
    ``date published:``.

    Raises :class:`RenderError` for what the format cannot hold: an article with
    neither date, an empty title, a summary line that would start a new block,
    line breaks inside a link, a feed URL, a Chinese field or an ``extra`` item;
    and authors, media or body text, which the format has no place for, unless
    ``lossy=True`` leaves them out.  With *on_error*, such an article is left out
    instead, passed to *on_error* with its error, and the rest are written.
    """
    parts: list[str] = []
    if title is not None or url is not None:
        parts.append(f"# Source:{title or ''}, URL:{url or ''}, language:{language or ''}\n\n")
    for article in articles:
        try:
            parts.append(_render_block(article, lossy))
        except RenderError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
    return "".join(parts)


def _render_block(article: Article, lossy: bool) -> str:
    """One article as a block, or :class:`RenderError`."""
    if article.published is None and article.digest_date is None:
        raise RenderError(f"article {article.link!r} has no publication date")
    if not lossy and (article.authors or article.media or article.body):
        raise RenderError(
            f"article {article.link!r} has authors, media or body text, which a "
            "markdown dump cannot hold (pass lossy=True to leave them out)"
        )
    title_lines = article.title.split("\n")
    if (
        not title_lines[0].strip()
        or not title_lines[-1].strip()
        or any(_FIRST_META_RE.match(line) or _BOUNDARY_RE.match(line) for line in title_lines[1:])
    ):
        raise RenderError(f"title of {article.link!r} cannot be written: {article.title!r}")
    summary = article.summary
    if (
        summary.startswith("# Source")
        or "\n# Source" in summary
        or _UNIT_START_RE.search(summary + "\n")
    ):
        raise RenderError(
            f"summary of {article.link!r} has a line that would start a new block or header"
        )
    feed_url = article.feed_url or ""
    link = article.link or ""
    link_text = article.get_extra(_LINK_TEXT) or link
    for value, what in ((link, "link"), (link_text, "link text"), (feed_url, "feed URL")):
        _check_line(value, what, article)
    lines = [
        f"## {article.title}",
        f" - [{link_text}]({link})",
        f" - RSS feed: {feed_url}",
    ]
    if article.published is not None:
        lines.append(f" - date published: {article.published.isoformat()}")
    if article.digest_date is not None:
        lines.append(f" - digest date: {article.digest_date.isoformat()}")
    for key, chinese in (("title_zh", article.title_zh), ("summary_zh", article.summary_zh)):
        if chinese is not None:
            _check_line(chinese, key, article)
            lines.append(f" - {key}: {chinese}")
    for key, value in article.extra:
        if key == _LINK_TEXT:
            continue
        if key.lower() in (
            _FEED_KEY,
            _DATE_KEY,
            _DIGEST_DATE_KEY,
            *_ZH_KEYS,
        ) or not _KEY_VALUE_RE.fullmatch(f"{key}:"):
            raise RenderError(f"extra key {key!r} of {article.link!r} cannot be written")
        _check_line(f"{key}{value}", "extra item", article)
        lines.append(f" - {key}: {value}")
    return "\n".join(lines) + f"\n\n{article.summary}\n\n"
