"""parse_markdown_dump, iter_markdown_dump and render_markdown_dump on real and crafted input."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scmpfeeds import (
    Article,
    Feed,
    Loss,
    ParseError,
    ParseWarning,
    Problem,
    RenderError,
    RenderWarning,
    iter_markdown_dump,
    parse_markdown_dump,
    render_markdown_dump,
)

from .conftest import FIXTURES, REALDATA
from .helpers import TrickleReader, parse_leniently

SEED_000 = FIXTURES / "000_f7b80165825318c2.txt"
SEED_002 = FIXTURES / "002_2de8bc749e391b77.txt"
SEED_003 = FIXTURES / "003_e1ca8efa5881fe9e.txt"
ORACLE_DIR = REALDATA / "markdown" / "scmp-china-2023"
VARIANTS = REALDATA / "markdown" / "variants"
SCMP_FEED = "https://www.scmp.com/rss/4/feed"

LINK = "https://www.scmp.com/news/china/article/3265321/slug?utm_source=rss_feed"
HEADER = f"# Source:China - South China Morning Post, URL:{SCMP_FEED}, language:en\n\n"


def block(
    title: str = "A title",
    link: str = LINK,
    feed: str = "$source",
    date: str = "2024-06-07T22:00:09+00:00",
    summary: str = "A summary.",
) -> str:
    return (
        f"## {title}\n - [{link}]({link})\n - RSS feed: {feed}\n"
        f" - date published: {date}\n\n{summary}\n\n"
    )


def lenient(data: str | bytes) -> Feed:
    return parse_leniently(parse_markdown_dump, data)


# -- the seeds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "count"), [(SEED_000, 21), (SEED_002, 24), (SEED_003, 14)], ids=["000", "002", "003"]
)
def test_seed_article_counts(path: Path, count: int) -> None:
    feed = parse_markdown_dump(path)
    assert len(feed.articles) == count
    assert feed.problems == ()
    assert (feed.title, feed.url, feed.language) == (
        "China - South China Morning Post",
        SCMP_FEED,
        "en",
    )


def test_seed_000_first_article_has_every_field() -> None:
    article = parse_markdown_dump(SEED_000).articles[0]
    link = (
        "https://www.scmp.com/news/china/diplomacy/article/3265321/"
        "art-diplomacy-can-cultural-exchange-bridge-growing-gap-china-us-ties?utm_source=rss_feed"
    )
    assert article == Article(
        id=3265321,
        url=link.partition("?")[0],
        link=link,
        title="Art of diplomacy: can cultural exchange bridge the growing gap in China-US ties?",
        summary=(
            "Successive blockbuster exhibitions of ancient artefacts are a rare chance "
            "for American audiences to delve into Chinese culture."
        ),
        published=datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc),
        feed_url=SCMP_FEED,
        feed_title="China - South China Morning Post",
        language="en",
    )
    assert (article.source, article.lineno) == (str(SEED_000), 3)


def test_seed_002_template_feed_falls_back_to_the_header_url() -> None:
    text = SEED_002.read_text(encoding="utf-8")
    assert text.count(" - RSS feed: $source") == 24
    articles = parse_markdown_dump(text).articles
    assert [a.feed_url for a in articles] == [SCMP_FEED] * 24


def test_every_seed_article_has_an_id_that_matches_its_link() -> None:
    for path in (SEED_000, SEED_002, SEED_003):
        for article in parse_markdown_dump(path).articles:
            assert article.id is not None
            assert f"/article/{article.id}/" in str(article.link)
            assert article.published is not None
            assert article.published.utcoffset() == timedelta(0)


def test_line_numbers_point_at_each_heading() -> None:
    lines = SEED_003.read_text(encoding="utf-8").split("\n")
    for article in parse_markdown_dump(SEED_003).articles:
        assert article.lineno is not None
        assert lines[article.lineno - 1] == f"## {article.title}"


# -- the real-data oracle --------------------------------------------------------------


@pytest.mark.parametrize("dump", sorted(ORACLE_DIR.glob("*.md")), ids=lambda p: p.stem[:10])
def test_dump_agrees_with_its_json_twin(dump: Path) -> None:
    twin = json.loads(dump.with_suffix(".json").read_text(encoding="utf-8"))
    feed = parse_markdown_dump(dump)
    assert feed.problems == ()
    got = [(a.title, a.link, a.summary, a.published, a.feed_url) for a in feed.articles]
    expected = [
        (
            item["title"],
            item["link"],
            item["description"],
            datetime.fromisoformat(item["date_published"]),
            item["source"],
        )
        for item in twin
    ]
    assert got == expected


def test_oracle_covers_58_days_and_the_quirks() -> None:
    dumps = sorted(ORACLE_DIR.glob("*.md"))
    assert len(dumps) == 58
    articles = [a for dump in dumps for a in parse_markdown_dump(dump).articles]
    assert len(articles) == 996
    assert sum(a.summary == "" for a in articles) == 3
    assert any("S&amp;P" in a.summary for a in articles)  # kept as the tool wrote it


# -- other outlets and years ---------------------------------------------------------


def test_bbc_dump_space_separated_dates_and_no_ids() -> None:
    feed = parse_markdown_dump(VARIANTS / "2023-03-15.bbc-news.md")
    assert (feed.title, feed.url, feed.language) == (
        "BBC",
        "http://feeds.bbci.co.uk/news/rss.xml",
        "en-US",
    )
    assert len(feed.articles) == 68
    assert feed.problems == ()
    first = feed.articles[0]
    assert first.published == datetime(2023, 3, 15, 23, 55, 52, tzinfo=timezone.utc)
    assert str(first.link).endswith("?at_medium=RSS&at_campaign=KARANGA")
    assert first.url == "https://www.bbc.co.uk/sport/football/64972506"
    assert {a.id for a in feed.articles} == {None}


def test_dump_without_header_and_empty_feed_lines() -> None:
    feed = parse_markdown_dump(VARIANTS / "2023-12-04.no-header.md")
    assert (feed.title, feed.url, feed.language) == (None, None, None)
    assert len(feed.articles) == 16
    assert {a.feed_url for a in feed.articles} == {None}
    assert feed.articles[0].published == datetime(
        2023, 12, 4, 23, 38, 37, 452944, tzinfo=timezone.utc
    )


def test_reuters_microseconds() -> None:
    feed = parse_markdown_dump(VARIANTS / "2023-12-04.reuters-world.md")
    assert len(feed.articles) == 27
    assert feed.articles[0].published == datetime(
        2023, 12, 4, 13, 30, 25, 891113, tzinfo=timezone.utc
    )


def test_2024_dump_keeps_double_space_in_title() -> None:
    feed = parse_markdown_dump(VARIANTS / "2024-12-20.scmp-rss4.md")
    assert len(feed.articles) == 28
    assert feed.problems == ()
    assert "Hong Kong with  ‘one country, two systems’ mission" in feed.articles[2].title
    assert {a.feed_url for a in feed.articles} == {SCMP_FEED}


def test_series_url_has_no_id() -> None:
    feed = parse_markdown_dump(VARIANTS / "2025-01-25.scmp-rss4.md")
    without = [a for a in feed.articles if a.id is None]
    assert len(feed.articles) == 13
    assert len(without) == 1
    assert "/series/" in str(without[0].link)


# -- headers and sections ------------------------------------------------------------


def test_header_with_commas_in_name_and_url() -> None:
    text = (
        "# Source:Rzeczpospolita - prawo, biznes, finanse, "
        "URL:https://example.pl/rss/wiadomosci-z-kraju,3.xml, language:pl-PL\n\n" + block()
    )
    feed = parse_markdown_dump(text)
    assert (feed.title, feed.url, feed.language) == (
        "Rzeczpospolita - prawo, biznes, finanse",
        "https://example.pl/rss/wiadomosci-z-kraju,3.xml",
        "pl-PL",
    )
    assert feed.articles[0].feed_url == "https://example.pl/rss/wiadomosci-z-kraju,3.xml"


def test_older_header_form() -> None:
    text = "# Source SCMP, Source URL:https://www.scmp.com/rss/2/feed, Source language: en\n\n"
    feed = parse_markdown_dump(text + block(feed=""))
    assert (feed.title, feed.url, feed.language) == (
        "SCMP",
        "https://www.scmp.com/rss/2/feed",
        "en",
    )
    assert feed.articles[0].feed_url == "https://www.scmp.com/rss/2/feed"


def test_empty_language() -> None:
    feed = parse_markdown_dump("# Source:X, URL:https://x.example/feed, language:\n\n" + block())
    assert feed.language is None


def test_articles_belong_to_the_section_they_are_in() -> None:
    text = (
        HEADER
        + block(title="one")
        + "# Source:Hong Kong - SCMP, URL:https://www.scmp.com/rss/2/feed, language:en\n\n"
        + block(title="two")
    )
    feed = parse_markdown_dump(text)
    assert [(a.title, a.feed_url) for a in feed.articles] == [
        ("one", SCMP_FEED),
        ("two", "https://www.scmp.com/rss/2/feed"),
    ]
    assert feed.url == SCMP_FEED  # the feed's own metadata is the first header's


# -- generic metadata --------------------------------------------------------------


def test_unknown_metadata_keys_are_kept_in_order() -> None:
    text = HEADER + (
        f"## Title\n - [{LINK}]({LINK})\n - user: rumca\n - RSS feed: {SCMP_FEED}\n"
        " - tags: china, politics\n - date published: 2024-06-07 22:00:09\n\nSummary.\n"
    )
    article = parse_markdown_dump(text).articles[0]
    assert article.extra == (("user", "rumca"), ("tags", "china, politics"))
    assert article.summary == "Summary."
    assert article.published == datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc)
    assert article.get_extra("tags") == "china, politics"
    assert article.get_extra("missing") is None


def test_link_text_that_differs_from_the_url_is_kept() -> None:
    text = f"## T\n - [the story]({LINK})\n - date published: 2024-06-07T22:00:09Z\n"
    article = parse_markdown_dump(text).articles[0]
    assert article.link == LINK
    assert article.extra == (("link text", "the story"),)
    assert render_markdown_dump([article]).startswith(f"## T\n - [the story]({LINK})\n")


def test_date_offsets_are_preserved() -> None:
    article = parse_markdown_dump(block(date="2024-06-08T06:00:09.5+08:00")).articles[0]
    assert article.published == datetime(
        2024, 6, 8, 6, 0, 9, 500000, tzinfo=timezone(timedelta(hours=8))
    )


def test_multi_paragraph_summary_and_two_line_title() -> None:
    text = (
        f"## A title split\nover two lines\n - [{LINK}]({LINK})\n - RSS feed: x\n"
        " - date published: 2024-06-07T22:00:09+00:00\n\n"
        "First paragraph.\n\nSecond <b>paragraph</b>.\n - not metadata: here\n\n\n"
    )
    article = parse_markdown_dump(text).articles[0]
    assert article.title == "A title split\nover two lines"
    assert article.summary == "First paragraph.\n\nSecond <b>paragraph</b>.\n - not metadata: here"


def test_empty_summary() -> None:
    text = f"## T\n - [{LINK}]({LINK})\n - RSS feed: x\n - date published: 2024-06-07\n\n\n\n"
    article = parse_markdown_dump(text + block(title="next")).articles[0]
    assert article.summary == ""
    assert article.published == datetime(2024, 6, 7, tzinfo=timezone.utc)


# -- problems, lenient and strict ------------------------------------------------------

# Blocks that cannot be read at all: one problem each, with the block's text.
BAD_BLOCKS = [
    (
        f"## Odd line\n - [{LINK}]({LINK})\n - no colon here\n",
        "expected a ' - key: value' or ' - [URL](URL)' line, found ' - no colon here'",
        3,
        1,
    ),
]
# Blocks with a field that is missing or cannot be read: the article is kept
# without that field, and the problem is reported (raised in strict mode).
BAD_FIELDS = [
    (
        "## No link\n - RSS feed: x\n - date published: 2024-06-07T22:00:09+00:00\n\nS\n\n",
        "article has no link line (' - [URL](URL)'); kept without a link",
        1,
        1,
        ("No link", None, datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc), "S"),
    ),
    (
        f"## No date\n - [{LINK}]({LINK})\n - RSS feed: x\n\nS\n\n",
        "article has no ' - date published:' line; kept without a date",
        1,
        1,
        ("No date", LINK, None, "S"),
    ),
    (
        f"## Bad date\n - [{LINK}]({LINK})\n - RSS feed: x\n - date published: yesterday\n\nS\n\n",
        "invalid ' - date published:' value 'yesterday'; kept without a date",
        4,
        20,
        ("Bad date", LINK, None, "S"),
    ),
    (
        f"## Bad day\n - [{LINK}]({LINK})\n - RSS feed: x\n - digest date: 2024-13-01\n\nS\n\n",
        "invalid ' - digest date:' value '2024-13-01'; kept without it",
        1,
        1,
        ("Bad day", LINK, None, "S"),
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "line", "column"), BAD_BLOCKS + [b[:4] for b in BAD_FIELDS]
)
def test_strict_mode_pins_message_line_and_column(
    text: str, message: str, line: int, column: int
) -> None:
    document = HEADER + block(title="good") + text + block(title="after")
    offset = 2 + 7  # header and blank line, then the good block
    with pytest.raises(ParseError) as info:
        parse_markdown_dump(document, strict=True)
    assert str(info.value) == f"{message} (at line {line + offset}, column {column})"
    assert (info.value.msg, info.value.lineno, info.value.colno) == (
        message,
        line + offset,
        column,
    )


@pytest.mark.parametrize(("text", "message", "line", "column"), BAD_BLOCKS)
def test_lenient_mode_reports_and_keeps_the_rest(
    text: str, message: str, line: int, column: int
) -> None:
    feed = lenient(HEADER + block(title="good") + text + block(title="after"))
    assert [a.title for a in feed.articles] == ["good", "after"]
    assert feed.problems == (Problem(lineno=line + 9, colno=column, message=message, text=text),)


@pytest.mark.parametrize(("text", "message", "line", "column", "kept"), BAD_FIELDS)
def test_a_bad_field_costs_that_field_not_the_article(
    text: str, message: str, line: int, column: int, kept: tuple[object, ...]
) -> None:
    """Before, each of these blocks was dropped whole (its title, link and summary with it)."""
    feed = lenient(HEADER + block(title="good") + text + block(title="after"))
    assert [a.title for a in feed.articles] == ["good", kept[0], "after"]
    article = feed.articles[1]
    assert (
        article.title,
        article.link,
        article.published or article.digest_date,
        article.summary,
    ) == kept
    assert (article.lineno, article.feed_url) == (10, "x")
    assert feed.problems == (Problem(lineno=line + 9, colno=column, message=message, text=text),)


def test_an_empty_title_is_an_article_titled_empty() -> None:
    """``## `` then the link line: the twin has the title ``""`` (before: a problem)."""
    text = f"## \n - [{LINK}]({LINK})\n - RSS feed: x\n - date published: 2024-06-07\n\nS\n\n"
    for document in (text, HEADER + block(title="good") + text + block(title="after")):
        feed = parse_markdown_dump(document, strict=True)
        (article,) = [a for a in feed.articles if a.link == LINK and a.summary == "S"]
        assert (article.title, article.id, article.summary) == ("", 3265321, "S")


def test_an_empty_date_line_means_no_date_and_is_no_problem() -> None:
    """How render_markdown_dump writes an article without a date."""
    text = f"## T\n - [{LINK}]({LINK})\n - RSS feed: x\n - date published: \n\nS\n"
    (article,) = parse_markdown_dump(text, strict=True).articles
    assert (article.title, article.published, article.summary) == ("T", None, "S")


def test_text_before_the_first_block_is_a_problem() -> None:
    feed = lenient("\n\nstray words\nmore\n\n" + block())
    assert len(feed.articles) == 1
    assert feed.problems == (
        Problem(
            lineno=3,
            colno=1,
            message="text outside any article (expected a '## ' heading and its link line)",
            text="stray words\nmore",
        ),
    )


def test_unrecognised_source_header_is_a_problem() -> None:
    feed = lenient("# Source: nothing useful\n\n" + block())
    assert [p.message for p in feed.problems] == [
        "unrecognised '# Source' header: '# Source: nothing useful'"
    ]
    assert len(feed.articles) == 1


def test_duplicate_metadata_is_a_problem() -> None:
    text = (
        f"## T\n - [{LINK}]({LINK})\n"
        " - date published: 2024-06-07\n - Date published: 2024-06-08\n"
    )
    with pytest.raises(ParseError, match=r"more than one ' - Date published:' line") as info:
        parse_markdown_dump(text, strict=True)
    assert info.value.lineno == 4


def test_problem_renders_with_source_and_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.md"
    path.write_text(
        HEADER + "## T\n - RSS feed: x\n - date published: 2024-06-07\n", encoding="utf-8"
    )
    with pytest.warns(ParseWarning, match=r"dump\.md:3: article has no link line"):
        feed = parse_markdown_dump(path)
    assert str(feed.problems[0]) == (
        f"{path}:3: article has no link line (' - [URL](URL)'); kept without a link"
    )
    assert [(a.title, a.link, a.feed_url) for a in feed.articles] == [("T", None, "x")]


# -- clean and messy input give the same result -----------------------------------------


@pytest.mark.parametrize("path", [SEED_000, SEED_002, SEED_003], ids=["000", "002", "003"])
def test_crlf_bom_and_trailing_whitespace_change_nothing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    clean = parse_markdown_dump(text)
    messy = "\ufeff" + "\r\n".join(line + " \t " for line in text.split("\n"))
    assert parse_markdown_dump(messy) == clean
    assert parse_markdown_dump(messy.encode("utf-8")) == clean
    assert parse_markdown_dump(text.replace("\n", "\r").encode()) == clean


def test_sources_of_every_kind_give_the_same_feed(tmp_path: Path) -> None:
    data = SEED_000.read_bytes()
    path = tmp_path / "seed.md"
    path.write_bytes(b"\xef\xbb\xbf" + data)
    expected = parse_markdown_dump(data.decode("utf-8"))
    for source in (
        data,
        path,
        io.BytesIO(data),
        io.StringIO(data.decode("utf-8")),
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
    ):
        assert parse_markdown_dump(source) == expected
    with path.open("rb") as binary:
        assert parse_markdown_dump(binary).source == str(path)


def test_invalid_utf8_strict_names_the_byte_offset() -> None:
    data = HEADER.encode() + block().encode().replace(b"A summary", b"A \xff summary")
    with pytest.raises(ParseError) as info:
        parse_markdown_dump(data, strict=True)
    offset = data.index(b"\xff")
    assert (
        str(info.value)
        == f"invalid UTF-8 byte(s) ff at byte offset {offset} (at line 8, column 3)"
    )


def test_invalid_utf8_lenient_replaces_and_reports() -> None:
    data = HEADER.encode() + block().encode().replace(b"A summary", b"A \xff summary")
    feed = lenient(data)
    assert feed.articles[0].summary == "A \ufffd summary."
    offset = data.index(b"\xff")
    assert [p.message for p in feed.problems] == [
        f"invalid UTF-8 byte(s) ff at byte offset {offset}; invalid bytes are replaced with U+FFFD"
    ]


def test_a_str_that_looks_like_a_path_suggests_pathlib() -> None:
    with pytest.raises(ParseError) as info:
        parse_markdown_dump("tests/fixtures/000_f7b80165825318c2.txt")
    assert "pathlib.Path('tests/fixtures/000_f7b80165825318c2.txt')" in str(info.value)


def test_wrong_source_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="source must be str"):
        parse_markdown_dump(42)  # type: ignore[arg-type]


def test_empty_document() -> None:
    assert parse_markdown_dump("") == Feed()
    assert parse_markdown_dump(b"") == Feed()


# -- streaming ----------------------------------------------------------------------


@pytest.mark.parametrize("step", [1, 2, 3, 7, 64, 4096])
def test_iter_over_tiny_reads_equals_parse(step: int) -> None:
    data = b"\xef\xbb\xbf" + SEED_002.read_bytes().replace(b"\n", b"\r\n")
    streamed = list(iter_markdown_dump(TrickleReader(data, step)))
    assert streamed == list(parse_markdown_dump(data).articles)
    assert [a.lineno for a in streamed] == [a.lineno for a in parse_markdown_dump(data).articles]


def test_iter_reports_problems_through_the_callback() -> None:
    problems: list[Problem] = []
    articles = list(
        iter_markdown_dump(
            HEADER + "## broken\n - RSS feed: x\n - date published: 2024-06-07\n" + block(),
            on_problem=problems.append,
        )
    )
    assert [(a.title, a.link) for a in articles] == [("broken", None), ("A title", LINK)]
    assert [(p.lineno, p.message) for p in problems] == [
        (3, "article has no link line (' - [URL](URL)'); kept without a link")
    ]


def test_iter_is_lazy() -> None:
    class Exploding(io.RawIOBase):
        def __init__(self) -> None:
            self.reads = 0

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            self.reads += 1
            if self.reads == 1:
                # More than the 4 KiB that decide the encoding, far less than a chunk.
                blocks = "".join(block(title=f"n{n}") for n in range(40))
                return (HEADER + block(title="one") + blocks).encode()
            raise AssertionError("read past what was needed")

    assert next(iter_markdown_dump(Exploding())).title == "one"


# -- the writer -----------------------------------------------------------------------


def test_render_round_trips_every_seed() -> None:
    for path in (SEED_000, SEED_002, SEED_003):
        feed = parse_markdown_dump(path)
        text = render_markdown_dump(
            feed.articles, title=feed.title, url=feed.url, language=feed.language
        )
        again = parse_markdown_dump(text)
        assert again.articles == feed.articles
        assert (again.title, again.url, again.language) == (feed.title, feed.url, feed.language)


def test_render_seed_000_reproduces_the_file() -> None:
    feed = parse_markdown_dump(SEED_000)
    text = render_markdown_dump(feed.articles, title=feed.title, url=feed.url, language="en")
    assert text == SEED_000.read_text(encoding="utf-8").rstrip("\n") + "\n\n"


WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("article", "loss", "written"),
    [
        (
            Article(title="T", link=LINK, authors=("A", "B"), published=WHEN),
            "authors (left out)",
            Article(title="T", link=LINK, published=WHEN),
        ),
        (
            Article(title="T", link=LINK, summary="ok\n## a heading\n - [x](y)", published=WHEN),
            "summary lines that would start a new article (written with a space before)",
            Article(title="T", link=LINK, summary="ok\n ## a heading\n - [x](y)", published=WHEN),
        ),
        (
            Article(title="T", link=LINK, extra=(("date published", "x"), ("k", "v"))),
            "extra items whose key a meta line cannot hold (left out)",
            Article(title="T", link=LINK, extra=(("k", "v"),)),
        ),
        (
            Article(title="two\n - [lines](x)", link=LINK, published=WHEN),
            "line breaks or surrounding space in a title (written on one line)",
            Article(title="two - [lines](x)", link=LINK, published=WHEN),
        ),
        (
            Article(title="T", link=LINK, summary="  \nA  \n\n", published=WHEN),
            "space at the ends of summary lines, or blank lines around a summary (dropped)",
            Article(title="T", link=LINK, summary="A", published=WHEN),
        ),
    ],
)
def test_render_writes_every_article_and_says_what_it_cannot_hold(
    article: Article, loss: str, written: Article
) -> None:
    """Before, each of these articles was refused (RenderError) or left out."""
    said: list[Loss] = []
    text = render_markdown_dump([article, article], on_loss=said.append)
    assert said == [Loss(format="a markdown dump", what=loss, count=2)]
    assert parse_markdown_dump(text, strict=True).articles == (written, written)
    with pytest.raises(RenderError, match=r"^a markdown dump cannot hold "):
        render_markdown_dump([article], strict=True)
    with pytest.warns(RenderWarning, match=r"\(1 article\(s\)\)$"):
        render_markdown_dump([article])


def test_render_writes_an_article_without_a_date_or_a_title() -> None:
    articles = [Article(title="", link=LINK), Article(title="T", link=None, summary="S")]
    text = render_markdown_dump(articles, strict=True)
    assert parse_markdown_dump(text, strict=True).articles == tuple(articles)


def test_render_gives_each_feed_a_header_so_names_and_languages_come_back() -> None:
    articles = [
        Article(
            title="A", link=LINK, feed_url="https://a/feed", feed_title="A news", language="en"
        ),
        Article(
            title="B", link=LINK, feed_url="https://b/feed", feed_title="B news", language="pl"
        ),
        Article(title="C", link=LINK, feed_url=None),
    ]
    text = render_markdown_dump(articles, strict=True)
    assert text.count("# Source:") == 3
    assert parse_markdown_dump(text, strict=True).articles == tuple(articles)


@pytest.mark.parametrize("marker", ["# Source", "## x"])
def test_a_unit_marker_inside_a_summary_line_is_text(marker: str) -> None:
    """Found by hypothesis: the fast path once ended a block in the middle of a line."""
    text = block(title="one", summary=f"0{marker}\n0") + block(title="two")
    articles = parse_markdown_dump(text, strict=True).articles
    assert [(a.title, a.summary) for a in articles] == [
        ("one", f"0{marker}\n0"),
        ("two", "A summary."),
    ]


# -- the shapes of the 2023 archive -------------------------------------------------------


def test_the_nameless_source_url_header() -> None:
    feed = parse_markdown_dump(VARIANTS / "2023-01-09.wikipedia-no-name-header.md", strict=True)
    assert (feed.title, feed.url, feed.language) == (None, "https://en.wikipedia.org", "en")
    assert [a.title for a in feed.articles] == ["Monroe Doctrine"]
    assert feed.articles[0].feed_url == "https://en.wikipedia.org"


def test_a_title_over_blank_and_indented_lines() -> None:
    text = HEADER + block(title="Przepisy covidowe w Chinach\n        \n        - Wiadomości")
    feed = parse_markdown_dump(text, strict=True)
    (article,) = feed.articles
    assert article.title == "Przepisy covidowe w Chinach\n\n        - Wiadomości"
    assert article.id == 3265321
    assert article.summary == "A summary."
    again = render_markdown_dump(feed.articles, title=feed.title, url=feed.url, language="en")
    assert parse_markdown_dump(again, strict=True).articles == feed.articles


def test_heading_lines_inside_a_summary_are_text() -> None:
    style = "<style>\n## .lead { color: red }\n\n## .note { margin: 0 }\n</style>\nThe story."
    text = HEADER + block(summary=style) + block(title="Next")
    feed = parse_markdown_dump(text, strict=True)
    assert [a.title for a in feed.articles] == ["A title", "Next"]
    assert feed.articles[0].summary == style
    assert [a.lineno for a in feed.articles] == [3, 15]
    assert list(iter_markdown_dump(io.BytesIO(text.encode()))) == list(feed.articles)
    again = render_markdown_dump(feed.articles)
    assert parse_markdown_dump(again, strict=True).articles == feed.articles


@pytest.mark.parametrize(("link", "expected"), [("", None), ("/", "/"), ("./a b", "./a b")])
def test_empty_and_relative_links_give_articles_without_a_url(
    link: str, expected: str | None
) -> None:
    feed = parse_markdown_dump(HEADER + block(link=link) + block(title="Next"), strict=True)
    first, second = feed.articles
    assert (first.link, first.url, first.id) == (expected, None, None)
    assert second.id == 3265321
    again = parse_markdown_dump(render_markdown_dump(feed.articles), strict=True)
    assert again.articles == feed.articles


def test_a_heading_whose_block_was_cut_is_kept_in_the_summary_before_it() -> None:
    text = HEADER + block(summary="First.") + "## Cut off here\n\n" + block(title="Next")
    feed = parse_markdown_dump(text, strict=True)
    assert [a.title for a in feed.articles] == ["A title", "Next"]
    assert feed.articles[0].summary == "First.\n\n## Cut off here"


# -- summaries that quote markdown -------------------------------------------------------------

QUOTED_MARKDOWN = (
    "The report in brief.\n\n"
    "## Key points:\n"
    "- Exports rose 7.6 per cent\n"
    "- Imports rose: 1.8 per cent\n"
    "\n"
    "## What analysts said:\n"
    "Tariffs will weigh on the outlook.\n"
    "## Tags: trade, China"
)


def test_a_summary_that_quotes_markdown_is_the_summary_of_the_article_above() -> None:
    """``## Heading:`` lines, ``- `` bullets and plain lines, as the JSON twin has them
    (before: problems "expected a ' - key: value'…" and the summary text lost)."""
    text = HEADER + block(summary=QUOTED_MARKDOWN) + block(title="Next")
    for document in (text, text.encode()):
        feed = parse_markdown_dump(document, strict=True)
        assert [(a.title, a.summary) for a in feed.articles] == [
            ("A title", QUOTED_MARKDOWN),
            ("Next", "A summary."),
        ]
        assert [a.lineno for a in feed.articles] == [3, 18]
    assert list(iter_markdown_dump(TrickleReader(text.encode(), 7))) == list(feed.articles)
    again = render_markdown_dump(feed.articles, strict=True)
    assert parse_markdown_dump(again, strict=True).articles == feed.articles


def test_a_heading_with_a_key_line_other_than_the_feed_or_date_is_summary_text() -> None:
    """The grammar: only a link, feed or date line starts a block (the tool writes those
    three first); any other `` - key:`` line under a heading is the summary's."""
    summary = "Intro.\n## Box\n - tags: a, b\nText."
    feed = parse_markdown_dump(HEADER + block(summary=summary) + block(title="Next"), strict=True)
    assert [(a.title, a.summary) for a in feed.articles] == [
        ("A title", summary),
        ("Next", "A summary."),
    ]
