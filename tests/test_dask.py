"""scmpfeeds.dask on the local schedulers: the same results as in memory."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")

import dask.bag

import scmpfeeds.dask as sd
from scmpfeeds import (
    Article,
    ParseError,
    ParseWarning,
    Problem,
    dedupe,
    iter_articles,
    parse,
    parse_bilingual_digest,
)

from .conftest import FIXTURES, REALDATA

SEEDS = sorted(FIXTURES.glob("*.txt"))
DAYS = REALDATA / "markdown" / "scmp-china-2023"
FILES = [*SEEDS, *sorted(DAYS.glob("*.md"))]


def in_memory(paths: list[Path]) -> list[Article]:
    return [a for path in paths for a in iter_articles(path)]


def test_expand_paths() -> None:
    """A directory gives every file in it (judged by content later), twins included."""
    assert sd.expand_paths(str(DAYS)) == sorted(str(p) for p in DAYS.iterdir())
    assert sd.expand_paths(f"{DAYS}/*.md") == sorted(str(p) for p in DAYS.glob("*.md"))
    assert sd.expand_paths(f"{FIXTURES}/00[04]_*.txt") == [str(SEEDS[0]), str(SEEDS[4])]
    assert sd.expand_paths([SEEDS[1], str(SEEDS[2])]) == [str(SEEDS[1]), str(SEEDS[2])]


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_read_gives_the_articles_in_file_order(scheduler: str) -> None:
    bag = sd.read([*SEEDS, f"{DAYS}/*.md"], files_per_partition=7)
    assert bag.npartitions == -(-len(FILES) // 7)
    articles = bag.compute(scheduler=scheduler)
    assert articles == in_memory(FILES)
    assert len(articles) == 21 + 33 + 24 + 14 + 50 + 996


def test_partitions_hold_about_partition_bytes_of_files() -> None:
    """By default files are grouped by size on disk, in order; a larger file stands alone."""
    sizes = [p.stat().st_size for p in FILES]
    limit = 3 * max(sizes[: len(SEEDS)])
    bag = sd.read([*SEEDS, f"{DAYS}/*.md"], partition_bytes=limit)
    groups = bag.map_partitions(lambda part: [len(part)]).compute(scheduler="sync")
    # Greedy grouping by hand: a new group whenever the next file would pass the limit.
    expected: list[list[Path]] = [[]]
    size = 0
    for path, length in zip(FILES, sizes, strict=True):
        if size + length > limit and size > 0:
            expected.append([])
            size = 0
        expected[-1].append(path)
        size += length
    assert bag.npartitions == len(expected) > 1
    assert groups == [len(in_memory(group)) for group in expected]
    assert bag.compute(scheduler="sync") == in_memory(FILES)
    one = sd.read([*SEEDS, f"{DAYS}/*.md"])  # 16 MiB: these few small files are one partition
    assert one.npartitions == 1
    assert sd.read(SEEDS, partition_bytes=1).npartitions == len(SEEDS)


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
@pytest.mark.parametrize("keep", ["merge", "first", "last"])
@pytest.mark.parametrize("per_partition", [1, 5, 100])
def test_dedupe_equals_the_in_memory_dedupe(scheduler: str, keep: str, per_partition: int) -> None:
    # Every file twice, so that each key is spread over several partitions.
    paths = [*FILES, *reversed(FILES)]
    bag = sd.read(paths, files_per_partition=per_partition)
    result = sd.dedupe(bag, keep=keep).compute(scheduler=scheduler)  # type: ignore[arg-type]
    expected = dedupe(in_memory(paths), keep=keep)  # type: ignore[arg-type]
    assert result == expected
    assert len(result) == 1124


def test_dedupe_merges_across_formats() -> None:
    """Seed 001's articles read from the digest and from an RSS rendering of them."""
    digest = parse_bilingual_digest(FIXTURES / "001_71277cbba28fab39.txt")
    bag = dask.bag.from_sequence(list(digest.articles) + list(digest.articles), npartitions=3)
    result = sd.dedupe(bag).compute(scheduler="threads")
    assert result == list(digest.articles)


def test_problems_kept_warned_or_raised(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("## a\n - [x](y)\n - odd\n\n## b\n - [x](y)\n - odd\n", encoding="utf-8")
    kept = sd.read([bad, SEEDS[0]], problems="keep").compute(scheduler="threads")
    problems = [x for x in kept if isinstance(x, Problem)]
    message = "expected a ' - key: value' or ' - [URL](URL)' line, found ' - odd'"
    assert [(p.lineno, p.message) for p in problems] == [(3, message), (7, message)]
    assert len(kept) == 2 + 21
    with pytest.raises(ParseError, match="expected a ' - key: value'"):
        sd.read([bad], problems="raise").compute(scheduler="threads")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert sd.read([bad]).compute(scheduler="sync") == []
    assert len(caught) == 2


def test_no_files() -> None:
    with (
        pytest.warns(ParseWarning, match=r"\*\.nothing: no file matches this pattern"),
        pytest.raises(FileNotFoundError, match="no files match"),
    ):
        sd.read(f"{FIXTURES}/*.nothing")


def test_a_file_of_no_known_format_is_a_problem_not_a_failure(tmp_path: Path) -> None:
    """A stray README used to make problems="keep" raise, without naming the file."""
    readme = tmp_path / "README"
    readme.write_text("Scraped with love.\n", encoding="utf-8")
    (tmp_path / "day.md").write_bytes(SEEDS[3].read_bytes())
    kept = sd.read(tmp_path, problems="keep").compute(scheduler="sync")
    problems = [x for x in kept if isinstance(x, Problem)]
    assert [str(p) for p in problems] == [
        f"{readme}: unknown format: not RSS, JSON entries, a markdown dump or a bilingual digest"
    ]
    assert sum(isinstance(x, Article) for x in kept) == 14


def test_everything_the_workers_return_pickles() -> None:
    for path in SEEDS:
        result = parse(path)
        assert pickle.loads(pickle.dumps(result)) == result
    error = ParseError("m", lineno=3, colno=4, source="s")
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.source) == (str(error), "s")


def test_dedupe_follows_the_identity_rule() -> None:
    """Links that differ in more than tracking parameters stay apart, as in memory."""
    links = [
        "https://www.youtube.com/watch?v=AAA",
        "https://www.youtube.com/watch?v=BBB",
        "https://www.youtube.com/watch?v=AAA&utm_source=rss",
        "http://www.youtube.com/watch?v=BBB",
    ]
    articles = [Article(title=str(n), link=link) for n, link in enumerate(links)]
    bag = dask.bag.from_sequence(articles, npartitions=2)
    result = sd.dedupe(bag).compute(scheduler="threads")
    assert result == dedupe(articles)
    assert [a.title for a in result] == ["0", "1"]
