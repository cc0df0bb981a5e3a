"""JSON entries: the link archive as it is published today, and its twins of the dumps."""

from __future__ import annotations

import io
import json
import tracemalloc
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scmpfeeds import (
    Article,
    Feed,
    Media,
    ParseError,
    Problem,
    detect_format,
    iter_json_entries,
    parse,
    parse_json_entries,
    parse_markdown_dump,
    read,
    write_jsonl,
)
from scmpfeeds.files import plan

from .conftest import REALDATA
from .helpers import run_cli
from .strategies import TRICKY, links

JSON = REALDATA / "json"
SOURCES = JSON / "sources-2026.json"

SCMP_ENTRY: dict[str, Any] = {
    "age": None,
    "album": "",
    "author": "Vanessa Cai,Meredith Chen",
    "bookmarked": False,
    "comments": [],
    "date_created": "2026-01-01T23:00:43.290726+00:00",
    "date_published": "2026-01-01T22:00:38+00:00",
    "description": "Beijing says…\nThe second paragraph...",
    "id": 4452644,
    "language": "en",
    "link": "https://www.scmp.com/news/china/military/article/3338399/pla-drone",
    "page_rating": 27,
    "source__id": 67,
    "source_url": "https://www.scmp.com/rss/4/feed",
    "tags": [],
    "thumbnail": "https://cdn.i-scmp.com/sites/default/files/d8/images/canvas/2026/01/01/a.jpg",
    "title": "Just how close did a PLA drone come to the heart of Taipei?",
}


def quiet(call: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call()


# -- one entry, every key ----------------------------------------------------------------------


def test_an_entry_of_2026_onto_an_article() -> None:
    (article,) = parse_json_entries(json.dumps([SCMP_ENTRY], indent=1), strict=True).articles
    assert article == Article(
        title="Just how close did a PLA drone come to the heart of Taipei?",
        link="https://www.scmp.com/news/china/military/article/3338399/pla-drone",
        summary="Beijing says…\nThe second paragraph...",
        published=datetime(2026, 1, 1, 22, 0, 38, tzinfo=timezone.utc),
        feed_url="https://www.scmp.com/rss/4/feed",
        language="en",
        authors=("Vanessa Cai", "Meredith Chen"),  # co-authors joined by a bare comma
        media=(Media(url=SCMP_ENTRY["thumbnail"], kind="image"),),
        extra=(
            ("age", "null"),
            ("album", ""),
            ("bookmarked", "false"),
            ("comments", "[]"),
            ("date_created", "2026-01-01T23:00:43.290726+00:00"),  # seen, not published
            ("id", "4452644"),  # the archiver's own: not an SCMP ID
            ("page_rating", "27"),
            ("source__id", "67"),
            ("tags", "[]"),
        ),
    )
    assert article.id == 3338399
    assert article.lineno == 2


def test_an_entry_of_2023_and_the_container_form() -> None:
    old = {
        "source": "https://wydarzenia.interia.pl/feed",
        "link": "https://wydarzenia.interia.pl/zagranica/news-orkan,nId,6577568",
        "title": "Orkan w Tatrach",
        "date_published": "2023-02-04 21:22:54+00:00",
        "description": '<p>Na górze Chopok </p><br clear="all" />',
        "persistent": False,
        "language": "pl-PL",
        "user": None,
    }
    container = {"entries": [old], "source": {"url": old["source"], "title": "Wydarzenia Interia"}}
    feed = parse_json_entries(json.dumps(container), strict=True)
    (article,) = feed.articles
    assert (feed.title, feed.url) == ("Wydarzenia Interia", "https://wydarzenia.interia.pl/feed")
    assert (article.feed_url, article.feed_title, article.language) == (
        "https://wydarzenia.interia.pl/feed",
        "Wydarzenia Interia",
        "pl-PL",
    )
    assert article.published == datetime(2023, 2, 4, 21, 22, 54, tzinfo=timezone.utc)
    assert article.summary == '<p>Na górze Chopok </p><br clear="all" />'
    assert article.extra == (("persistent", "false"), ("user", "null"))


def test_entries_one_after_another_and_json_lines_of_either_kind() -> None:
    """A user's concatenation: lists, containers, single entries, scmpfeeds' own records."""
    record = Article(title="R", link="https://x.example/r", summary="S", language="en")
    out = io.StringIO()
    write_jsonl([record], out)
    text = (
        json.dumps([SCMP_ENTRY])
        + "\n"
        + json.dumps({"entries": [SCMP_ENTRY], "source": {"url": "u", "title": "T"}})
        + "\n"
        + json.dumps(SCMP_ENTRY)
        + "\n"
        + out.getvalue()
    )
    articles = parse_json_entries(text, strict=True).articles
    assert [a.title[:4] for a in articles] == ["Just", "Just", "Just", "R"]
    assert articles[-1] == record  # scmpfeeds' JSON Lines read back
    assert [a.lineno for a in articles] == [1, 2, 3, 4]


def test_a_missing_or_bad_date_costs_the_date_not_the_entry() -> None:
    entries = [
        {**SCMP_ENTRY, "date_published": "yesterday"},
        {k: v for k, v in SCMP_ENTRY.items() if k != "date_published"},
        {**SCMP_ENTRY, "date_published": None},
    ]
    text = json.dumps(entries, indent=1)
    problems: list[Problem] = []
    articles = list(iter_json_entries(text, on_problem=problems.append))
    assert [a.published for a in articles] == [None, None, None]
    assert [a.title for a in articles] == [SCMP_ENTRY["title"]] * 3
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines, 1) if line == " {"]
    dates = [n for n, line in enumerate(lines, 1) if '"date_published"' in line]
    assert [(p.lineno, p.message) for p in problems] == [
        (dates[0], "invalid 'date_published' \"yesterday\"; kept without a date"),
        (starts[1], "an entry without 'date_published'; kept without a date"),
        (dates[1], "invalid 'date_published' null; kept without a date"),
    ]
    assert lines[dates[0] - 1] == '  "date_published": "yesterday",'
    assert starts[1] < dates[1]
    with pytest.raises(ParseError) as info:
        parse_json_entries(text, strict=True)
    assert (info.value.lineno, info.value.msg) == (dates[0], problems[0].message)


def test_what_is_not_an_entry_is_a_problem_with_its_text() -> None:
    entry = '{"title": "A", "link": "https://x.example/a", "date_published": "2026-01-01"}'
    text = f'[\n {entry},\n 5,\n {{"name": "x"}}\n]'
    problems: list[Problem] = []
    articles = list(iter_json_entries(text, on_problem=problems.append))
    assert [a.title for a in articles] == ["A"]
    assert [(p.lineno, p.message, p.text) for p in problems] == [
        (3, "not an entry: a JSON int with neither 'link' nor 'title'", "5"),
        (4, "not an entry: a JSON object with neither 'link' nor 'title'", '{"name": "x"}'),
    ]


def test_json_that_breaks_off_gives_every_entry_before_the_break() -> None:
    text = json.dumps([SCMP_ENTRY, SCMP_ENTRY, SCMP_ENTRY], indent=1)
    cut = text[: text.rindex('"title"')]
    problems: list[Problem] = []
    articles = list(iter_json_entries(cut, on_problem=problems.append))
    assert len(articles) == 2
    (problem,) = problems
    assert problem.message.startswith("a list breaks off here (malformed JSON: ")
    assert problem.lineno == cut.count("\n") + 1
    with pytest.raises(ParseError, match="breaks off"):
        list(iter_json_entries(cut, strict=True))


def test_detected_by_content() -> None:
    data = json.dumps([SCMP_ENTRY]).encode()
    assert detect_format(data) == "json"
    assert detect_format(b'  {"entries": [], "source": {}}') == "json"
    assert detect_format(b'[{"name": "x"}]') is None
    feed = parse(data)
    assert isinstance(feed, Feed)
    assert feed.articles[0].id == 3338399
    with pytest.raises(ParseError, match=r"^the link archive's sources.json"):
        parse(SOURCES.read_bytes())


# -- generated entries ---------------------------------------------------------------------

_TEXT = st.text(st.one_of(st.sampled_from(TRICKY), st.characters(exclude_categories=["Cs"])))


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": draw(_TEXT.map(str.strip)),
        "link": draw(links()),
        "description": draw(_TEXT),
        "date_published": draw(
            st.datetimes(min_value=datetime(1000, 1, 1), timezones=st.just(timezone.utc))
        ).isoformat(),
    }
    for key in draw(st.lists(st.sampled_from(["id", "tags", "x y", "vote", "user"]), unique=True)):
        entry[key] = draw(st.one_of(st.none(), st.booleans(), st.integers(), _TEXT))
    return entry


@given(st.lists(entries(), max_size=5), st.sampled_from(["list", "lines", "container"]))
def test_generated_entries_every_form(drawn: list[dict[str, Any]], form: str) -> None:
    if form == "list":
        text = json.dumps(drawn, indent=2, ensure_ascii=False)
    elif form == "lines":
        text = "".join(json.dumps(e) + "\n" for e in drawn)
    else:
        text = json.dumps({"entries": drawn, "source": {"url": "f", "title": "T"}})
    articles = list(iter_json_entries(text, strict=True))
    assert len(articles) == len(drawn)  # count in = count out
    for article, entry in zip(articles, drawn, strict=True):
        assert article.link == entry["link"]
        assert article.published == datetime.fromisoformat(entry["date_published"])
        kept = {k for k in entry if k not in ("title", "link", "description", "date_published")}
        assert {k for k, _ in article.extra} == kept  # every other key kept


def test_memory_stays_bounded_on_a_large_list(tmp_path: Path) -> None:
    """A list of 60,000 entries (about 40 MB) is read in memory that holds a chunk."""
    path = tmp_path / "big.json"
    entry = json.dumps(SCMP_ENTRY, indent=1)
    with path.open("w", encoding="utf-8") as file:
        file.write("[\n")
        for n in range(60_000):
            file.write(entry.replace("4452644", str(n)) + (",\n" if n < 59_999 else "\n"))
        file.write("]\n")
    assert path.stat().st_size > 35_000_000
    tracemalloc.start()
    count = sum(1 for _ in iter_json_entries(path, strict=True))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 60_000
    assert peak < 12_000_000  # a few chunks of text, not the file


# -- the archive as it is ------------------------------------------------------------------------


def test_a_day_of_2026_every_entry_and_each_outlet_named(day: Path) -> None:
    problems: list[Problem] = []
    articles = list(read(day / "2026" / "01" / "2026-01-01", on_problem=problems.append))
    assert (len(articles), problems) == (5333, [])
    sources = {s["url"]: s for s in json.loads(SOURCES.read_text(encoding="utf-8"))}
    known = [a for a in articles if a.feed_url in sources]
    assert len(known) == 5089  # the rest name no feed, or one the list has not
    for article in known:
        source = sources[article.feed_url]
        assert article.feed_title == source["title"]
        assert article.get_extra("feed category") == (source["category_name"] or None)
        assert article.get_extra("feed subcategory") == (source["subcategory_name"] or None)
    scmp = [a for a in known if a.feed_url == "https://www.scmp.com/rss/4/feed"]
    assert {a.feed_title for a in scmp} == {"China - South China Morning Post"}
    assert all(a.id is not None for a in scmp)
    assert sum(len(a.authors) > 1 for a in articles) > 0


def test_the_command_line_on_a_day_of_2026(day: Path) -> None:
    result = run_cli("parse", str(day))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5333
    assert result.stderr.splitlines() == [
        f"scmpfeeds: outlets named from {day / 'sources.json'}",
        "scmpfeeds parse: 337 file(s), 5333 article(s), 0 problem(s)",
    ]


def test_a_sources_file_given_by_name(day: Path) -> None:
    files = sorted((day / "2026" / "01" / "2026-01-01").glob("*scmp*"))
    articles = list(read([*files, SOURCES]))
    assert {a.feed_title for a in articles} == {"China - South China Morning Post"}


def _core(article: Article) -> tuple[object, ...]:
    return (article.title, article.link, article.published, article.summary)


def test_every_json_twin_of_the_sample_equals_its_dump(archive: Path) -> None:
    """2,000 pairs read both ways give equal articles: 45,233 items."""
    dumps = sorted(archive.rglob("*.md"))
    assert len(dumps) == 2000
    total = 0
    for dump in dumps:
        markdown = parse_markdown_dump(dump, strict=True).articles
        entries = parse_json_entries(dump.with_suffix(".json"), strict=True).articles
        assert [_core(a) for a in entries] == [_core(a) for a in markdown], dump
        total += len(entries)
    assert total == 45233


def test_twins_are_read_once_and_the_choice_is_said(archive: Path) -> None:
    found = plan(archive)
    assert (len(found.files), found.twins) == (2000, 2000)
    assert all(f.path.endswith(".json") and f.twin for f in found.files)
    problems: list[Problem] = []
    from_json = list(read(archive, on_problem=problems.append))
    from_dumps = list(read(archive, twins="markdown"))
    both = list(read(archive, twins="both"))
    assert problems == []
    assert len(from_json) == len(from_dumps) == 45233
    assert len(both) == 2 * 45233
    assert [_core(a) for a in from_json] == [_core(a) for a in from_dumps]
    # The dump's header still names the feed of the JSON read in its place (a few JSON
    # twins name it where the dump's header does not: the JSON carries more).
    named = [(a.feed_title, b.feed_title) for a, b in zip(from_json, from_dumps, strict=True)]
    assert all(a == b for a, b in named if b is not None)
    assert sum(a is not None for a, _ in named) >= sum(b is not None for _, b in named) > 40000


def test_the_command_line_on_the_archive_sample_exits_0(archive: Path) -> None:
    """Before: exit 1, and one "JSON data, not a feed" line per twin (2,000)."""
    result = run_cli("parse", str(archive))
    assert result.returncode == 0, result.stderr[:500]
    assert len(result.stdout.splitlines()) == 45233
    assert result.stderr.splitlines() == [
        "scmpfeeds: 2000 markdown dump(s) beside their JSON twin: read from their JSON twins, "
        "which carry more (--twins both reads both)",
        "scmpfeeds parse: 2000 file(s), 45233 article(s), 0 problem(s)",
    ]
    both = run_cli("parse", "--twins", "both", str(archive))
    assert (both.returncode, len(both.stdout.splitlines())) == (0, 2 * 45233)


def test_offsets_are_kept() -> None:
    entry = {**SCMP_ENTRY, "date_published": "2026-01-01T22:00:38+08:00"}
    (article,) = parse_json_entries(json.dumps([entry])).articles
    assert article.published is not None
    assert article.published.utcoffset() == timedelta(hours=8)
