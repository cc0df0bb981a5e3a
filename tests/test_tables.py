"""Articles as Arrow tables, pandas DataFrames and Parquet files, with one schema."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")

from scmpfeeds import (  # noqa: E402
    Article,
    from_arrow,
    parse,
    parse_bilingual_digest,
    read,
    record_batches,
    samples,
    to_arrow,
    to_pandas,
    write_parquet,
)
from scmpfeeds.tables import article_schema  # noqa: E402

from .conftest import FIXTURES, REALDATA  # noqa: E402

DAYS = REALDATA / "markdown" / "scmp-china-2023"


def test_every_format_round_trips_through_arrow() -> None:
    articles = list(read(samples.DIRECTORY))
    table = to_arrow(articles)
    assert table.schema == article_schema()
    assert table.num_rows == 128
    assert from_arrow(table) == articles
    assert [a.source for a in from_arrow(table)] == [a.source for a in articles]


def test_the_realdata_dumps_round_trip_through_a_parquet_file(tmp_path: Path) -> None:
    articles = list(read(f"{DAYS}/*.md"))
    out = tmp_path / "days.parquet"
    write_parquet(articles, out)
    table = pq.read_table(out)
    assert table.schema == article_schema()
    assert table.num_rows == 996
    assert from_arrow(table) == articles


def test_offsets_survive_beside_the_utc_column() -> None:
    rss = (
        b"<rss><channel><item><title>t</title><link>https://www.scmp.com/a/article/1/x</link>"
        b"<pubDate>Sun, 06 Oct 2019 16:28:27 +0800</pubDate></item></channel></rss>"
    )
    (article,) = parse(rss).articles
    table = to_arrow([article])
    assert table.column("published_offset").to_pylist() == [480]
    assert table.column("published").to_pylist()[0].isoformat() == "2019-10-06T08:28:27+00:00"
    (back,) = from_arrow(table)
    assert back.published == article.published
    assert str(back.published) == "2019-10-06 16:28:27+08:00"


def test_to_pandas_has_nullable_ids_aware_dates_and_list_columns() -> None:
    digest = parse_bilingual_digest(FIXTURES / "001_71277cbba28fab39.txt")
    frame = to_pandas([*parse(samples.RSS).articles, *digest.articles])
    assert frame.shape == (83, 19)
    assert str(frame["id"].dtype) == "Int64"
    assert str(frame["published"].dtype) == "datetime64[us, UTC]"
    assert frame["published"].isna().sum() == 33  # the digest's articles carry no date
    assert frame["digest_date"].iloc[-1] == date(2025, 8, 29)
    assert list(frame["authors"].iloc[0]) == ["Coco Feng"]


def test_the_core_install_does_not_import_pyarrow() -> None:
    code = (
        "import sys, scmpfeeds; scmpfeeds.parse(scmpfeeds.samples.RSS); "
        "print('pyarrow' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_without_pyarrow_the_error_names_the_extra() -> None:
    code = "import sys; sys.modules['pyarrow'] = None; import scmpfeeds; scmpfeeds.to_arrow([])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "tables of articles need pyarrow: pip install 'scmpfeeds[arrow]'" in result.stderr


def test_pandas_reads_the_parquet_file_with_the_dtypes_to_pandas_gives(tmp_path: Path) -> None:
    """Before: ``id`` read back as float64 when some ids were missing (no pandas metadata)."""
    pd = pytest.importorskip("pandas")
    digest = parse_bilingual_digest(FIXTURES / "001_71277cbba28fab39.txt")
    articles = [*parse(samples.RSS).articles, *digest.articles, Article(title="no id")]
    path = tmp_path / "articles.parquet"
    write_parquet(articles, path)
    frame = pd.read_parquet(path)
    assert frame["id"].isna().sum() == 1
    assert dict(frame.dtypes) == dict(to_pandas(articles).dtypes)
    assert str(frame["id"].dtype) == "Int64"
    assert str(frame["lineno"].dtype) == "Int64"


class _Taken:
    """Articles given one at a time, counted as they are taken."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.taken = 0

    def __iter__(self) -> Iterator[Article]:
        for article in self.articles:
            self.taken += 1
            yield article


def test_parquet_is_written_row_group_by_row_group_from_a_stream(tmp_path: Path) -> None:
    """write_parquet takes the articles as they come; each row group is a batch."""
    articles = list(read(f"{DAYS}/*.md"))
    stream = _Taken(articles)
    out = tmp_path / "days.parquet"
    write_parquet(stream, out, batch_rows=100)
    assert stream.taken == 996
    found = pq.ParquetFile(out)
    assert found.num_row_groups == 10
    assert [found.metadata.row_group(i).num_rows for i in range(10)] == [100] * 9 + [96]
    assert from_arrow(found.read()) == articles


def test_record_batches_read_the_articles_only_as_each_batch_is_asked(tmp_path: Path) -> None:
    articles = list(read(f"{DAYS}/*.md"))
    stream = _Taken(articles)
    reader = record_batches(stream, batch_rows=300)
    assert reader.schema == article_schema()
    assert stream.taken == 0
    first = reader.read_next_batch()
    assert (first.num_rows, stream.taken) == (300, 300)
    rest = list(reader)
    assert [b.num_rows for b in rest] == [300, 300, 96]
    table = pa.Table.from_batches([first, *rest])
    assert from_arrow(table) == articles


def test_a_loss_is_said_once_across_batches() -> None:
    from datetime import datetime, timedelta, timezone

    odd = timezone(timedelta(hours=8, seconds=30))
    articles = [
        Article(title=str(n), published=datetime(2024, 1, 1, tzinfo=odd)) for n in range(5)
    ]
    said: list[object] = []
    assert (
        sum(b.num_rows for b in record_batches(articles, batch_rows=2, on_loss=said.append)) == 5
    )
    assert [(loss.count, loss.what[:20]) for loss in said] == [(5, "UTC offsets with sec")]  # type: ignore[attr-defined]


def test_the_command_line_writes_parquet_as_it_reads(tmp_path: Path) -> None:
    out = tmp_path / "days.parquet"
    result = subprocess.run(
        [sys.executable, "-m", "scmpfeeds", "parse", str(DAYS), "-q", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "996 article(s)" in result.stderr
    assert from_arrow(pq.read_table(out)) == list(read(DAYS))
