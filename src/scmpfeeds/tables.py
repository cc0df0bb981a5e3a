"""Articles as a table: Arrow, pandas and Parquet, with one fixed schema.

Install with ``pip install 'scmpfeeds[arrow]'`` (pyarrow; add pandas for
:func:`to_pandas`).  The core package never imports pyarrow: this module
imports it when one of its functions is called.

The schema (:func:`article_schema`) is fixed, so tables from different files,
days and formats concatenate without surprises:

=============== ============================================ =======================
column          Arrow type                                   from
=============== ============================================ =======================
id              int64, nullable                              :attr:`Article.id`
url             string                                       :attr:`Article.url`
link            string                                       :attr:`Article.link`
title           string                                       :attr:`Article.title`
summary         string                                       :attr:`Article.summary`
published       timestamp[us, tz=UTC], nullable              :attr:`Article.published`
published_offset int32 (minutes east of UTC), nullable        its UTC offset
feed_url        string, nullable                             :attr:`Article.feed_url`
feed_title      string, nullable                             :attr:`Article.feed_title`
language        string, nullable                             :attr:`Article.language`
authors         list<string>                                 :attr:`Article.authors`
media           list<struct<url, kind, type, width, height,  :attr:`Article.media`
                duration, length, medium>>
body            list<string>                                 :attr:`Article.body`
title_zh        string, nullable                             :attr:`Article.title_zh`
summary_zh      string, nullable                             :attr:`Article.summary_zh`
digest_date     date32, nullable                             :attr:`Article.digest_date`
extra           list<struct<key: string, value: string>>     :attr:`Article.extra`
source          string, nullable                             :attr:`Article.source`
lineno          int64, nullable                              :attr:`Article.lineno`
=============== ============================================ =======================

An Arrow timestamp column has one time zone, so ``published`` is stored in UTC
and the publisher's own offset is kept beside it in ``published_offset``:
nothing is lost (:func:`from_arrow` gives back equal articles), but for an
offset with seconds in it, which is kept to the minute and said once per run.

The schema carries pandas' metadata, so ``pandas.read_parquet`` of a file
written here gives the same dtypes as :func:`to_pandas`: ``id``, ``lineno`` and
``published_offset`` as nullable integers (``Int64``, ``Int32``) even when some
values are missing.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable, Iterator
from datetime import timedelta, timezone
from typing import IO, TYPE_CHECKING, Any

from ._losses import Losses, OnLoss
from ._model import Article, Media

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = [
    "article_schema",
    "from_arrow",
    "read_parquet",
    "record_batches",
    "to_arrow",
    "to_pandas",
    "write_parquet",
]

_EXTRA = "scmpfeeds[arrow]"


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ImportError(f"tables of articles need pyarrow: pip install '{_EXTRA}'") from None
    return pyarrow


def article_schema() -> pyarrow.Schema:
    """The Arrow schema of a table of articles (see the module documentation)."""
    pa = _pyarrow()
    return _schema(pa).with_metadata({b"pandas": _pandas_metadata(pa)})


def _pandas_metadata(pa: Any) -> bytes:
    """What pandas reads a Parquet file's dtypes from: nullable integers for the int
    columns (without it, a column of ids with gaps reads as float64)."""
    nullable = {pa.int64(): "Int64", pa.int32(): "Int32"}
    columns = [
        {
            "name": field.name,
            "field_name": field.name,
            "pandas_type": "object",
            "numpy_type": nullable.get(field.type, "object"),
            "metadata": None,
        }
        for field in _schema(pa)
    ]
    return json.dumps(
        {"index_columns": [], "column_indexes": [], "columns": columns, "attributes": {}}
    ).encode()


def _schema(pa: Any) -> Any:
    media = pa.struct(
        [
            ("url", pa.string()),
            ("kind", pa.string()),
            ("type", pa.string()),
            ("width", pa.int64()),
            ("height", pa.int64()),
            ("duration", pa.int64()),
            ("length", pa.string()),
            ("medium", pa.string()),
        ]
    )
    pair = pa.struct([("key", pa.string()), ("value", pa.string())])
    return pa.schema(
        [
            ("id", pa.int64()),
            ("url", pa.string()),
            ("link", pa.string()),
            ("title", pa.string()),
            ("summary", pa.string()),
            ("published", pa.timestamp("us", tz="UTC")),
            ("published_offset", pa.int32()),
            ("feed_url", pa.string()),
            ("feed_title", pa.string()),
            ("language", pa.string()),
            ("authors", pa.list_(pa.string())),
            ("media", pa.list_(media)),
            ("body", pa.list_(pa.string())),
            ("title_zh", pa.string()),
            ("summary_zh", pa.string()),
            ("digest_date", pa.date32()),
            ("extra", pa.list_(pair)),
            ("source", pa.string()),
            ("lineno", pa.int64()),
        ]
    )


_ODD_OFFSET = "UTC offsets with seconds in dates (the offset kept to the minute)"


def _offset_minutes(article: Article, losses: Losses | None) -> int | None:
    if article.published is None:
        return None
    offset = article.published.utcoffset()
    assert offset is not None  # published is always aware
    if losses is not None and (offset.seconds % 60 or offset.microseconds):
        losses.add(_ODD_OFFSET, article)
    return int(offset.total_seconds() // 60)


#: How many articles one record batch (and one Parquet row group) holds.
BATCH_ROWS = 8_192


def to_arrow(
    articles: Iterable[Article], *, strict: bool = False, on_loss: OnLoss | None = None
) -> pyarrow.Table:
    """A :class:`pyarrow.Table` of *articles*, one row each, in :func:`article_schema`.

    >>> from scmpfeeds import parse, samples
    >>> table = to_arrow(parse(samples.RSS).articles)
    >>> table.num_rows, table.schema.field("published").type
    (50, TimestampType(timestamp[us, tz=UTC]))
    """
    pa = _pyarrow()
    losses = Losses("an Arrow table", strict=strict, on_loss=on_loss)
    table = pa.Table.from_batches(list(_batches(articles, losses)), schema=article_schema())
    losses.report()
    return table


def record_batches(
    articles: Iterable[Article],
    *,
    batch_rows: int = BATCH_ROWS,
    strict: bool = False,
    on_loss: OnLoss | None = None,
) -> pyarrow.RecordBatchReader:
    """The articles as a stream of Arrow record batches of *batch_rows* rows, read
    from *articles* only as each batch is asked for: memory holds one batch, however
    long the stream.

    A :class:`pyarrow.RecordBatchReader` is what Polars (``pl.from_arrow``),
    DuckDB (``duckdb.from_arrow``) and Spark take without copying the whole
    archive into memory first.  A loss is said as by :func:`to_arrow`, once, when
    the stream ends.

    >>> from scmpfeeds import read, samples
    >>> reader = record_batches(read(samples.ARCHIVE), batch_rows=100)
    >>> [batch.num_rows for batch in reader]
    [100, 57]
    """
    pa = _pyarrow()
    losses = Losses("an Arrow table", strict=strict, on_loss=on_loss)

    def batches() -> Iterator[pyarrow.RecordBatch]:
        yield from _batches(articles, losses, batch_rows)
        losses.report()

    return pa.RecordBatchReader.from_batches(article_schema(), batches())


def _batches(
    articles: Iterable[Article], losses: Losses, batch_rows: int = BATCH_ROWS
) -> Iterator[pyarrow.RecordBatch]:
    pa = _pyarrow()
    schema = article_schema()
    iterator = iter(articles)
    while rows := list(itertools.islice(iterator, batch_rows)):
        yield pa.RecordBatch.from_pydict(_columns(rows, losses), schema=schema)


def _columns(rows: list[Article], losses: Losses) -> dict[str, list[Any]]:
    return {
        "id": [a.id for a in rows],
        "url": [a.url for a in rows],
        "link": [a.link for a in rows],
        "title": [a.title for a in rows],
        "summary": [a.summary for a in rows],
        "published": [a.published for a in rows],
        "published_offset": [_offset_minutes(a, losses) for a in rows],
        "feed_url": [a.feed_url for a in rows],
        "feed_title": [a.feed_title for a in rows],
        "language": [a.language for a in rows],
        "authors": [list(a.authors) for a in rows],
        "media": [[media.to_dict() for media in a.media] for a in rows],
        "body": [list(a.body) for a in rows],
        "title_zh": [a.title_zh for a in rows],
        "summary_zh": [a.summary_zh for a in rows],
        "digest_date": [a.digest_date for a in rows],
        "extra": [[{"key": k, "value": v} for k, v in a.extra] for a in rows],
        "source": [a.source for a in rows],
        "lineno": [a.lineno for a in rows],
    }


def from_arrow(table: pyarrow.Table) -> list[Article]:
    """The articles of a table written by :func:`to_arrow` (or read from its Parquet)."""
    articles = []
    for row in table.to_pylist():
        published = row["published"]
        if published is not None:
            zone = timezone(timedelta(minutes=row["published_offset"] or 0))
            published = published.astimezone(zone)
        articles.append(
            Article(
                title=row["title"],
                link=row["link"],
                url=row["url"],
                id=row["id"],
                summary=row["summary"],
                published=published,
                feed_url=row["feed_url"],
                feed_title=row.get("feed_title"),
                language=row.get("language"),
                authors=tuple(row["authors"]),
                media=tuple(Media(**media) for media in row["media"]),
                body=tuple(row["body"]),
                title_zh=row["title_zh"],
                summary_zh=row["summary_zh"],
                digest_date=row["digest_date"],
                extra=tuple((pair["key"], pair["value"]) for pair in row["extra"]),
                source=row["source"],
                lineno=row["lineno"],
            )
        )
    return articles


def to_pandas(articles: Iterable[Article]) -> pandas.DataFrame:
    """A :class:`pandas.DataFrame` of *articles*: :func:`to_arrow`, then pandas.

    ``id`` and ``lineno`` are nullable integers (``Int64``), ``published`` is an
    aware ``datetime64[us, UTC]`` column, and list columns hold lists.
    """
    pa = _pyarrow()
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(f"to_pandas needs pandas: pip install '{_EXTRA}' pandas") from None
    table = to_arrow(articles)
    nullable_ints = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype()}
    frame: pandas.DataFrame = table.to_pandas(types_mapper=nullable_ints.get)
    return frame


def write_parquet(
    articles: Iterable[Article],
    where: str | os.PathLike[str] | IO[bytes],
    *,
    strict: bool = False,
    on_loss: OnLoss | None = None,
    batch_rows: int = BATCH_ROWS,
) -> None:
    """Write *articles* to a Parquet file (a path or a binary file object).

    The file holds :func:`article_schema`, with pandas' metadata;
    :func:`from_arrow` of ``pyarrow.parquet.read_table(where)`` gives the
    articles back, and ``pandas.read_parquet(where)`` the frame :func:`to_pandas`
    gives.  A loss is said as by :func:`to_arrow`.

    The articles are read as the file is written, a row group of *batch_rows*
    (8,192) at a time, so memory holds one row group however many articles there
    are: a quarter of a year of the archive (226,165 articles) is written in
    230 MB, 120 MB of it pyarrow and pandas themselves.
    """
    _pyarrow()
    import pyarrow.parquet as pq

    losses = Losses("an Arrow table", strict=strict, on_loss=on_loss)
    with pq.ParquetWriter(where, article_schema()) as writer:
        for batch in _batches(articles, losses, batch_rows):
            writer.write_batch(batch)
    losses.report()


def read_parquet(where: str | os.PathLike[str] | IO[bytes]) -> list[Article]:
    """The articles of a Parquet file written by :func:`write_parquet` (or
    ``--output parquet``): :func:`from_arrow` of the file's table."""
    _pyarrow()
    import pyarrow.parquet as pq

    return from_arrow(pq.read_table(where))
