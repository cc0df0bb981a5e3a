"""article_id() and canonical_url()."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scmpfeeds import article_id, canonical_url
from scmpfeeds._ids import url_and_id

from .strategies import links


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
        ("http://WWW.SCMP.COM/News/a#frag", "https://www.scmp.com/News/a"),
        ("https://example.com:443/a?b#c", "https://example.com/a"),
        ("http://example.com:80", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://User@Example.com/a", "https://User@example.com/a"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("ftp://Example.com/a?b", "ftp://Example.com/a"),
        ("/relative/path?x", "/relative/path"),
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
    assert "?" not in once
    assert "#" not in once
