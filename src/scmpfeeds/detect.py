"""Reading any of the four formats: detect which one a document is, then parse it.

Detection looks at the start of the document only:

* it starts with ``<`` (after a byte order mark and whitespace) and is not an
  HTML page: **RSS** (XML);
* it starts with ``[`` or ``{`` and its first kilobytes show a key that entries
  have (``"link"``, ``"entries"``, ``"date_published"``, ``"description"``):
  **JSON entries** (the link archive's ``*_entries.json``);
* its first line starts with ``# Source`` or ``## ``, or a ``## `` heading is
  followed by a `` - [`` link line: a **markdown dump**;
* its first lines are a title ending in a ``YYYY-MM-DD`` date and a
  ``Month D, YYYY  N min  N words`` line, or it has a ``摘要`` line: a **bilingual
  digest**.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import attrs

from ._detection import FORMATS, Format, _as_text, describe_unknown, detect_format, not_text
from ._encoding import check_encoding
from ._model import Article, Feed, Problem
from ._prepare import opened, report_damage
from ._source import Report, Source, peek, source_name, warn_problem
from .digest import Digest, parse_bilingual_digest
from .digest._reader import _parse as _parse_digest
from .errors import ParseError, ParseWarning
from .json_entries import _iter as _iter_json
from .json_entries import parse_json_entries
from .markdown_dump import parse_markdown_dump
from .markdown_dump._reader import _iter as _iter_markdown
from .rss import parse_rss
from .rss._stream import _iter as _iter_rss

__all__ = ["FORMATS", "Format", "describe_unknown", "detect_format", "iter_articles", "parse"]


def _resolve(
    source: Source, format: Format | None, encoding: str | None = None
) -> tuple[Format, Source]:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        if encoding is None:  # (told the encoding, a reader may know better than a guess)
            head, source = peek(source)
            if (message := not_text(head, format)) is not None:
                raise ParseError(message, source=source_name(source))
        return format, source
    head, source = peek(source)
    found = detect_format(_as_text(head, encoding) if encoding else head)
    if found is None:
        raise ParseError(describe_unknown(head), source=source_name(source))
    return found, source


def parse(
    source: Source,
    *,
    strict: bool = False,
    format: Format | None = None,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Feed | Digest:
    """Parse *source* with the parser for its format, detected from its content.

    Returns a :class:`Feed` for RSS, JSON entries and markdown dumps and a
    :class:`Digest` for digests; ``format`` skips the detection.  A document of
    no known format raises :class:`ParseError` that says what it is instead (an
    empty file, binary data, an HTML page).  A ``str`` is the document itself: a
    path or a URL is refused (pass :class:`pathlib.Path`; scmpfeeds never
    fetches).  A gzip, bzip2 or xz file is read decompressed.  To read a
    directory or a glob, use :func:`scmpfeeds.read`.

    *cst_as_china* reads the zone name ``CST`` as China Standard Time (+08:00)
    rather than US Central Time, wherever a date names its zone (RSS's
    ``pubDate``; the other formats give numeric offsets).
    """
    with opened(source, None) as readable:
        found, inner = _resolve(readable, format, encoding)
        result: Feed | Digest
        if found == "rss":
            result = parse_rss(inner, strict=strict, encoding=encoding, cst_as_china=cst_as_china)
        elif found == "markdown":
            result = parse_markdown_dump(inner, strict=strict, encoding=encoding)
        elif found == "json":
            result = parse_json_entries(inner, strict=strict, encoding=encoding)
        else:
            result = parse_bilingual_digest(inner, strict=strict, encoding=encoding)
        said: list[Problem] = []
        report_damage(readable, strict, said.append)
    for problem in said:  # (a compressed file cut short: said after what was read)
        warn_problem(problem)
        result = attrs.evolve(result, problems=(*result.problems, problem))
    return result


def iter_articles(
    source: Source,
    *,
    strict: bool = False,
    format: Format | None = None,
    on_problem: Report | None = None,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """Yield the articles of *source*, whatever its format.

    RSS, JSON entries and markdown dumps are streamed; a digest is read whole
    (its sections must be cross-checked) and its articles are then yielded.
    Problems go to *on_problem*, or are emitted as :class:`ParseWarning`.
    *cst_as_china* is as for :func:`parse`.
    """
    report = on_problem or warn_problem
    with opened(source, None) as readable:
        found, inner = _resolve(readable, format, encoding)
        yield from _articles(found, inner, strict, report, encoding, cst_as_china)
        report_damage(readable, strict, report)


def _articles(
    found: Format,
    source: Source,
    strict: bool,
    report: Report,
    encoding: str | None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """The articles of a document whose format is known (for :func:`iter_articles`
    and :func:`scmpfeeds.read_file`, which detects the format itself)."""
    name = source_name(source)
    if encoding is not None:
        check_encoding(encoding)
    if found == "rss":
        return _iter_rss(source, strict, report, encoding, cst_as_china, name)
    if found == "markdown":
        return _iter_markdown(source, strict, report, encoding, name)
    if found == "json":
        return _iter_json(source, strict, report, encoding, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ParseWarning)
        digest = _parse_digest(source, strict, encoding, name)
    for problem in digest.problems:
        report(problem)
    return iter(digest.articles)
