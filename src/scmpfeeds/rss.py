"""RSS 2.0, as SCMP serves it, read with lxml.

The shape we accept (namespaces are matched by URI, never by prefix)::

    rss      = <rss> channel </rss>
    channel  = <channel> { meta | item } </channel>
    meta     = title | link | description | language | image/url
             | atom:link[@rel="self"] | any other element (kept in Feed.extra)
    item     = <item> { title | link | guid | description | pubDate | author
             | dc:creator | category | enclosure | media:content | media:thumbnail
             | media:group | content:encoded | any other element } </item>

Where each item element goes:

* ``title`` → :attr:`Article.title` (entities decoded by the XML parser);
* ``link`` → :attr:`Article.link`, with ``url`` and ``id`` computed from it; the
  ``guid`` is the fallback when there is no link (and for the ID).  Every item
  element is optional, as RSS 2.0 says: an item with neither is an article with
  no link, URL or ID (only an item with no title, description, link or guid is
  a problem);
* ``guid`` and its ``isPermaLink`` → ``extra`` as ``guid`` and ``guid isPermaLink``;
* ``description`` → :attr:`Article.summary` as plain text.  When it holds HTML
  (in CDATA or escaped), the summary is the HTML's text and the raw HTML is kept
  in ``extra`` as ``description html``.  SCMP cuts descriptions with ``...``:
  :attr:`Article.summary_truncated` says so, and nothing is added to the text;
* ``pubDate`` → :attr:`Article.published` (RFC 822; the offset is preserved,
  ``HKT`` is UTC+8); ``dc:date`` (ISO 8601) when there is no ``pubDate``;
* ``author`` and ``dc:creator`` → :attr:`Article.authors`, split on commas and a
  final `` and `` (SCMP writes ``Iris Deng,Ann Cao``), without repeats;
* ``enclosure``, ``media:content`` and ``media:thumbnail`` → :attr:`Article.media`;
  Media RSS is recognised under SCMP's ``http://www.rssboard.org/media-rss`` and
  the usual ``http://search.yahoo.com/mrss/``.  Entries for the same URL are
  merged into one :class:`Media`, whose ``kind`` (image, video, audio, other)
  comes from ``medium``, else the MIME ``type``, else the URL's extension, and
  whose ``duration`` is Media RSS's.  SCMP's enclosure ``length`` is the width of
  an image and the duration in seconds of a video, not a byte count, so it is
  kept as text, as given;
* ``category`` and every other element → ``extra`` (name, text), in order;
* ``content:encoded`` → :attr:`Article.body`, one paragraph per block element.

``xml:base`` is ignored: SCMP sets it to the bogus value ``"link"``.

The XML parser never resolves entities, loads a DTD or touches the network, and
keeps lxml's limits on text size (no ``huge_tree``).  A document that declares
entities is refused outright: that is how XML bombs and external-entity attacks
begin, and no feed needs it.
"""

from __future__ import annotations

import email.utils
import html
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import IO, Any

import attrs
from lxml import etree
from lxml import html as lxml_html

from ._dates import parse_iso_datetime, parse_rfc822_datetime
from ._ids import article_id, url_and_id
from ._model import Article, Feed, Media, MediaKind, Problem, _unchecked_article, _unchecked_media
from ._source import (
    SNIFF_SIZE,
    Report,
    Source,
    check_encoding,
    collect_problems,
    open_binary,
    read_bytes,
    source_name,
    transcoded,
    warn_problem,
    xml_encoding,
)
from .errors import ParseError, RenderError

__all__ = ["iter_rss", "parse_rss", "render_rss"]

_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_MEDIA_URIS = ("http://www.rssboard.org/media-rss", "http://search.yahoo.com/mrss/")
_MEDIA_WRITE = "http://search.yahoo.com/mrss/"
#: Our own namespace, so that ``render_rss`` can carry ``Article.extra`` items the
#: RSS vocabulary has no element for (a markdown dump's ``user``, say).
_EXTRA = "urn:scmpfeeds:extra"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DCTERMS = "http://purl.org/dc/terms/"
# RSS 1.0's namespace: the default when an RDF document names none we know.
_RSS10 = "http://purl.org/rss/1.0/"

_DC_CREATOR = f"{{{_DC}}}creator"
_DC_DATE = f"{{{_DC}}}date"
_DC_TITLE = f"{{{_DC}}}title"
_DC_DESCRIPTION = f"{{{_DC}}}description"
_DCTERMS_DATES = (f"{{{_DCTERMS}}}issued", f"{{{_DCTERMS}}}modified")
_DC_LANGUAGE = f"{{{_DC}}}language"
_ATOM_LINK = f"{{{_ATOM}}}link"
_CONTENT_ENCODED = f"{{{_CONTENT}}}encoded"
_EXTRA_ITEM = f"{{{_EXTRA}}}item"
_TITLE_ZH = f"{{{_EXTRA}}}title_zh"
_FEED_URL = f"{{{_EXTRA}}}feed_url"
# Written on media:content when the kind could not be told from the other attributes.
_KIND = f"{{{_EXTRA}}}kind"
_SUMMARY_ZH = f"{{{_EXTRA}}}summary_zh"
_DIGEST_DATE = f"{{{_EXTRA}}}digest_date"
_MEDIA_CONTENT = {f"{{{uri}}}content" for uri in _MEDIA_URIS}
_MEDIA_THUMBNAIL = {f"{{{uri}}}thumbnail" for uri in _MEDIA_URIS}
_MEDIA_GROUP = {f"{{{uri}}}group" for uri in _MEDIA_URIS}
_MEDIA_IMAGE = _MEDIA_CONTENT | _MEDIA_THUMBNAIL
_NAMESPACE_PREFIXES = {_DC: "dc", _ATOM: "atom", _CONTENT: "content", _MEDIA_URIS[0]: "media"}
_NAMESPACE_PREFIXES[_MEDIA_URIS[1]] = "media"
_NAMESPACE_PREFIXES[_DCTERMS] = "dcterms"

# Extra keys the parser writes and render_rss reads back.
_GUID = "guid"
_GUID_PERMALINK = "guid isPermaLink"
_DESCRIPTION_HTML = "description html"
_CATEGORY = "category"

# What each child of an <item> is, for the dispatch in _Reader._item (compared by
# identity: these are the only objects of their kind).
_K_TITLE, _K_LINK, _K_PUBDATE, _K_AUTHOR, _K_DESCRIPTION, _K_GUID = (object() for _ in range(6))
_K_ENCLOSURE, _K_MEDIA, _K_MEDIA_GROUP, _K_CATEGORY, _K_OURS, _K_OTHER = (
    object() for _ in range(6)
)
# Dublin Core stand-ins, used when the RSS element is missing.
_K_DC_TITLE, _K_DC_DESCRIPTION, _K_DCTERMS_DATE = (object() for _ in range(3))
_ITEM_CHILDREN: dict[Any, object] = {
    "title": _K_TITLE,
    "link": _K_LINK,
    "pubDate": _K_PUBDATE,
    "author": _K_AUTHOR,
    _DC_CREATOR: _K_AUTHOR,
    "description": _K_DESCRIPTION,
    "guid": _K_GUID,
    "enclosure": _K_ENCLOSURE,
    **dict.fromkeys(_MEDIA_IMAGE, _K_MEDIA),
    **dict.fromkeys(_MEDIA_GROUP, _K_MEDIA_GROUP),
    "category": _K_CATEGORY,
    _DC_TITLE: _K_DC_TITLE,
    _DC_DESCRIPTION: _K_DC_DESCRIPTION,
    **dict.fromkeys(_DCTERMS_DATES, _K_DCTERMS_DATE),
    **dict.fromkeys(
        (_CONTENT_ENCODED, _DC_DATE, _EXTRA_ITEM, _TITLE_ZH, _SUMMARY_ZH, _FEED_URL, _DIGEST_DATE),
        _K_OURS,
    ),
}

# The RSS elements without a namespace: in a namespaced dialect (RSS 1.0, 0.90, an
# <rss> in a default namespace) the same names come in the dialect's namespace.
_PLAIN_CHILDREN = {tag: kind for tag, kind in _ITEM_CHILDREN.items() if "}" not in tag}
_KINDS_BY_NAMESPACE: dict[str, dict[Any, object]] = {"": _ITEM_CHILDREN}


def _kinds(namespace: str) -> dict[Any, object]:
    """The dispatch table for item children in a dialect's namespace."""
    kinds = _KINDS_BY_NAMESPACE.get(namespace)
    if kinds is None:
        prefixed = {f"{{{namespace}}}{tag}": kind for tag, kind in _PLAIN_CHILDREN.items()}
        kinds = _KINDS_BY_NAMESPACE[namespace] = {**_ITEM_CHILDREN, **prefixed}
    return kinds


@attrs.frozen
class _Dialect:
    """Where a document keeps its channel and items, and in which namespace."""

    #: The namespace of the RSS elements ("" for none: RSS 0.91 to 2.0).
    namespace: str
    #: RDF (RSS 0.90 and 1.0): the items stand beside the channel, not inside it.
    rdf: bool

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}" if self.namespace else name


# A tag or an entity: the marks of HTML inside a description's text.
_TAG_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9]*\b[^<>]*|/[A-Za-z][A-Za-z0-9]*\s*)>")
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"blockquote", "pre", "table", "tr", "figure", "figcaption", "hr"}
)
_HTTP_RE = re.compile(r"https?://", re.IGNORECASE)
_AUTHOR_EMAIL_RE = re.compile(r"\S+@\S+\s+\((.+)\)")
_HTML_START_RE = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HEAD_SIZE = SNIFF_SIZE
_CHANNEL_START_RE = re.compile(
    r"<(?:rss|rdf:RDF)\b[^>]*>\s*(?:<!--.*?-->\s*)*<channel\b", re.DOTALL
)


def _parser_options() -> dict[str, Any]:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


class _Unset:
    """No value given (``None`` is a value: "no feed URL")."""


_UNSET = _Unset()


class _ItemProblem(Exception):
    def __init__(self, message: str, lineno: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.lineno = lineno


# -- text helpers ----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _qualified(element: Any) -> str:
    """``prefix:name`` for an element (the usual prefix for known namespaces)."""
    tag: str = element.tag
    if not tag.startswith("{"):
        return tag
    uri, _, name = tag[1:].partition("}")
    prefix = _NAMESPACE_PREFIXES.get(uri) or element.prefix or uri
    return f"{prefix}:{name}"


def _all_text(element: Any) -> str:
    """The element's text, including any text inside child elements."""
    if len(element):
        return "".join(element.itertext())
    return element.text or ""


def _html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment: block elements end lines."""
    if not _TAG_RE.search(markup):
        return html.unescape(markup).strip()
    try:
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(_TAG_RE.sub(" ", markup)).strip()
    for element in fragment.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in fragment.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _html_paragraphs(markup: str) -> tuple[str, ...]:
    return tuple(_html_to_text(markup).split("\n")) if markup.strip() else ()


def _split_authors(value: str) -> list[str]:
    """``Iris Deng,Ann Cao`` → two names; ``A, B and C`` → three; ``SCMP`` → one."""
    value = value.strip()
    if "," not in value and " and " not in value and "@" not in value:
        return [value] if value else []  # the usual case: one plain name
    if match := _AUTHOR_EMAIL_RE.fullmatch(value):
        value = match[1]
    names = [part.strip() for part in value.split(",")]
    last = names.pop()
    names.extend(part.strip() for part in re.split(r"\s+and\s+", last))
    return [name for name in names if name]


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)  # int() itself allows surrounding whitespace
    except ValueError:
        return None


def _add_media(found: dict[str, list[Any]], element: Any, enclosure: bool) -> None:
    """Record an ``enclosure`` or Media RSS element; entries for one URL are merged.

    ``found`` maps each URL to its ``[type, width, height, duration, length,
    medium, kind]``; a later entry fills what earlier ones left empty (SCMP gives
    one picture twice: an enclosure with its type, then ``media:content`` with its
    size).
    """
    get = element.get
    url = get("url")
    if not url or not (url := url.strip()):
        return
    known = found.get(url)
    if known is None:
        if enclosure:  # an enclosure has no size, duration, medium or kind of its own
            found[url] = [get("type"), None, None, None, get("length"), None, None]
        else:
            found[url] = [
                get("type"),
                _int(get("width")),
                _int(get("height")),
                _int(get("duration")),
                None,
                get("medium"),
                get(_KIND),
            ]
        return
    if enclosure:
        if known[0] is None:
            known[0] = get("type")
        if known[4] is None:
            known[4] = get("length")
        return
    if known[0] is None:
        known[0] = get("type")
    if known[1] is None:
        known[1] = _int(get("width"))
    if known[2] is None:
        known[2] = _int(get("height"))
    if known[3] is None:
        known[3] = _int(get("duration"))
    if known[5] is None:
        known[5] = get("medium")
    if known[6] is None:
        known[6] = get(_KIND)


_MEDIUMS: dict[str, MediaKind] = {"image": "image", "video": "video", "audio": "audio"}
_EXTENSIONS: dict[str, MediaKind] = {
    **dict.fromkeys(("jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp"), "image"),
    **dict.fromkeys(("mp4", "m4v", "mov", "webm", "m3u8", "mpd", "avi", "mkv"), "video"),
    **dict.fromkeys(("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"), "audio"),
}
_EXTENSION_RE = re.compile(r"\.([A-Za-z0-9]{2,5})(?:[?#]|$)")


def media_kind(url: str, type: str | None, medium: str | None) -> MediaKind:
    """What a media URL is: by Media RSS's ``medium``, else its MIME type, else its extension.

    SCMP's images are ``image`` whichever element gives them; anything unknown is
    ``other``.

    >>> media_kind("https://cf.cdn.vid.ly/2n0d0q/mp4.mp4", None, None)
    'video'
    >>> media_kind("https://cdn.i-scmp.com/a.jpg?itok=x", "image/jpeg", None)
    'image'
    """
    if medium is not None and (kind := _MEDIUMS.get(medium.strip().lower())):
        return kind
    if type is not None:
        major = type.strip().lower().partition("/")[0]
        if kind := _MEDIUMS.get(major):
            return kind
    match = _EXTENSION_RE.search(url.partition("?")[0].partition("#")[0] + "?")
    kind = _EXTENSIONS.get(match[1].lower()) if match else None
    return kind or "other"


def _media(found: dict[str, list[Any]]) -> tuple[Media, ...]:
    made = []
    for url, (type_, width, height, duration, length, medium, kind) in found.items():
        if kind not in ("image", "video", "audio", "other"):
            kind = media_kind(url, type_, medium)
        made.append(_unchecked_media(url, kind, type_, width, height, duration, length, medium))
    return tuple(made)


# -- reading -----------------------------------------------------------------------------


class _Reader:
    """Turns ``<item>`` elements into articles and collects the channel's metadata."""

    def __init__(
        self, source: str | None, strict: bool, report: Report, cst_as_china: bool = False
    ) -> None:
        self.source = source
        self.strict = strict
        self.report = report
        self.cst_as_china = cst_as_china
        self.meta: dict[str, str | None] = {}
        self.extra: list[tuple[str, str]] = []
        #: Articles that took the channel's <link> as their feed URL, by id().
        self.default_feed: set[int] = set()
        #: The lines of the items that were reported as problems.
        self.failed_items: list[int] = []
        #: Where the document broke off, if it did.
        self.break_line: int | None = None
        #: Whether it did (lxml gives no line for some breaks at the very end).
        self.broken = False
        self.set_dialect(_Dialect("", rdf=False))

    def set_dialect(self, dialect: _Dialect) -> None:
        self.dialect = dialect
        self.kinds = _kinds(dialect.namespace)
        self.item_tag = dialect.tag("item")
        self.prefix = f"{{{dialect.namespace}}}" if dialect.namespace else ""

    def problem(
        self, message: str, lineno: int | None, colno: int | None = None, text: str = ""
    ) -> None:
        if self.strict:
            raise ParseError(message, lineno=lineno, colno=colno, source=self.source)
        self.report(
            Problem(lineno=lineno, colno=colno, message=message, text=text, source=self.source)
        )

    def channel_element(self, element: Any) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            return
        if self.prefix and tag.startswith(self.prefix):
            tag = tag[len(self.prefix) :]
        if tag in ("title", "link", "description", "language"):
            self.meta.setdefault(tag, (element.text or "").strip() or None)
        elif tag in (_DC_TITLE, _DC_DESCRIPTION, _DC_LANGUAGE):
            self.meta.setdefault(_local(tag), (element.text or "").strip() or None)
        elif tag == "channel":  # RDF: the channel stands beside the items
            for child in element:
                self.channel_element(child)
        elif tag == "items" and self.dialect.rdf:
            return  # RDF's table of contents of the items, which are read themselves
        elif tag == "image":
            url = element.findtext("{*}url")
            self.meta.setdefault("image_url", url.strip() if url else None)
        elif tag == _ATOM_LINK and element.get("rel") == "self":
            self.meta.setdefault("self_url", element.get("href"))
        elif tag == _EXTRA_ITEM:
            self.extra.append((element.get("key", ""), element.text or ""))
        elif tag != "item":
            self.extra.append((_qualified(element), _all_text(element).strip()))

    def stray_item(self, element: Any) -> None:
        """Report an ``<item>`` that is not a child of ``<channel>``: never silently dropped.

        One inside another item is reported by that item (see :meth:`_item`).
        """
        parent = element.getparent()
        if parent is not None and parent.tag == self.item_tag:
            return
        where = "outside <channel>" if parent is None else f"inside <{_qualified(parent)}>"
        self.failed_items.append(element.sourceline)
        self.problem(
            f"an <item> {where}, not in the channel's list",
            element.sourceline,
            None,
            _raw(element),
        )

    def item(self, element: Any) -> Article | None:
        try:
            return self._item(element)
        except _ItemProblem as exc:
            self.failed_items.append(element.sourceline)
            self.problem(exc.message, exc.lineno, None, _raw(element))
            return None

    def _item(self, item: Any) -> Article:
        title = link = guid = pub_date = dc_date = title_zh = summary_zh = None
        digest_date: date | None = None
        own_feed: str | _Unset | None = _UNSET
        summary = ""
        authors: list[str] = []
        media: dict[str, list[Any]] = {}
        extra: list[tuple[str, str]] = []
        body: tuple[str, ...] = ()
        date_element = item
        kinds = self.kinds
        dc_title = dc_description = alt_date = None
        alt_element: Any = item
        for child in item:
            kind = kinds.get(child.tag, _K_OTHER)
            if kind is _K_TITLE:
                title = _all_text(child)
            elif kind is _K_LINK:
                link = child.text
            elif kind is _K_PUBDATE:
                pub_date, date_element = child.text, child
            elif kind is _K_AUTHOR:
                name = (child.text or "").strip()
                if "," in name or " and " in name or "@" in name:
                    authors.extend(_split_authors(name))
                elif name:  # the usual case: one plain name
                    authors.append(name)
            elif kind is _K_DESCRIPTION:
                summary = _all_text(child).strip()
                if "<" in summary and _TAG_RE.search(summary):
                    extra.append((_DESCRIPTION_HTML, summary))
                    summary = _html_to_text(summary)
                elif "&" in summary and _ENTITY_RE.search(summary):
                    summary = html.unescape(summary)
            elif kind is _K_GUID:
                guid = (child.text or "").strip()
                extra.append((_GUID, guid))
                if (permalink := child.get("isPermaLink")) is not None:
                    extra.append((_GUID_PERMALINK, permalink))
            elif kind is _K_ENCLOSURE:
                _add_media(media, child, True)
            elif kind is _K_MEDIA:
                _add_media(media, child, False)
            elif kind is _K_MEDIA_GROUP:
                for grandchild in child:
                    if kinds.get(grandchild.tag) is _K_MEDIA:
                        _add_media(media, grandchild, False)
            elif kind is _K_CATEGORY:
                extra.append((_CATEGORY, (child.text or "").strip()))
            elif kind is _K_OURS:
                tag = child.tag
                if tag == _CONTENT_ENCODED:
                    body = _html_paragraphs(child.text or "")
                elif tag == _DC_DATE:
                    dc_date, date_element = child.text, child
                elif tag == _EXTRA_ITEM:
                    extra.append((child.get("key", ""), child.text or ""))
                elif tag == _TITLE_ZH:
                    title_zh = child.text or ""
                elif tag == _SUMMARY_ZH:
                    summary_zh = child.text or ""
                elif tag == _DIGEST_DATE:
                    try:
                        digest_date = date.fromisoformat((child.text or "").strip())
                    except ValueError:
                        raise _ItemProblem(
                            f"invalid digest date {child.text!r}", child.sourceline
                        ) from None
                else:  # _FEED_URL
                    own_feed = child.text or None
            elif kind is _K_DC_TITLE:
                dc_title = _all_text(child).strip()
            elif kind is _K_DC_DESCRIPTION:
                dc_description = _all_text(child).strip()
            elif kind is _K_DCTERMS_DATE:
                if alt_date is None:
                    alt_date, alt_element = child.text, child
                extra.append((_qualified(child), _all_text(child).strip()))
            elif child.tag == self.item_tag:  # never dropped, never mistaken for the outer item
                self.failed_items.append(child.sourceline)
                self.problem(
                    "an <item> inside another <item>", child.sourceline, None, _raw(child)
                )
            elif isinstance(child.tag, str):  # not a comment or processing instruction
                extra.append((_qualified(child), _all_text(child).strip()))
        link = (link or "").strip() or guid or None  # the guid stands in for a missing link
        title = (title or "").strip()
        # Dublin Core stands in for what RSS leaves out, and is kept when not needed.
        if dc_title is not None:
            if title:
                extra.append(("dc:title", dc_title))
            else:
                title = dc_title
        if dc_description is not None:
            if summary:
                extra.append(("dc:description", dc_description))
            else:
                summary = _html_to_text(dc_description)
        if alt_date is not None and pub_date is None and dc_date is None:
            dc_date, date_element = alt_date, alt_element
        if not title and not summary and link is None:
            raise _ItemProblem(
                "an empty <item>: no <title>, <description>, <link> or <guid>", item.sourceline
            )
        if pub_date is not None:
            try:
                published = parse_rfc822_datetime(pub_date, cst_as_china=self.cst_as_china)
            except ValueError as exc:
                raise _ItemProblem(f"invalid <pubDate>: {exc}", date_element.sourceline) from None
        elif dc_date is not None:
            try:
                published = parse_iso_datetime(dc_date.strip())
            except ValueError as exc:
                raise _ItemProblem(f"invalid <dc:date>: {exc}", date_element.sourceline) from None
        else:
            published = None
        url: str | None = None
        found_id: int | None = None
        if link is not None and _HTTP_RE.match(link):
            url, found_id = url_and_id(link)
        if found_id is None and guid:
            found_id = article_id(guid)
        channel_link = self.meta.get("link")
        article = _unchecked_article(
            title,
            link,
            url,
            found_id,
            summary,
            published,
            channel_link if isinstance(own_feed, _Unset) else own_feed,
            tuple(dict.fromkeys(authors)),
            _media(media) if media else (),
            body,
            title_zh,
            summary_zh,
            digest_date,
            tuple(extra),
            self.source,
            item.sourceline,
        )
        if channel_link is None and isinstance(own_feed, _Unset):
            # The channel's <link> may still come, after the items.
            self.default_feed.add(id(article))
        return article

    def feed(self, articles: Iterable[Article], problems: Iterable[Problem]) -> Feed:
        meta = self.meta
        return Feed(
            title=meta.get("title"),
            url=meta.get("link"),
            language=meta.get("language"),
            description=meta.get("description"),
            image_url=meta.get("image_url"),
            self_url=meta.get("self_url"),
            extra=tuple(self.extra),
            articles=tuple(articles),
            problems=tuple(problems),
            source=self.source,
        )


def _raw(element: Any) -> str:
    try:
        return etree.tostring(element, encoding="unicode", with_tail=False)
    except (ValueError, TypeError):  # pragma: no cover - a tree lxml built serialises
        return ""


# -- document checks -----------------------------------------------------------------------


_ENTITIES_REFUSED = (
    "the document declares entities; scmpfeeds refuses them "
    "(they are how XML bombs and external-entity attacks work)"
)
_ENTITY_DECLARATION_RE = re.compile(r"<!DOCTYPE[^\[>]*\[.*?<!ENTITY", re.DOTALL | re.IGNORECASE)


def _check_head(head: bytes, name: str | None) -> None:
    """Refuse, with a message that says what it is, what is plainly not RSS.

    Entity declarations are refused here, before lxml reads them, and again after
    parsing (for a DTD longer than the head).
    """
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise ParseError("empty document: expected an RSS 2.0 feed", source=name)
    if _HTML_START_RE.match(head.removeprefix(b"\xef\xbb\xbf")):
        raise ParseError("this is an HTML page, not an RSS feed", lineno=1, colno=1, source=name)
    if _ENTITY_DECLARATION_RE.search(_head_text(head)):
        raise ParseError(_ENTITIES_REFUSED, lineno=1, source=name)


def _check_root(root: Any, name: str | None) -> _Dialect:
    """Check the document element and the DTD; say which dialect of RSS this is.

    ``<rss>`` (RSS 0.91 to 2.0) in no namespace or any namespace, and RDF
    (``<rdf:RDF>``: RSS 0.90 and 1.0) are read; Atom and the rest are refused
    with a message that names what the document is.
    """
    tag = root.tag
    qualified = etree.QName(root)
    namespace, local = qualified.namespace or "", qualified.localname
    if local == "rss":
        dialect = _Dialect(namespace, rdf=False)
    elif tag == f"{{{_RDF}}}RDF":
        channel = root.find("{*}channel")
        channel_namespace = None if channel is None else etree.QName(channel).namespace
        dialect = _Dialect(channel_namespace or root.nsmap.get(None) or _RSS10, rdf=True)
    else:
        if tag == f"{{{_ATOM}}}feed":
            what = "this is an Atom feed, not RSS (scmpfeeds reads RSS 0.90 to 2.0)"
        elif local.lower() == "html":
            what = "this is an HTML page, not an RSS feed"
        else:
            found = f"<{local}>" + (f" in the namespace {namespace!r}" if namespace else "")
            what = f"expected <rss> or <rdf:RDF> as the document element, found {found}"
        raise ParseError(what, lineno=root.sourceline, colno=1, source=name)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ParseError(_ENTITIES_REFUSED, lineno=1, source=name)
    return dialect


def _no_channel(root: Any, name: str | None) -> ParseError:
    what = "<rss>" if _local(str(root.tag)) == "rss" else "<rdf:RDF>"
    return ParseError(f"{what} has no <channel>", lineno=root.sourceline, source=name)


def _syntax_error(exc: etree.XMLSyntaxError, name: str | None) -> ParseError:
    line, column = exc.position
    message = (exc.msg or str(exc)).strip()
    # lxml appends its own ", line L, column C"; we give the position our way.
    message = re.sub(r",? line \d+, column \d+$", "", message)
    return ParseError(f"malformed XML: {message}", lineno=line or None, colno=column, source=name)


# -- streaming -----------------------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """A file that first returns *head*, then the rest of *file*."""

    def __init__(self, head: bytes, file: IO[bytes]) -> None:
        self._head = head
        self._file = file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


# A document whose head shows <rss> or <rdf:RDF> as its root element.
_RSS_ROOT_RE = re.compile(
    r"(?:\ufeff|\xef\xbb\xbf)?\s*"
    r"(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE\b[^\[>]*(?:\[[^\]]*\])?\s*>\s*)*"
    r"<(?:rss|rdf:RDF)[\s>/]",
    re.DOTALL,
)


def _stream(reader: _Reader, file: IO[bytes], encoding: str | None = None) -> Iterator[Article]:
    """Yield articles as their ``</item>`` arrives, freeing what has been read.

    The channel's other children are read when the next item arrives (and at the
    end), so a feed is read in the order it is written.  When the head shows an
    ``<rss>`` root, lxml reports only where ``<channel>`` starts and where each
    ``<item>`` starts and ends: far cheaper than an event for every element.
    Any other document gets the end of every element, so that what it is can be
    said at the first one.
    """
    head = file.read(_HEAD_SIZE)
    _check_head(head, reader.source)
    items_only = _RSS_ROOT_RE.match(_head_text(head)) is not None
    found = xml_encoding(head, encoding)
    if found is None:
        stream: IO[bytes] = io.BufferedReader(_Prefixed(head, file))
    else:  # decoded here, for lxml knows few encodings
        report = None if reader.strict else reader.report
        stream = transcoded(head, file, found, reader.source, reader.strict, report)
    events = etree.iterparse(
        stream,
        events=("start", "end") if items_only else ("end",),
        tag=("{*}channel", "{*}item") if items_only else None,
        **_parser_options(),
    )
    root = channel = container = None
    item_tag = "item"
    try:
        for event, element in events:
            if root is None:
                root = element.getroottree().getroot()
                reader.set_dialect(_check_root(root, reader.source))
                item_tag = reader.item_tag
            if channel is None:
                channel = root.find(reader.dialect.tag("channel"))
                container = root if reader.dialect.rdf else channel
            if event == "start" or element.tag != item_tag:
                continue  # (an element of another namespace named item is its item's child)
            if container is None or element.getparent() is not container:
                reader.stray_item(element)
                continue
            for sibling in container:  # what precedes this item and has not been read
                if sibling is element:
                    break
                if sibling.tag != item_tag:  # (the item before, emptied and kept for now)
                    reader.channel_element(sibling)
            if (article := reader.item(element)) is not None:
                yield article
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del container[0]
    except etree.XMLSyntaxError as exc:
        _broken(reader, exc, head, root, container)
        return
    if root is None:  # no <channel> or <item> at all
        root = events.root
        assert root is not None  # the parse ended without an error
        reader.set_dialect(_check_root(root, reader.source))
        channel = root.find(reader.dialect.tag("channel"))
        container = root if reader.dialect.rdf else channel
    if channel is None or container is None:
        raise _no_channel(root, reader.source)
    for sibling in container:  # what follows the last item
        reader.channel_element(sibling)


def _broken(
    reader: _Reader, exc: etree.XMLSyntaxError, head: bytes, root: Any, container: Any
) -> None:
    """Report where a document broke off, after reading what its channel held."""
    error = _syntax_error(exc, reader.source)
    # A break before any element ended still leaves a recognisable feed when the
    # document got as far as <rss><channel>.
    if container is None and root is not None:
        channel = root.find("{*}channel")
        container = root if reader.dialect.rdf else channel
    started = container is not None or bool(_CHANNEL_START_RE.search(_head_text(head)))
    if reader.strict or not started:
        raise error from None
    if container is not None and len(container):
        # Read what the channel holds.  Its last child may be where the document
        # broke: it is read only if text after it was parsed (its tail), the one
        # sign lxml leaves that it ended.
        last = container[-1]
        for sibling in container:
            if sibling is not last or last.tail is not None:
                reader.channel_element(sibling)
    reader.break_line = error.lineno
    reader.broken = True
    reader.problem(
        f"the document breaks off here ({error.msg}); items before it were read",
        error.lineno,
        error.colno,
    )


_ITEM_START_RE = re.compile(r"<item[\s>/]")


def _report_unread_items(
    reader: _Reader, data: bytes, articles: list[Article], break_line: int | None
) -> None:
    """After a break, report every ``<item>`` that did not become an article, by line."""
    # lxml numbers lines by "\n" alone, so several items can share a line (lone
    # "\r" line ends): count per line rather than look lines up.
    text = _head_text(data)
    read = Counter(article.lineno for article in articles)
    read.update(reader.failed_items)
    lineno, last = 1, 0
    for match in _ITEM_START_RE.finditer(text):
        lineno += text.count("\n", last, match.start())
        last = match.start()
        if read[lineno] > 0:
            read[lineno] -= 1
        else:
            where = "at its end" if break_line is None else f"at line {break_line}"
            reader.problem(f"item not read: the document breaks off {where}", lineno)


def _head_text(head: bytes) -> str:
    """Bytes as text, well enough to find tags and count lines (UTF-16 or ASCII-like)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head[1:2] == b"\x00":  # "<" then a zero byte: UTF-16 without a BOM, as XML allows
        return head.decode("utf-16-le", errors="replace")
    if head[:1] == b"\x00":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


def iter_rss(
    source: Source,
    *,
    strict: bool = False,
    on_problem: Report | None = None,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """Yield the articles of an RSS feed one at a time, with lxml's ``iterparse``.

    Items are freed once read, so memory stays flat on feeds of any size.
    Problems go to *on_problem*, or are emitted as :class:`ParseWarning`; with
    ``strict=True`` the first one raises :class:`ParseError`.  *encoding*
    overrides what the document declares (see :func:`parse_rss`).
    """
    if encoding is not None:
        check_encoding(encoding)  # an unknown name fails here, not at the first item
    reader = _Reader(source_name(source), strict, on_problem or warn_problem, cst_as_china)
    return _iter_rss(reader, source, None if isinstance(source, str) else encoding)


def _iter_rss(reader: _Reader, source: Source, encoding: str | None) -> Iterator[Article]:
    with open_binary(source) as file:
        yield from _stream(reader, file, encoding)


def parse_rss(
    source: Source,
    *,
    strict: bool = False,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Feed:
    """Parse an RSS 2.0 feed into a :class:`Feed`.

    The document is read in one pass, item by item as :func:`iter_rss` reads it
    (a small tree is faster to walk than a whole one).  If it is malformed,
    strict mode raises :class:`ParseError` with lxml's line and column; lenient
    mode returns every item that was complete before the break and a
    :class:`Problem` that says where it broke.  An Atom feed, an HTML page or an
    empty input raises :class:`ParseError` in either mode.

    Bytes are decoded as the document says (a byte order mark, the XML
    declaration), else as UTF-8 when they are, else as detected; *encoding*
    overrides all of that.  A ``str`` source is already text.

    Dates keep their offsets; ``HKT`` is UTC+8.  The zone name ``CST`` is read
    as RFC 822 defines it, US Central Time (−06:00); data from China usually
    means China Standard Time (+08:00) by it, which ``cst_as_china=True`` reads.
    """
    if encoding is not None:
        check_encoding(encoding)
    name = source_name(source)
    problems, report = collect_problems()
    reader = _Reader(name, strict, report, cst_as_china)
    data = read_bytes(source)
    articles = list(
        _stream(reader, io.BytesIO(data), None if isinstance(source, str) else encoding)
    )
    if reader.broken:
        _report_unread_items(reader, data, articles, reader.break_line)
    if feed_url := reader.meta.get("link"):
        # <link> after the items (unusual, but valid): the articles that took the
        # channel's feed URL get it now.
        articles = [
            attrs.evolve(a, feed_url=feed_url)
            if id(a) in reader.default_feed and a.feed_url != feed_url
            else a
            for a in articles
        ]
    return reader.feed(articles, problems)


# -- writing -------------------------------------------------------------------------------


def _add(parent: Any, tag: str, text: str | None, what: str, **attributes: str) -> Any:
    """Append an element; a text XML cannot carry is a :class:`RenderError`."""
    element = etree.SubElement(parent, tag, attributes)
    try:
        element.text = text
    except ValueError:
        raise RenderError(f"{what} holds characters XML cannot carry: {text!r}") from None
    return element


def render_rss(
    feed: Feed, *, on_error: Callable[[Article, RenderError], None] | None = None
) -> bytes:
    """Write *feed* as RSS 2.0 (UTF-8) that :func:`parse_rss` reads back to an equal feed.

    The channel always has the ``title``, ``link`` and ``description`` that RSS
    2.0 requires; those the feed lacks are written empty (and read back as
    ``None``).  ``Article.extra`` items that RSS has no element for, and a
    digest's Chinese title, summary and date, are written in the
    ``urn:scmpfeeds:extra`` namespace, so nothing is lost on the way.  Dates are
    written in English whatever the locale, as RFC 822 requires.

    Raises :class:`RenderError` for an article RSS cannot hold (fractions of a
    second in a date, characters XML forbids).  With *on_error*, such an article
    is left out instead, passed to *on_error* with its error, and the rest are
    written.
    """
    nsmap = {"atom": _ATOM, "dc": _DC, "media": _MEDIA_WRITE, "content": _CONTENT, "x": _EXTRA}
    rss = etree.Element("rss", version="2.0", nsmap=nsmap)
    channel = etree.SubElement(rss, "channel")
    for tag, value in (
        ("title", feed.title),
        ("link", feed.url),
        ("description", feed.description),
        ("language", feed.language),
    ):
        if value is not None or tag != "language":
            _add(channel, tag, value, f"the feed's {tag}")
    if feed.image_url is not None:
        _add(etree.SubElement(channel, "image"), "url", feed.image_url, "the feed's image URL")
    if feed.self_url is not None:
        etree.SubElement(channel, _ATOM_LINK, href=feed.self_url, rel="self")
    for key, value in feed.extra:
        _add(channel, _EXTRA_ITEM, value, f"the feed's extra item {key!r}", key=key)
    for article in feed.articles:
        item = etree.Element("item")
        try:
            _render_item(item, article)
            if article.feed_url != feed.url:  # RSS gives a feed URL per channel, not per item
                _add(item, _FEED_URL, article.feed_url, f"feed URL of {article.link!r}")
        except RenderError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
            continue
        channel.append(item)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _render_item(item: Any, article: Article) -> None:
    what = f"article {article.link!r}"
    _add(item, "title", article.title, f"title of {what}")
    if article.title_zh is not None:
        _add(item, _TITLE_ZH, article.title_zh, f"Chinese title of {what}")
    if article.summary_zh is not None:
        _add(item, _SUMMARY_ZH, article.summary_zh, f"Chinese summary of {what}")
    if article.digest_date is not None:
        _add(item, _DIGEST_DATE, article.digest_date.isoformat(), f"digest date of {what}")
    if article.link is not None:
        _add(item, "link", article.link, f"link of {what}")
    if article.published is not None:
        _add(item, "pubDate", _rfc822(article), f"date of {what}")
    for author in article.authors:
        if _split_authors(author) != [author]:
            raise RenderError(f"author {author!r} of {what} would not read back as one name")
        _add(item, _DC_CREATOR, author, f"author of {what}")
    for media in article.media:
        element = etree.SubElement(item, f"{{{_MEDIA_WRITE}}}content", url=media.url)
        for key in ("type", "width", "height", "duration", "medium"):
            if (value := getattr(media, key)) is not None:
                element.set(key, str(value))
        if media_kind(media.url, media.type, media.medium) != media.kind:
            element.set(_KIND, media.kind)
        if media.length is not None:
            etree.SubElement(item, "enclosure", url=media.url, length=media.length)
    if article.body:
        encoded = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article.body)
        _add(item, _CONTENT_ENCODED, encoded, f"body of {what}")
    # The parser fills extra in element order, so the elements that made these
    # items are written in the order of extra.
    has_html = False
    guid = None
    for key, value in article.extra:
        if key == _GUID:
            guid = _add(item, "guid", value, f"guid of {what}")
        elif key == _GUID_PERMALINK and guid is not None:
            guid.set("isPermaLink", value)
        elif key == _DESCRIPTION_HTML and _html_to_text(value) == article.summary:
            _add(item, "description", value, f"description of {what}")
            has_html = True
        elif key == _CATEGORY:
            _add(item, "category", value, f"category of {what}")
        else:
            _add(item, _EXTRA_ITEM, value, f"extra item {key!r} of {what}", key=key)
    if article.summary and not has_html:
        text = article.summary
        if text != text.strip():
            raise RenderError(f"summary of {what} has surrounding whitespace")
        if _TAG_RE.search(text) or _ENTITY_RE.search(text):
            text = html.escape(text, quote=False)  # so that it reads back as text
        _add(item, "description", text, f"summary of {what}")


def _rfc822(article: Article) -> str:
    published = article.published
    assert published is not None
    offset = published.utcoffset()
    assert offset is not None
    if offset.seconds % 60 or published.microsecond or published.year < 1000:
        raise RenderError(
            f"date of article {article.link!r} cannot be written as an RSS date "
            "(fractions of a second, seconds in the offset, or a year before 1000)"
        )
    # Not strftime: its day and month names follow the locale ("Fr, 07 Jun").
    return email.utils.format_datetime(published)
