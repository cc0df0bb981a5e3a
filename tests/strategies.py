"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import strategies as st

from scmpfeeds import Article

# Characters that make parsers stumble: brackets, quotes, markdown and HTML
# punctuation, entities, CJK, curly quotes, emoji.
TRICKY = "[]()#&;<>\"'`*_-:|!?/\\ ‘’“”中文標題，：《》…—😀é"

# Unicode letters and symbols, but no line breaks and no surrogates.
_ANY_CHAR = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85")


def one_line(min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    """A line of text with no surrounding whitespace."""
    return (
        st.text(
            st.one_of(st.sampled_from(TRICKY), _ANY_CHAR), min_size=min_size, max_size=max_size
        )
        .map(str.strip)
        .filter(lambda s: len(s) >= min_size)
    )


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
    query = draw(st.sampled_from(["", "?utm_source=rss_feed", "?a=1&b=(2)", "#frag"]))
    return base + query


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


_META_KEY = (
    st.text("abcdefghijklmnopqrstuvwxyz ABC_", min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda k: bool(k) and k.lower() not in ("rss feed", "date published", "link text"))
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
