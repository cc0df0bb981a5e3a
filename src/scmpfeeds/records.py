"""Articles as plain records: JSON Lines and CSV, written and read back.

These are the command line's ``--output jsonl`` and ``--output csv``, as
functions, each with the reader that gives the articles back.

**JSON Lines** holds every field: one object per line, ``article.to_dict()``
as :func:`json.dumps` writes it (``ensure_ascii=False``); :func:`read_jsonl`
gives back articles equal to those written, field for field.

**CSV** holds every field too, one column each (the columns of
``Article.to_dict()``, in order).  Text is written as it is; ``id`` and
``lineno`` as numbers; dates in ISO 8601; ``authors``, ``body``, ``media`` and
``extra`` as JSON arrays (``extra`` as ``[key, value]`` pairs), so that a name
with a comma stays one name; an empty cell is ``None`` (or, for a list, empty).
The one thing CSV cannot tell apart is an empty text from a missing one: an
optional text field holding ``""`` reads back as ``None``, which is said once
per run.  With pandas::

    frame = pandas.read_csv("articles.csv", keep_default_na=False, na_values=[""])
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from . import _implementation
from ._losses import Losses, OnLoss
from ._model import Article, Problem
from ._pure.jsonl import csv_row, json_line
from ._source import Report, Source, iter_text, source_name, warn_problem
from .errors import ParseError

__all__ = ["CSV_COLUMNS", "read_csv", "read_jsonl", "write_csv", "write_jsonl"]

# -- JSON Lines ------------------------------------------------------------------------

_JSONL_BATCH = 256


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    """Write *articles* to the text stream *out* as JSON Lines; return how many.

    Each line is ``json.dumps(article.to_dict(), ensure_ascii=False)``; nothing
    is lost (:func:`read_jsonl` reads them back).
    """
    # In batches, by the twin chosen (scmpfeeds._implementation), as bytes when *out*
    # is UTF-8; a batch holding a string UTF-8 cannot carry is written as text.
    lines = _implementation.jsonl.lines
    write = utf8_writer(out)
    count = 0
    for batch in _batches(articles):
        try:
            data = lines(batch)
        except UnicodeEncodeError:
            out.write("".join(map(json_line, batch)))
        else:
            write(data)
        count += len(batch)
    return count


def utf8_writer(out: IO[str]) -> Callable[[bytes], object]:
    """How to write UTF-8 bytes to the text stream *out*: straight to its binary
    buffer when it has one and is UTF-8 (after what was written as text), else
    decoded."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or ""
    if buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8":
        return lambda data: out.write(data.decode("utf-8"))

    def write(data: bytes) -> object:
        out.flush()
        return buffer.write(data)

    return write


def _batches(articles: Iterable[Article]) -> Iterator[tuple[Article, ...]]:
    iterator = iter(articles)
    while batch := tuple(itertools.islice(iterator, _JSONL_BATCH)):
        yield batch


def read_jsonl(
    source: Source, *, strict: bool = False, on_problem: Report | None = None
) -> Iterator[Article]:
    """Yield the articles of JSON Lines written by :func:`write_jsonl` (or the command
    line), each equal to the article written.

    A line that is not such a record is a :class:`~scmpfeeds.Problem` with its
    line number (raised as :class:`~scmpfeeds.ParseError` with ``strict=True``).
    """
    report = on_problem or warn_problem
    name = source_name(source)
    for lineno, line in enumerate(_lines(iter_text(source, strict=strict, report=report)), 1):
        if not line.strip():
            continue
        try:
            article = Article.from_dict(json.loads(line))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            message = f"not an article record: {exc}"
            if strict:
                raise ParseError(message, lineno=lineno, source=name) from None
            report(Problem(lineno=lineno, message=message, text=line, source=name))
            continue
        yield article


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of a text that arrives in chunks, each with its ``\n`` (as files give
    them: the csv module needs them to read a field that spans lines)."""
    rest = ""
    for chunk in chunks:
        lines = (rest + chunk).split("\n")
        rest = lines.pop()
        for line in lines:
            yield line + "\n"
    if rest:
        yield rest


# -- CSV ---------------------------------------------------------------------------------

#: The columns of the CSV writer: ``Article.to_dict()``'s keys, in order.
CSV_COLUMNS = (
    "id", "url", "link", "title", "summary", "published", "feed_url", "feed_title", "language",
    "authors", "media", "body", "title_zh", "summary_zh", "digest_date", "extra", "source",
    "lineno",
)  # fmt: skip
# Text columns that may be None: an empty cell.
_OPTIONAL_TEXT = (
    "url", "link", "feed_url", "feed_title", "language", "title_zh", "summary_zh", "source",
)  # fmt: skip
_EMPTY_TEXT = "an empty text in an optional field (written as an empty cell, read as none)"


def write_csv(
    articles: Iterable[Article],
    out: IO[str],
    *,
    strict: bool = False,
    on_loss: OnLoss | None = None,
    header: bool = True,
) -> int:
    """Write *articles* to the text stream *out* as CSV; return how many.

    Every article and every field is written (see the module documentation);
    :func:`read_csv` reads them back.  An optional text field holding ``""`` is
    the one thing CSV cannot tell from ``None``: said once, at the end, to
    *on_loss* (by default as a :class:`~scmpfeeds.RenderWarning`);
    ``strict=True`` raises :class:`~scmpfeeds.RenderError` instead.
    ``header=False`` leaves out the row of column names (to add rows to a file).
    """
    losses = Losses("CSV", strict=strict, on_loss=on_loss)
    # Rows end with "\r\n" (RFC 4180), so that a field holding "\r" is quoted too.
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    # In batches, by the twin chosen (scmpfeeds._implementation), as bytes when *out*
    # is UTF-8; a batch holding a string UTF-8 cannot carry (or a subclass, which the
    # compiled twin leaves to the reference) is written row by row by the csv module.
    rows = _implementation.jsonl.csv_rows
    write = utf8_writer(out)
    count = 0
    for batch in _batches(articles):
        for article in batch:
            _empty_text(article, losses)
        try:
            data = rows(batch)
        except (UnicodeEncodeError, TypeError):
            _write_csv_rows(batch, writer)
        else:
            write(data)
        count += len(batch)
    losses.report()
    return count


def _empty_text(article: Article, losses: Losses) -> None:
    a = article
    if "" in (a.url, a.link, a.feed_url, a.feed_title, a.language, a.title_zh, a.summary_zh,
              a.source):  # fmt: skip
        losses.add(_EMPTY_TEXT, a)


def _write_csv_rows(articles: Iterable[Article], writer: Any) -> None:
    """Each row by the csv module, to *writer*."""
    writer.writerows(map(csv_row, articles))


def read_csv(
    source: Source, *, strict: bool = False, on_problem: Report | None = None
) -> Iterator[Article]:
    """Yield the articles of CSV written by :func:`write_csv` (or the command line).

    A row that is not such a record is a :class:`~scmpfeeds.Problem` with its
    line number (raised as :class:`~scmpfeeds.ParseError` with ``strict=True``).
    """
    report = on_problem or warn_problem
    name = source_name(source)
    text = iter_text(source, strict=strict, report=report, newlines=False)
    reader = csv.reader(_lines(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ParseError(f"not CSV: {exc}", lineno=reader.line_num, source=name) from None
    if header is None:
        return
    if tuple(header) != CSV_COLUMNS:
        raise ParseError(
            f"expected the columns {', '.join(CSV_COLUMNS)}, found {', '.join(header)}",
            lineno=1,
            source=name,
        )
    for row in _rows(reader):
        if not row:
            continue
        try:
            if isinstance(row, csv.Error):
                raise ValueError(f"not CSV: {row}")
            article = Article.from_dict(_record(row))
        except (ValueError, TypeError) as exc:
            message = str(exc) if isinstance(row, csv.Error) else f"not an article record: {exc}"
            if strict:
                raise ParseError(message, lineno=reader.line_num, source=name) from None
            report(Problem(lineno=reader.line_num, message=message, source=name))
            continue
        yield article


def _rows(reader: Any) -> Iterator[list[str] | csv.Error]:
    """The rows of *reader*, and in place of each it cannot read, the error."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # (a line break inside a field that is not quoted)
            yield exc


def _record(row: list[str]) -> dict[str, Any]:
    if len(row) != len(CSV_COLUMNS):
        raise ValueError(f"{len(row)} cells, not {len(CSV_COLUMNS)}")
    cells = dict(zip(CSV_COLUMNS, row, strict=False))
    record: dict[str, Any] = {
        "title": cells["title"],
        "summary": cells["summary"],
        "id": int(cells["id"]) if cells["id"] else None,
        "lineno": int(cells["lineno"]) if cells["lineno"] else None,
        "published": cells["published"] or None,
        "digest_date": cells["digest_date"] or None,
    }
    for key in _OPTIONAL_TEXT:
        record[key] = cells[key] or None
    for key in ("authors", "media", "body", "extra"):
        record[key] = json.loads(cells[key]) if cells[key] else []
    return record
