"""The item walk: each ``<item>`` (and the channel's other children) read into records."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import attrs
from lxml import etree

from .._dates import parse_iso_datetime, parse_rfc822_datetime
from .._ids import article_id, url_and_id
from .._model import Article, Feed, Media, Problem, _unchecked_article
from .._source import Report
from ..errors import ParseError
from ._html import _ENTITY_RE, _TAG_RE, _html_paragraphs, _html_to_text
from ._media import _add_media, _media
from ._vocabulary import (
    _ATOM_LINK,
    _CATEGORY,
    _CONTENT_ENCODED,
    _DC_DATE,
    _DC_DESCRIPTION,
    _DC_LANGUAGE,
    _DC_TITLE,
    _DESCRIPTION_HTML,
    _DIGEST_DATE,
    _EXTRA_ITEM,
    _FEED_TITLE,
    _FEED_URL,
    _GUID,
    _GUID_PERMALINK,
    _K_AUTHOR,
    _K_CATEGORY,
    _K_DC_DESCRIPTION,
    _K_DC_TITLE,
    _K_DCTERMS_DATE,
    _K_DESCRIPTION,
    _K_ENCLOSURE,
    _K_GUID,
    _K_LINK,
    _K_MEDIA,
    _K_MEDIA_GROUP,
    _K_OTHER,
    _K_OURS,
    _K_OWN_AUTHOR,
    _K_PUBDATE,
    _K_TITLE,
    _NAMESPACE_PREFIXES,
    _SUMMARY_ZH,
    _TITLE_ZH,
    _Dialect,
    _kinds,
)

_HTTP_RE = re.compile(r"https?://", re.IGNORECASE)
_AUTHOR_EMAIL_RE = re.compile(r"\S+@\S+\s+\((.+)\)")


# Where the channel keeps the value each article takes by default.
_CHANNEL_KEYS = {"feed_url": "link", "feed_title": "title", "language": "language"}
# The elements of our namespace (written by render_rss) that give an article its own.
_OWN_KEYS = {"feed_url": "own_feed", "feed_title": "own_title", "language": "own_language"}


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
        #: Articles made while the channel's <link>, <title> or <language> was not yet
        #: read, by id(): the fields each took from the channel (see :meth:`took`).
        self.defaulted: dict[int, tuple[str, ...]] = {}
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

    def took(self, article: Article, fields: tuple[str, ...]) -> None:
        """Note that *article* took *fields* (of ``feed_url``, ``feed_title`` and
        ``language``) from the channel; those not known yet are filled in at the end,
        for a channel may give its ``<link>``, ``<title>`` or ``<language>`` after
        its items."""
        meta = self.meta
        missing = tuple(f for f in fields if meta.get(_CHANNEL_KEYS[f]) is None)
        if missing:
            self.defaulted[id(article)] = missing

    def channel_values(self, article: Article) -> Article:
        """*article* with what it took from the channel before the channel gave it."""
        fields = self.defaulted.get(id(article))
        if fields is None:
            return article
        meta = self.meta
        values: dict[str, Any] = {f: meta.get(_CHANNEL_KEYS[f]) for f in fields}
        if all(getattr(article, f) == v for f, v in values.items()):
            return article
        return attrs.evolve(article, **values)

    def item(self, element: Any) -> Article | None:
        try:
            return self._item(element)
        except _ItemProblem as exc:
            self.failed_items.append(element.sourceline)
            self.problem(exc.message, exc.lineno, None, _raw(element))
            return None

    def _item(self, item: Any) -> Article:
        """Read the children every feed has here; the rest go to :meth:`_rare`."""
        title = link = guid = pub_date = None
        date_element = item
        summary = ""
        described = False
        authors: list[str] = []
        media: dict[str, list[Any]] = {}
        extra: list[tuple[str, str]] = []
        rare: dict[str, Any] = {}
        kinds = self.kinds
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
            elif kind is _K_OWN_AUTHOR:
                authors.append(child.text or "")
            elif kind is _K_DESCRIPTION:
                described = True
                summary = _all_text(child).strip()
                if len(child):  # markup written as elements (an inline SVG, MathML): kept
                    extra.append((_DESCRIPTION_HTML, _inner_xml(child)))
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
            elif kind is _K_CATEGORY:
                extra.append((_CATEGORY, (child.text or "").strip()))
            else:
                self._rare(child, kind, rare, media, extra)
        if pub_date is not None:
            rare["date"] = (_K_PUBDATE, pub_date, date_element)
        link = (link or "").strip() or guid or None  # the guid stands in for a missing link
        authors_ = tuple(dict.fromkeys(authors))
        media_ = _media(media) if media else ()
        present = title is not None or described
        title = (title or "").strip()
        return self._article(
            item, present, title, link, guid, summary, rare, extra, authors_, media_
        )

    def _rare(
        self,
        child: Any,
        kind: object,
        rare: dict[str, Any],
        media: dict[str, list[Any]],
        extra: list[tuple[str, str]],
    ) -> None:
        """Read a child few feeds have: ours, Dublin Core's, a media group, any other."""
        if kind is _K_OURS:
            self._ours(child, rare, extra)
        elif kind is _K_MEDIA_GROUP:
            for grandchild in child:
                if self.kinds.get(grandchild.tag) is _K_MEDIA:
                    _add_media(media, grandchild, False)
        elif kind is _K_DC_TITLE:
            rare["dc_title"] = _all_text(child).strip()
        elif kind is _K_DC_DESCRIPTION:
            rare["dc_description"] = _all_text(child).strip()
        elif kind is _K_DCTERMS_DATE:
            if rare.get("alt_date", (None, None, None))[1] is None:  # the first with a text
                rare["alt_date"] = (_K_DCTERMS_DATE, child.text, child)
            extra.append((_qualified(child), _all_text(child).strip()))
        elif child.tag == self.item_tag:  # never dropped, never mistaken for the outer item
            self.failed_items.append(child.sourceline)
            self.problem("an <item> inside another <item>", child.sourceline, None, _raw(child))
        elif isinstance(child.tag, str):  # not a comment or processing instruction
            extra.append((_qualified(child), _all_text(child).strip()))

    @staticmethod
    def _ours(child: Any, rare: dict[str, Any], extra: list[tuple[str, str]]) -> None:
        """``content:encoded``, ``dc:date`` and what ``render_rss`` writes in our namespace."""
        tag = child.tag
        if tag == _CONTENT_ENCODED:
            rare["body"] = _html_paragraphs(child.text or "")
        elif tag == _DC_DATE:
            rare["dc_date"] = (_DC_DATE, child.text, child)
        elif tag == _EXTRA_ITEM:
            extra.append((child.get("key", ""), child.text or ""))
        elif tag == _TITLE_ZH:
            rare["title_zh"] = child.text or ""
        elif tag == _SUMMARY_ZH:
            rare["summary_zh"] = child.text or ""
        elif tag == _DIGEST_DATE:
            rare["digest_date"] = (child.text, child)
        elif tag == _FEED_URL:
            rare["own_feed"] = child.text or None
        elif tag == _FEED_TITLE:
            rare["own_title"] = child.text or None
        else:  # _LANGUAGE
            rare["own_language"] = child.text or None

    def _article(
        self,
        item: Any,
        present: bool,
        title: str,
        link: str | None,
        guid: str | None,
        summary: str,
        rare: dict[str, Any],
        extra: list[tuple[str, str]],
        authors: tuple[str, ...],
        media: tuple[Media, ...],
    ) -> Article:
        """The record, once Dublin Core has stood in for what RSS left out.

        *present* says whether the item has a ``<title>`` or a ``<description>``,
        even empty: RSS 2.0 requires one of them, so an item with neither (only a
        link, say) is a problem, which holds the item's raw text, not an article.
        """
        if rare:
            present = present or "dc_title" in rare or "dc_description" in rare
            if (dc_title := rare.get("dc_title")) is not None:
                if title:
                    extra.append(("dc:title", dc_title))
                else:
                    title = dc_title
            if (dc_description := rare.get("dc_description")) is not None:
                if summary:
                    extra.append(("dc:description", dc_description))
                else:
                    summary = _html_to_text(dc_description)
        if not present:
            raise _ItemProblem(
                "an <item> with neither <title> nor <description> (RSS 2.0 requires one)",
                item.sourceline,
            )
        published = self._published(rare) if rare else None
        day = self._digest_date(rare["digest_date"]) if "digest_date" in rare else None
        url: str | None = None
        found_id: int | None = None
        if link is not None and _HTTP_RE.match(link):
            url, found_id = url_and_id(link)
        if found_id is None and guid:
            found_id = article_id(guid)
        meta = self.meta
        own = {
            field: rare[key]
            for field, key in _OWN_KEYS.items()
            if key in rare
        }  # fmt: skip
        article = _unchecked_article(
            title=title, link=link, url=url, id=found_id, summary=summary, published=published,
            feed_url=own.get("feed_url", meta.get("link")),
            feed_title=own.get("feed_title", meta.get("title")),
            language=own.get("language", meta.get("language")),
            authors=authors, media=media, body=rare.get("body", ()),
            title_zh=rare.get("title_zh"), summary_zh=rare.get("summary_zh"), digest_date=day,
            extra=tuple(extra), source=self.source, lineno=item.sourceline,
        )  # fmt: skip
        if len(own) < len(_OWN_KEYS):
            self.took(article, tuple(f for f in _CHANNEL_KEYS if f not in own))
        return article

    def _digest_date(self, found: tuple[str | None, Any]) -> date | None:
        """Our ``x:digest_date``; a bad one costs that field, not the article."""
        text, element = found
        try:
            return date.fromisoformat((text or "").strip())
        except ValueError:
            self.problem(f"invalid digest date {text!r}", element.sourceline, None, _raw(element))
            return None

    def _published(self, rare: dict[str, Any]) -> datetime | None:
        """``pubDate``, else ``dc:date``, else ``dcterms:issued`` or ``modified``.

        A date that cannot be read costs that field, not the article: it is
        reported (raised in strict mode) and the article has no date.
        """
        for key in ("date", "dc_date", "alt_date"):
            kind, text, element = rare.get(key, (None, None, None))
            if text is not None:
                break
        else:
            return None
        try:
            if kind is _K_PUBDATE:
                return parse_rfc822_datetime(text, cst_as_china=self.cst_as_china)
            return parse_iso_datetime(text.strip())
        except ValueError as exc:
            what = "<pubDate>" if kind is _K_PUBDATE else "<dc:date>"
            message = f"invalid {what}: {exc}; the article is kept without a date"
            self.problem(message, element.sourceline, None, _raw(element))
            return None

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


def _inner_xml(element: Any) -> str:
    """What an element holds, as XML text: its text, then each child with its tail."""
    parts = [html.escape(element.text or "", quote=False)]
    parts.extend(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
    return "".join(parts).strip()


def _raw(element: Any) -> str:
    try:
        return etree.tostring(element, encoding="unicode", with_tail=False)
    except (ValueError, TypeError):  # pragma: no cover - a tree lxml built serialises
        return ""
