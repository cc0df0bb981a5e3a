"""parse_rss, iter_rss and render_rss on the seed, real truncated pages and crafted input."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest

from scmpfeeds import (
    Article,
    Feed,
    Loss,
    Media,
    ParseError,
    Problem,
    RenderError,
    iter_rss,
    parse_rss,
    render_rss,
)
from scmpfeeds.errors import ParseWarning
from scmpfeeds.rss._stream import _RSS_ROOT_RE, _head_text

from .conftest import FIXTURES, REALDATA
from .helpers import TrickleReader, parse_leniently

SEED_004 = FIXTURES / "004_7a0e8304e58f6477.txt"
EXCERPTS = REALDATA / "rss" / "scmp-feed-page-excerpts.txt"
HKT = timezone(timedelta(hours=8))


def excerpt(number: int) -> bytes:
    """The XML of one of the real truncated SCMP pages, without the store's markers."""
    text = EXCERPTS.read_text(encoding="utf-8")
    body = text.split(f"##### EXCERPT {number} of 2", 1)[1].split("\n", 1)[1]
    return body.split(f"##### END EXCERPT {number}", 1)[0].encode("utf-8")


def feed_of(items: str, channel: str = "", namespaces: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" {namespaces}>\n<channel>\n'
        f"<title>T</title>\n<link>https://www.scmp.com/rss/4/feed</link>\n{channel}"
        f"{items}</channel>\n</rss>\n"
    ).encode()


def item(**fields: str) -> str:
    return "<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</item>\n"


LINK = "https://www.scmp.com/news/china/article/3265321/slug?utm_source=rss_feed"


def lenient(data: str | bytes) -> Feed:
    return parse_leniently(parse_rss, data)


# -- the seed ------------------------------------------------------------------------------


def test_seed_004_channel() -> None:
    feed = parse_rss(SEED_004)
    assert (feed.title, feed.url, feed.language) == (
        "China Future Tech - South China Morning Post",
        "https://www.scmp.com/rss/519735/feed",
        "en",
    )
    assert feed.description is not None
    assert feed.description.startswith("As China bets on tech and innovation")
    assert feed.image_url == "https://assets.i-scmp.com/static/img/icons/scmp-meta-1200x630.png"
    assert feed.self_url == "https://www.scmp.com/rss/519735/feed"
    assert feed.extra == ()
    assert feed.problems == ()


def test_seed_004_items_are_complete() -> None:
    articles = parse_rss(SEED_004).articles
    assert len(articles) == 50
    for article in articles:
        assert article.id is not None
        assert f"/article/{article.id}/" in str(article.link)
        assert article.published is not None
        assert article.published.utcoffset() is not None
        assert article.authors
        assert article.images
        assert article.images[0].width
        assert article.images[0].height
        assert article.feed_url == "https://www.scmp.com/rss/519735/feed"
        assert article.summary_truncated
        assert article.summary.endswith("...")


def test_seed_004_first_item_field_by_field() -> None:
    article = parse_rss(SEED_004).articles[0]
    link = (
        "https://www.scmp.com/tech/article/3350279/"
        "chinese-investors-cheer-teslas-ai-chip-progress-pushing-shares-local-suppliers"
        "?utm_source=rss_feed"
    )
    image = (
        "https://cdn.i-scmp.com/sites/default/files/styles/1280x720/public/d8/images/canvas/"
        "2026/04/16/d4ead317-d957-4992-9721-58b0d0df2d7d_0c02c388.jpg?itok=26aNEfc2&v=1776322655"
    )
    assert article.title == (
        "Chinese investors cheer Tesla’s AI chip progress, pushing up shares of local suppliers"
    )
    assert (article.link, article.id, article.url) == (link, 3350279, link.partition("?")[0])
    assert article.published == datetime(2026, 4, 16, 7, 0, 36, tzinfo=timezone.utc)
    assert article.authors == ("Coco Feng",)
    assert article.images == (
        Media(
            url=image,
            type="image/jpeg",
            width=4095,
            height=2730,
            length="4095",
            medium="image",
        ),
    )
    assert article.extra == (("guid", link), ("guid isPermaLink", "true"))
    assert article.summary.count("\n") == 2
    assert article.lineno == 14


def test_two_authors_in_one_string() -> None:
    articles = parse_rss(SEED_004).articles
    by_two = [a for a in articles if len(a.authors) == 2]
    assert {a.authors for a in by_two} == {("Iris Deng", "Ann Cao"), ("Ann Cao", "Themis Qi")}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("SCMP", ("SCMP",)),
        ("Iris Deng,Ann Cao", ("Iris Deng", "Ann Cao")),
        ("A, B and C", ("A", "B", "C")),
        ("Tom and Jerry", ("Tom", "Jerry")),
        ("newsroom@scmp.com (Kinling Lo)", ("Kinling Lo",)),
        ("  ", ()),
    ],
)
def test_author_splitting(value: str, expected: tuple[str, ...]) -> None:
    data = feed_of(item(title="t", link=LINK, author=value))
    assert parse_rss(data).articles[0].authors == expected


def test_author_and_creator_are_merged_without_repeats() -> None:
    data = feed_of(
        "<item><title>t</title><link>x</link><author>A,B</author><dc:creator>B</dc:creator>"
        "<dc:creator>C</dc:creator></item>",
        namespaces='xmlns:dc="http://purl.org/dc/elements/1.1/"',
    )
    assert parse_rss(data).articles[0].authors == ("A", "B", "C")


def test_iter_equals_parse_on_the_seed() -> None:
    assert list(iter_rss(SEED_004)) == list(parse_rss(SEED_004).articles)
    assert list(iter_rss(TrickleReader(SEED_004.read_bytes(), 7))) == list(
        parse_rss(SEED_004).articles
    )


# -- SCMP specifics ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thu, 16 Apr 2026 07:00:36 +0000", datetime(2026, 4, 16, 7, 0, 36, tzinfo=timezone.utc)),
        ("Thu, 16 Apr 2026 15:00:36 +0800", datetime(2026, 4, 16, 15, 0, 36, tzinfo=HKT)),
        ("Thu, 16 Apr 2026 15:00:36 HKT", datetime(2026, 4, 16, 15, 0, 36, tzinfo=HKT)),
        ("Thu, 16 Apr 2026 07:00:36 GMT", datetime(2026, 4, 16, 7, 0, 36, tzinfo=timezone.utc)),
        ("Thu, 16 Apr 2026 07:00:36 UT", datetime(2026, 4, 16, 7, 0, 36, tzinfo=timezone.utc)),
        ("Thu, 16 Apr 2026 07:00:36 Z", datetime(2026, 4, 16, 7, 0, 36, tzinfo=timezone.utc)),
        (
            "16 Apr 26 07:00 -0500",
            datetime(2026, 4, 16, 7, 0, tzinfo=timezone(-timedelta(hours=5))),
        ),
        ("Thursday, April 16, 2026 3:00 PM HKT", datetime(2026, 4, 16, 15, 0, tzinfo=HKT)),
    ],
)
def test_dates_keep_their_offset_and_hkt_is_utc_plus_8(value: str, expected: datetime) -> None:
    published = parse_rss(feed_of(item(title="t", link=LINK, pubDate=value))).articles[0].published
    assert published == expected
    assert published is not None
    assert published.utcoffset() == expected.utcoffset()


def test_media_rss_under_either_namespace_and_any_prefix() -> None:
    for uri in ("http://www.rssboard.org/media-rss", "http://search.yahoo.com/mrss/"):
        data = feed_of(
            '<item><title>T</title><link>x</link><m:content url="https://i.example/a.jpg"'
            ' width="10" height="20" medium="image"/><m:thumbnail url="https://i.example/t.jpg"/></item>',
            namespaces=f'xmlns:m="{uri}"',
        )
        assert parse_rss(data).articles[0].images == (
            Media(url="https://i.example/a.jpg", width=10, height=20, medium="image"),
            Media(url="https://i.example/t.jpg"),
        )


def test_a_foreign_namespace_bound_to_media_is_not_media_rss() -> None:
    data = feed_of(
        '<item><title>T</title><link>x</link><media:content url="https://i.example/a.jpg"/></item>',
        namespaces='xmlns:media="http://example.com/not-media"',
    )
    article = parse_rss(data).articles[0]
    assert article.images == ()
    assert article.extra == (("media:content", ""),)  # kept, under the prefix it was given


def test_enclosure_length_is_kept_as_given() -> None:
    data = feed_of(
        '<item><title>T</title><link>x</link><enclosure url="u" length="4095" type="image/jpeg"/>'
        "</item>"
    )
    assert parse_rss(data).articles[0].images == (
        Media(url="u", type="image/jpeg", length="4095"),
    )


def test_xml_base_is_not_used_to_resolve_links() -> None:
    data = (
        b'<rss version="2.0" xml:base="link"><channel><item><title>T</title>'
        b"<link>/news/article/1/x</link><title>t</title></item></channel></rss>"
    )
    article = parse_rss(data).articles[0]
    assert article.link == "/news/article/1/x"
    assert article.id is None


def test_guid_is_the_fallback_for_link_and_id() -> None:
    data = feed_of(
        '<item><title>t</title><guid isPermaLink="false">https://www.scmp.com/x/article/42/y</guid>'
        "</item>"
    )
    article = parse_rss(data).articles[0]
    assert (article.link, article.id) == ("https://www.scmp.com/x/article/42/y", 42)
    assert article.extra == (
        ("guid", "https://www.scmp.com/x/article/42/y"),
        ("guid isPermaLink", "false"),
    )


def test_html_descriptions_give_text_and_keep_the_html() -> None:
    cdata = feed_of(
        item(
            title="t",
            link=LINK,
            description="<![CDATA[<p>One &amp; two</p><p>Three<br/>four</p>]]>",
        )
    )
    escaped = feed_of(
        item(
            title="t",
            link=LINK,
            description="&lt;p&gt;One &amp;amp; two&lt;/p&gt;&lt;p&gt;"
            "Three&lt;br/&gt;four&lt;/p&gt;",
        )
    )
    for data in (cdata, escaped):
        article = parse_rss(data).articles[0]
        assert article.summary == "One & two\nThree\nfour"
        assert article.get_extra("description html") == (
            "<p>One &amp; two</p><p>Three<br/>four</p>"
        )


def test_plain_text_with_ampersands_and_angle_brackets_stays_text() -> None:
    data = feed_of(item(title="S&amp;P", link=LINK, description="S&amp;P up; 1 &lt; 2"))
    article = parse_rss(data).articles[0]
    assert (article.title, article.summary, article.extra) == ("S&P", "S&P up; 1 < 2", ())


def test_categories_content_and_unknown_elements_are_kept() -> None:
    data = feed_of(
        "<item><title>T</title><link>x</link><category>China</category><category>Tech</category>"
        "<comments>https://c.example</comments>"
        "<content:encoded><![CDATA[<p>First.</p><p>Second.</p>]]></content:encoded></item>",
        namespaces='xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    )
    article = parse_rss(data).articles[0]
    assert article.extra == (
        ("category", "China"),
        ("category", "Tech"),
        ("comments", "https://c.example"),
    )
    assert article.body == ("First.", "Second.")


def test_duplicate_items_are_returned_in_order() -> None:
    one, two = item(title="one", link=LINK), item(title="two", link=LINK)
    articles = parse_rss(feed_of(one + two + one)).articles
    assert [a.title for a in articles] == ["one", "two", "one"]


def test_channel_link_after_the_items_still_fills_feed_url() -> None:
    data = (
        b"<rss><channel><item><title>T</title><link>x</link></item>"
        b"<link>https://f.example/rss</link></channel></rss>"
    )
    assert parse_rss(data).articles[0].feed_url == "https://f.example/rss"


# -- what is not RSS -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty document: expected an RSS 2.0 feed"),
        (b"  \n\t", "empty document: expected an RSS 2.0 feed"),
        (
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
            "this is an Atom feed, not RSS (scmpfeeds reads RSS 0.90 to 2.0) "
            "(at line 1, column 1)",
        ),
        (
            b"<!DOCTYPE html>\n<html><head><title>SCMP</title></head><body></body></html>",
            "this is an HTML page, not an RSS feed (at line 1, column 1)",
        ),
        (
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            "this is an HTML page, not an RSS feed (at line 1, column 1)",
        ),
        (
            b"<opml/>",
            "expected <rss> or <rdf:RDF> as the document element, found <opml> "
            "(at line 1, column 1)",
        ),
        (
            b'<rss:feed xmlns:rss="http://example.org/ns"/>',
            "expected <rss> or <rdf:RDF> as the document element, found <feed> in the "
            "namespace 'http://example.org/ns' (at line 1, column 1)",
        ),
    ],
)
def test_documents_that_are_not_rss_say_what_they_are(data: bytes, message: str) -> None:
    for strict in (False, True):
        with pytest.raises(ParseError) as info:
            parse_rss(data, strict=strict)
        assert str(info.value) == message
        with pytest.raises(ParseError) as info:
            list(iter_rss(data, strict=strict))
        assert str(info.value) == message


# -- malformed and truncated input ---------------------------------------------------------


@pytest.mark.parametrize("number", [1, 2])
def test_real_truncated_pages_strict(number: int) -> None:
    data = excerpt(number)
    with pytest.raises(ParseError) as info:
        parse_rss(data, strict=True)
    assert info.value.msg.startswith("malformed XML: ")
    # lxml notices the cut at the end of the data: the line after the cut one.
    assert info.value.lineno == data.count(b"\n") + 1


@pytest.mark.parametrize(
    ("number", "title"),
    [(1, "Andersen Xia - South China Morning Post"), (2, "Politics - South China Morning Post")],
)
def test_real_truncated_pages_lenient(number: int, title: str) -> None:
    feed = lenient(excerpt(number))
    assert feed.title == title
    assert feed.language == "en"
    assert feed.articles == ()  # the first item is cut, so none was complete
    broken, item = feed.problems
    assert broken.message.startswith("the document breaks off here (malformed XML: ")
    assert broken.lineno == excerpt(number).count(b"\n") + 1
    # The cut item is reported at its own line.
    lines = excerpt(number).decode().split("\n")
    assert lines[14 - 1].strip() == "<item>"
    assert (item.lineno, item.message) == (
        14,
        f"item not read: the document breaks off at line {broken.lineno}",
    )


def test_every_item_complete_before_a_break_is_returned() -> None:
    data = SEED_004.read_bytes()
    ends = [m.end() for m in re.finditer(rb"</item>", data)]
    for cut_after in (0, 1, 17, 48):
        cut = ends[cut_after] + 25  # inside the next item
        feed = lenient(data[:cut])
        assert len(feed.articles) == cut_after + 1
        assert feed.articles == parse_rss(data).articles[: cut_after + 1]
        broken, item = feed.problems
        assert broken.lineno == data[:cut].count(b"\n") + 1
        cut_item_line = data[: ends[cut_after]].count(b"\n") + 2  # the line after </item>
        assert (item.lineno, item.message) == (
            cut_item_line,
            f"item not read: the document breaks off at line {broken.lineno}",
        )


def test_strict_truncation_gives_lxml_line_and_column() -> None:
    data = b"<rss>\n<channel>\n<title>abc"
    with pytest.raises(ParseError) as info:
        parse_rss(data, strict=True)
    assert (info.value.lineno, info.value.colno) == (3, 11)
    assert str(info.value).startswith("malformed XML: ")


def test_item_problems_lenient_and_strict() -> None:
    data = feed_of(
        item(title="good", link=LINK)
        + "<item><title>no link</title></item>\n"
        + item(title="bad date", link=LINK, pubDate="someday")
        + item(title="after", link=LINK)
    )
    feed = lenient(data)
    # A bad date costs the date, not the article (before: the item was dropped whole).
    assert [(a.title, a.published) for a in feed.articles] == [
        ("good", None), ("no link", None), ("bad date", None), ("after", None)
    ]  # fmt: skip
    assert feed.articles[2].link == LINK
    message = "invalid <pubDate>: not a date: 'someday'; the article is kept without a date"
    assert [(p.lineno, p.message, p.text) for p in feed.problems] == [
        (8, message, "<pubDate>someday</pubDate>"),
    ]
    with pytest.raises(ParseError) as info:
        parse_rss(data, strict=True)
    assert str(info.value) == f"{message} (at line 8)"


def test_items_without_link_or_guid_are_articles_and_invalid_items_problems() -> None:
    """RSS 2.0: every item element is optional, but a title or a description must be
    present.  An item with neither is a problem that holds its raw text."""
    data = feed_of(
        "<item><title>no link</title><description>Text.</description></item>\n"
        "<item><description>Only a description.</description></item>\n"
        "<item><guid isPermaLink='false'>urn:uuid:7</guid><title>guid</title></item>\n"
        "<item><category>x</category></item>\n"
        "<item><link>https://x.example/only-a-link</link></item>\n"
        "<item><title></title></item>\n"
    )
    feed = lenient(data)
    assert [(a.title, a.summary, a.link, a.url, a.id) for a in feed.articles] == [
        ("no link", "Text.", None, None, None),
        ("", "Only a description.", None, None, None),
        ("guid", "", "urn:uuid:7", None, None),
        ("", "", None, None, None),  # an empty title is a title
    ]
    message = "an <item> with neither <title> nor <description> (RSS 2.0 requires one)"
    assert [(p.lineno, p.message, p.text) for p in feed.problems] == [
        (9, message, "<item><category>x</category></item>"),
        (10, message, "<item><link>https://x.example/only-a-link</link></item>"),
    ]
    again = parse_rss(render_rss(attrs.evolve(feed, problems=())))
    assert again.articles == feed.articles


# -- encodings -----------------------------------------------------------------------------


def test_declared_latin1_and_utf16_decode_correctly() -> None:
    text = (
        '<rss version="2.0"><channel><item><title>Café – naïve</title><link>x</link></item>'
        "</channel></rss>"
    )
    declaration = '<?xml version="1.0" encoding="ISO-8859-1"?>'
    latin = (declaration + text.replace("–", "-")).encode("latin-1")
    assert parse_rss(latin).articles[0].title == "Café - naïve"
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")
    assert utf16.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert parse_rss(utf16).articles[0].title == "Café – naïve"
    assert next(iter_rss(utf16)).title == "Café – naïve"


def test_str_sources_ignore_their_declared_encoding() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Café</title>'
        "<link>x</link></item></channel></rss>"
    )
    assert parse_rss(text).articles[0].title == "Café"
    assert parse_rss(io.StringIO(text)).articles[0].title == "Café"
    assert next(iter_rss(io.StringIO(text))).title == "Café"


def test_every_kind_of_source(tmp_path: Path) -> None:
    data = SEED_004.read_bytes()
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    expected = parse_rss(data)
    for source in (path, io.BytesIO(data), data.decode(), io.StringIO(data.decode())):
        assert parse_rss(source) == expected
    assert parse_rss(path).source == str(path)


# -- writing -------------------------------------------------------------------------------


def test_render_round_trips_the_seed() -> None:
    feed = parse_rss(SEED_004)
    assert parse_rss(render_rss(feed)) == feed


def test_render_carries_markdown_metadata_through_rss() -> None:
    article = Article(
        title="T",
        link=LINK,
        summary="x <b>bold</b> &amp; more",
        published=datetime(2024, 6, 7, 22, 0, 9, tzinfo=HKT),
        feed_url="https://www.scmp.com/rss/4/feed",
        extra=(("user", "rumca"), ("tags", "a, b")),
    )
    feed = Feed(title="F", url="https://www.scmp.com/rss/4/feed", articles=(article,))
    again = parse_rss(render_rss(feed))
    assert again == feed


@pytest.mark.parametrize(
    ("article", "loss", "written"),
    [
        (
            Article(title="T", link="x", published=datetime(2024, 1, 1, 0, 0, 0, 5, tzinfo=HKT)),
            "fractions of a second in dates (written to the second)",
            Article(title="T", link="x", published=datetime(2024, 1, 1, tzinfo=HKT)),
        ),
        (
            Article(
                title="T",
                link="x",
                published=datetime(2024, 1, 1, tzinfo=timezone(timedelta(seconds=3601))),
            ),
            "UTC offsets with seconds in dates (written in UTC)",
            Article(
                title="T",
                link="x",
                published=datetime(2023, 12, 31, 22, 59, 59, tzinfo=timezone.utc),
            ),
        ),
        (
            Article(title="T\x00", link="x"),
            "characters XML forbids (written as U+FFFD)",
            Article(title="T\ufffd", link="x"),
        ),
    ],
)
def test_render_writes_every_article_and_says_what_rss_cannot_hold(
    article: Article, loss: str, written: Article
) -> None:
    """Before, each of these articles was refused (RenderError) or left out."""
    said: list[Loss] = []
    data = render_rss(Feed(articles=(article, article)), on_loss=said.append)
    assert said == [Loss(format="RSS", what=loss, count=2)]
    assert parse_rss(data).articles == (written, written)
    with pytest.raises(RenderError, match=r"^RSS cannot hold "):
        render_rss(Feed(articles=(article,)), strict=True)


def test_render_writes_names_with_commas_as_one_author() -> None:
    article = Article(title="T", link="x", authors=("Smith, John", "A and B", "Ann Cao"))
    data = render_rss(Feed(articles=(article,)), strict=True)
    assert b"<dc:creator>Ann Cao</dc:creator>" in data
    assert parse_rss(data).articles == (article,)


def test_render_keeps_each_article_s_feed_name_and_language() -> None:
    articles = (
        Article(title="A", link="x", feed_url="https://a/f", feed_title="A", language="en"),
        Article(title="B", link="y", feed_url="https://b/f", feed_title=None, language="pl"),
    )
    feed = Feed(title="A", url="https://a/f", language="en", articles=articles)
    assert parse_rss(render_rss(feed, strict=True)).articles == articles


def test_an_item_inside_an_item_is_reported_not_dropped() -> None:
    data = feed_of(
        "<item><title>T</title><link>x</link>\n<item><title>inner</title></item>\n</item>\n"
    )
    feed = lenient(data)
    assert [a.link for a in feed.articles] == ["x"]
    assert [(p.lineno, p.message) for p in feed.problems] == [
        (7, "an <item> inside another <item>")
    ]
    assert feed.problems[0].text == "<item><title>inner</title></item>"


def test_items_outside_the_channel_list_are_reported() -> None:
    data = (
        b"<rss><channel><link>f</link>\n<image><item><title>T</title><link>a</link></item></image>\n"
        b"<item><title>T</title><link>b</link></item>\n</channel>\n"
        b"<item><title>T</title><link>c</link></item></rss>"
    )
    for feed in (lenient(data),):
        assert [a.link for a in feed.articles] == ["b"]
        assert [(p.lineno, p.message) for p in feed.problems] == [
            (2, "an <item> inside <image>, not in the channel's list"),
            (5, "an <item> inside <rss>, not in the channel's list"),
        ]
    problems: list[Problem] = []
    assert [a.link for a in iter_rss(data, on_problem=problems.append)] == ["b"]
    assert [p.lineno for p in problems] == [2, 5]


# -- how the document is walked --------------------------------------------------------------


@pytest.mark.parametrize(
    ("cut_after", "title", "language"),
    [
        ("<language>e", "T", None),  # inside an element: it is not read
        ("<language>en</language>\n", "T", "en"),  # after one: it is read
        ("<language>en</language>\n    <ite", "T", "en"),
        # Cut exactly at an end tag, lxml leaves no sign the element ended: the
        # last one is not read (the break itself is reported).
        ("<language>en</language>", "T", None),
    ],
)
def test_a_break_before_the_first_item_keeps_the_channel_elements_that_ended(
    cut_after: str, title: str, language: str | None
) -> None:
    text = "<rss><channel>\n    <title>T</title>\n    <language>en</language>\n    <item/>"
    feed = lenient(text[: text.index(cut_after) + len(cut_after)])
    assert (feed.title, feed.language) == (title, language)
    assert feed.articles == ()
    assert "breaks off" in feed.problems[0].message


def test_channel_elements_between_and_after_items_are_read() -> None:
    link = "https://www.scmp.com/news/article/1/x"
    feed = parse_rss(
        "<rss><channel><title>T</title>"
        f"<item><title>T</title><link>{link}</link></item>"
        "<language>en</language><custom>between</custom>"
        f"<item><title>T</title><link>{link}?again</link></item>"
        "<description>last</description><link>https://www.scmp.com/rss/1/feed</link>"
        "</channel></rss>",
        strict=True,
    )
    assert (feed.title, feed.language, feed.description) == ("T", "en", "last")
    assert feed.extra == (("custom", "between"),)
    assert [a.feed_url for a in feed.articles] == ["https://www.scmp.com/rss/1/feed"] * 2


def test_a_feed_whose_head_hides_the_root_reads_the_same() -> None:
    # More than the 4 kB head of comments before <rss>: the walk that takes every
    # element's events is used, and must give the same feed.
    data = SEED_004.read_bytes()
    declaration, _, rest = data.partition(b"?>")
    hidden = declaration + b"?>\n<!-- " + b"x" * 5000 + b" -->\n" + rest.lstrip()
    assert parse_rss(hidden, strict=True) == parse_rss(data, strict=True)
    assert list(iter_rss(hidden)) == list(parse_rss(data).articles)


@pytest.mark.parametrize(
    ("head", "items_only"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', True),
        (b"\xef\xbb\xbf<?xml version='1.0'?><!-- a comment --><rss>", True),
        ('<?xml version="1.0" encoding="UTF-16"?><rss>'.encode("utf-16"), True),
        (b'<!DOCTYPE rss [<!ELEMENT rss ANY>]>\n<rss version="2.0">', True),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', False),
        (b"<RSS>", False),
        (b"<?xml version='1.0'?><!-- " + b"x" * 5000, False),  # the root is not in sight
    ],
)
def test_which_walk_a_head_selects(head: bytes, items_only: bool) -> None:
    # An <rss> root in sight takes the walk that sees only channel and item events;
    # anything else sees every element, so that what it is is said at once.
    assert (_RSS_ROOT_RE.match(_head_text(head[:4096])) is not None) is items_only


def test_a_break_lxml_gives_no_line_for_still_reports_each_unread_item() -> None:
    """Cut mid-description, lxml says "no element found" with no position; found by
    the fuzz suite: the items after the last one read were neither articles nor
    problems."""
    seed = SEED_004.read_bytes()
    data = seed[:9788] + seed[9789:12000]  # one byte gone, then cut
    with pytest.warns(ParseWarning) as caught:
        feed = parse_rss(data)
    problems = [str(p) for p in feed.problems]
    assert len(caught) == len(problems)
    assert len(feed.articles) == 4
    assert problems == [
        "<input>: the document breaks off here (malformed XML: no element found); "
        "items before it were read",
        "<input>:64: item not read: the document breaks off at its end",
        "<input>:78: item not read: the document breaks off at its end",
        "<input>:90: item not read: the document breaks off at its end",
    ]


# -- videos and other media --------------------------------------------------------------

FEED_2019 = REALDATA / "rss" / "2019-10-06.scmp-rss2.xml"


def test_the_2019_feed_tells_its_videos_from_its_images() -> None:
    feed = parse_rss(FEED_2019, strict=True)
    assert len(feed.articles) == 50
    with_video = [a for a in feed.articles if a.videos]
    assert len(with_video) == 35
    first = with_video[0]
    (video,) = first.videos
    assert (video.url, video.kind, video.duration, video.type) == (
        "https://cf.cdn.vid.ly/2n0d0q/mp4.mp4",
        "video",
        42,
        "video/mp4",
    )
    assert video.length == "42"  # SCMP's enclosure length: seconds for a video
    (image,) = first.images
    assert (image.kind, image.type, image.length) == ("image", "image/jpeg", "1280")
    assert all(m.kind == "image" for a in feed.articles for m in a.images)
    assert not any(m.kind == "video" for a in feed.articles for m in a.images)
    assert first.published is not None
    assert first.published.isoformat() == "2019-10-06T16:28:27+08:00"


def test_seed_004_has_only_images() -> None:
    feed = parse_rss(SEED_004)
    assert all(a.images and not a.videos for a in feed.articles)
    assert all(a.media == a.images for a in feed.articles)


@pytest.mark.parametrize(
    ("url", "type_", "medium", "kind"),
    [
        ("https://x.example/a", None, "video", "video"),
        ("https://x.example/a", "audio/mpeg", None, "audio"),
        ("https://x.example/a.WEBM?x=1", None, None, "video"),
        ("https://x.example/a.png", None, None, "image"),
        ("https://x.example/a.pdf", "application/pdf", None, "other"),
        ("https://x.example/a", None, None, "other"),
    ],
)
def test_a_media_kind_comes_from_medium_type_or_extension(
    url: str, type_: str | None, medium: str | None, kind: str
) -> None:
    from scmpfeeds.rss import media_kind

    assert media_kind(url, type_, medium) == kind


def test_videos_survive_every_writer() -> None:
    feed = parse_rss(FEED_2019)
    again = parse_rss(render_rss(feed))
    assert again.articles == feed.articles
    assert [m.to_dict() for m in feed.articles[0].media] == [
        m.to_dict() for m in again.articles[0].media
    ]


@pytest.mark.parametrize("strict", [False, True])
def test_a_root_with_an_undeclared_prefix_is_a_parse_error(strict: bool) -> None:
    """libxml2 keeps ``atom:link`` as the tag when ``atom`` is not declared (found by
    the parity fuzzing: it used to escape as lxml's ValueError)."""
    with pytest.raises(ParseError, match=r"found <atom:link>") as caught:
        parse_rss(b'  <atom:link href="x"/>\n<rss><channel></channel></rss>', strict=strict)
    assert caught.value.lineno == 1


def test_script_and_style_inside_a_description_are_not_summary_text() -> None:
    """Before: ``Hello alert(1)p{color:red}``."""
    description = (
        "<![CDATA[<p>Hello <script>alert(1)</script></p><style>p{color:red}</style>"
        "<template><b>hidden</b></template>world]]>"
    )
    (article,) = parse_rss(feed_of(item(title="T", link=LINK, description=description))).articles
    assert article.summary == "Hello\nworld"
    assert "<script>" in str(article.get_extra("description html"))  # the markup is kept


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss/>", "<rss> has no <channel>"),
        (b'<rss version="2.0">\n<title>x</title>\n</rss>', "<rss> has no <channel>"),
        (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "<rdf:RDF> has no <channel>",
        ),
    ],
)
def test_rss_without_a_channel_is_an_empty_feed_and_one_problem(data: bytes, message: str) -> None:
    """Lenient: an empty feed and the problem (before: an exception either way)."""
    feed = lenient(data)
    assert (feed.articles, [(p.lineno, p.message) for p in feed.problems]) == ((), [(1, message)])
    assert list(iter_rss(data, on_problem=lambda p: None)) == []
    with pytest.raises(ParseError, match=f"^{message}"):
        parse_rss(data, strict=True)


@pytest.mark.parametrize(
    "description",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" width="10"><circle r="4"/></svg>',
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>',
        "<![CDATA[<svg><path d='M0 0'/></svg>]]>",
        "&lt;img src='https://i.example/a.jpg'/&gt;",
    ],
)
def test_an_item_whose_description_is_markup_only_is_an_article(description: str) -> None:
    """It has a description, so it is valid RSS (before: "an empty <item>")."""
    data = feed_of(f"<item><description>{description}</description></item>\n")
    feed = lenient(data)
    (article,) = feed.articles
    assert (article.title, article.link, feed.problems) == ("", None, ())
    markup = article.get_extra("description html")
    assert markup is not None
    assert markup.lstrip().startswith(("<svg", "<math", "<img"))
