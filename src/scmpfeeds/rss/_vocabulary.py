"""The names RSS items are read and written by: namespaces, tags, and what each child is."""

from __future__ import annotations

from typing import Any

import attrs

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
_FEED_TITLE = f"{{{_EXTRA}}}feed_title"
# An author written verbatim: a name that dc:creator would split or strip ("Smith, J.").
_AUTHOR = f"{{{_EXTRA}}}author"
_LANGUAGE = f"{{{_EXTRA}}}language"
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
_K_OWN_AUTHOR = object()
_ITEM_CHILDREN: dict[Any, object] = {
    "title": _K_TITLE,
    "link": _K_LINK,
    "pubDate": _K_PUBDATE,
    "author": _K_AUTHOR,
    _DC_CREATOR: _K_AUTHOR,
    _AUTHOR: _K_OWN_AUTHOR,
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
        (
            _CONTENT_ENCODED,
            _DC_DATE,
            _EXTRA_ITEM,
            _TITLE_ZH,
            _SUMMARY_ZH,
            _FEED_URL,
            _FEED_TITLE,
            _LANGUAGE,
            _DIGEST_DATE,
        ),
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
