"""The command line, end to end through a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scmpfeeds
from scmpfeeds import parse_bilingual_digest, parse_markdown_dump, parse_rss, read_csv

from .conftest import FIXTURES, REALDATA
from .helpers import run_cli as run
from .strategies import dump_articles

SEED_000 = FIXTURES / "000_f7b80165825318c2.txt"
SEED_003 = FIXTURES / "003_e1ca8efa5881fe9e.txt"


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_parse_writes_one_json_object_per_article() -> None:
    result = run("parse", str(SEED_000), str(SEED_003))
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    expected = [*parse_markdown_dump(SEED_000).articles, *parse_markdown_dump(SEED_003).articles]
    assert rows == [a.to_dict() for a in expected]
    assert len(rows) == 35
    assert rows[0]["published"] == "2024-06-07T22:00:09+00:00"
    assert result.stderr == "scmpfeeds parse: 2 file(s), 35 article(s), 0 problem(s)\n"


def test_problems_go_to_stderr_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    text = SEED_003.read_text(encoding="utf-8").replace(
        " - date published: 2023-11-12T21:30:12+00:00\n", ""
    )
    bad.write_text(text, encoding="utf-8")
    result = run("parse", str(bad))
    assert result.returncode == 1
    rows = json_lines(result.stdout)
    assert len(rows) == 14  # the article without a date is kept (before: 13)
    assert [r["published"] for r in rows].count(None) == 1
    assert result.stderr.splitlines() == [
        f"{bad}:10: article has no ' - date published:' line; kept without a date",
        "scmpfeeds parse: 1 file(s), 14 article(s), 1 problem(s)",
    ]


def test_strict_stops_the_file_at_its_first_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(
        "## only a heading\n - RSS feed: x\n - date published: 2024-06-07\n"
        + SEED_003.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = run("parse", "--strict", str(bad), str(SEED_000))
    assert result.returncode == 1
    assert len(json_lines(result.stdout)) == 21  # nothing from bad.md, all of seed 000
    assert result.stderr.splitlines()[0] == (
        f"{bad}:1: article has no link line (' - [URL](URL)'); kept without a link"
    )


def test_stdin_and_missing_files() -> None:
    result = run("parse", "-", "no-such-file.md", stdin=SEED_003.read_bytes())
    assert result.returncode == 1
    assert len(json_lines(result.stdout)) == 14
    assert result.stderr.splitlines() == [
        "no-such-file.md: no such file or directory",
        "scmpfeeds parse: 1 file(s), 14 article(s), 1 problem(s)",
    ]


def test_demo_shows_a_summary_and_the_first_records_of_each_sample() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 * 5 + 1
    assert lines[0] == "<demo>/scmp-china.md: 21 article(s)"
    assert lines[1].startswith("  <Article id=3265321 published=2024-06-07T22:00:09+00:00 title=")
    assert lines[4] == "  … and 18 more"
    assert lines[5] == "<demo>/scmp-feed.xml: 50 article(s)"
    assert lines[10] == "<demo>/digest.txt: 33 article(s)"
    assert lines[11].startswith("  <Article id=3323383 digest_date=2025-08-29 title=")
    assert all(len(line) < 160 for line in lines)
    assert lines[15] == "<demo>/scmp-china-2026.json: 24 article(s)"
    assert result.stderr == "scmpfeeds demo: 4 file(s), 128 article(s), 0 problem(s)\n"


def test_demo_all_prints_every_article_as_json_lines() -> None:
    result = run("demo", "--all")
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    assert len(rows) == 21 + 50 + 33 + 24
    assert rows[0]["id"] == 3265321
    assert rows[21]["authors"] == ["Coco Feng"]
    digest = rows[21 + 50 + 32]
    assert digest["title_zh"]
    assert digest["digest_date"] == "2025-08-29"
    assert rows[-1]["authors"]
    assert rows[-1]["feed_url"] == "https://www.scmp.com/rss/4/feed"


@pytest.mark.parametrize("args", [(), ("parse",), ("frobnicate",), ("parse", "--nope", "x")])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: scmpfeeds")


def test_version_says_which_implementation_runs() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith(f"scmpfeeds {scmpfeeds.__version__}, ")
    which = "compiled core" if scmpfeeds.COMPILED else "pure Python ("
    assert which in result.stdout


SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"
SEED_004 = FIXTURES / "004_7a0e8304e58f6477.txt"
DAYS = REALDATA / "markdown" / "scmp-china-2023"


def test_every_format_is_detected_per_file() -> None:
    result = run("parse", str(SEED_004), str(SEED_001), str(SEED_000))
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    assert len(rows) == 50 + 33 + 21
    assert rows[0]["media"][0]["width"] == 4095
    assert rows[50]["body"]


def test_forced_format_and_unknown_content(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("nothing feed-like here\n", encoding="utf-8")
    result = run("parse", str(odd))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{odd}: unknown format: not RSS, JSON entries, a markdown dump or a bilingual digest"
    )
    forced = run("parse", "--format", "rss", str(SEED_000))
    assert forced.returncode == 1
    assert "malformed XML" in forced.stderr


def test_directories_are_walked_and_dedupe_counts_duplicates() -> None:
    result = run("parse", "--dedupe", f"{DAYS}/*.md", str(SEED_003))
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == 996
    assert result.stderr.splitlines()[-1] == (
        "scmpfeeds parse: 59 file(s), 996 article(s), 14 duplicate(s) removed, 0 problem(s)"
    )


def test_keep_first_and_last() -> None:
    first = json_lines(
        run("parse", "--dedupe", "--keep", "first", str(SEED_003), str(SEED_003)).stdout
    )
    last = json_lines(
        run("parse", "--dedupe", "--keep", "last", str(SEED_003), str(SEED_003)).stdout
    )
    assert [r["id"] for r in first] == [r["id"] for r in last]
    assert len(first) == 14


def test_since_and_until() -> None:
    result = run(
        "parse", "--since", "2023-11-12T12:00:00+00:00", "--until", "2023-11-12", str(SEED_003)
    )
    rows = json_lines(result.stdout)
    since = datetime(2023, 11, 12, 12, tzinfo=timezone.utc)
    until = datetime(2023, 11, 13, tzinfo=timezone.utc)
    all_rows = json_lines(run("parse", str(SEED_003)).stdout)
    expected = [
        r for r in all_rows if since <= datetime.fromisoformat(str(r["published"])) < until
    ]
    assert 0 < len(expected) < len(all_rows)
    assert rows == expected
    bad = run("parse", "--since", "yesterday", str(SEED_003))
    assert bad.returncode == 2
    assert "not an ISO 8601 date: 'yesterday'" in bad.stderr


def test_csv_output() -> None:
    result = run("parse", "--output", "csv", str(SEED_004))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 50
    assert rows[0]["id"] == "3350279"
    assert json.loads(rows[0]["authors"]) == ["Coco Feng"]
    (media,) = json.loads(rows[0]["media"])
    assert (media["kind"], media["width"], media["length"]) == ("image", 4095, "4095")
    two = [r for r in rows if r["authors"] == '["Iris Deng", "Ann Cao"]']
    assert len(two) == 1
    assert list(read_csv(result.stdout)) == list(parse_rss(SEED_004).articles)


def test_convert_rss_to_markdown_and_back() -> None:
    markdown = run("parse", "--output", "markdown", str(SEED_004))
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stderr.splitlines() == [
        "scmpfeeds: a markdown dump cannot hold authors (left out) (50 article(s))",
        "scmpfeeds: a markdown dump cannot hold media (left out) (50 article(s))",
        "scmpfeeds parse: 1 file(s), 50 article(s), 0 problem(s)",
    ]
    dump = parse_markdown_dump(markdown.stdout)
    rss = parse_rss(SEED_004)
    assert [(a.id, a.title, a.published, a.summary) for a in dump.articles] == [
        (a.id, a.title, a.published, a.summary) for a in rss.articles
    ]
    back = run("parse", "--output", "rss", "-", stdin=markdown.stdout.encode())
    assert back.returncode == 0, back.stderr
    assert parse_rss(back.stdout.encode()).articles == dump.articles


def test_digest_to_rss_keeps_the_chinese_fields() -> None:
    result = run("parse", "--output", "rss", str(SEED_001))
    assert result.returncode == 0, result.stderr
    articles = parse_rss(result.stdout.encode()).articles
    assert articles == parse_bilingual_digest(SEED_001).articles


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    result = run("parse", f"{DAYS}/*.md")
    assert result.stderr.splitlines() == [
        "scmpfeeds parse: 58 file(s), 996 article(s), 0 problem(s)"
    ]


def _on_a_terminal(*args: str) -> str:
    """Run the command line with stderr on a pseudo-terminal; return what it showed there."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "SCMPFEEDS_PROGRESS_DELAY": "0"}  # (the run is short)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "scmpfeeds", *args],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        process.wait(timeout=60)
    finally:
        os.close(leader)
    return output.decode("utf-8", errors="replace")


def test_a_progress_line_on_a_terminal_out_of_the_way_of_problems(tmp_path: Path) -> None:
    """Without any extra installed (before: only with tqdm, which printed problem lines
    onto its bar)."""
    for day in sorted(DAYS.glob("*.md"))[:20]:
        (tmp_path / day.name).write_bytes(day.read_bytes())
    (tmp_path / "bad.md").write_text("## T\n - [x](y)\n - odd\n", encoding="utf-8")
    text = _on_a_terminal("parse", str(tmp_path))
    assert "\r\x1b[Kscmpfeeds: " in text  # the line, drawn in place
    assert "/21 files, " in text
    # A problem is printed on a line of its own: the progress line is cleared first.
    problem = f"{tmp_path}/bad.md:3: expected a ' - key: value'"
    assert f"\r\x1b[K{problem}" in text
    assert text.rstrip().endswith("problem(s)")
    quiet = _on_a_terminal("parse", "-q", str(tmp_path))
    assert "files, " not in quiet
    assert problem in quiet


# -- nothing silently lost in conversions and filters -----------------------------------------


def test_a_digest_as_a_markdown_dump_keeps_its_date_apart() -> None:
    result = run("parse", "--output", "markdown", str(SEED_001))
    assert result.returncode == 0, result.stderr
    dump = parse_markdown_dump(result.stdout)
    digest = parse_bilingual_digest(SEED_001)
    assert len(dump.articles) == 33
    assert " - digest date: 2025-08-29\n" in result.stdout
    assert " - date published:" not in result.stdout
    assert all(a.published is None for a in dump.articles)
    assert [(a.id, a.title, a.digest_date, a.title_zh) for a in dump.articles] == [
        (a.id, a.title, a.digest_date, a.title_zh) for a in digest.articles
    ]


def test_rss_output_writes_every_article_and_says_once_what_it_cannot_hold(
    tmp_path: Path,
) -> None:
    """Before, an article with fractions of a second was left out, with a problem each."""
    text = SEED_003.read_text(encoding="utf-8").replace(
        "2023-11-12T21:30:12+00:00", "2023-11-12T21:30:12.5+00:00"
    )
    dump = tmp_path / "fractions.md"
    dump.write_text(text, encoding="utf-8")
    result = run("parse", "--output", "rss", str(dump))
    assert result.returncode == 0
    written = parse_rss(result.stdout.encode()).articles
    original = parse_markdown_dump(dump).articles
    assert len(written) == len(original) == 14
    assert [a.published for a in written] == [
        a.published.replace(microsecond=0) if a.published else None for a in original
    ]
    assert result.stderr.splitlines() == [
        "scmpfeeds: RSS cannot hold fractions of a second in dates (written to the second) "
        "(1 article(s))",
        "scmpfeeds parse: 1 file(s), 14 article(s), 0 problem(s)",
    ]


def test_since_and_until_say_what_they_left_out() -> None:
    result = run("parse", "--since", "2025-08-29", "--until", "2025-08-29", str(SEED_001))
    assert result.returncode == 0, result.stderr
    assert len(json_lines(result.stdout)) == 33  # digest articles carry the digest's date
    later = run("parse", "--since", "2025-09-01", str(SEED_001), str(SEED_003))
    assert later.returncode == 0
    assert json_lines(later.stdout) == []
    assert later.stderr.splitlines() == [
        "scmpfeeds parse: 2 file(s), 0 article(s), 47 left out by --since/--until "
        "(47 before --since), 0 problem(s)"
    ]
    mixed = run("parse", "--since", "2023-11-12T12:00:00Z", "--until", "2024-01-01", str(SEED_003))
    assert mixed.stderr.splitlines()[-1].startswith("scmpfeeds parse: 1 file(s), ")
    assert "before --since)" in mixed.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2024-02-01", "--until", "2024-01-01"), "--since must come before --until"),
        (("--keep", "first"), "--keep needs --dedupe"),
        (("--encoding", "klingon"), "unknown encoding: 'klingon'"),
    ],
)
def test_contradictory_options_are_usage_errors(args: tuple[str, ...], message: str) -> None:
    result = run("parse", *args, str(SEED_003))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].endswith(f"error: {message}")


def test_rss_output_is_a_valid_channel_for_another_parser() -> None:
    feedparser = pytest.importorskip("feedparser")
    result = run("parse", "--output", "rss", str(SEED_003), str(SEED_001))
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse(result.stdout.encode())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Articles read by scmpfeeds"
    assert parsed.feed.get("link", "") == ""  # two feeds: no one of them is the channel's
    assert parsed.feed.description.startswith("47 article(s) from 2 file(s)")
    assert len(parsed.entries) == 47
    ours = parse_rss(result.stdout.encode())
    assert len(ours.articles) == 47
    assert ours.problems == ()


def test_parquet_output_round_trips(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from scmpfeeds import from_arrow
    from scmpfeeds.tables import article_schema

    out = tmp_path / "days.parquet"
    with out.open("wb") as file:
        result = subprocess.run(
            [sys.executable, "-m", "scmpfeeds", "parse", "--output", "parquet", f"{DAYS}/*.md"],
            stdout=file,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.schema == article_schema()
    assert table.num_rows == 996
    expected = [
        a for path in sorted(DAYS.glob("*.md")) for a in parse_markdown_dump(path).articles
    ]
    assert from_arrow(table) == expected


def test_parquet_without_pyarrow_is_a_usage_error_before_any_reading() -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None; from scmpfeeds.cli import main; "
        f"sys.exit(main(['parse', '--output', 'parquet', {str(SEED_003)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "scmpfeeds: error: parquet needs pyarrow: pip install 'scmpfeeds[arrow]'"
    )


def test_videos_keep_their_kind_and_duration_in_csv_and_json_lines() -> None:
    feed = REALDATA / "rss" / "2019-10-06.scmp-rss2.xml"
    rows = list(csv.DictReader(io.StringIO(run("parse", "--output", "csv", str(feed)).stdout)))
    first = json.loads(rows[0]["media"])
    assert [(m["kind"], m["duration"], m["length"]) for m in first] == [
        ("video", 42, "42"),
        ("image", None, "1280"),
    ]
    lines = json_lines(run("parse", str(feed)).stdout)
    assert lines[0]["media"] == first
    assert sum(any(m["kind"] == "video" for m in line["media"]) for line in lines) == 35


# -- the JSON Lines writer ------------------------------------------------------------------


_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
# Articles with media, authors, body text and Chinese fields: the RSS and digest seeds'.
_SEED_ARTICLES = [
    *parse_rss(FIXTURES / "004_7a0e8304e58f6477.txt").articles,
    *parse_bilingual_digest(FIXTURES / "001_71277cbba28fab39.txt").articles,
]


@st.composite
def _written_articles(draw: st.DrawFn) -> scmpfeeds.Article:
    """Articles of every source, some with strings that hold anything, some with
    fields of other types than the parsers give (which the json module writes)."""
    article = draw(st.one_of(dump_articles(), st.sampled_from(_SEED_ARTICLES)))
    text = draw(_ANY_TEXT)
    changes: dict[str, Any] = draw(
        st.sampled_from(
            [
                {},
                {"title": text or "t", "summary": text, "extra": ((text, text),)},
                {"authors": (text, "B"), "source": text},
                {"lineno": True},
                {"id": 2**70},
                {"digest_date": datetime(2024, 1, 2).date()},
            ]
        )
    )
    return attrs.evolve(article, **changes)


@given(st.lists(_written_articles(), max_size=4))
def test_the_json_lines_writer_writes_what_json_dumps_writes(
    articles: list[scmpfeeds.Article],
) -> None:
    from scmpfeeds._pure.jsonl import json_line

    for article in articles:
        assert json_line(article) == json.dumps(article.to_dict(), ensure_ascii=False) + "\n"


CST_FEED = (
    b'<rss version="2.0"><channel><title>F</title><item><title>T</title>'
    b"<link>https://www.scmp.com/a/article/1/x</link>"
    b"<pubDate>Thu, 16 Apr 2026 15:00:36 CST</pubDate></item></channel></rss>"
)


def test_china_standard_time_wherever_a_date_is_read(tmp_path: Path) -> None:
    """cst_as_china on parse(), iter_articles(), read(), Dask and the command line
    (before: parse_rss only)."""
    import scmpfeeds.dask as sd
    from scmpfeeds import iter_articles, parse, read

    (tmp_path / "feed.xml").write_bytes(CST_FEED)
    china = datetime(2026, 4, 16, 7, 0, 36, tzinfo=timezone.utc)
    central = datetime(2026, 4, 16, 21, 0, 36, tzinfo=timezone.utc)
    for cst_as_china, expected in ((True, china), (False, central)):
        assert parse(CST_FEED, cst_as_china=cst_as_china).articles[0].published == expected
        (article,) = iter_articles(CST_FEED, cst_as_china=cst_as_china)
        assert article.published == expected
        (article,) = read(tmp_path, cst_as_china=cst_as_china)
        assert article.published == expected
        bag: Any = sd.read(tmp_path, cst_as_china=cst_as_china)
        assert [a.published for a in bag.compute(scheduler="sync")] == [expected]
    flag = run("parse", "--cst-as-china", str(tmp_path / "feed.xml"))
    plain = run("parse", str(tmp_path / "feed.xml"))
    assert json_lines(flag.stdout)[0]["published"] == "2026-04-16T15:00:36+08:00"
    assert json_lines(plain.stdout)[0]["published"] == "2026-04-16T15:00:36-06:00"


# -- a command line that fits habits ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.jsonl", lambda text: json.loads(text.splitlines()[0])["id"] == 3241249),
        ("out.csv", lambda text: text.startswith("id,url,link,title,")),
        ("out.md", lambda text: text.startswith("# Source:China - South China Morning Post")),
        ("out.xml", lambda text: text.startswith("<?xml")),
    ],
)
def test_output_to_a_file_in_the_format_its_suffix_names(
    tmp_path: Path, name: str, check: Callable[[str], bool]
) -> None:
    """Before: "scmpfeeds parse archive --output out.csv" failed (--output took a format)."""
    out = tmp_path / name
    result = run("parse", str(SEED_003), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert check(out.read_text(encoding="utf-8"))
    again = run("parse", str(SEED_003), "--output", str(out))
    assert (again.returncode, out.read_text(encoding="utf-8")) == (0, out.read_text("utf-8"))


def test_the_format_by_option_and_the_old_spelling(tmp_path: Path) -> None:
    out = tmp_path / "articles.txt"
    assert run("parse", str(SEED_003), "-o", str(out), "-t", "csv").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("id,url,")
    old = run("parse", "--output", "csv", str(SEED_003))  # (as earlier versions wrote it)
    new = run("parse", "-t", "csv", str(SEED_003))
    assert old.stdout == new.stdout != ""
    assert run("parse", "-d", "-k", "first", "-s", "-q", str(SEED_003)).returncode == 0
    parquet = tmp_path / "a.parquet"
    assert run("parse", str(SEED_003), "-o", str(parquet)).returncode == 0
    from scmpfeeds import read_parquet

    assert read_parquet(parquet) == list(parse_markdown_dump(SEED_003).articles)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "out.txt"), "cannot tell the format of 'out.txt' from its name: add --to FORMAT"),
        (("--output", "csv", "--to", "rss"), "--output csv and --to rss name two formats"),
        (("--to", "yaml"), "argument -t/--to: invalid choice: 'yaml'"),
        (("-k", "first"), "--keep needs --dedupe"),
        (("--frobnicate",), "unrecognized arguments: --frobnicate"),
    ],
)
def test_usage_errors_share_one_prefix(args: tuple[str, ...], message: str) -> None:
    result = run("parse", str(SEED_003), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith(f"scmpfeeds: error: {message}")


# -- -j N: worker processes -------------------------------------------------------------


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real dumps and seeds of every format, a broken dump and a file of no format."""
    import shutil

    root = tmp_path_factory.mktemp("collection")
    shutil.copytree(REALDATA / "markdown" / "scmp-china-2023", root / "dumps")
    shutil.copytree(REALDATA / "markdown" / "variants", root / "variants")
    for seed in sorted(FIXTURES.glob("0*.txt")):
        shutil.copy(seed, root / seed.name)
    (root / "broken.md").write_bytes(SEED_003.read_bytes().replace(b" - date published:", b"x"))
    (root / "notes.txt").write_text("just some words\n")
    return root


@pytest.mark.parametrize(
    "options",
    [
        ["-t", "jsonl"],
        ["-t", "csv"],
        ["-t", "markdown"],
        ["-t", "rss"],
        ["-d"],
        ["--since", "2023-06-01", "--until", "2024-01-01", "-t", "csv"],
    ],
    ids=lambda o: " ".join(o),
)
def test_workers_write_the_same_bytes_and_problems(collection: Path, options: list[str]) -> None:
    one = subprocess.run(
        [sys.executable, "-m", "scmpfeeds", "parse", str(collection), *options, "-q"],
        capture_output=True,
        check=False,
    )
    two = subprocess.run(
        [sys.executable, "-m", "scmpfeeds", "parse", str(collection), *options, "-q", "-j", "2"],
        capture_output=True,
        check=False,
    )
    assert one.returncode == two.returncode == 1  # (the broken dump, the file of no format)
    assert len(one.stdout) > 10_000
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert b"broken.md:" in two.stderr
    assert b"notes.txt: unknown format" in two.stderr


def test_workers_stop_each_file_at_its_first_problem_in_strict_mode(collection: Path) -> None:
    args = [sys.executable, "-m", "scmpfeeds", "parse", str(collection), "-s", "-q"]
    one = subprocess.run(args, capture_output=True, check=False)
    two = subprocess.run([*args, "-j", "0"], capture_output=True, check=False)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_jobs_must_be_a_count() -> None:
    result = run("parse", "-j", "many", str(SEED_000))
    assert result.returncode == 2
    assert "scmpfeeds: error: argument -j/--jobs: expected a number of processes" in result.stderr
