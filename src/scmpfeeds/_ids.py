"""SCMP article IDs and canonical URLs: what tells one story from another.

SCMP has used two URL shapes for articles, both with the numeric ID in a path
segment that follows ``article``::

    https://www.scmp.com/news/china/diplomacy/article/3265321/art-diplomacy-...
    https://www.scmp.com/china/top-five-christmas-displays-cheer-hong-kong/article/3114757

Only hosts that are ``scmp.com`` or one of its subdomains carry SCMP IDs: another
outlet's ``/article/123`` is not an SCMP story and must not collide with one when
articles are deduplicated.

Any other link names its story by its canonical URL (:func:`canonical_url`):
the link less what does not reach the page, tracking parameters included.  The
whole identity rule is set out in :func:`scmpfeeds.dedupe`.
"""

from __future__ import annotations

import re

__all__ = ["TRACKING_PARAMETERS", "article_id", "canonical_url", "link_url", "url_and_id"]

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

#: Query parameters that say how a reader reached a page, not which page it is:
#: every name that starts with ``utm_``, and these (compared without regard to
#: case).  Only names that no site uses for anything else are listed: the click
#: IDs of advertising and mail services, and the campaign parameters the outlets
#: of the link archive put on their feeds' links (BBC's ``at_medium``, Daily
#: Mail's ``ito`` and ``ns_*``, CNET's and ZDNet's ``ftag``, Al Jazeera's
#: ``traffic_source``, MSN's ``ocid`` and ``srcref``).  Generic words (``source``,
#: ``src``, ``ref``, ``from``, ``id``) are not listed: a link that differs in one
#: of those may name another page, so scmpfeeds keeps the two apart.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
        "mkt_tok", "ns_mchannel", "ns_campaign", "ns_source", "ns_linkname", "ns_fee",
        "at_medium", "at_campaign", "ito", "ftag", "traffic_source", "ocid", "srcref",
    }
)  # fmt: skip
_TRACKING_PREFIX = "utm_"


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
    """Return *url* in the form used to tell stories apart.

    Two links name the same page when they differ only in what does not choose
    the page: the scheme (``http`` or ``https``), the case of the host, a
    default port, and tracking parameters (:data:`TRACKING_PARAMETERS`, the
    ``utm_source=rss_feed`` kind).  So for ``http`` and ``https`` URLs the
    scheme becomes ``https``, the host is lower-cased and a default port is
    dropped (an empty path becomes ``/``); and in every URL the tracking
    parameters leave the query, and a fragment made of nothing else
    (``#ftag=RSS``) goes too.  Everything else stays as written, in order: the
    path, the other parameters (``watch?v=…``, ``?p=…`` and ``?id=…`` name
    different pages) and any other fragment (``#item-2`` on a page of news items).

    >>> canonical_url("http://WWW.SCMP.com/news/article/3265321/slug?utm_source=rss_feed")
    'https://www.scmp.com/news/article/3265321/slug'
    >>> canonical_url("https://www.youtube.com/watch?v=AAA&utm_medium=rss#ftag=RSS")
    'https://www.youtube.com/watch?v=AAA'
    """
    base, hash_, fragment = url.strip().partition("#")
    base, mark, query = base.partition("?")
    tail = ""
    if mark and (query := _without_tracking(query)):
        tail = "?" + query
    if hash_ and (fragment := _kept_fragment(fragment)):
        tail += "#" + fragment
    if base.startswith(("https://", "http://")):  # the usual case, without the pattern
        authority, slash, rest = base[8 if base[4] == "s" else 7 :].partition("/")
        path = slash + rest
    else:
        match = _ABSOLUTE_RE.fullmatch(base)
        if match is None:
            return base + tail
        scheme, authority, path = match.groups()
        if scheme.lower() not in ("http", "https"):
            return base + tail
    userinfo, at, host = authority.rpartition("@")
    host = host.lower()
    if host.endswith(_DEFAULT_PORTS):
        host = host.rpartition(":")[0]
    return f"https://{userinfo}{at}{host}{path or '/'}{tail}"


def is_tracking(parameter: str) -> bool:
    """Whether a query's ``name=value`` part is a tracking parameter."""
    name = parameter.partition("=")[0].lower()
    return name.startswith(_TRACKING_PREFIX) or name in TRACKING_PARAMETERS


def _without_tracking(query: str) -> str:
    """The query without its tracking parameters and empty parts, in order."""
    if query.startswith(_TRACKING_PREFIX) and "&" not in query:
        return ""  # (SCMP's usual "utm_source=rss_feed", without a split)
    return "&".join(part for part in query.split("&") if part and not is_tracking(part))


def _kept_fragment(fragment: str) -> str:
    """The fragment, or ``""`` when it holds nothing but tracking parameters."""
    parts = [part for part in fragment.split("&") if part]
    if all("=" in part and is_tracking(part) for part in parts):
        return ""
    return fragment


#: The tail of SCMP's feed links, the case every fast path knows.
SCMP_TRACKING_TAIL = "?utm_source=rss_feed"


def tracking_only(tail: str) -> bool:
    """Whether what follows a URL's path (``?query`` and ``#fragment``, either
    optional) holds nothing but tracking parameters: the URL less its tail is then
    its canonical form, once scheme and host are."""
    if tail == SCMP_TRACKING_TAIL or not tail:
        return True
    query, hash_, fragment = tail.partition("#")
    if query and (not query.startswith("?") or _without_tracking(query[1:])):
        return False
    return not (hash_ and _kept_fragment(fragment))


def url_and_id(link: str) -> tuple[str, int | None]:
    """Return ``(canonical_url(link), article_id(link))``, quickly for SCMP's usual links.

    The compiled core restates the usual cases of this rule in C
    (``_compiled/markdown_dump.pyx``: ``_url_of_span``, which also drops the
    tracking parameters of other outlets' ASCII links; ``_compiled/rss.pyx``:
    ``_url_and_id``) and asks this function for everything else;
    ``tests/test_parity.py`` holds each twin equal to it.
    """
    if link.startswith(_SCMP_HTTPS) and not link[-1].isspace() and "#" not in link:
        base, mark, query = link.partition("?")
        if not mark or not _without_tracking(query):
            match = _ID_SEGMENT_RE.match(base, len(_SCMP_HTTPS) - 1)
            return base, int(match[1]) if match else None
    if link.isascii() and "scmp.com" not in link.lower():
        return canonical_url(link), None  # (an ID needs an scmp.com host)
    return canonical_url(link), article_id(link)


_HTTP_RE = re.compile(r"\s*https?://[^\s/?#]+", re.IGNORECASE)


def link_url(link: str | None) -> str | None:
    """The canonical URL of a link, or ``None`` when it is missing or not absolute http(s).

    >>> link_url("/news/article/1") is None, link_url("https://x.example/a?b&utm_source=x")
    (True, 'https://x.example/a?b')
    """
    if link is None or not _HTTP_RE.match(link):
        return None
    return canonical_url(link)
