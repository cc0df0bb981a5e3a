# cython: language_level=3
"""The compiled twin of ``scmpfeeds.rss._walk``: an ``<item>`` read in C, from
lxml's tree or, for a plain document, from expat's events without a tree (the
scan at the end of this module).

:func:`item` walks the libxml2 nodes under one ``<item>`` through lxml's public
C API and builds its :class:`~scmpfeeds.Article` without making an lxml element
for each child.  It takes the shapes RSS 2.0 items have in practice (title, link,
pubDate, author or dc:creator, description, guid, enclosure, media:content or
media:thumbnail, category).  Anything else, and every item that is a problem,
goes to the reader's own :meth:`item`, the pure-Python reference, so the two
ways give equal articles and equal problems by construction; the parity tests
check it on generated, mutated and real feeds.
"""

cimport cython
from cpython.datetime cimport datetime_new, import_datetime
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport memchr, memcmp, memcpy, strchr, strcmp, strlen, strncmp

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
from scmpfeeds._ids import SCMP_TRACKING_TAIL, article_id, url_and_id

from scmpfeeds._compiled._records cimport new_article, new_media

import_lxml__etree()
import_datetime()

from datetime import timedelta, timezone

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
        return _plain_kind(name)
    href = <const char*>node.ns.href
    if href is NULL:
        return K_ODD
    if strcmp(href, _DC) == 0:
        return K_AUTHOR if strcmp(name, b"creator") == 0 else K_ODD
    if strcmp(href, _MEDIA_YAHOO) == 0 or strcmp(href, _MEDIA_RSSBOARD) == 0:
        if strcmp(name, b"content") == 0 or strcmp(name, b"thumbnail") == 0:
            return K_MEDIA
    return K_ODD


cdef Kind _plain_kind(const char* name) noexcept:
    """What a child of an <item> named without a namespace is."""
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


cdef bint _only_text(xmlNode* node) noexcept:
    """Whether the element holds text alone (then lxml's ``.text`` is all its text)."""
    cdef xmlNode* child = node.children
    while child is not NULL:
        if child.type != tree.XML_TEXT_NODE and child.type != tree.XML_CDATA_SECTION_NODE:
            return False  # an element, an entity reference: the reference reads those
        child = child.next
    return True


cdef object _attribute(xmlNode* node, const char* name, const char* namespace):
    """lxml's ``element.get``, reading the attribute's one text node where it has one."""
    cdef tree.xmlAttr* attr = node.properties
    cdef xmlNode* value
    while attr is not NULL:
        if strcmp(<const char*>attr.name, name) == 0 and (
            (attr.ns is NULL and namespace is NULL)
            or (attr.ns is not NULL and namespace is not NULL
                and attr.ns.href is not NULL
                and strcmp(<const char*>attr.ns.href, namespace) == 0)
        ):
            value = attr.children
            if value is NULL:
                return ""
            if value.next is NULL and value.type == tree.XML_TEXT_NODE:
                return PyUnicode_DecodeUTF8(<const char*>value.content,
                                            strlen(<const char*>value.content), NULL)
            break  # several nodes: libxml2 joins them
        attr = attr.next
    if attr is NULL and node.doc.intSubset is NULL:
        return None  # (with a DTD, a declared default may stand in: libxml2 knows)
    return attributeValueFromNsName(node, <const xmlChar*>namespace, <const xmlChar*>name)


cdef object _int(object value):
    """``int(value)``, None when it is not a whole number; plain digits read here."""
    cdef Py_ssize_t size, index
    cdef long number = 0
    cdef Py_UCS4 digit
    if value is None:
        return None
    size = len(<str>value)
    if 0 < size < 10:
        for index in range(size):
            digit = (<str>value)[index]
            if digit < 48 or digit > 57:
                break
            number = number * 10 + <long>(<int>digit - 48)
        else:
            return number
    try:
        return int(value)
    except ValueError:
        return None


cdef void _add_media(dict found, xmlNode* node, bint enclosure) except *:
    """The twin of the reference's ``_add_media``, reading a libxml2 node's attributes."""
    url = _attribute(node, b"url", NULL)
    if not url or not (url := url.strip()):
        return
    if enclosure:
        _merge_media(found, url, True, _attribute(node, b"type", NULL), None, None, None,
                     _attribute(node, b"length", NULL), None, None)
    else:
        _merge_media(
            found, url, False, _attribute(node, b"type", NULL),
            _int(_attribute(node, b"width", NULL)), _int(_attribute(node, b"height", NULL)),
            _int(_attribute(node, b"duration", NULL)), None, _attribute(node, b"medium", NULL),
            _attribute(node, b"kind", _EXTRA),
        )


cdef void _merge_media(dict found, object url, bint enclosure, object type_, object width,
                       object height, object duration, object length, object medium,
                       object kind) except *:
    """One enclosure's or medium's values (*url* already stripped, not empty), merged
    with what is known of that URL: the first value of each field stands."""
    cdef list known = found.get(url)
    if known is None:
        found[url] = [type_, width, height, duration, length, medium, kind]
        return
    if known[0] is None:
        known[0] = type_
    if enclosure:
        if known[4] is None:
            known[4] = length
        return
    if known[1] is None:
        known[1] = width
    if known[2] is None:
        known[2] = height
    if known[3] is None:
        known[3] = duration
    if known[5] is None:
        known[5] = medium
    if known[6] is None:
        known[6] = kind


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
        made.append(new_media(
            url=url, kind=kind, type=type_, width=width, height=height, duration=duration,
            length=length, medium=medium,
        ))
    return tuple(made)


# -- the record's fields in C: SCMP's usual date and link shapes ---------------------

cdef dict _zones = {}  # minutes east of UTC -> timezone
cdef tuple _CHANNEL_FIELDS = ("feed_url", "feed_title", "language")


@cython.boundscheck(False)
@cython.wraparound(False)
cdef inline int _number(str text, Py_ssize_t start, Py_ssize_t count) noexcept:
    """The ASCII digits text[start:start + count] as a number, or -1."""
    cdef int value = 0
    cdef Py_ssize_t index
    cdef Py_UCS4 digit
    for index in range(start, start + count):
        digit = text[index]
        if digit < 48 or digit > 57:
            return -1
        value = value * 10 + (<int>digit - 48)
    return value


@cython.boundscheck(False)
@cython.wraparound(False)
cdef int _month(str text, Py_ssize_t start) noexcept:
    """1-12 for ``Jan``..``Dec`` (as written, title case) at text[start:start + 3], else 0."""
    cdef const char* names = b"JanFebMarAprMayJunJulAugSepOctNovDec"
    cdef int month
    for month in range(12):
        if text[start] == names[3 * month] and text[start + 1] == names[3 * month + 1] \
                and text[start + 2] == names[3 * month + 2]:
            return month + 1
    return 0


cdef object _date(str text, bint cst_as_china):
    """``parse_rfc822_datetime``: ``Thu, 16 Apr 2026 07:00:36 +0000`` read here, the
    rest (and anything invalid, for its message) by the reference."""
    cdef int month, year, day, hour, minute, second, zone_hours, zone_minutes, offset
    cdef Py_UCS4 sign
    if len(text) == 31 and text[25] == u" " and text[19] == u":" and text[22] == u":":
        month = _month(text, 8)
        sign = text[26]
        year, day = _number(text, 12, 4), _number(text, 5, 2)
        hour, minute, second = _number(text, 17, 2), _number(text, 20, 2), _number(text, 23, 2)
        zone_hours, zone_minutes = _number(text, 27, 2), _number(text, 29, 2)
        if month and (sign == u"+" or sign == u"-") and year >= 1 and day >= 0 \
                and 0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60 \
                and 0 <= zone_hours < 24 and 0 <= zone_minutes < 60:
            offset = zone_hours * 60 + zone_minutes
            if sign == u"-":
                offset = -offset
            zone = _zones.get(offset)
            if zone is None:
                zone = _zones[offset] = timezone(timedelta(minutes=offset))
            try:
                return datetime_new(year, month, day, hour, minute, second, 0, zone)
            except ValueError:
                pass  # (a day the month has not): the reference says so
    return parse_rfc822_datetime(text, cst_as_china=cst_as_china)


@cython.boundscheck(False)
@cython.wraparound(False)
cdef inline bint _at(str text, Py_ssize_t start, const char* word, Py_ssize_t size) noexcept:
    """Whether the ASCII *word* stands at text[start] (which holds *size* more characters)."""
    cdef Py_ssize_t index
    for index in range(size):
        if text[start + index] != <Py_UCS4>word[index]:
            return False
    return True


@cython.boundscheck(False)
@cython.wraparound(False)
cdef object _url_and_id(str link):
    """``url_and_id``: a plain ASCII link on https://www.scmp.com/ read here."""
    cdef Py_ssize_t size = len(link), end, start, index
    cdef Py_UCS4 char
    if size <= 21 or not link.startswith(u"https://www.scmp.com/") or link[size - 1].isspace():
        return url_and_id(link)
    end = size
    for index in range(20, size):
        char = link[index]
        if char == u"?" or char == u"#":
            end = index
            break
        if char >= 128 or char == u"\n":  # (the reference's pattern knows other digits)
            return url_and_id(link)
    if end != size and not (size - end == len(SCMP_TRACKING_TAIL)
                            and link.endswith(SCMP_TRACKING_TAIL)):
        return url_and_id(link)  # which parameters are tracking: the reference knows
    base = link[:end]
    # The last "/article/<digits>" that ends its segment.
    for start in range(end - 10, 19, -1):
        if not _at(link, start, b"/article/", 9):
            continue
        index = start + 9
        while index < end and u"0" <= link[index] <= u"9":
            index += 1
        if index > start + 9 and (index == end or link[index] == u"/"):
            return base, int(link[start + 9:index])
    return base, None


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


@cython.final
@cython.freelist(8)
@cython.no_gc  # (it holds strings, and lists and a dict of strings: never a cycle)
cdef class _Item:
    """What one ``<item>``'s children say, child by child, and the article they make:
    shared by the walk over libxml2's nodes and the tree-less scan below."""

    cdef object title, link, guid, pub_date, summary
    cdef bint described
    cdef list authors, extra
    cdef dict media

    def __cinit__(self):
        self.summary = ""
        self.authors = []
        self.extra = []
        self.media = {}

    cdef void text(self, Kind kind, object text, object permalink) except *:
        """A child holding text alone (*text* None when it holds none); *permalink*
        is a ``<guid>``'s ``isPermaLink``."""
        if kind == K_TITLE:
            self.title = text or ""
        elif kind == K_LINK:
            self.link = text
        elif kind == K_PUBDATE:
            self.pub_date = text
        elif kind == K_AUTHOR:
            name = (text or "").strip()
            if "," in name or " and " in name or "@" in name:
                self.authors.extend(_split_authors(name))
            elif name:
                self.authors.append(name)
        elif kind == K_DESCRIPTION:
            self.described = True
            summary = (text or "").strip()
            if "<" in summary and _tag_search(summary):
                self.extra.append(("description html", summary))
                summary = _html_to_text(summary)
            elif "&" in summary and _entity_search(summary):
                summary = _unescape(summary)
            self.summary = summary
        elif kind == K_GUID:
            guid = (text or "").strip()
            self.guid = guid
            self.extra.append(("guid", guid))
            if permalink is not None:
                self.extra.append(("guid isPermaLink", permalink))
        else:  # K_CATEGORY
            self.extra.append(("category", (text or "").strip()))

    cdef object build(self, reader, object lineno):
        """The article; None when the reference must read the item (a problem)."""
        link = (self.link or "").strip() or self.guid or None
        if self.title is None and not self.described:
            return None  # (the reference reports it)
        title = (self.title or "").strip()
        published = None
        if self.pub_date is not None:
            try:
                published = _date(self.pub_date, reader.cst_as_china)
            except ValueError:
                return None
        url = found_id = None
        if link is not None and (link.startswith(("http://", "https://")) or _http_match(link)):
            url, found_id = _url_and_id(link)
        guid = self.guid
        if found_id is None and guid:
            found_id = article_id(guid)
        meta = reader.meta
        channel_link, channel_title = meta.get("link"), meta.get("title")
        channel_language = meta.get("language")
        article = new_article(
            title=title, link=link, url=url, id=found_id, summary=self.summary,
            published=published, feed_url=channel_link, feed_title=channel_title,
            language=channel_language, authors=_unique(self.authors),
            media=_media(self.media) if self.media else (), body=(), title_zh=None,
            summary_zh=None, digest_date=None, extra=tuple(self.extra), source=reader.source,
            lineno=lineno,
        )
        if channel_link is None or channel_title is None or channel_language is None:
            reader.took(article, _CHANNEL_FIELDS)
        return article


cdef object _read(reader, xmlNode* c_item, _Document doc, object element):
    """The article of one ``<item>``; the reference reads any item this cannot."""
    if _http_match is None:
        _load_reference()
    if reader.prefix:  # a namespaced dialect (RSS 1.0, 0.90): the reference reads it
        return _fallback(reader, c_item, doc, element)
    cdef xmlNode* child = c_item.children
    cdef Kind kind
    cdef _Item item = _Item()
    while child is not NULL:
        kind = _kind(child)
        if kind == K_SKIP:
            child = child.next
            continue
        if kind == K_ODD:
            return _fallback(reader, c_item, doc, element)
        if kind == K_ENCLOSURE:
            _add_media(item.media, child, True)
        elif kind == K_MEDIA:
            _add_media(item.media, child, False)
        else:
            if not _only_text(child):
                return _fallback(reader, c_item, doc, element)
            item.text(kind, textOf(child),
                      _attribute(child, b"isPermaLink", NULL) if kind == K_GUID else None)
        child = child.next
    article = item.build(reader, _line(c_item, doc, element))
    if article is None:
        return _fallback(reader, c_item, doc, element)
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


cdef bint _holds_item(xmlNode* top) noexcept:
    """Whether *top* or an element under it is named item (in any namespace)."""
    cdef xmlNode* node = top
    if top.type != tree.XML_ELEMENT_NODE:
        return False
    while True:
        if node.type == tree.XML_ELEMENT_NODE:
            if _is_item(node):
                return True
            if node.children is not NULL:
                node = node.children
                continue
        if node is top:
            return False
        while node.next is NULL:
            node = node.parent
            if node is top:
                return False
        node = node.next


cdef bint _item_within(xmlNode* item) noexcept:
    cdef xmlNode* child = item.children
    while child is not NULL:
        if child.type == tree.XML_ELEMENT_NODE and child.children is not NULL \
                and _holds_item(child):
            return True
        if _is_item(child):
            return True
        child = child.next
    return False


def channel(reader, root, container):
    """Read the channel of a small RSS 2.0 document parsed whole, in document order.

    Returns None as soon as an ``<item>`` is found out of place (anywhere but a
    plain child of the channel): the streaming reference reads and reports those,
    and the caller drops this *reader* with what it read.  Each part of the tree
    is checked just before it is read, while it is in the CPU's caches.
    """
    cdef _Element top = <_Element?>root
    cdef _Element parent = <_Element?>container
    cdef xmlNode* c_channel = parent._c_node
    cdef xmlNode* c_node = top._c_node.children
    while c_node is not NULL and c_node is not c_channel:  # what precedes the channel
        if _holds_item(c_node):
            return None
        c_node = c_node.next
    articles = []
    c_node = c_channel.children
    while c_node is not NULL:
        if c_node.type == tree.XML_ELEMENT_NODE:  # (the reference passes over the rest)
            if _is_item(c_node):
                if c_node.ns is not NULL or _item_within(c_node):
                    return None
                article = _read(reader, c_node, parent._doc, None)
                if article is not None:
                    articles.append(article)
            elif _holds_item(c_node):
                return None
            else:
                reader.channel_element(elementFactory(parent._doc, c_node))
        c_node = c_node.next
    c_node = c_channel.next
    while c_node is not NULL:  # what follows it
        if _holds_item(c_node):
            return None
        c_node = c_node.next
    return articles


def date(text, cst_as_china=False):
    """The compiled ``parse_rfc822_datetime`` (for the parity tests)."""
    return _date(text, cst_as_china)


def link_parts(link):
    """The compiled ``url_and_id`` (for the parity tests)."""
    return _url_and_id(link)


# -- the tree-less scan: expat, through CPython's pyexpat capsule -------------------------
#
# A plain RSS 2.0 document whose items are of the shapes _Item knows is read in one
# pass of expat (the tokenizer CPython ships), with C callbacks that fill an _Item
# per <item>: no tree is built.  The scan only ever *declines*: at anything it is
# not sure lxml would read the same way (a DOCTYPE, an element it does not know in
# an item, markup inside a field, a comment in a field, an <item> anywhere but in
# the channel, an element of the channel after the items, a malformed document),
# it returns None and the document is read through lxml's tree as before, from the
# start.  So what it gives is what the tree walk gives (the parity tests hold it
# so), and every problem is still reported by the reference.
#
# The capsule has no function for the current line or byte offset, so each item's
# line is found in the bytes: every "<item" in the document must be an item's
# start tag spelled "<item>", as many as expat found items (a comment or CDATA
# section holding one makes the counts differ, and the scan declines).  From line
# 65,535 on, libxml2 gives an element the line of its first child (see _big_line).
#
# Security is the tree walk's: a document that holds "<!DOCTYPE" or "<!ENTITY"
# anywhere is not scanned (lxml refuses its entities), and expat is given no
# handler for external entities, so it loads nothing.

from cpython.pycapsule cimport PyCapsule_Import
from libc.stdlib cimport free, realloc

ctypedef void* XML_Parser
ctypedef void (*StartHandler)(void* data, const char* name, const char** atts) noexcept
ctypedef void (*EndHandler)(void* data, const char* name) noexcept
ctypedef void (*TextHandler)(void* data, const char* text, int size) noexcept
ctypedef void (*CommentHandler)(void* data, const char* text) noexcept
ctypedef void (*PIHandler)(void* data, const char* target, const char* text) noexcept
ctypedef void (*DoctypeHandler)(void* data, const char* name, const char* system_id,
                                const char* public_id, int has_internal_subset) noexcept

# CPython's Include/pyexpat.h, struct PyExpat_CAPI, up to the last member used here;
# every member is a pointer or an int, and the struct is only ever appended to.
cdef struct ExpatCAPI:
    char* magic
    int size
    int MAJOR_VERSION
    int MINOR_VERSION
    int MICRO_VERSION
    void* ErrorString
    int (*GetErrorCode)(XML_Parser parser) noexcept
    void* GetErrorColumnNumber
    void* GetErrorLineNumber
    int (*Parse)(XML_Parser parser, const char* s, int size, int is_final) noexcept
    XML_Parser (*ParserCreate_MM)(const char* encoding, void* memsuite,
                                  const char* separator) noexcept
    void (*ParserFree)(XML_Parser parser) noexcept
    void (*SetCharacterDataHandler)(XML_Parser parser, TextHandler handler) noexcept
    void (*SetCommentHandler)(XML_Parser parser, CommentHandler handler) noexcept
    void* SetDefaultHandlerExpand
    void (*SetElementHandler)(XML_Parser parser, StartHandler start, EndHandler end) noexcept
    void* SetNamespaceDeclHandler
    void (*SetProcessingInstructionHandler)(XML_Parser parser, PIHandler handler) noexcept
    void* SetUnknownEncodingHandler
    void (*SetUserData)(XML_Parser parser, void* data) noexcept
    void (*SetStartDoctypeDeclHandler)(XML_Parser parser, DoctypeHandler handler) noexcept

cdef ExpatCAPI* _expat = NULL


cdef ExpatCAPI* _load_expat():
    global _expat
    cdef ExpatCAPI* capi
    if _expat is NULL:
        try:
            capi = <ExpatCAPI*>PyCapsule_Import(b"pyexpat.expat_CAPI", 0)
        except Exception:
            return NULL
        if capi is NULL or strcmp(capi.magic, b"pyexpat.expat_CAPI 1.1") != 0 \
                or <size_t>capi.size < sizeof(ExpatCAPI):
            return NULL
        _expat = capi
    return _expat


# Names as expat gives them with namespaces on: "URI\x01local", or "local" alone.
cdef const char* _NS_DC_CREATOR = b"http://purl.org/dc/elements/1.1/\x01creator"
cdef const char* _NS_YAHOO = b"http://search.yahoo.com/mrss/\x01"
cdef const char* _NS_RSSBOARD = b"http://www.rssboard.org/media-rss\x01"
cdef const char* _NS_KIND = b"urn:scmpfeeds:extra\x01kind"
# The most a field or an attribute may hold here (lxml's limits are far above).
cdef Py_ssize_t _MOST = 1 << 20


cdef Kind _child_kind(const char* name) noexcept:
    """What a child of an <item> is, by its expat name; K_ODD for anything else."""
    cdef const char* local
    if strchr(name, 1) is NULL:  # (no namespace: no "\x01" in the name)
        return _plain_kind(name)
    if strcmp(name, _NS_DC_CREATOR) == 0:
        return K_AUTHOR
    if strncmp(name, _NS_YAHOO, strlen(_NS_YAHOO)) == 0:
        local = name + strlen(_NS_YAHOO)
    elif strncmp(name, _NS_RSSBOARD, strlen(_NS_RSSBOARD)) == 0:
        local = name + strlen(_NS_RSSBOARD)
    else:
        return K_ODD
    if strcmp(local, b"content") == 0 or strcmp(local, b"thumbnail") == 0:
        return K_MEDIA
    return K_ODD


cdef bint _is_item_name(const char* name) noexcept:
    """Whether an element is named item, in any namespace."""
    cdef size_t size = strlen(name)
    if strcmp(name, b"item") == 0:
        return True
    return size > 5 and strcmp(name + size - 5, b"\x01item") == 0


cdef bint _plain_names(const char** atts) noexcept:
    """Whether every attribute's name is of a length libxml2 takes (it refuses a name
    of over 50,000 characters; expat does not)."""
    cdef Py_ssize_t i = 0
    while atts[i] is not NULL:
        if strlen(atts[i]) > 1000:
            return False
        i += 2
    return True


cdef object _text(const char* value):
    cdef size_t size = strlen(value)
    if size > <size_t>_MOST:
        raise _Decline()
    return PyUnicode_DecodeUTF8(value, size, NULL)


cdef object _get(const char** atts, const char* name):
    """An attribute's value (expat gives name, value, name, value, …, NULL), or None."""
    cdef Py_ssize_t i = 0
    while atts[i] is not NULL:
        if strcmp(atts[i], name) == 0:
            return _text(atts[i + 1])
        i += 2
    return None


class _Decline(Exception):
    """The scan gives the document back to the tree walk."""


@cython.final
cdef class _Scan:
    cdef object reader
    cdef list lines, articles
    cdef Py_ssize_t count
    cdef _Item item
    cdef int depth
    cdef bint declined, channel_seen, channel_done, in_item
    cdef Kind kind
    cdef object permalink
    cdef char* buffer
    cdef Py_ssize_t used, allocated
    cdef bint texted
    cdef object error
    cdef ExpatCAPI* capi
    cdef XML_Parser parser

    def __cinit__(self):
        self.articles = []

    def __dealloc__(self):
        free(self.buffer)

    cdef void decline(self) noexcept:
        """Stop reading: expat runs on to the end with no handler (it cannot be stopped
        through the capsule), which costs its bare tokenizing only."""
        self.declined = True
        self.capi.SetElementHandler(self.parser, NULL, NULL)
        self.capi.SetCharacterDataHandler(self.parser, NULL)
        self.capi.SetCommentHandler(self.parser, NULL)
        self.capi.SetProcessingInstructionHandler(self.parser, NULL)
        self.capi.SetStartDoctypeDeclHandler(self.parser, NULL)

    cdef void failed(self, BaseException exc) noexcept:
        """A callback raised *exc*: the scan declines, and an error that is not
        _Decline is raised once expat returns."""
        if not isinstance(exc, _Decline):
            self.error = exc
        self.decline()

    cdef int start(self, const char* name, const char** atts) except -1:
        cdef Kind kind
        self.depth += 1
        if self.depth == 1:
            if strcmp(name, b"rss") != 0:
                raise _Decline()
        elif self.depth == 2:
            if strcmp(name, b"channel") != 0 or self.channel_seen:
                raise _Decline()  # (a second channel, or anything beside it)
            self.channel_seen = True
        elif self.depth == 3:
            if strcmp(name, b"item") == 0:
                self.item = _Item()
                self.in_item = True
                return 0
            if self.count or _is_item_name(name):
                raise _Decline()  # the channel's own elements after its items
        elif self.in_item:
            if self.depth > 4:
                raise _Decline()  # markup inside a field
            kind = _child_kind(name)
            if kind == K_ODD or not _plain_names(atts):
                raise _Decline()
            self.kind = kind
            if kind == K_ENCLOSURE or kind == K_MEDIA:
                self._media(atts, kind == K_ENCLOSURE)
                self.kind = K_SKIP
            elif kind == K_GUID:
                self.permalink = _get(atts, b"isPermaLink")
            self.used = 0
            self.texted = False
        elif _is_item_name(name):
            raise _Decline()  # an item inside the channel's other elements
        return 0

    cdef void _media(self, const char** atts, bint enclosure) except *:
        url = _get(atts, b"url")
        if not url or not (url := url.strip()):
            return
        if enclosure:
            _merge_media(self.item.media, url, True, _get(atts, b"type"), None, None, None,
                         _get(atts, b"length"), None, None)
        else:
            _merge_media(
                self.item.media, url, False, _get(atts, b"type"), _int(_get(atts, b"width")),
                _int(_get(atts, b"height")), _int(_get(atts, b"duration")), None,
                _get(atts, b"medium"), _get(atts, _NS_KIND),
            )

    cdef int end(self) except -1:
        if self.in_item:
            if self.depth == 4:
                if self.kind != K_SKIP:
                    text = None
                    if self.texted:
                        text = PyUnicode_DecodeUTF8(self.buffer, self.used, NULL)
                    self.item.text(self.kind, text, self.permalink)
                    self.permalink = None
                self.kind = K_SKIP
            elif self.depth == 3:
                if self.count >= len(self.lines):
                    raise _Decline()
                article = self.item.build(self.reader, self.lines[self.count])
                if article is None:
                    raise _Decline()  # a problem: the reference reports it
                self.articles.append(article)
                self.count += 1
                self.item = None
                self.in_item = False
        self.depth -= 1
        return 0

    cdef int add_text(self, const char* text, int size) except -1:
        cdef Py_ssize_t need
        cdef char* grown
        if not self.in_item or self.depth != 4 or self.kind == K_SKIP:
            return 0
        need = self.used + size
        if need > _MOST:
            raise _Decline()
        if need > self.allocated:
            grown = <char*>realloc(self.buffer, need * 2)
            if grown is NULL:
                raise MemoryError()
            self.buffer, self.allocated = grown, need * 2
        memcpy(self.buffer + self.used, text, size)
        self.used = need
        self.texted = True
        return 0


cdef void _on_start(void* data, const char* name, const char** atts) noexcept:
    cdef _Scan scan = <_Scan>data
    try:
        scan.start(name, atts)
    except BaseException as exc:
        scan.failed(exc)


cdef void _on_end(void* data, const char* name) noexcept:
    cdef _Scan scan = <_Scan>data
    try:
        scan.end()
    except BaseException as exc:
        scan.failed(exc)


cdef void _on_text(void* data, const char* text, int size) noexcept:
    cdef _Scan scan = <_Scan>data
    try:
        scan.add_text(text, size)
    except BaseException as exc:
        scan.failed(exc)


cdef void _on_markup(void* data, const char* text) noexcept:
    """A comment: in a field it would make lxml's element hold more than text."""
    cdef _Scan scan = <_Scan>data
    if scan.in_item and scan.depth >= 4:
        scan.decline()


cdef void _on_instruction(void* data, const char* target, const char* text) noexcept:
    _on_markup(data, text)


cdef void _on_doctype(void* data, const char* name, const char* system_id,
                      const char* public_id, int has_internal_subset) noexcept:
    (<_Scan>data).decline()


def item_lines(bytes data):
    """Where a plain RSS 2.0 document's items are, found in its bytes: the offset of
    the first ``<item>`` and the line of each; None when the scan must leave the
    document to the tree walk (see :func:`scan_items`)."""
    found = _item_lines(data, len(data))
    if found is None or not found[1] or len(data) > 0x7FFFFFFF:
        return None
    return found


def scan_items(bytes data, reader, list lines):
    """The articles of a plain RSS 2.0 document in UTF-8, read by expat without a
    tree, for *reader* (whose channel has been read from the document's head, what
    precedes the first item); *lines* are :func:`item_lines`'.  None when the tree
    walk must read the document (see above)."""
    cdef ExpatCAPI* capi = _load_expat()
    cdef _Scan scan
    cdef int status
    if capi is NULL:
        return None
    if _http_match is None:
        _load_reference()
    scan = _Scan()
    scan.capi, scan.reader, scan.lines = capi, reader, lines
    scan.parser = capi.ParserCreate_MM(b"UTF-8", NULL, b"\x01")
    if scan.parser is NULL:
        raise MemoryError()
    try:
        capi.SetUserData(scan.parser, <void*>scan)
        capi.SetElementHandler(scan.parser, _on_start, _on_end)
        capi.SetCharacterDataHandler(scan.parser, _on_text)
        capi.SetCommentHandler(scan.parser, _on_markup)
        capi.SetProcessingInstructionHandler(scan.parser, _on_instruction)
        capi.SetStartDoctypeDeclHandler(scan.parser, _on_doctype)
        status = capi.Parse(scan.parser, <const char*>data, <int>len(data), 1)
    finally:
        capi.ParserFree(scan.parser)
        scan.parser = NULL
    if scan.error is not None:
        raise scan.error
    if scan.declined or status == 0 or scan.count != len(lines):
        return None  # (a "<item>" in a comment or a CDATA section, say)
    return scan.articles


@cython.boundscheck(False)
@cython.wraparound(False)
cdef object _item_lines(const char* raw, Py_ssize_t size):
    """The line of each "<item>" in the bytes, in order, with the offset of the first;
    None when the bytes hold what the scan leaves to the tree walk: "<!DOCTYPE",
    "<!ENTITY", an empty CDATA section (a text node to lxml, nothing to expat), or
    "<item" spelled otherwise ("<item >", "<item/>")."""
    cdef Py_ssize_t at = 0, last = 0, line = 1, first = -1, k, big
    cdef const char* found
    cdef char after
    lines = []
    while True:
        found = <const char*>memchr(raw + at, 60, size - at)  # "<"
        if found is NULL:
            break
        at = found - raw
        if at + 5 >= size:
            break
        if raw[at + 1] == 33:  # "<!"
            if _starts(raw, size, at, b"<!DOCTYPE") or _starts(raw, size, at, b"<!ENTITY") \
                    or _starts(raw, size, at, b"<![CDATA[]]>"):
                return None
        elif raw[at + 1] == 105 and raw[at + 2] == 116 and raw[at + 3] == 101 \
                and raw[at + 4] == 109:  # "<item"
            after = raw[at + 5]
            if after == 62:  # ">"
                for k in range(last, at):
                    if raw[k] == 10:
                        line += 1
                last = at
                if first < 0:
                    first = at
                if line < 65535:
                    lines.append(line)
                else:
                    big = _big_line(raw, size, at + 6, line)
                    if big < 0:
                        return None
                    lines.append(big)
            elif after == 32 or after == 9 or after == 13 or after == 10 or after == 47:
                return None
        at += 1
    return first, lines


cdef Py_ssize_t _big_line(const char* raw, Py_ssize_t size, Py_ssize_t at,
                          Py_ssize_t line) noexcept:
    """The line lxml gives an item whose start tag ends at *at* on *line*, 65,535 or
    more; -1 when the scan cannot tell.

    libxml2 keeps a line of 65,535 or more outside the node (with lxml's
    XML_PARSE_BIG_LINES) for text nodes only, and gives an element the line of its
    first child: here the run of white space after ``<item>``, whose line is the
    one the parser had reached at its end.  Any other first child: -1.
    """
    cdef Py_ssize_t k = at, newlines = 0
    while k < size and k - at <= 64 and (raw[k] == 32 or raw[k] == 9 or raw[k] == 13
                                          or raw[k] == 10):
        if raw[k] == 10:
            newlines += 1
        k += 1
    if k == at or k >= size or raw[k] != 60 or k - at > 64:
        return -1
    return line + newlines


cdef inline bint _starts(const char* raw, Py_ssize_t size, Py_ssize_t at,
                         const char* word) noexcept:
    cdef size_t count = strlen(word)
    return at + <Py_ssize_t>count <= size and memcmp(raw + at, word, count) == 0
