"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import attrs
from hypothesis import strategies as st

from scmpfeeds import (
    Article,
    Digest,
    DigestEntry,
    Feed,
    Highlight,
    Media,
    MediaKind,
    article_id,
)

# Characters that make parsers stumble: brackets, quotes, markdown and HTML
# punctuation, entities, CJK, curly quotes, emoji.
TRICKY = "[]()#&;<>\"'`*_-:|!?/\\ ‘’“”中文標題，：《》…—😀é"

# Unicode letters and symbols, but no line breaks and no surrogates.
_ANY_CHAR = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85")


def _stripped_line(
    chars: st.SearchStrategy[str], min_size: int, max_size: int
) -> st.SearchStrategy[str]:
    return (
        st.text(st.one_of(st.sampled_from(TRICKY), chars), min_size=min_size, max_size=max_size)
        .map(str.strip)
        .filter(lambda s: len(s) >= min_size)
    )


def one_line(min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    """A line of text with no surrounding whitespace."""
    return _stripped_line(_ANY_CHAR, min_size, max_size)


def summary_line() -> st.SearchStrategy[str]:
    """A summary line: anything that does not start a new unit of a dump."""
    return one_line().filter(lambda s: not s.startswith(("## ", "# Source")))


@st.composite
def summaries(draw: st.DrawFn) -> str:
    """Empty, one line, or several paragraphs of several lines."""
    paragraphs = draw(
        st.lists(st.lists(summary_line(), min_size=1, max_size=3), min_size=0, max_size=3)
    )
    return "\n\n".join("\n".join(lines) for lines in paragraphs)


_SLUG = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=30)
_PATH_CHARS = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%()!$'*+,;=",
    min_size=0,
    max_size=20,
)


@st.composite
def links(draw: st.DrawFn) -> str:
    """Links as SCMP and other outlets write them, in both SCMP URL shapes."""
    kind = draw(st.sampled_from(["new", "old", "video", "other"]))
    number = draw(st.integers(1, 10**9))
    slug = draw(_SLUG)
    section = draw(st.sampled_from(["news/china/diplomacy", "business", "tech/big-tech"]))
    if kind == "new":
        base = f"https://www.scmp.com/{section}/article/{number}/{slug}"
    elif kind == "old":
        base = f"https://www.scmp.com/china/{slug}/article/{number}"
    elif kind == "video":
        base = f"https://www.scmp.com/video/china/{number}/{slug}"
    else:
        host = draw(st.sampled_from(["www.bbc.co.uk", "www.reuters.com", "Example.COM"]))
        base = f"{draw(st.sampled_from(['http', 'https']))}://{host}/{slug}/{draw(_PATH_CHARS)}"
    return base + draw(link_tails())


# Query parameters and fragments: tracking ones (which do not name the page) and
# others (which do), in any order and case.
_TRACKING = ["utm_source=rss_feed", "UTM_Medium=rss", "fbclid=x1", "ftag=RSS", "ito=1490"]
_NAMING = ["v=AAA", "v=BBB", "p=12", "id=7", "a=1&b=(2)", "source=rss", "utm", "x="]


@st.composite
def link_tails(draw: st.DrawFn) -> str:
    """What may follow a link's path: ``?query`` and ``#fragment``, each optional."""
    parameters: list[str] = draw(st.lists(st.sampled_from(_TRACKING + _NAMING), max_size=3))
    bare_mark, bare_hash = draw(st.booleans()), draw(st.booleans())  # ("a?" and "a#")
    tail = ("?" + "&".join(parameters)) if parameters or bare_mark else ""
    fragment = draw(st.sampled_from(["", "frag", "ftag=CAD1", "item-2", "utm_campaign=z"]))
    return tail + ("#" + fragment if fragment or bare_hash else "")


TIMEZONES = st.sampled_from(
    [
        timezone.utc,
        timezone(timedelta(hours=8)),
        timezone(timedelta(hours=-5)),
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=-9, minutes=-30)),
    ]
)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    return st.datetimes(
        min_value=datetime(1000, 1, 1), max_value=datetime(9999, 1, 1), timezones=TIMEZONES
    )


_RESERVED_META = (
    "rss feed",
    "date published",
    "digest date",
    "link text",
    "title_zh",
    "summary_zh",
)
_META_KEY = (
    st.text("abcdefghijklmnopqrstuvwxyz ABC_", min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda k: bool(k) and k.lower() not in _RESERVED_META)
)


@st.composite
def dump_articles(draw: st.DrawFn) -> Article:
    """Articles holding what a markdown dump can carry."""
    return Article(
        title=draw(one_line()),
        link=draw(links()),
        summary=draw(summaries()),
        published=draw(aware_datetimes()),
        feed_url=draw(st.one_of(st.none(), links())),
        feed_title=draw(st.one_of(st.none(), header_names())),
        language=draw(st.one_of(st.none(), header_languages())),
        title_zh=draw(st.one_of(st.none(), one_line())),
        summary_zh=draw(st.one_of(st.none(), one_line())),
        extra=tuple(draw(st.lists(st.tuples(_META_KEY, one_line(0)), max_size=2))),
    )


def header_names() -> st.SearchStrategy[str]:
    return one_line().filter(lambda s: ", URL:" not in s)


def header_languages() -> st.SearchStrategy[str]:
    return st.sampled_from(["en", "en-US", "en-gb", "pl-PL", "ja", "zh-Hant"])


# -- the seed fixtures, cut into blocks ----------------------------------------------------

_BLOCK_RE = re.compile(r"^## .*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def seed_blocks(path: Path) -> tuple[str, list[str]]:
    """Return a markdown seed's header and its ``## `` blocks, each ending in a blank line."""
    text = path.read_text(encoding="utf-8")
    header = text[: text.index("## ")]
    blocks = [m.group(0).rstrip("\n") + "\n\n" for m in _BLOCK_RE.finditer(text)]
    return header, blocks


# -- RSS -------------------------------------------------------------------------------------

# What XML 1.0 can carry, less what the parser's stripping would change.
_XML_CHAR = st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp"))


def xml_line(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """A line of text that XML can carry, with no surrounding whitespace."""
    return _stripped_line(_XML_CHAR, min_size, max_size)


def xml_text(max_lines: int = 3) -> st.SearchStrategy[str]:
    return st.lists(xml_line(), min_size=1, max_size=max_lines).map("\n".join)


def rss_dates() -> st.SearchStrategy[datetime]:
    return st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=TIMEZONES
    ).map(lambda d: d.replace(microsecond=0))


def _author(name: str) -> bool:
    return "," not in name and " and " not in name and "@" not in name and "\n" not in name


@st.composite
def rss_images(draw: st.DrawFn, url: str) -> Media:
    """Media of every kind, told apart by medium, type, extension, or not at all."""
    kinds: list[MediaKind] = ["image", "video", "audio", "other"]
    kind = draw(st.sampled_from(kinds))
    types = {"image": ["image/jpeg", "image/png"], "video": ["video/mp4"], "audio": ["audio/mpeg"]}
    return Media(
        url=url,
        kind=kind,
        type=draw(st.one_of(st.none(), st.sampled_from(types.get(kind, ["application/pdf"])))),
        width=draw(st.one_of(st.none(), st.integers(0, 10_000))),
        height=draw(st.one_of(st.none(), st.integers(0, 10_000))),
        duration=draw(st.one_of(st.none(), st.integers(0, 100_000))),
        length=draw(st.one_of(st.none(), st.integers(0, 10**9).map(str))),
        medium=draw(st.one_of(st.none(), st.just(kind))),
    )


_RESERVED_EXTRA = ("guid", "guid isPermaLink", "description html", "category")


@st.composite
def rss_articles(draw: st.DrawFn, feed_url: str | None) -> Article:
    """Articles holding what RSS can carry, as parse_rss would give them back."""
    from scmpfeeds.rss._html import _html_to_text

    link = draw(links())
    extra: list[tuple[str, str]] = []
    if draw(st.booleans()):
        extra.append(("guid", draw(links())))
        if draw(st.booleans()):
            extra.append(("guid isPermaLink", draw(st.sampled_from(["true", "false"]))))
    summary = ""
    kind = draw(st.sampled_from(["none", "text", "html"]))
    if kind == "text":
        summary = draw(xml_text())
    elif kind == "html":
        paragraphs = draw(st.lists(xml_line(), min_size=1, max_size=3))
        raw = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
        extra.append(("description html", raw))
        summary = _html_to_text(raw)
    for category in draw(st.lists(xml_line(), max_size=2)):
        extra.append(("category", category))
    keys = xml_line(max_size=12).filter(lambda k: k not in _RESERVED_EXTRA)
    extra.extend(draw(st.lists(st.tuples(keys, xml_line(0)), max_size=2)))
    image_urls = draw(st.lists(links(), max_size=2, unique=True))
    guid = next((value for key, value in extra if key == "guid"), "")
    return Article(
        title=draw(xml_line(0)),
        link=link,
        id=article_id(link) or article_id(guid),  # the guid is the fallback for the ID
        summary=summary,
        published=draw(st.one_of(st.none(), rss_dates())),
        feed_url=feed_url,
        authors=tuple(draw(st.lists(xml_line().filter(_author), max_size=3, unique=True))),
        media=tuple(draw(rss_images(url)) for url in image_urls),
        body=tuple(draw(st.lists(xml_line().map(lambda p: " ".join(p.split())), max_size=3))),
        title_zh=draw(st.one_of(st.none(), xml_line())),
        summary_zh=draw(st.one_of(st.none(), xml_text())),
        extra=tuple(extra),
    )


@st.composite
def rss_feeds(draw: st.DrawFn) -> Feed:
    url = draw(st.one_of(st.none(), links()))
    optional = st.one_of(st.none(), xml_line())
    return Feed(
        title=draw(optional),
        url=url,
        language=draw(st.one_of(st.none(), header_languages())),
        description=draw(optional),
        image_url=draw(st.one_of(st.none(), links())),
        self_url=draw(st.one_of(st.none(), links())),
        extra=tuple(draw(st.lists(st.tuples(xml_line(max_size=10), xml_line(0)), max_size=2))),
        articles=tuple(
            draw(
                st.lists(
                    st.one_of(st.just(url), st.none(), links()).flatmap(rss_articles), max_size=4
                )
            )
        ),
    )


_ITEM_RE = re.compile(rb"<item>.*?</item>", re.DOTALL)
_CHILD_RE = re.compile(rb"<([\w:]+)\b[^>]*?(?:/>|>.*?</\1>)", re.DOTALL)


def seed_items(path: Path) -> tuple[bytes, list[bytes], bytes]:
    """Return an RSS seed's head (up to its first item), its items and its tail."""
    data = path.read_bytes()
    items = [m.group(0) for m in _ITEM_RE.finditer(data)]
    head = data[: data.index(b"<item>")]
    tail = data[data.rindex(b"</item>") + len(b"</item>") :]
    return head, items, tail


def item_children(item: bytes) -> list[bytes]:
    """The child elements of one ``<item>``, each as its own bytes."""
    return [m.group(0) for m in _CHILD_RE.finditer(item[len(b"<item>") : -len(b"</item>")])]


# -- digests -------------------------------------------------------------------------------

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ZH_PUNCTUATION = st.sampled_from("，。、“”《》（）！？；")


def chinese(
    min_size: int = 1, max_size: int = 30, punctuation: bool = True
) -> st.SearchStrategy[str]:
    """Chinese text: Han characters and full-width punctuation, no digits or colons."""
    alphabet = st.one_of(_HAN, _ZH_PUNCTUATION) if punctuation else _HAN
    return st.text(alphabet, min_size=min_size, max_size=max_size)


def english_titles() -> st.SearchStrategy[str]:
    words = st.text(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ’'$%&", min_size=1, max_size=9
    )
    return (
        st.lists(words, min_size=1, max_size=8).map(" ".join).map(lambda t: t[0].upper() + t[1:])
    )


def paragraphs() -> st.SearchStrategy[str]:
    """A paragraph that starts with a capital letter, as English paragraphs do."""
    return st.tuples(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ“"), xml_line(0, 60)).map(
        lambda p: (p[0] + p[1]).strip()
    )


@st.composite
def digest_articles(draw: st.DrawFn, title: str) -> Article:
    number = draw(st.integers(1_000_000, 9_999_999))
    slug = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=30))
    slug = slug.rstrip("0123456789-") or "x"
    link = f"https://www.scmp.com/news/china/article/{number}/{slug}"
    if draw(st.booleans()):
        link += "?utm_source=rss_feed"
    body = tuple(draw(st.lists(paragraphs(), min_size=1, max_size=4)))
    return Article(
        title=title,
        link=link,
        summary=body[0],
        body=body,
        title_zh=draw(chinese()),
        summary_zh=draw(chinese(max_size=80)),
    )


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    titles = draw(st.lists(english_titles(), max_size=5, unique_by=lambda t: " ".join(t.split())))
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    # A digest's articles carry the digest's date (Article.digest_date).
    articles = [attrs.evolve(draw(digest_articles(title)), digest_date=day) for title in titles]
    highlights = tuple(
        Highlight(
            number=n,
            topic=draw(st.one_of(st.none(), chinese(max_size=12, punctuation=False))),
            text=draw(chinese(max_size=50)),
        )
        for n in range(1, draw(st.integers(0, 6)) + 1)
    )
    published = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    return Digest(
        title=draw(chinese(max_size=15, punctuation=False)),
        masthead=draw(st.sampled_from(["", "真相集中营"])),
        date=day,
        published=published,
        reading_minutes=draw(st.integers(0, 999)),
        word_count=draw(st.integers(0, 10**6)),
        lead_in=draw(st.one_of(st.just(""), chinese(max_size=20).map(lambda s: s + ":"))),
        highlights=highlights,
        commentary=draw(st.one_of(st.just(""), chinese(max_size=60))),
        headlines=tuple(titles),
        entries=tuple(
            DigestEntry(
                number=n,
                title=a.title,
                title_zh=a.title_zh,
                summary_zh=a.summary_zh,
                article=a,
            )
            for n, a in enumerate(articles, 1)
        ),
        articles=tuple(articles),
    )


# -- dedupe --------------------------------------------------------------------------------

_POOL_LINKS = [
    "https://www.scmp.com/news/china/article/3265321/a?utm_source=rss_feed",
    "https://www.scmp.com/news/china/article/3265321/a",
    "https://www.scmp.com/china/a/article/3265321",
    "https://www.scmp.com/business/article/3114757/b",
    "https://www.scmp.com/video/china/3114757/c",
    "https://www.bbc.co.uk/news/world-asia-64962733",
    "http://WWW.BBC.CO.UK/news/world-asia-64962733?at=rss",
]


@st.composite
def overlapping_articles(draw: st.DrawFn) -> Article:
    """Articles drawn from a small pool of keys and values, so that records collide."""
    small = st.sampled_from(["", "x", "longer text", "另一个"])
    return Article(
        title=draw(small),
        link=draw(st.sampled_from(_POOL_LINKS)),
        summary=draw(small),
        published=draw(
            st.one_of(
                st.none(),
                st.sampled_from(
                    [
                        datetime(2024, 1, 1, tzinfo=timezone.utc),
                        datetime(2024, 1, 2, tzinfo=timezone(timedelta(hours=8))),
                    ]
                ),
            )
        ),
        feed_url=draw(st.one_of(st.none(), st.sampled_from(["https://www.scmp.com/rss/4/feed"]))),
        authors=tuple(draw(st.lists(st.sampled_from(["A", "B", "C"]), max_size=2, unique=True))),
        media=tuple(
            Media(url=url, width=draw(st.one_of(st.none(), st.just(10))))
            for url in draw(st.lists(st.sampled_from(["i1", "i2"]), max_size=2, unique=True))
        ),
        body=tuple(draw(st.lists(small, max_size=2))),
        title_zh=draw(st.one_of(st.none(), small)),
        summary_zh=draw(st.one_of(st.none(), small)),
        extra=tuple(
            draw(st.lists(st.sampled_from([("k", "1"), ("k", "2"), ("j", "1")]), max_size=2))
        ),
        lineno=draw(st.integers(1, 9)),
    )
