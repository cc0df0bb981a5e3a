"""The JSON Lines and CSV writers' records (the twin of ``_compiled/jsonl.pyx``).

:func:`lines` and :func:`csv_rows` give a batch of articles as the UTF-8 bytes
:func:`scmpfeeds.write_jsonl` and :func:`scmpfeeds.write_csv` write; a string
UTF-8 cannot carry (a lone surrogate) raises :class:`UnicodeEncodeError`, and the
writers then write that batch as text.  :func:`json_line` and :func:`csv_row` are
one article's line and row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .._model import Article

__all__ = ["csv_row", "csv_rows", "json_line", "lines"]

_JSON = json.JSONEncoder(ensure_ascii=False)


def lines(articles: Iterable[Article]) -> bytes:
    """*articles* as JSON Lines, in UTF-8 (each line :func:`json_line`)."""
    return "".join(map(json_line, articles)).encode("utf-8")


def csv_rows(articles: Iterable[Article]) -> bytes:
    """*articles* as CSV rows (each :func:`csv_row`, ending with ``\r\n``), in UTF-8."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(map(csv_row, articles))
    return out.getvalue().encode("utf-8")


def csv_row(a: Article) -> tuple[Any, ...]:
    """The cells of *a*'s CSV row, as the csv module takes them (see
    :mod:`scmpfeeds.records`)."""
    dumps = _JSON.encode
    published, day = a.published, a.digest_date
    return (
        a.id, a.url, a.link, a.title, a.summary,
        None if published is None else published.isoformat(),
        a.feed_url, a.feed_title, a.language,
        dumps(a.authors) if a.authors else None,
        dumps([m.to_dict() for m in a.media]) if a.media else None,
        dumps(a.body) if a.body else None,
        a.title_zh, a.summary_zh,
        None if day is None else day.isoformat(),
        dumps(a.extra) if a.extra else None,
        a.source, a.lineno,
    )  # fmt: skip


def json_line(article: Article) -> str:
    """``json.dumps(article.to_dict(), ensure_ascii=False) + "\\n"``, written field by
    field (about twice as fast: no dictionary, no encoder walking one).

    The json module's own string encoder quotes each string; the parity and CLI
    tests hold the line equal to the json module's.  A subclass, which may give
    its own ``to_dict``, is written by the json module.
    """
    try:
        if type(article) is Article:
            return _fields_line(article)
    except TypeError:  # a field of another type than the parsers give: the json module's way
        pass
    return _JSON.encode(article.to_dict()) + "\n"


def _fields_line(a: Article) -> str:
    published, day = a.published, a.digest_date
    media = ", ".join(
        f'{{"url": {_quote(m.url)}, "kind": {_quote(m.kind)}, "type": {_or_null(m.type)}, '
        f'"width": {_number(m.width)}, "height": {_number(m.height)}, '
        f'"duration": {_number(m.duration)}, "length": {_or_null(m.length)}, '
        f'"medium": {_or_null(m.medium)}}}'
        for m in a.media
    )
    extra = ", ".join(f"[{_quote(key)}, {_quote(value)}]" for key, value in a.extra)
    return (
        f'{{"id": {_number(a.id)}, "url": {_or_null(a.url)}, "link": {_or_null(a.link)}, '
        f'"title": {_quote(a.title)}, "summary": {_quote(a.summary)}, '
        f'"published": {"null" if published is None else _quote(published.isoformat())}, '
        f'"feed_url": {_or_null(a.feed_url)}, "feed_title": {_or_null(a.feed_title)}, '
        f'"language": {_or_null(a.language)}, "authors": [{", ".join(map(_quote, a.authors))}], '
        f'"media": [{media}], "body": [{", ".join(map(_quote, a.body))}], '
        f'"title_zh": {_or_null(a.title_zh)}, "summary_zh": {_or_null(a.summary_zh)}, '
        f'"digest_date": {"null" if day is None else _quote(day.isoformat())}, '
        f'"extra": [{extra}], "source": {_or_null(a.source)}, "lineno": {_number(a.lineno)}}}\n'
    )


_quote = json.encoder.encode_basestring  # (the C encoder json.dumps itself uses)


def _or_null(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _number(value: int | None) -> str:
    if value is None:
        return "null"
    if type(value) is not int:  # (a bool is true or false to json)
        raise TypeError(f"not an int: {value!r}")
    return int.__repr__(value)
