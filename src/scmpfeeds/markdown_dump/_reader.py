"""Reading a dump: units found in the text as it arrives, the usual ones on the fast path."""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Iterator

from .. import _implementation
from .._model import Article, Feed, Problem
from .._prepare import opened, report_damage, streamed
from .._pure import markdown_dump as _usual  # (a module: it imports this package's grammar)
from .._source import Report, Source, collect_problems, iter_text, source_name, warn_problem
from ..errors import ParseError
from ._careful import Warn, _make_article, _parse_block_lines
from ._grammar import (
    _FAST_BLOCK_RE,
    _UNIT_START_RE,
    _BlockProblem,
    _extra_lines,
    _last_unit_start,
    _overlong,
    _parse_header,
    _Section,
)

#: The most text a block (or a header, or text between two blocks) may hold: 16 MiB
#: of characters.  The longest block of the archive sample, a whole article in
#: its summary, holds 65,046; a longer one is reported with its line, and what
#: follows it is read from the next heading on.  Memory stays a few times this.
MAX_BLOCK = 16 * 1024 * 1024


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

    def careful(self, unit: str, read: Callable[[Warn], Article]) -> Article | None:
        """The article *read* makes of a block, and the problems it met, in order.

        A field it could not read is a problem and the article is kept; a block it
        could not read at all is one problem, with the block's text.
        """
        said: list[tuple[str, int, int]] = []
        try:
            article = read(lambda message, lineno, colno: said.append((message, lineno, colno)))
        except _BlockProblem as exc:
            self.block_problem(exc, unit)
            return None
        for message, lineno, colno in said:
            self.problem(message, lineno, colno, unit)
        return article

    def unit(self, unit: str, lineno: int) -> Article | None:
        """Read a unit the fast path did not take: an unusual block, a header, junk."""
        if unit.startswith("##") and _UNIT_START_RE.match(unit):
            current, source = self.section, self.source
            return self.careful(
                unit, lambda warn: _parse_block_lines(unit, lineno, current, source, warn)
            )
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

        Returns the line that ``text[end:]`` starts on.  Runs of blocks of the
        usual shape are read by ``blocks`` (the hot path: ``_pure/markdown_dump.py``
        or its compiled twin); anything else goes to :meth:`unit`, and a usual
        block with an unusual value to :meth:`unusual`, so every block meets the
        same rules.
        """
        pos = 0
        # The twin chosen (scmpfeeds._implementation) reads runs of usual blocks; this
        # loop reads the unit each run stops at.
        blocks = _implementation.markdown_dump.blocks
        while pos < end:
            done: list[Article] = []
            pos, lineno = blocks(self, text, pos, end, lineno, done)
            yield from done
            if pos >= end:
                break
            match = _FAST_BLOCK_RE.match(text, pos, end)
            if match is None:
                boundary = _UNIT_START_RE.search(text, pos + 1, end)
                stop = end if boundary is None else boundary.start()
                if (article := self.unit(text[pos:stop], lineno)) is not None:
                    yield article
                lineno += text.count("\n", pos, stop)
                pos = stop
                continue
            summary, newlines = _usual.summary_and_newlines(match)
            # (the compiled twin leaves some usual blocks to the reference: an SCMP
            # link its scanner did not split, say)
            article = _usual.usual_article(self, match, summary, lineno)
            if article is None:
                extra = _extra_lines(match[7]) if match[7] else ()
                if extra is None:  # a field of its own: the careful path
                    article = self.unit(match[0], lineno)
                else:  # a usual shape with an unusual value
                    article = self.unusual(match, summary, extra, lineno)
            if article is not None:
                yield article
            lineno += newlines
            pos = match.end()
        return lineno

    def unusual(
        self, match: re.Match[str], summary: str, extra: tuple[tuple[str, str], ...], lineno: int
    ) -> Article | None:
        """A usual-shape block with an unusual value (an empty title, a date that needs
        more than :meth:`datetime.fromisoformat`): checked by :func:`_make_article`."""
        title, link, _, _, feed, date, *_ = match.groups()
        return self.careful(
            match[0],
            lambda warn: _make_article(
                title=title, link=link, link_text=link, feed=feed, date=date, summary=summary,
                extra=list(extra), lineno=lineno, link_line=lineno + 1,
                date_line=lineno + 3, section=self.section, source=self.source, warn=warn,
            ),
        )  # fmt: skip

    def read(self, chunks: Iterable[str]) -> Iterator[Article]:
        """Read units as soon as the next unit's start shows they are complete."""
        buffer = ""
        lineno = 1  # the line the buffer starts on
        skipping = False  # (past a unit longer than MAX_BLOCK, up to the next one)
        for chunk in chunks:
            buffer += chunk
            if skipping:
                buffer, lineno, skipping = _skip(buffer, lineno)
                if skipping:
                    continue
            # The last unit in the buffer may continue in the next chunk.
            end = _last_unit_start(buffer)
            if end > 0:
                lineno = yield from self.bounded(buffer, end, lineno)
                buffer = buffer[end:]
            if len(buffer) > MAX_BLOCK:
                start, lineno = self.too_long(buffer, lineno)
                buffer, lineno, skipping = _skip(buffer[start:], lineno)
        if buffer and not skipping:
            yield from self.bounded(buffer, len(buffer), lineno)

    def bounded(self, text: str, end: int, lineno: int) -> Generator[Article, None, int]:
        """:meth:`units`, each unit longer than :data:`MAX_BLOCK` reported and skipped.

        (Only text of more than that can hold one; a document given whole holds
        all its units in one piece.)
        """
        done = 0
        for start, stop in _overlong(text, end, MAX_BLOCK):
            if start > done:
                lineno = yield from self.units(text[done:start], start - done, lineno)
            self.too_long(text[start : start + MAX_BLOCK + 1], lineno)
            lineno += text.count("\n", start, stop)
            done = stop
        if done == 0:
            return (yield from self.units(text, end, lineno))
        if end > done:
            lineno = yield from self.units(text[done:end], end - done, lineno)
        return lineno

    def too_long(self, unit: str, lineno: int) -> tuple[int, int]:
        """Report *unit*, the start of a unit longer than :data:`MAX_BLOCK`.

        A section header on its first line is still read, and the problem is
        said at the first line after it that is not blank.  Returns where, in
        *unit*, what is skipped starts, and its line.
        """
        start = 0
        if unit.startswith("# Source"):
            end = unit.find("\n")
            if 0 < end < MAX_BLOCK:
                self.unit(unit[:end], lineno)
                start = len(unit) - len(unit[end:].lstrip("\n"))
                lineno += start - end
        self.problem(
            f"a block of more than {MAX_BLOCK:,} characters, the most a block may hold: "
            "skipped up to the next '## ' heading",
            lineno,
            1,
            unit[start : start + 300] + "…",
        )
        return start, lineno


def _skip(buffer: str, lineno: int) -> tuple[str, int, bool]:
    """Drop text up to the next unit start after ``buffer[0]``; False once it is found.

    What is kept while none is found is the start of a line that may yet begin
    one (after its newline, so that ``^`` can match there), never more than
    :data:`MAX_BLOCK`.
    """
    found = _UNIT_START_RE.search(buffer, 1)
    if found is not None:
        start = found.start()
        return buffer[start:], lineno + buffer.count("\n", 0, start), False
    keep = buffer.rfind("\n#")
    if keep < 0 or len(buffer) - keep > MAX_BLOCK:
        keep = buffer.rfind("\n")
    if keep < 0 or len(buffer) - keep > MAX_BLOCK:
        keep = len(buffer)  # (mid-line: no unit starts before the next newline)
    return buffer[keep:], lineno + buffer.count("\n", 0, keep), True


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
    return streamed(
        source,
        "markdown",
        strict,
        report,
        lambda readable: _iter(readable, strict, report, encoding, source_name(source)),
    )


def _iter(
    source: Source, strict: bool, report: Report, encoding: str | None, name: str | None
) -> Iterator[Article]:
    """The articles of a markdown dump (for the public functions and read_file)."""
    reader = _Reader(name, strict, report)
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
    with opened(source, "markdown") as readable:
        articles = tuple(
            reader.read(iter_text(readable, strict=strict, report=report, encoding=encoding))
        )
        report_damage(readable, strict, report)
    section = reader.first_section or _Section()
    return Feed(
        title=section.name,
        url=section.url,
        language=section.language,
        articles=articles,
        problems=tuple(problems),
        source=name,
    )
