"""Hostile ground: file systems that loop or block, inputs that would take all memory.

Every file is read once or named; memory is bounded by documented limits, never
chosen by the input; binary data is called what it is.
"""

from __future__ import annotations

import gc
import gzip
import io
import itertools
import os
import shutil
import stat
import subprocess
import sys
import threading
import tracemalloc
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scmpfeeds
from scmpfeeds import (
    Article,
    ParseError,
    Problem,
    _implementation,
    find_files,
    iter_markdown_dump,
    parse,
    parse_bilingual_digest,
    parse_markdown_dump,
    plan,
    read,
    write_jsonl,
)
from scmpfeeds._detection import binary_kind
from scmpfeeds.digest._reader import MAX_DIGEST
from scmpfeeds.markdown_dump._grammar import _UNIT_START_RE, _overlong
from scmpfeeds.markdown_dump._reader import MAX_BLOCK

from .conftest import FIXTURES
from .helpers import run_cli

SEED_000 = FIXTURES / "000_f7b80165825318c2.txt"  # a dump of 21 articles
SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"  # a digest

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")


def gather(paths: object, **kwargs: object) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    articles = list(read(paths, on_problem=problems.append, **kwargs))  # type: ignore[arg-type]
    return articles, problems


# -- complete: every file read once or named ----------------------------------------------


@pytest.fixture
def looped(tmp_path: Path) -> Path:
    """A folder with one dump, a link to itself and a link back from a subfolder."""
    root = tmp_path / "loop"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEED_000, root / "a.md")
    (root / "self").symlink_to(".")
    (root / "sub" / "up").symlink_to("..")
    return root


@needs_symlinks
@pytest.mark.parametrize("spelling", ["{root}", "{root}/**/*.md", "{root}/**"])
def test_a_loop_of_links_reads_each_file_once_and_is_named(looped: Path, spelling: str) -> None:
    articles, problems = gather(spelling.format(root=looped))
    assert len(articles) == 21  # (before: 861 through one link; minutes through two)
    assert sorted((p.source, p.message) for p in problems) == [
        (
            str(looped / "self"),
            "a symbolic link to ., a folder that holds it (a loop): not followed",
        ),
        (
            str(looped / "sub" / "up"),
            "a symbolic link to .., a folder that holds it (a loop): not followed",
        ),
    ]


@needs_symlinks
def test_a_glob_of_fixed_depth_goes_through_a_link_to_a_folder_above(looped: Path) -> None:
    """``*/*.md`` cannot loop: it reads loop/self/a.md, as a shell would."""
    problems: list[Problem] = []
    found = plan(f"{looped}/*/*.md", on_problem=problems.append)
    assert problems == []
    assert [p.path for p in found.files] == [str(looped / "self" / "a.md")]


@needs_symlinks
def test_a_loop_is_found_quickly_however_many_links(tmp_path: Path) -> None:
    """Links to every level from every level: a glob through them ends, and fast."""
    root = tmp_path / "deep"
    level = root
    levels = []
    for depth in range(6):
        level = level / f"d{depth}"
        level.mkdir(parents=True)
        levels.append(level)
    for place in levels:
        for n, target in enumerate([root, *levels]):
            (place / f"link{n}").symlink_to(target)
    shutil.copy(SEED_000, levels[-1] / "a.md")
    result = subprocess.run(
        [sys.executable, "-m", "scmpfeeds", "parse", f"{root}/**/*.md"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.count("\n") == 21
    assert "(a loop): not followed" in result.stderr


@needs_symlinks
def test_a_file_reached_by_two_paths_is_read_once_and_counted(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(SEED_000, tmp_path / "data" / "a.md")
    (tmp_path / "alias").symlink_to("data")
    (tmp_path / "also.md").symlink_to(tmp_path / "data" / "a.md")
    for spelling in [tmp_path, f"{tmp_path}/**/*.md"]:
        articles, problems = gather(spelling)
        assert (len(articles), problems) == (21, [])
    found = plan(tmp_path)
    assert [os.path.basename(p.path) for p in found.files] == ["also.md"]
    assert found.repeats == 2  # (data/a.md, then alias/ led to the same again)
    assert "each read once" in found.notes()[-1]
    # Named explicitly, a file is read as named: twice, as cat reads it twice.
    assert len(find_files([SEED_000, SEED_000])) == 2


@needs_fifos
def test_a_fifo_in_a_folder_is_named_and_never_opened(tmp_path: Path) -> None:
    shutil.copy(SEED_000, tmp_path / "a.md")
    os.mkfifo(tmp_path / "pipe")
    for spelling in [tmp_path, f"{tmp_path}/*"]:
        articles, problems = gather(spelling)  # (before: blocked forever in open())
        assert len(articles) == 21
        assert [(p.source, p.message) for p in problems] == [
            (str(tmp_path / "pipe"), "a named pipe (FIFO), not a file to read: skipped")
        ]
    result = run_cli("parse", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'pipe'}: a named pipe (FIFO)" in result.stderr


@needs_fifos
def test_a_fifo_named_explicitly_is_read_as_cat_reads_it(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def write() -> None:
        with open(pipe, "wb") as end:
            end.write(SEED_000.read_bytes())

    writer = threading.Thread(target=write)
    writer.start()
    articles, problems = gather(pipe)
    writer.join(timeout=10)
    assert (len(articles), problems) == (21, [])


@needs_symlinks
def test_a_broken_link_in_a_folder_is_named(tmp_path: Path) -> None:
    shutil.copy(SEED_000, tmp_path / "a.md")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    articles, problems = gather(tmp_path)
    assert len(articles) == 21
    assert [(p.source, p.message) for p in problems] == [
        (str(tmp_path / "gone.md"), "a broken symbolic link: skipped")
    ]


@pytest.mark.parametrize("as_glob", [False, True], ids=["folder", "glob"])
def test_a_folder_that_cannot_be_listed_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_glob: bool
) -> None:
    """Simulated, so that it holds when the tests run as root (who may list anything).
    Said once, also by a ``**`` glob, which looks into each folder twice."""
    shutil.copy(SEED_000, tmp_path / "a.md")
    (tmp_path / "locked").mkdir()
    shutil.copy(SEED_000, tmp_path / "locked" / "b.md")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, problems = gather(f"{tmp_path}/**/*.md" if as_glob else tmp_path)
    assert len(articles) == 21
    assert [(p.source, p.message) for p in problems] == [
        (str(tmp_path / "locked"), "cannot read this folder: Permission denied")
    ]
    with pytest.raises(ParseError, match="cannot read this folder"):
        list(read(tmp_path, strict=True))


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root lists any folder"
)
def test_an_unreadable_folder_fails_the_command_line(tmp_path: Path) -> None:
    shutil.copy(SEED_000, tmp_path / "a.md")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run_cli("parse", "--strict", str(tmp_path))
    finally:
        locked.chmod(stat.S_IRWXU)
    assert result.returncode == 1
    assert f"{locked}: cannot read this folder" in result.stderr


# -- bounded: memory the input cannot choose ----------------------------------------------

HEADER = "# Source:China - SCMP, URL:https://www.scmp.com/rss/4/feed, language:en\n\n"


def block(n: int, summary: str = "A summary.") -> str:
    link = f"https://www.scmp.com/news/article/{n}/a"
    return (
        f"## Title {n}\n - [{link}]({link})\n - RSS feed: $source\n"
        f" - date published: 2024-06-07T22:00:09+00:00\n\n{summary}\n\n"
    )


def test_a_block_over_the_limit_is_a_problem_with_its_line_and_reading_goes_on() -> None:
    long = "x" * (MAX_BLOCK + 10)
    text = HEADER + block(1) + block(2, long) + block(3)
    problems: list[Problem] = []
    articles = list(iter_markdown_dump(text, on_problem=problems.append))
    assert [a.id for a in articles] == [1, 3]
    assert [a.feed_title for a in articles] == ["China - SCMP"] * 2
    assert [(p.lineno, p.message.split(",")[0]) for p in problems] == [
        (10, "a block of more than 16")
    ]
    assert articles[1].lineno == text[: text.index("## Title 3")].count("\n") + 1
    with pytest.raises(ParseError, match="the most a block may hold") as caught:
        parse_markdown_dump(text, strict=True)
    assert caught.value.lineno == 10


def _overlong_by_every_start(text: str, end: int, limit: int) -> list[tuple[int, int]]:
    """The reference for _overlong: every unit start found, then each gap measured."""
    starts = [found.start() for found in _UNIT_START_RE.finditer(text, 0, end)]
    cuts = [0, *starts] if starts[:1] != [0] else starts
    return [(a, b) for a, b in itertools.pairwise([*cuts, end]) if b - a > limit]


_PIECES = st.sampled_from(
    [block(1), block(2, "s" * 40), block(3, "t" * 90), "#tag\n", "## No link\n\n", "\n", "zz\n",
     "# Source: https://www.scmp.com/rss/2/feed\n", "##\n - [a](a)\n"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30), st.integers(0, 10**4), st.integers(0, 10**4))
def test_the_overlong_units_are_found_by_windows_as_by_every_start(
    pieces: list[str], pick: int, cut: int
) -> None:
    """A document over MAX_BLOCK is searched a window at a time for units over it
    (before: every unit start of the document was listed first, 92 ms of 211 for 30 MB).
    The limit is a unit's length, one less or one more, where an off-by-one shows."""
    text = "".join(pieces)
    for end in (len(text), min(cut, len(text))):
        gaps = [b - a for a, b in _overlong_by_every_start(text, end, 0)]
        limits = [max(1, g + d) for g in gaps for d in (-1, 0, 1)] or [1]
        limit = limits[pick % len(limits)]
        assert list(_overlong(text, end, limit)) == _overlong_by_every_start(text, end, limit)


def test_a_block_just_under_the_limit_is_read() -> None:
    summary = "y" * (MAX_BLOCK - 400)
    feed = parse_markdown_dump(HEADER + block(1, summary) + block(2))
    assert [len(a.summary) for a in feed.articles] == [len(summary), len("A summary.")]
    assert feed.problems == ()


def test_one_enormous_line_keeps_memory_flat_and_the_header(tmp_path: Path) -> None:
    """A gzip file of 200 KB holding a header and a 200 MB line (before: 3x the line)."""
    path = tmp_path / "huge.md.gz"
    with gzip.open(path, "wb") as out:
        out.write(HEADER.encode())
        for _ in range(200):
            out.write(b"z" * (1 << 20))
        out.write(b"\n\n" + block(7).encode())
    problems: list[Problem] = []
    tracemalloc.start()
    try:
        articles = list(read(path, on_problem=problems.append))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(a.id, a.feed_title) for a in articles] == [(7, "China - SCMP")]
    assert [(p.lineno, p.message[:23]) for p in problems] == [(3, "a block of more than 16")]
    assert peak < 4 * MAX_BLOCK  # (a few times the limit; the line is 12 times it)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\n" * 3 + "w" * (MAX_BLOCK + 1), 6),  # text before any heading, after blank lines
        ("## Lost\n" + "v" * (MAX_BLOCK + 1) + "\n", 3),  # a heading with no link line
    ],
)
def test_junk_over_the_limit_is_one_problem(text: str, line: int) -> None:
    problems: list[Problem] = []
    articles = list(
        iter_markdown_dump(HEADER + text + "\n" + block(5), on_problem=problems.append)
    )
    assert [a.id for a in articles] == [5]
    assert len(problems) == 1
    assert problems[0].lineno == line


def test_a_digest_over_its_limit_is_refused_without_being_read_whole() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    padded = text + "\n" + "长" * MAX_DIGEST
    with pytest.raises(ParseError, match="the most a digest may hold"):
        parse_bilingual_digest(padded)
    assert len(parse_bilingual_digest(text).articles) == 33


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("format", ["markdown", "rss", "digest", "json"])
def test_dev_zero_is_called_nul_bytes_in_every_format(format: str) -> None:
    result = run_cli("parse", "--format", format, "/dev/zero")
    assert result.returncode == 1
    what = {
        "markdown": "a markdown dump",
        "rss": "an RSS feed",
        "digest": "a bilingual digest",
        "json": "JSON entries",
    }[format]
    assert result.stderr.splitlines()[0] == f"/dev/zero: only NUL bytes, not {what}"


def test_nul_bytes_are_named_by_parse_and_every_parser() -> None:
    data = bytes(20000)
    with pytest.raises(ParseError, match="only NUL bytes, not a feed"):
        parse(data)
    with pytest.raises(ParseError, match="only NUL bytes, not an RSS feed"):
        scmpfeeds.parse_rss(data)
    with pytest.raises(ParseError, match="only NUL bytes, not a markdown dump"):
        parse_markdown_dump(io.BytesIO(data))
    # Mostly NUL bytes with a little text is binary data, not UTF-16.
    with pytest.raises(ParseError, match="binary data, not a feed"):
        parse(bytes(3000) + b"<rss/>" * 1000)


def test_binary_data_is_one_control_byte_in_ten() -> None:
    """The rule as the docs give it, at its edge: 10% of control bytes other than tab,
    newline, carriage return, form feed and escape is text; one more is binary."""
    text = b"a" * 900 + b"\t\n\r\f\x1b" * 20
    at_edge = b"\x01" * 100 + b"a" * 900  # 100 of 1,000: not more than one in ten
    over = b"\x01" * 101 + b"a" * 899
    assert binary_kind(text) is None
    assert binary_kind(at_edge) is None
    assert binary_kind(over) == "binary data"
    assert binary_kind(b"\x7f\x80\xff" * 300) is None  # (high bytes: an encoding's text)


@pytest.mark.skipif(not _implementation.COMPILED, reason="the compiled core is not built")
def test_the_compiled_jsonl_writer_keeps_no_memory_per_distinct_offset() -> None:
    """200,000 distinct UTC offsets (seconds and fractions are allowed) leave nothing."""
    start = datetime(2024, 1, 1)

    def articles(n: int) -> list[Article]:
        return [
            Article(
                title="t",
                published=start.replace(
                    tzinfo=timezone(timedelta(seconds=i % 80000 - 40000, microseconds=i))
                ),
            )
            for i in range(n)
        ]

    write_jsonl(articles(1000), io.StringIO())  # (the zones real data has are kept)
    gc.collect()
    tracemalloc.start()
    try:
        batch = articles(200_000)
        before = tracemalloc.get_traced_memory()[0]
        write_jsonl(batch, io.StringIO())
        del batch
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after < before  # (the articles are gone, and nothing of theirs stayed)
    assert after < 1 << 20


# -- complete: an RSS feed that breaks off --------------------------------------------------


def test_a_broken_feed_names_every_lost_item_streamed_or_whole(tmp_path: Path) -> None:
    """The items after a break are each a problem, in iter_rss as in parse_rss."""
    data = (FIXTURES / "004_7a0e8304e58f6477.txt").read_bytes()
    cut = data.index(b"<item>", data.index(b"<item>", 30_000) + 1) + 200
    broken = data[:cut] + b"<<" + data[cut:]  # (an item broken, and all after it)
    path = tmp_path / "feed.xml"
    path.write_bytes(broken)
    starts = broken.count(b"<item>")
    whole = parse_rss_quietly(broken)
    lost = [p for p in whole.problems if p.message.startswith("item not read")]
    assert len(whole.articles) + len(lost) == starts == 50
    assert len(lost) > 30
    for source in (path, io.BytesIO(broken), broken):
        problems: list[Problem] = []
        articles = list(scmpfeeds.iter_rss(source, on_problem=problems.append))
        assert articles == list(whole.articles)
        assert [(p.lineno, p.message) for p in problems] == [
            (p.lineno, p.message) for p in whole.problems
        ]
    # A stream that cannot be read again: the break alone says what follows is lost.
    unseekable = io.BufferedReader(_OneWay(broken))
    problems = []
    assert len(list(scmpfeeds.iter_rss(unseekable, on_problem=problems.append))) == len(
        whole.articles
    )
    assert [p.message[:30] for p in problems] == ["the document breaks off here ("]


class _OneWay(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._data.readinto(buffer)


def parse_rss_quietly(data: bytes) -> scmpfeeds.Feed:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return scmpfeeds.parse_rss(data)
