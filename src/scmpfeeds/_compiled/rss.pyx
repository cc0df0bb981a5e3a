# cython: language_level=3
"""The compiled twin of ``scmpfeeds.rss._walk``: an ``<item>`` read in C.

:func:`item` walks the libxml2 nodes under one ``<item>`` through lxml's public
C API and builds its :class:`~scmpfeeds.Article` without making an lxml element
for each child.  It takes the shapes RSS 2.0 items have in practice (title, link,
pubDate, author or dc:creator, description, guid, enclosure, media:content or
media:thumbnail, category).  Anything else, and every item that is a problem,
goes to the reader's own :meth:`item`, the pure-Python reference, so the two
ways give equal articles and equal problems by construction; the parity tests
check it on generated, mutated and real feeds.
"""

from libc.string cimport strcmp

from lxml.includes cimport tree
from lxml.includes.etreepublic cimport (
    _Document,
    _Element,
    attributeValueFromNsName,
    elementFactory,
    import_lxml__etree,
    textOf,
)
from lxml.includes.tree cimport xmlChar, xmlNode

from scmpfeeds._dates import parse_rfc822_datetime
from scmpfeeds._ids import article_id, url_and_id

from scmpfeeds._compiled._records cimport new_article, new_media

import_lxml__etree()

cdef enum Kind:
    K_SKIP, K_TITLE, K_LINK, K_PUBDATE, K_AUTHOR, K_DESCRIPTION, K_GUID, K_ENCLOSURE, K_MEDIA,
    K_CATEGORY, K_ODD

cdef const char* _DC = b"http://purl.org/dc/elements/1.1/"
cdef const char* _MEDIA_RSSBOARD = b"http://www.rssboard.org/media-rss"
cdef const char* _MEDIA_YAHOO = b"http://search.yahoo.com/mrss/"
cdef const char* _EXTRA = b"urn:scmpfeeds:extra"

# The reference's helpers for what is rare (HTML in a description, several
# authors in one element, a medium of unknown kind); imported at the first call,
# once scmpfeeds.rss is loaded.
cdef object _split_authors = None
cdef object _html_to_text = None
cdef object _unescape = None
cdef object _media_kind = None
cdef object _tag_search = None
cdef object _entity_search = None
cdef object _http_match = None


cdef void _load_reference() except *:
    global _split_authors, _html_to_text, _unescape, _media_kind
    global _tag_search, _entity_search, _http_match
    import html
    from scmpfeeds.rss import _html, _media, _walk
    _split_authors, _html_to_text, _unescape = _walk._split_authors, _html._html_to_text, html.unescape
    _media_kind, _http_match = _media.media_kind, _walk._HTTP_RE.match
    _tag_search, _entity_search = _html._TAG_RE.search, _html._ENTITY_RE.search


cdef Kind _kind(xmlNode* node) noexcept:
    """What a child of an <item> is; K_ODD for whatever the reference must read."""
    cdef const char* name
    cdef const char* href
    if node.type != tree.XML_ELEMENT_NODE:
        if node.type == tree.XML_TEXT_NODE or node.type == tree.XML_COMMENT_NODE \
                or node.type == tree.XML_PI_NODE:
            return K_SKIP
        return K_ODD  # an entity reference, an XInclude marker, CDATA among the children
    name = <const char*>node.name
    if node.ns is NULL:
        if strcmp(name, b"title") == 0:
            return K_TITLE
        if strcmp(name, b"link") == 0:
            return K_LINK
        if strcmp(name, b"pubDate") == 0:
            return K_PUBDATE
        if strcmp(name, b"author") == 0:
            return K_AUTHOR
        if strcmp(name, b"description") == 0:
            return K_DESCRIPTION
        if strcmp(name, b"guid") == 0:
            return K_GUID
        if strcmp(name, b"enclosure") == 0:
            return K_ENCLOSURE
        if strcmp(name, b"category") == 0:
            return K_CATEGORY
        return K_ODD
    href = <const char*>node.ns.href
    if href is NULL:
        return K_ODD
    if strcmp(href, _DC) == 0:
        return K_AUTHOR if strcmp(name, b"creator") == 0 else K_ODD
    if strcmp(href, _MEDIA_YAHOO) == 0 or strcmp(href, _MEDIA_RSSBOARD) == 0:
        if strcmp(name, b"content") == 0 or strcmp(name, b"thumbnail") == 0:
            return K_MEDIA
    return K_ODD


cdef bint _only_text(xmlNode* node) noexcept:
    """Whether the element holds text alone (then lxml's ``.text`` is all its text)."""
    cdef xmlNode* child = node.children
    while child is not NULL:
        if child.type != tree.XML_TEXT_NODE and child.type != tree.XML_CDATA_SECTION_NODE:
            return False  # an element, an entity reference: the reference reads those
        child = child.next
    return True


cdef inline object _attribute(xmlNode* node, const char* name, const char* namespace):
    return attributeValueFromNsName(node, <const xmlChar*>namespace, <const xmlChar*>name)


cdef object _int(object value):
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


cdef void _add_media(dict found, xmlNode* node, bint enclosure) except *:
    """The twin of the reference's ``_add_media``: entries for one URL are merged."""
    cdef list known
    url = _attribute(node, b"url", NULL)
    if not url or not (url := url.strip()):
        return
    known = found.get(url)
    if known is None:
        if enclosure:
            found[url] = [_attribute(node, b"type", NULL), None, None, None,
                          _attribute(node, b"length", NULL), None, None]
        else:
            found[url] = [
                _attribute(node, b"type", NULL),
                _int(_attribute(node, b"width", NULL)),
                _int(_attribute(node, b"height", NULL)),
                _int(_attribute(node, b"duration", NULL)),
                None,
                _attribute(node, b"medium", NULL),
                _attribute(node, b"kind", _EXTRA),
            ]
        return
    if enclosure:
        if known[0] is None:
            known[0] = _attribute(node, b"type", NULL)
        if known[4] is None:
            known[4] = _attribute(node, b"length", NULL)
        return
    if known[0] is None:
        known[0] = _attribute(node, b"type", NULL)
    if known[1] is None:
        known[1] = _int(_attribute(node, b"width", NULL))
    if known[2] is None:
        known[2] = _int(_attribute(node, b"height", NULL))
    if known[3] is None:
        known[3] = _int(_attribute(node, b"duration", NULL))
    if known[5] is None:
        known[5] = _attribute(node, b"medium", NULL)
    if known[6] is None:
        known[6] = _attribute(node, b"kind", _EXTRA)


cdef object _kind_of(object url, object type_, object medium):
    """The reference's ``media_kind``, with its usual answers found without a regex."""
    if medium is not None:
        name = medium.strip().lower()
        if name == "image" or name == "video" or name == "audio":
            return name
    if type_ is not None:
        name = type_.strip().lower().partition("/")[0]
        if name == "image" or name == "video" or name == "audio":
            return name
    return _media_kind(url, type_, medium)


cdef tuple _media(dict found):
    made = []
    for url, fields in found.items():
        type_, width, height, duration, length, medium, kind = <list>fields
        if not (kind == "image" or kind == "video" or kind == "audio" or kind == "other"):
            kind = _kind_of(url, type_, medium)
        made.append(new_media(url, kind, type_, width, height, duration, length, medium))
    return tuple(made)


cdef tuple _unique(list names):
    """``tuple(dict.fromkeys(names))``, without the dict for the usual one or two names."""
    cdef Py_ssize_t count = len(names)
    if count == 0:
        return ()
    if count == 1 or (count == 2 and names[0] == names[1]):
        return (names[0],)
    return tuple(dict.fromkeys(names))


cdef object _line(xmlNode* node, _Document doc, object element):
    """lxml's ``sourceline``: libxml2 keeps lines up to 65,534 in the node itself."""
    if 0 < node.line < 65535:
        return node.line
    if element is None:
        element = elementFactory(doc, node)
    return element.sourceline


def item(reader, element):
    """Read one ``<item>`` as ``reader.item(element)`` does, in C where it can."""
    cdef _Element proxy = <_Element?>element
    return _read(reader, proxy._c_node, proxy._doc, element)


cdef object _fallback(reader, xmlNode* c_item, _Document doc, object element):
    if element is None:
        element = elementFactory(doc, c_item)
    return reader.item(element)


cdef object _read(reader, xmlNode* c_item, _Document doc, object element):
    """The article of one ``<item>``; the reference reads any item this cannot."""
    if _http_match is None:
        _load_reference()
    if reader.prefix:  # a namespaced dialect (RSS 1.0, 0.90): the reference reads it
        return _fallback(reader, c_item, doc, element)
    cdef xmlNode* child = c_item.children
    cdef Kind kind
    title = link = guid = pub_date = None
    summary = ""
    authors = []
    media = {}
    extra = []
    while child is not NULL:
        kind = _kind(child)
        if kind == K_SKIP:
            child = child.next
            continue
        if kind == K_ODD:
            return _fallback(reader, c_item, doc, element)
        if kind == K_ENCLOSURE:
            _add_media(media, child, True)
        elif kind == K_MEDIA:
            _add_media(media, child, False)
        else:
            if not _only_text(child):
                return _fallback(reader, c_item, doc, element)
            text = textOf(child)
            if kind == K_TITLE:
                title = text or ""
            elif kind == K_LINK:
                link = text
            elif kind == K_PUBDATE:
                pub_date = text
            elif kind == K_AUTHOR:
                name = (text or "").strip()
                if "," in name or " and " in name or "@" in name:
                    authors.extend(_split_authors(name))
                elif name:
                    authors.append(name)
            elif kind == K_DESCRIPTION:
                summary = (text or "").strip()
                if "<" in summary and _tag_search(summary):
                    extra.append(("description html", summary))
                    summary = _html_to_text(summary)
                elif "&" in summary and _entity_search(summary):
                    summary = _unescape(summary)
            elif kind == K_GUID:
                guid = (text or "").strip()
                extra.append(("guid", guid))
                permalink = _attribute(child, b"isPermaLink", NULL)
                if permalink is not None:
                    extra.append(("guid isPermaLink", permalink))
            else:  # K_CATEGORY
                extra.append(("category", (text or "").strip()))
        child = child.next
    link = (link or "").strip() or guid or None
    title = (title or "").strip()
    if not title and not summary and link is None:
        return _fallback(reader, c_item, doc, element)  # a problem: the reference reports it
    published = None
    if pub_date is not None:
        try:
            published = parse_rfc822_datetime(pub_date, cst_as_china=reader.cst_as_china)
        except ValueError:
            return _fallback(reader, c_item, doc, element)
    url = found_id = None
    if link is not None and (link.startswith(("http://", "https://")) or _http_match(link)):
        url, found_id = url_and_id(link)
    if found_id is None and guid:
        found_id = article_id(guid)
    channel_link = reader.meta.get("link")
    article = new_article(
        title, link, url, found_id, summary, published, channel_link, _unique(authors),
        _media(media) if media else (), (), None, None, None, tuple(extra), reader.source,
        _line(c_item, doc, element),
    )
    if channel_link is None:
        reader.default_feed.add(id(article))
    return article


def take(reader, element, container, item_tag):
    """The twin of the reference's ``_take``: read an ended ``<item>``, then free it."""
    cdef _Element item_proxy = <_Element?>element
    cdef xmlNode* c_item = item_proxy._c_node
    cdef xmlNode* c_node
    cdef _Element parent
    if container is None or c_item.parent is not (<_Element?>container)._c_node:
        reader.stray_item(element)
        return None
    parent = <_Element>container
    c_node = parent._c_node.children
    while c_node is not NULL and c_node is not c_item:  # what precedes it, not yet read
        if c_node.type == tree.XML_ELEMENT_NODE:
            sibling = elementFactory(parent._doc, c_node)
            if sibling.tag != item_tag:
                reader.channel_element(sibling)
        c_node = c_node.next
    article = _read(reader, c_item, item_proxy._doc, element)
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del container[0]
    return article


cdef bint _is_item(xmlNode* node) noexcept:
    return node.type == tree.XML_ELEMENT_NODE and strcmp(<const char*>node.name, b"item") == 0


cdef bint _stray_items(xmlNode* top, xmlNode* container) noexcept:
    """Whether an element named item (in any namespace) is anything but a plain child
    of *container*."""
    cdef xmlNode* node = top.children
    while node is not NULL:
        if node.type == tree.XML_ELEMENT_NODE:
            if _is_item(node) and (node.parent is not container or node.ns is not NULL):
                return True
            if node.children is not NULL:
                node = node.children
                continue
        while node.next is NULL:
            node = node.parent
            if node is top:
                return False
        node = node.next
    return False


def channel(reader, root, container):
    """Read the channel of a small RSS 2.0 document parsed whole, in document order.

    Returns None, having read nothing, when an ``<item>`` is out of place: the
    streaming reference reads (and reports) those.
    """
    cdef _Element top = <_Element?>root
    cdef _Element parent = <_Element?>container
    cdef xmlNode* c_node
    if _stray_items(top._c_node, parent._c_node):
        return None
    articles = []
    c_node = parent._c_node.children
    while c_node is not NULL:
        if c_node.type == tree.XML_ELEMENT_NODE:  # (the reference passes over the rest)
            if _is_item(c_node):
                article = _read(reader, c_node, parent._doc, None)
                if article is not None:
                    articles.append(article)
            else:
                reader.channel_element(elementFactory(parent._doc, c_node))
        c_node = c_node.next
    return articles
