"""article_id() and canonical_url()."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scmpfeeds import TRACKING_PARAMETERS, article_id, canonical_url
from scmpfeeds._ids import is_tracking, tracking_only, url_and_id

from .strategies import link_tails, links


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.scmp.com/news/china/article/3265321/slug", 3265321),
        ("https://www.scmp.com/news/china/article/3265321/slug?utm_source=rss_feed", 3265321),
        (
            "https://www.scmp.com/china/top-five-christmas-displays-cheer-hong-kong/article/3114757"
            "?utm_source=rss_feed",
            3114757,
        ),
        ("https://www.scmp.com/article/3114757", 3114757),
        ("http://SCMP.com/x/article/12/", 12),
        ("https://amp.scmp.com/news/article/42#top", 42),
        ("https://www.scmp.com/video/china/3265321/slug", None),
        ("https://www.scmp.com/series/3296000/slug", None),
        ("https://www.scmp.com/news/article/12abc/slug", None),
        ("https://www.scmp.com/news/article/", None),
        ("https://www.scmp.com/search?q=/article/123", None),
        ("https://www.scmp.com.evil.example/news/article/123", None),
        ("https://example.com/article/123/other-outlet", None),
        ("https://www.bbc.co.uk/news/world-asia-64962733", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_article_id(url: str, expected: int | None) -> None:
    assert article_id(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.scmp.com/news/article/3265321/slug?utm_source=rss_feed",
            "https://www.scmp.com/news/article/3265321/slug",
        ),
        ("http://WWW.SCMP.COM/News/a#frag", "https://www.scmp.com/News/a#frag"),
        ("http://WWW.SCMP.COM/News/a#", "https://www.scmp.com/News/a"),
        ("https://example.com:443/a?b#c", "https://example.com/a?b#c"),
        ("http://example.com:80", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://User@Example.com/a", "https://User@example.com/a"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("ftp://Example.com/a?b", "ftp://Example.com/a?b"),
        ("/relative/path?x&utm_source=y", "/relative/path?x"),
        # The query names the page, tracking parameters apart (seen in the archive).
        ("https://www.youtube.com/watch?v=AAA", "https://www.youtube.com/watch?v=AAA"),
        ("https://arstechnica.com/?p=1917322", "https://arstechnica.com/?p=1917322"),
        ("https://news.ycombinator.com/item?id=1", "https://news.ycombinator.com/item?id=1"),
        (
            "https://www.dailymail.co.uk/news/article-1/a.html?ns_mchannel=rss&ito=1490"
            "&ns_campaign=1490",
            "https://www.dailymail.co.uk/news/article-1/a.html",
        ),
        (
            "https://www.bbc.co.uk/news/world-1?at_medium=RSS&at_campaign=KARANGA",
            "https://www.bbc.co.uk/news/world-1",
        ),
        ("https://x.example/a?utm_source=s&v=1&UTM_MEDIUM=m&&", "https://x.example/a?v=1"),
        ("https://tvn24.pl/a?source=rss", "https://tvn24.pl/a?source=rss"),
        # A fragment of nothing but tracking parameters goes; any other stays.
        ("https://www.cnet.com/tech/a/#ftag=CADf328eec", "https://www.cnet.com/tech/a/"),
        (
            "https://defcon.org/html/links/dc-news.html#newyear26",
            "https://defcon.org/html/links/dc-news.html#newyear26",
        ),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@given(st.one_of(links(), st.text(max_size=80)))
def test_fast_url_and_id_agrees_with_the_public_helpers(url: str) -> None:
    url = url.strip() or "x"
    assert url_and_id(url) == (canonical_url(url), article_id(url))


@given(links())
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(links(), link_tails())
def test_canonical_url_drops_tracking_parameters_and_nothing_else(url: str, tail: str) -> None:
    """The canonical URL keeps every query parameter and fragment that is not tracking."""
    base = url.partition("?")[0].partition("#")[0]
    canonical = canonical_url(base + tail)
    query, _, fragment = tail.partition("#")
    kept = [p for p in query.removeprefix("?").split("&") if p and not is_tracking(p)]
    fragment_parts = [p for p in fragment.split("&") if p]
    fragment_kept = not all("=" in p and is_tracking(p) for p in fragment_parts)
    expected_tail = ("?" + "&".join(kept) if kept else "") + (
        "#" + fragment if fragment_kept else ""
    )
    assert canonical == canonical_url(base) + expected_tail
    assert tracking_only(tail) == (expected_tail == "")


def test_tracking_parameters_are_matched_by_name_without_case() -> None:
    assert is_tracking("utm_source=rss_feed")
    assert is_tracking("UTM_Campaign")
    assert is_tracking("FBCLID=1")
    assert not is_tracking("v=AAA")
    assert not is_tracking("utm=1")  # (a name of its own, not the utm_ family)
    assert "ftag" in TRACKING_PARAMETERS
