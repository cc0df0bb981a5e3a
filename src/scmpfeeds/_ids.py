"""SCMP article IDs and canonical URLs.

SCMP has used two URL shapes for articles, both with the numeric ID in a path
segment that follows ``article``::

    https://www.scmp.com/news/china/diplomacy/article/3265321/art-diplomacy-...
    https://www.scmp.com/china/top-five-christmas-displays-cheer-hong-kong/article/3114757

Only hosts that are ``scmp.com`` or one of its subdomains carry SCMP IDs: another
outlet's ``/article/123`` is not an SCMP story and must not collide with one when
articles are deduplicated.
"""

from __future__ import annotations

import re

__all__ = ["article_id", "canonical_url", "link_url", "url_and_id"]

# scheme, optional userinfo, an scmp.com host, optional port, then any path
# segments before "article/<digits>", which must end the segment.
_SCMP_ID_RE = re.compile(
    r"https?://(?:[^/?#@]*@)?(?:[a-z0-9-]+\.)*scmp\.com\.?(?::\d+)?"
    r"/(?:[^?#]*/)?article/(\d+)(?![^/?#])",
    re.IGNORECASE,
)
# The ID segment alone (the last one, as _SCMP_ID_RE finds it), for URLs already
# known to be on www.scmp.com and cut before any query.
_ID_SEGMENT_RE = re.compile(r"(?:.*)/article/(\d+)(?![^/?#])")
_SCMP_HTTPS = "https://www.scmp.com/"
_ABSOLUTE_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)(.*)", re.DOTALL)
_DEFAULT_PORTS = (":80", ":443")


def article_id(url: str) -> int | None:
    """Return the SCMP numeric article ID in *url*, or ``None`` if it has none.

    >>> article_id("https://www.scmp.com/news/china/article/3265321/slug?utm_source=rss_feed")
    3265321
    >>> article_id("https://www.scmp.com/china/top-five-displays/article/3114757")
    3114757
    >>> article_id("https://www.bbc.co.uk/news/world-asia-64962733") is None
    True
    """
    match = _SCMP_ID_RE.match(url.strip())
    return int(match[1]) if match else None


def canonical_url(url: str) -> str:
    """Return *url* in the form used to compare articles.

    For ``http`` and ``https`` URLs: the scheme becomes ``https``, the host is
    lower-cased, a default port is dropped, and the query and fragment are
    removed (an empty path becomes ``/``).  Other URLs only lose their query
    and fragment.

    >>> canonical_url("http://WWW.SCMP.com/news/article/3265321/slug?utm_source=rss_feed#top")
    'https://www.scmp.com/news/article/3265321/slug'
    """
    base = url.strip().partition("#")[0].partition("?")[0]
    if base.startswith(("https://", "http://")):  # the usual case, without the pattern
        authority, slash, rest = base[8 if base[4] == "s" else 7 :].partition("/")
        path = slash + rest
    else:
        match = _ABSOLUTE_RE.fullmatch(base)
        if match is None:
            return base
        scheme, authority, path = match.groups()
        if scheme.lower() not in ("http", "https"):
            return base
    userinfo, at, host = authority.rpartition("@")
    host = host.lower()
    if host.endswith(_DEFAULT_PORTS):
        host = host.rpartition(":")[0]
    return f"https://{userinfo}{at}{host}{path or '/'}"


def url_and_id(link: str) -> tuple[str, int | None]:
    """Return ``(canonical_url(link), article_id(link))``, quickly for SCMP's usual links."""
    if link.startswith(_SCMP_HTTPS) and not link[-1].isspace():
        base = link.partition("?")[0].partition("#")[0]
        match = _ID_SEGMENT_RE.match(base, len(_SCMP_HTTPS) - 1)
        return base, int(match[1]) if match else None
    if link.isascii() and "scmp.com" not in link.lower():
        return canonical_url(link), None  # (an ID needs an scmp.com host)
    return canonical_url(link), article_id(link)


_HTTP_RE = re.compile(r"\s*https?://[^\s/?#]+", re.IGNORECASE)


def link_url(link: str | None) -> str | None:
    """The canonical URL of a link, or ``None`` when it is missing or not absolute http(s).

    >>> link_url("/news/article/1") is None, link_url("https://x.example/a?b")
    (True, 'https://x.example/a')
    """
    if link is None or not _HTTP_RE.match(link):
        return None
    return canonical_url(link)
