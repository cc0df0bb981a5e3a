"""Every RSS dialect: 0.90 to 2.0, RDF and namespaced, with Dublin Core stand-ins.

The corpus in ``tests/corpus/rss/`` was written from the specifications; the
property test builds items from any subset of the elements an item may have,
in every dialect's wrapper, and checks each element lands where it should.
"""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from scmpfeeds import Feed, ParseWarning, dedupe, parse, parse_rss, read

CORPUS = Path(__file__).parent / "corpus" / "rss"
UTC = timezone.utc


def quiet(path: Path) -> Feed:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ParseWarning)
        feed = parse_rss(path)
    assert feed.problems == ()
    assert (feed.title, feed.url) == ("Harbour Notes", "https://harbour.example/")
    assert feed.description == "Shipping news from the harbour."
    return feed


def fields(feed: Feed) -> list[tuple[Any, ...]]:
    return [(a.title, a.link, a.summary, a.published, a.authors) for a in feed.articles]


def test_rss_090_in_rdf() -> None:
    feed = quiet(CORPUS / "rss-0.90.rdf")
    assert feed.image_url == "https://harbour.example/logo.gif"
    assert fields(feed) == [
        ("Ferry timetable changes on Monday", "https://harbour.example/ferry-timetable", "",
         None, ()),
        ("New pier opens to walkers", "https://harbour.example/new-pier", "", None, ()),
    ]  # fmt: skip


def test_rss_091_netscape_with_its_doctype_and_userland() -> None:
    netscape = quiet(CORPUS / "rss-0.91-netscape.xml")
    assert (netscape.language, netscape.image_url) == ("en-us", "https://harbour.example/logo.gif")
    assert fields(netscape)[1] == ("Café on the quay reopens", "https://harbour.example/cafe",
                                   "", None, ())  # fmt: skip
    assert [key for key, _ in netscape.extra] == ["textinput"]
    userland = quiet(CORPUS / "rss-0.91-userland.xml")  # ISO-8859-1 bytes
    assert fields(userland) == [
        ("Café on the quay reopens", "https://harbour.example/cafe",
         "The café is open again after the storm.", None, ()),
    ]  # fmt: skip
    assert dict(userland.extra)["pubDate"] == "Mon, 02 Sep 2002 08:00:00 GMT"


def test_rss_092_items_of_a_description_alone() -> None:
    feed = quiet(CORPUS / "rss-0.92.xml")
    alone, foghorn = feed.articles
    assert (alone.title, alone.link, alone.url, alone.id) == ("", None, None, None)
    assert alone.summary == "A description alone is a whole item in RSS 0.92."
    assert foghorn.get_extra("category") == "Sounds"
    assert foghorn.get_extra("source") == "Lighthouse Log"


def test_rss_093_and_094_dates_authors_guids_and_html() -> None:
    (tides,) = quiet(CORPUS / "rss-0.93.xml").articles
    assert tides.published == datetime(2002, 10, 1, 6, 30, tzinfo=UTC)
    assert tides.get_extra("expirationDate") == "Thu, 31 Oct 2002 23:59:59 GMT"
    (lifeboat,) = quiet(CORPUS / "rss-0.94.xml").articles
    assert lifeboat.summary == "The crew saved four sailors."
    assert lifeboat.authors == ("Mary Quay",)
    assert lifeboat.get_extra("guid") == "harbour-2002-lifeboat"


def test_rss_20_in_a_default_namespace() -> None:
    feed = quiet(CORPUS / "rss-2.0-namespaced.xml")
    assert feed.language == "en"
    assert fields(feed) == [
        ("Dredging starts in the east basin", "https://harbour.example/dredging",
         "Work runs for six weeks.", datetime(2003, 1, 3, 9, 15, tzinfo=UTC), ("Tom Bollard",)),
    ]  # fmt: skip


def test_rss_10_with_dublin_core_and_content_encoded() -> None:
    feed = quiet(CORPUS / "rss-1.0.rdf")
    assert feed.language == "en"  # dc:language
    crane, regatta = feed.articles
    assert crane.published == datetime(2004, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=1)))
    assert crane.authors == ("Ana Dock",)
    assert crane.body == ("It lifts twice as much.", "It arrived by sea.")
    assert regatta.authors == ("Ben Mast", "Cy Hull")
    assert regatta.published == datetime(2004, 5, 7, 18, tzinfo=UTC)


def test_dublin_core_and_dcterms_stand_in_for_missing_rss_elements() -> None:
    feed = quiet(CORPUS / "rss-2.0-dublin-core.xml")
    retires, ferry = feed.articles
    assert (retires.title, retires.summary) == (
        "Harbour master retires",
        "After thirty years at the helm.",
    )
    assert retires.published == datetime(2005, 7, 8, 10, tzinfo=UTC)
    assert retires.authors == ("Ola Berth",)
    assert ferry.published == datetime(2005, 7, 9, 22, 30, tzinfo=timezone(timedelta(hours=2)))
    assert (ferry.link, ferry.url) == (None, None)


def test_the_whole_corpus_through_read_and_detection() -> None:
    problems: list[str] = []
    articles = list(read(CORPUS, on_problem=lambda p: problems.append(str(p))))
    assert problems == [f"{CORPUS}/README.md: unknown format: not RSS, JSON entries, a "
                        "markdown dump or a bilingual digest"]  # fmt: skip
    assert len(articles) == 14
    assert all(isinstance(parse(path), Feed) for path in CORPUS.glob("rss-*"))
    # Linkless items stay apart from each other in a dedupe.
    assert len(dedupe(articles)) == 12  # the two 0.91 files share one story, as do 0.90/0.91


# -- any subset of an item's elements, in every dialect ------------------------------------

WRAPPERS = {
    "2.0": ('<rss version="2.0" {ns}><channel><title>T</title>{items}</channel></rss>'),
    "0.91": ('<rss version="0.91" {ns}><channel><title>T</title>{items}</channel></rss>'),
    "namespaced": (
        '<rss xmlns="http://backend.userland.com/rss2" {ns}><channel><title>T</title>'
        "{items}</channel></rss>"
    ),
    "1.0": (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" {ns}><channel><title>T</title></channel>'
        "{items}</rdf:RDF>"
    ),
}
NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
)
words = (
    st.text("abcdefghij klmnop", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
# One name each (a comma or " and " would make several).
names = st.text("abcdefghij", min_size=1, max_size=12)
stamps = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC)
)


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    """An item's elements: each present or not."""
    item: dict[str, Any] = {}
    for name, strategy in (
        ("title", words),
        ("dc:title", words),
        ("link", st.integers(1, 99).map(lambda n: f"https://news.example/{n}")),
        ("guid", st.integers(1, 99).map(lambda n: f"urn:story:{n}")),
        ("description", words),
        ("dc:description", words),
        ("pubDate", stamps),
        ("dc:date", stamps),
        ("dcterms:issued", stamps),
        ("author", names),
        ("dc:creator", names),
        ("content:encoded", words),
    ):
        if draw(st.booleans()):
            item[name] = draw(strategy)
    return item


def _xml(item: dict[str, Any]) -> str:
    parts = []
    for name, value in item.items():
        if isinstance(value, datetime):
            text = (
                value.strftime("%a, %d %b %Y %H:%M:%S +0000")
                if name == "pubDate"
                else (value.isoformat())
            )
        else:
            text = value
        parts.append(f"<{name}>{text}</{name}>")
    return "<item>" + "".join(parts) + "</item>"


@given(dialect=st.sampled_from(sorted(WRAPPERS)), drawn=st.lists(items(), max_size=4))
def test_items_with_any_subset_of_elements(dialect: str, drawn: list[dict[str, Any]]) -> None:
    body = "".join(_xml(item) for item in drawn)
    data = WRAPPERS[dialect].format(ns=NAMESPACES, items=body).encode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ParseWarning)
        feed = parse_rss(data)
    # RSS 2.0: a title or a description must be present (Dublin Core's stand in).
    empty = [not ({"title", "dc:title", "description", "dc:description"} & set(item))
             for item in drawn]  # fmt: skip
    assert len(feed.articles) == empty.count(False)
    assert len(feed.problems) == empty.count(True)
    kept = [item for item, is_empty in zip(drawn, empty, strict=True) if not is_empty]
    for article, item in zip(feed.articles, kept, strict=True):
        assert article.title == item.get("title", item.get("dc:title", ""))
        assert article.link == item.get("link", item.get("guid"))
        assert article.summary == item.get("description", item.get("dc:description", ""))
        when = item.get("pubDate", item.get("dc:date", item.get("dcterms:issued")))
        assert article.published == when
        names = [item[k] for k in ("author", "dc:creator") if k in item]
        assert article.authors == tuple(dict.fromkeys(names))
        assert article.body == ((item["content:encoded"],) if "content:encoded" in item else ())
