"""JSON entries, as the link-archiving tool writes them beside (and, since mid-2025,
instead of) its markdown dumps: ``…_entries.json``.

The shapes we accept (JSON text, UTF-8 or as detected)::

    document  = value { value }                  (one value, or several one after
                                                  another: a concatenation, JSON Lines)
    value     = "[" [ item { "," item } ] "]"   (the usual form: a list of entries)
              | container | item
    container = "{" "entries": "[" entries "]", "source": source, … "}"   (2023-2024)
    source    = { "url": feed URL, "title": the outlet's name, … } | feed URL
    item      = entry | record
    entry     = "{" …keys… "}"                   (one archived item: see below)
    record    = what ``Article.to_dict()`` gives (scmpfeeds' own JSON Lines)

An entry is an object with a ``link`` or a ``title``.  Its keys, over the tool's
years:

=================== ====================================================================
key                 where it goes
=================== ====================================================================
``title``           :attr:`Article.title`
``link``            :attr:`Article.link` (``""`` is none); ``url`` and the SCMP ``id``
                    are computed from it.  The archiver's own ``id`` is *not* an SCMP
                    ID: it is kept in ``extra``
``description``     :attr:`Article.summary`
``date_published``  :attr:`Article.published` (ISO 8601, ``T`` or a space; no offset
                    is UTC)
``source_url``      :attr:`Article.feed_url`; older entries name the feed ``source``
``language``        :attr:`Article.language` (``""`` is none)
``author``          :attr:`Article.authors`: co-authors are joined by a comma with no
                    space (``"Vanessa Cai,Meredith Chen"``), a list is taken as it is
``thumbnail``       an image in :attr:`Article.media`
any other key       :attr:`Article.extra`, in input order: ``date_created`` (when the
                    archiver saw the item, not a publication date), ``id``,
                    ``source__id``, ``tags``, ``persistent``, ``user``, ratings and
                    status fields.  A string is kept as it is, any other value as its
                    JSON text (``27``, ``false``, ``null``, ``[]``)
=================== ====================================================================

A container's ``source`` gives each of its entries a feed URL (when the entry has
none) and the outlet's name (:attr:`Article.feed_title`).  Titles and summaries
are kept as the markdown dump of the same items keeps them: line ends as
``\\n``, no space at the ends of lines, no blank lines around them.

Nothing is dropped.  A field that is missing or cannot be read costs that field,
not the entry: an entry with no date, or a date that is not ISO 8601, is an
article without a date, and the problem is reported with the line of the entry
(in strict mode, raised).  A value that is not an entry (a number, an object
with neither ``link`` nor ``title``) is a problem holding its JSON text.  JSON
that is not well formed stops the reading where it breaks: every entry before
is read, and the break is reported with its line and column.

**Memory.**  A list is read one entry at a time, so a file of any size (a
user's concatenation of a year of entries) is read in memory that holds one
entry and a chunk of text; an entry larger than :data:`MAX_ENTRY` characters is
a problem.  A container is read whole (the tool wrote one per feed and day).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from ._dates import parse_iso_datetime
from ._ids import url_and_id
from ._model import Article, Feed, Media, Problem, _unchecked_article
from ._prepare import opened, report_damage, streamed
from ._source import Report, Source, collect_problems, iter_text, source_name, warn_problem
from .errors import ParseError

__all__ = ["MAX_ENTRY", "iter_json_entries", "parse_json_entries"]

#: The largest JSON value, in characters, read as one entry (a problem beyond it).
MAX_ENTRY = 16 << 20

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"
_HTTP_RE = re.compile(r"\s*https?://", re.IGNORECASE)
# Space (of any kind) at the end of a line.
_TRAILING_SPACE_RE = re.compile(r"[^\S\n]$", re.MULTILINE)
# The keys that have a field of their own (every other key goes to extra).
_OWN = frozenset(
    {"title", "link", "description", "date_published", "source_url", "language", "author"}
    | {"thumbnail"}
)
# scmpfeeds' own records (Article.to_dict()) have these keys, entries never do.
_RECORD_KEYS = frozenset(("summary", "published", "extra"))


class _Reader:
    def __init__(self, source: str | None, strict: bool, report: Report) -> None:
        self.source = source
        self.strict = strict
        self.report = report
        #: The first container's source: the feed's URL and name.
        self.feed: tuple[str | None, str | None] | None = None

    def problem(self, message: str, lineno: int | None, colno: int | None, text: str) -> None:
        if self.strict:
            raise ParseError(message, lineno=lineno, colno=colno, source=self.source)
        self.report(
            Problem(lineno=lineno, colno=colno, message=message, text=text, source=self.source)
        )

    def read(self, chunks: Iterable[str]) -> Iterator[Article]:
        for value, lineno, raw in _values(self, chunks):
            yield from self.value(value, lineno, raw)

    def value(self, value: Any, lineno: int, raw: str) -> Iterator[Article]:
        """The articles of one top-level value (or one element of a top-level list)."""
        if isinstance(value, dict) and isinstance(value.get("entries"), list):
            feed_url, feed_title = _container_source(value.get("source"))
            if self.feed is None:
                self.feed = (feed_url, feed_title)
            for entry in value["entries"]:
                yield from self.item(entry, lineno, json.dumps(entry), feed_url, feed_title)
        else:
            yield from self.item(value, lineno, raw, None, None)

    def item(
        self, value: Any, lineno: int, raw: str, feed_url: str | None, feed_title: str | None
    ) -> Iterator[Article]:
        if not isinstance(value, dict) or ("link" not in value and "title" not in value):
            what = type(value).__name__ if not isinstance(value, dict) else "object"
            self.problem(
                f"not an entry: a JSON {what} with neither 'link' nor 'title'", lineno, 1, raw
            )
            return
        if value.keys() >= _RECORD_KEYS:
            try:
                yield Article.from_dict({**value, "source": self.source, "lineno": lineno})
            except (ValueError, TypeError, KeyError) as exc:
                self.problem(f"not an article record: {exc}", lineno, 1, raw)
            return
        yield self.entry(value, lineno, raw, feed_url, feed_title)

    def entry(
        self,
        entry: dict[str, Any],
        lineno: int,
        raw: str,
        feed_url: str | None,
        feed_title: str | None,
    ) -> Article:
        """One entry's article; a field that cannot be read is a problem, and kept in extra."""
        extra: list[tuple[str, str]] = []
        title = self.text(entry, "title", lineno, raw, extra)
        link = self.text(entry, "link", lineno, raw, extra)
        summary = self.text(entry, "description", lineno, raw, extra)
        if (source := entry.get("source_url")) is None and isinstance(entry.get("source"), str):
            source = entry["source"]  # (the older name of the feed's URL)
        own_feed = self.text(entry, "source_url", lineno, raw, extra)
        language = self.text(entry, "language", lineno, raw, extra)
        published = self.date(entry, lineno, raw)
        authors = _authors(entry.get("author"))
        thumbnail = entry.get("thumbnail")
        for key, value in entry.items():
            if key not in _OWN and not (key == "source" and value == source):
                extra.append((key, value if isinstance(value, str) else _json_text(value)))
        if entry.get("author") is not None and not authors and entry["author"] != "":
            extra.append(("author", _json_text(entry["author"])))
        link = link.strip() if link else None
        url = found_id = None
        if link is not None and _HTTP_RE.match(link):
            url, found_id = url_and_id(link.strip())
        media: tuple[Media, ...] = ()
        if isinstance(thumbnail, str) and thumbnail.strip():
            media = (Media(url=thumbnail.strip(), kind="image"),)
        elif thumbnail is not None and thumbnail != "":
            extra.append(("thumbnail", _json_text(thumbnail)))
        return _unchecked_article(
            title=_tidy(title or "").strip(),
            link=link,
            url=url,
            id=found_id,
            summary=_tidy(summary or ""),
            published=published,
            feed_url=own_feed or (source if isinstance(source, str) and source else feed_url),
            feed_title=feed_title,
            language=language or None,
            authors=authors,
            media=media,
            extra=tuple(extra),
            source=self.source,
            lineno=lineno,
        )

    def text(
        self,
        entry: dict[str, Any],
        key: str,
        lineno: int,
        raw: str,
        extra: list[tuple[str, str]],
    ) -> str | None:
        """A text field; any other value is a problem, and kept in extra."""
        value = entry.get(key)
        if value is None or isinstance(value, str):
            return value
        self.problem(
            f"{key!r} is {_json_text(value)[:40]}, not text; kept in extra",
            _line_of(raw, key, lineno),
            None,
            raw,
        )
        extra.append((key, _json_text(value)))
        return None

    def date(self, entry: dict[str, Any], lineno: int, raw: str) -> datetime | None:
        """``date_published``; missing or unreadable, the article is kept without it."""
        value = entry.get("date_published")
        if isinstance(value, str) and value.strip():
            try:
                return parse_iso_datetime(value.strip())
            except ValueError:
                pass
        if "date_published" not in entry:
            message = "an entry without 'date_published'; kept without a date"
        else:
            message = f"invalid 'date_published' {_json_text(value)[:60]}; kept without a date"
        self.problem(message, _line_of(raw, "date_published", lineno), None, raw)
        return None


def _container_source(source: Any) -> tuple[str | None, str | None]:
    """A container's ``source``: the feed's URL and the outlet's name."""
    if isinstance(source, str):
        return source or None, None
    if isinstance(source, dict):
        url, title = source.get("url"), source.get("title")
        return (
            url if isinstance(url, str) and url else None,
            title.strip() if isinstance(title, str) and title.strip() else None,
        )
    return None, None


def _authors(value: Any) -> tuple[str, ...]:
    """``"Vanessa Cai,Meredith Chen"`` → two names (the tool joins them with a bare
    comma); a comma followed by a space is part of a name; a list as it is."""
    if isinstance(value, str):
        names = re.split(r",(?!\s)", value)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = value
    else:
        return ()
    return tuple(dict.fromkeys(name.strip() for name in names if name.strip()))


def _tidy(text: str) -> str:
    """Text as a markdown dump keeps it: ``\\n`` line ends, no space at the end of a
    line, no blank lines around it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text[:1] == "\n" or text[-1:] == "\n" or _TRAILING_SPACE_RE.search(text):
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return text


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _line_of(raw: str, key: str, lineno: int) -> int:
    """The line of ``"key":`` in an entry's raw text that starts on *lineno*."""
    at = raw.find(f'"{key}"')
    return lineno if at < 0 else lineno + raw.count("\n", 0, at)


# -- the values of a document, one at a time ------------------------------------------------


def _values(reader: _Reader, chunks: Iterable[str]) -> Iterator[tuple[Any, int, str]]:
    """Yield ``(value, line, raw text)`` for each top-level value of the text, and for
    each element of a top-level list, reading more text only when a value needs it."""
    stream = _Text(iter(chunks))
    in_list = False
    while True:
        if not stream.skip_space():
            if in_list:
                reader.problem(
                    "the document breaks off inside a list (no ']'); entries before it were read",
                    stream.lineno,
                    None,
                    "",
                )
            return
        char = stream.peek()
        if in_list and char == "]":
            stream.advance(1)
            in_list = False
            continue
        if in_list and char == ",":
            stream.advance(1)
            continue
        if not in_list and char == "[":
            stream.advance(1)
            in_list = True
            continue
        try:
            yield stream.decode()
        except _Broken as broken:
            what = "a list" if in_list else "the document"
            reader.problem(
                f"{what} breaks off here ({broken.message}); entries before it were read",
                broken.lineno,
                broken.colno,
                "",
            )
            return


class _Broken(Exception):
    """Where the JSON stops being well formed."""

    def __init__(self, message: str, lineno: int, colno: int | None) -> None:
        super().__init__(message)
        self.message, self.lineno, self.colno = message, lineno, colno


class _Text:
    """The text of a document, read a chunk at a time, with the line of its position."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._buffer = ""
        self._pos = 0
        self._more = True
        #: The line of the position (1-based), and where that line starts.
        self.lineno = 1
        self._line_start = 0

    def _read(self) -> bool:
        """Append the next chunk, dropping what was read; False at the end."""
        if not self._more:
            return False
        for chunk in self._chunks:
            if chunk:
                break
        else:
            self._more = False
            return False
        consumed = self._pos
        self._buffer = self._buffer[consumed:] + chunk
        self._pos = 0
        self._line_start -= consumed
        return True

    def skip_space(self) -> bool:
        """Move past whitespace; False at the end of the text."""
        while True:
            buffer, pos = self._buffer, self._pos
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                if buffer[pos] == "\n":
                    self.lineno += 1
                    self._line_start = pos + 1
                pos += 1
            self._pos = pos
            if pos < len(buffer):
                return True
            if not self._read():
                return False

    def peek(self) -> str:
        return self._buffer[self._pos]

    def advance(self, count: int) -> None:
        self._pos += count

    def decode(self) -> tuple[Any, int, str]:
        """The JSON value at the position, reading more text while it is incomplete;
        :class:`_Broken` where it is not well formed."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                grown = len(self._buffer) - self._pos
                if grown > MAX_ENTRY:
                    raise _Broken(
                        f"a value longer than {MAX_ENTRY} characters", self.lineno, None
                    ) from None
                if self._read():
                    continue  # (the value may go on in the next chunk)
                line = self.lineno + self._buffer.count("\n", self._pos, exc.pos)
                column = exc.pos - self._buffer.rfind("\n", 0, exc.pos)
                raise _Broken(f"malformed JSON: {exc.msg}", line, column) from None
            raw = self._buffer[self._pos : end]
            lineno = self.lineno
            if newlines := raw.count("\n"):
                self.lineno += newlines
                self._line_start = self._pos + raw.rfind("\n") + 1
            self._pos = end
            return value, lineno, raw


def iter_json_entries(
    source: Source,
    *,
    strict: bool = False,
    on_problem: Report | None = None,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Yield the articles of JSON entries one at a time, reading incrementally.

    Problems go to *on_problem* when given; otherwise each is emitted as a
    :class:`ParseWarning`.  With ``strict=True`` the first problem raises
    :class:`ParseError` instead.  See the module documentation for the format.
    """
    report = on_problem or warn_problem
    name = source_name(source)
    return streamed(
        source,
        "json",
        strict,
        report,
        lambda readable: _iter(readable, strict, report, encoding, name),
    )


def _iter(
    source: Source, strict: bool, report: Report, encoding: str | None, name: str | None
) -> Iterator[Article]:
    """The articles of JSON entries (for the public functions and read_file)."""
    reader = _Reader(name, strict, report)
    return reader.read(iter_text(source, strict=strict, report=report, encoding=encoding))


def parse_json_entries(
    source: Source, *, strict: bool = False, encoding: str | None = None
) -> Feed:
    """Parse JSON entries into a :class:`Feed`.

    The feed's URL and title are a container's ``source``, when the entries are
    in one (entries files of a list carry no outlet name: see
    :func:`scmpfeeds.read`, which takes it from the archive's ``sources.json``).

    >>> feed = parse_json_entries('''[{"title": "A", "link": "https://www.scmp.com/a/article/1/b",
    ...   "description": "S.", "date_published": "2026-01-01T22:00:38+00:00",
    ...   "author": "Vanessa Cai,Meredith Chen", "id": 4452644, "language": "en"}]''')
    >>> article = feed.articles[0]
    >>> article.id, article.authors, article.get_extra("id"), article.language
    (1, ('Vanessa Cai', 'Meredith Chen'), '4452644', 'en')
    """
    name = source_name(source)
    problems, report = collect_problems()
    reader = _Reader(name, strict, report)
    with opened(source, "json") as readable:
        articles = tuple(
            reader.read(iter_text(readable, strict=strict, report=report, encoding=encoding))
        )
        report_damage(readable, strict, report)
    url, title = reader.feed or (None, None)
    return Feed(title=title, url=url, articles=articles, problems=tuple(problems), source=name)
