# cython: language_level=3
"""The compiled twin of ``scmpfeeds.rss._walk``: an ``<item>`` read in C, from
lxml's tree or, for a plain document, from its bytes without a tree (the scan
at the end of this module).

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
from cpython.unicode cimport Py_UNICODE_ISSPACE, PyUnicode_DecodeUTF8


cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)
    void* PyUnicode_DATA(object text)
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
cdef dict _extensions = None
cdef object _tag_search = None
cdef object _entity_search = None
cdef object _http_match = None


cdef void _load_reference() except *:
    global _split_authors, _html_to_text, _unescape, _extensions
    global _tag_search, _entity_search, _http_match
    import html
    from scmpfeeds.rss import _html, _media, _walk
    _split_authors, _html_to_text, _unescape = _walk._split_authors, _html._html_to_text, html.unescape
    _http_match = _walk._HTTP_RE.match
    _extensions = dict(_media._EXTENSIONS)
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
    url = _stripped(url)
    if not url:
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


cdef inline str _stripped(object text):
    """``(text or "").strip()``, without a method call when there is nothing to strip."""
    cdef Py_ssize_t size
    if text is None:
        return u""
    size = len(<str>text)
    if size == 0 or (not Py_UNICODE_ISSPACE((<str>text)[0])
                     and not Py_UNICODE_ISSPACE((<str>text)[size - 1])):
        return <str>text
    return (<str>text).strip()


cdef inline bint _is_http(str link) noexcept:
    """``link.startswith(("http://", "https://"))``."""
    return link.startswith(u"https://") or link.startswith(u"http://")


cdef object _kind_of(object url, object type_, object medium):
    """The reference's ``media_kind``, with its usual answers found without a regex."""
    if medium is not None:
        if medium == "image" or medium == "video" or medium == "audio":
            return medium
        name = medium.strip().lower()
        if name == "image" or name == "video" or name == "audio":
            return name
    if type_ is not None:
        name = type_.strip().lower().partition("/")[0]
        if name == "image" or name == "video" or name == "audio":
            return name
    return _extension_kind(url)


@cython.boundscheck(False)
@cython.wraparound(False)
cdef object _extension_kind(str url):
    """The reference's ``media_kind`` by the URL's extension alone (medium and type
    said nothing): the last ``.`` of the path (up to ``?`` or ``#``) followed by 2
    to 5 ASCII letters or digits; ``other`` for any other URL."""
    cdef Py_ssize_t end = len(url), found, dot, index
    cdef Py_UCS4 char
    found = url.find(u"?")
    if found >= 0:
        end = found
    found = url.find(u"#", 0, end)
    if found >= 0:
        end = found
    dot = url.rfind(u".", 0, end)
    if dot < 0 or not 2 <= end - dot - 1 <= 5:
        return u"other"
    for index in range(dot + 1, end):
        char = url[index]
        if not (u"a" <= char <= u"z" or u"A" <= char <= u"Z" or u"0" <= char <= u"9"):
            return u"other"
    return _extensions.get(url[dot + 1:end].lower(), u"other")


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
cdef object _url_and_id(str link):
    """``url_and_id``: a plain ASCII link on https://www.scmp.com/ read here, in its
    bytes (any other link has a character the reference must judge)."""
    cdef Py_ssize_t size = len(link), end, start, index
    cdef const unsigned char* data
    cdef unsigned char last
    cdef long long number
    if size <= 21 or not PyUnicode_IS_ASCII(link):
        return url_and_id(link)
    data = <const unsigned char*>PyUnicode_DATA(link)
    last = data[size - 1]
    if memcmp(data, b"https://www.scmp.com/", 21) != 0 or last == 32 or 9 <= last <= 13 \
            or 28 <= last <= 31:
        return url_and_id(link)  # (a link that ends in white space: the reference)
    end = size
    for index in range(20, size):
        if data[index] == 63 or data[index] == 35:  # "?", "#"
            end = index
            break
        if data[index] == 10:
            return url_and_id(link)
    if end != size and not (size - end == len(SCMP_TRACKING_TAIL)
                            and link.endswith(SCMP_TRACKING_TAIL)):
        return url_and_id(link)  # which parameters are tracking: the reference knows
    base = link if end == size else link[:end]
    # The last "/article/<digits>" that ends its segment.
    for start in range(end - 10, 19, -1):
        if data[start] != 47 or memcmp(data + start, b"/article/", 9) != 0:
            continue
        index = start + 9
        number = 0
        while index < end and 48 <= data[index] <= 57 and index - start - 9 < 18:
            number = number * 10 + (data[index] - 48)
            index += 1
        if index > start + 9 and (index == end or data[index] == 47):
            return base, number
        if index < end and 48 <= data[index] <= 57:
            return url_and_id(link)  # (a number of over 18 digits)
    return base, None


@cython.boundscheck(False)
@cython.wraparound(False)
cdef void _split_names(str value, list names) except *:
    """The reference's ``_split_authors`` of a stripped *value* without "@", into
    *names*: split at commas, then the last part at "and" between white space."""
    cdef list parts = value.split(u",")
    cdef str last = (<str>parts.pop()).strip(), piece
    cdef Py_ssize_t size = len(last), start = 0, at = 0, after, end
    for piece in parts:
        piece = piece.strip()
        if piece:
            names.append(piece)
    while at < size:
        if not Py_UNICODE_ISSPACE(last[at]):
            at += 1
            continue
        after = at
        while after < size and Py_UNICODE_ISSPACE(last[after]):
            after += 1
        if after + 3 < size and last[after] == u"a" and last[after + 1] == u"n" \
                and last[after + 2] == u"d" and Py_UNICODE_ISSPACE(last[after + 3]):
            end = after + 3
            while end < size and Py_UNICODE_ISSPACE(last[end]):
                end += 1
            piece = last[start:at].strip()
            if piece:
                names.append(piece)
            start = at = end
        else:
            at = after
    piece = last[start:].strip()
    if piece:
        names.append(piece)


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
            name = _stripped(text)
            if "@" in name:
                self.authors.extend(_split_authors(name))
            elif "," in name or " and " in name:
                _split_names(name, self.authors)
            elif name:
                self.authors.append(name)
        elif kind == K_DESCRIPTION:
            self.described = True
            summary = _stripped(text)
            if "<" in summary and _tag_search(summary):
                self.extra.append(("description html", summary))
                summary = _html_to_text(summary)
            elif "&" in summary and _entity_search(summary):
                summary = _unescape(summary)
            self.summary = summary
        elif kind == K_GUID:
            guid = _stripped(text)
            self.guid = guid
            self.extra.append(("guid", guid))
            if permalink is not None:
                self.extra.append(("guid isPermaLink", permalink))
        else:  # K_CATEGORY
            self.extra.append(("category", _stripped(text)))

    cdef object build(self, reader, object lineno):
        """The article; None when the reference must read the item (a problem)."""
        link = _stripped(self.link) or self.guid or None
        if self.title is None and not self.described:
            return None  # (the reference reports it)
        title = _stripped(self.title)
        published = None
        if self.pub_date is not None:
            try:
                published = _date(self.pub_date, reader.cst_as_china)
            except ValueError:
                return None
        url = found_id = None
        if link is not None and (_is_http(link) or _http_match(link)):
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


def media_kind(url, type_, medium):
    """The compiled ``media_kind`` (for the parity tests)."""
    if _http_match is None:
        _load_reference()
    return _kind_of(url, type_, medium)


def authors(text):
    """The compiled reading of an author element's text (for the parity tests)."""
    cdef _Item item = _Item()
    if _http_match is None:
        _load_reference()
    item.text(K_AUTHOR, text, None)
    return item.authors


def link_parts(link):
    """The compiled ``url_and_id`` (for the parity tests)."""
    return _url_and_id(link)


# -- the tree-less scan: a tokenizer of our own, for the body of a plain feed ------------
#
# A plain RSS 2.0 document in UTF-8 is read in two parts.  Its head (what precedes
# the first "<item>", closed with "</channel></rss>") is parsed by lxml, as any
# document is, which checks it and reads the channel.  Its body (from the first
# "<item>" to the end) is read here in one pass over the bytes, which fills an
# _Item per <item>: no tree, no callbacks.
#
# The tokenizer takes only what it can check as libxml2 would: ASCII names,
# attributes quoted and once each, the five predefined entities and character
# references, comments, CDATA sections, processing instructions where they are
# harmless, CR LF line ends, every character checked to be UTF-8 and an XML
# character.  At anything else (a DOCTYPE, a prefix the head does not declare, a
# namespace declared in the body, an element it does not know in an item, markup
# in a field, an element of the channel after the items, a malformed document) it
# *declines*: the document is read through lxml's tree as before, from the start.
# So a document it reads is one lxml reads, read the same way (the parity tests
# hold it so), and every problem is still reported by the reference.
#
# Each item's line is found in the bytes first (item_lines): every "<item" in the
# document must be an item's start tag spelled "<item>", as many as the tokenizer
# found items (a comment or CDATA section holding one makes the counts differ, and
# the scan declines).  From line 65,535 on, libxml2 gives an element the line of
# its first child (see _big_line).
#
# Security is the tree walk's: a document that holds "<!DOCTYPE" or "<!ENTITY"
# anywhere is not scanned, and no entity but the five predefined ones is read.

from libc.stdint cimport uint64_t
from libc.stdlib cimport free, realloc

cdef const char* _DC_URI = b"http://purl.org/dc/elements/1.1/"
cdef const char* _YAHOO_URI = b"http://search.yahoo.com/mrss/"
cdef const char* _RSSBOARD_URI = b"http://www.rssboard.org/media-rss"
cdef const char* _EXTRA_URI = b"urn:scmpfeeds:extra"
# The most a field or an attribute may hold here (lxml's limits are far above), and
# the longest name (libxml2 refuses a name of over 50,000 characters).
cdef Py_ssize_t _MOST = 1 << 20
cdef Py_ssize_t _LONGEST_NAME = 1000
cdef enum:
    _MOST_ATTRIBUTES = 32
    _MOST_PREFIXES = 64

# What a prefix declared in the head stands for, as far as an item's children go.
cdef enum Space:
    NS_OTHER, NS_DC, NS_MEDIA, NS_EXTRA

# How a byte reads in text: 0 as itself, 1 as something to look at ("<", "&", "]",
# CR, a control character, the first byte of a multi-byte character).
cdef unsigned char _SPECIAL[256]
# 1 for a byte that may start a name here, 2 for one that may continue it.
cdef unsigned char _NAME[256]
# XML's predefined entities, and the characters they stand for.
cdef const char* _ENTITY_NAMES[5]
cdef long _ENTITY_CODES[5]


cdef void _tables() noexcept:
    cdef int byte
    _ENTITY_NAMES[0], _ENTITY_NAMES[1], _ENTITY_NAMES[2] = b"&amp;", b"&lt;", b"&gt;"
    _ENTITY_NAMES[3], _ENTITY_NAMES[4] = b"&quot;", b"&apos;"
    _ENTITY_CODES[0], _ENTITY_CODES[1], _ENTITY_CODES[2] = 38, 60, 62
    _ENTITY_CODES[3], _ENTITY_CODES[4] = 34, 39
    for byte in range(256):
        _SPECIAL[byte] = 1 if (byte < 32 and byte != 9 and byte != 10) or byte >= 128 \
            or byte == 60 or byte == 38 or byte == 93 else 0
        if (65 <= byte <= 90) or (97 <= byte <= 122) or byte == 95 or byte == 58:
            _NAME[byte] = 1
        elif (48 <= byte <= 57) or byte == 45 or byte == 46:
            _NAME[byte] = 2
        else:
            _NAME[byte] = 0


_tables()


cdef inline bint _plain8(const unsigned char* at) noexcept:
    """Whether none of the eight bytes at *at* is below 0x20 or above 0x7F, nor "<",
    "&" or "]" (a test of the whole word at once; it may answer False for a word
    of plain bytes, never True for one that holds another)."""
    cdef uint64_t word, other, low = 0x0101010101010101ULL
    memcpy(&word, at, 8)
    cdef uint64_t found = ((word - low * 0x20) & ~word) | word
    other = word ^ (low * 0x3C)
    found |= (other - low) & ~other
    other = word ^ (low * 0x26)
    found |= (other - low) & ~other
    other = word ^ (low * 0x5D)
    found |= (other - low) & ~other
    return (found & 0x8080808080808080ULL) == 0


@cython.boundscheck(False)
@cython.wraparound(False)
cdef inline Py_ssize_t _utf8(const unsigned char* raw, Py_ssize_t at, Py_ssize_t end) noexcept:
    """The length of the UTF-8 character at raw[at] (whose first byte is 0x80 or
    more) if it is a character XML allows, else 0."""
    cdef unsigned char first = raw[at], second
    if first < 0xC2:
        return 0
    if first < 0xE0:
        return 2 if at + 1 < end and (raw[at + 1] & 0xC0) == 0x80 else 0
    if at + 2 >= end or (raw[at + 1] & 0xC0) != 0x80 or (raw[at + 2] & 0xC0) != 0x80:
        return 0 if first < 0xF0 or at + 2 >= end else _utf8_four(raw, at, end)
    second = raw[at + 1]
    if first < 0xF0:
        if (first == 0xE0 and second < 0xA0) or (first == 0xED and second >= 0xA0):
            return 0  # (an overlong form, a surrogate)
        if first == 0xEF and second == 0xBF and raw[at + 2] >= 0xBE:
            return 0  # (U+FFFE, U+FFFF)
        return 3
    return _utf8_four(raw, at, end)


cdef inline Py_ssize_t _after_character(const unsigned char* raw, Py_ssize_t at,
                                        Py_ssize_t end) noexcept:
    """Where the UTF-8 character at raw[at] (0x80 or more) ends; -1 when it is not
    one XML allows."""
    cdef Py_ssize_t length = _utf8(raw, at, end)
    return at + length if length else -1


@cython.boundscheck(False)
@cython.wraparound(False)
cdef inline Py_ssize_t _utf8_four(const unsigned char* raw, Py_ssize_t at,
                                  Py_ssize_t end) noexcept:
    cdef unsigned char first = raw[at], second
    if first > 0xF4 or at + 3 >= end or (raw[at + 1] & 0xC0) != 0x80 \
            or (raw[at + 2] & 0xC0) != 0x80 or (raw[at + 3] & 0xC0) != 0x80:
        return 0
    second = raw[at + 1]
    if (first == 0xF0 and second < 0x90) or (first == 0xF4 and second >= 0x90):
        return 0
    return 4


cdef inline bint _xml_char(long code) noexcept:
    return code == 9 or code == 10 or code == 13 or 0x20 <= code <= 0xD7FF \
        or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


@cython.boundscheck(False)
@cython.wraparound(False)
cdef Py_ssize_t _reference(const unsigned char* raw, Py_ssize_t at, Py_ssize_t end,
                           long* code) noexcept:
    """The length of the reference at raw[at] ("&"), with its character in *code*:
    one of the five predefined entities or a character reference; 0 for any other."""
    cdef Py_ssize_t k = at + 1, digits = 0
    cdef long value = 0
    cdef unsigned char byte
    cdef int base = 10, digit, index
    if k < end and raw[k] == 35:  # "&#"
        k += 1
        if k < end and raw[k] == 120:  # "&#x"
            base = 16
            k += 1
        while k < end:
            byte = raw[k]
            if 48 <= byte <= 57:
                digit = byte - 48
            elif base == 16 and 97 <= byte <= 102:
                digit = byte - 87
            elif base == 16 and 65 <= byte <= 70:
                digit = byte - 55
            else:
                break
            if value <= 0x10FFFF:  # (past it, the value is no character: libxml2 stops too)
                value = value * base + digit
            digits += 1
            k += 1
        if digits == 0 or k >= end or raw[k] != 59 or not _xml_char(value):
            return 0
        code[0] = value
        return k + 1 - at
    for index in range(5):  # (the five entities XML predefines)
        if _starts(<const char*>raw, end, at, _ENTITY_NAMES[index]):
            code[0] = _ENTITY_CODES[index]
            return strlen(_ENTITY_NAMES[index])
    return 0


cdef inline Py_ssize_t _encode(long code, unsigned char* out) noexcept:
    """*code* in UTF-8 at *out*; its length."""
    if code < 0x80:
        out[0] = <unsigned char>code
        return 1
    if code < 0x800:
        out[0] = <unsigned char>(0xC0 | (code >> 6))
        out[1] = <unsigned char>(0x80 | (code & 0x3F))
        return 2
    if code < 0x10000:
        out[0] = <unsigned char>(0xE0 | (code >> 12))
        out[1] = <unsigned char>(0x80 | ((code >> 6) & 0x3F))
        out[2] = <unsigned char>(0x80 | (code & 0x3F))
        return 3
    out[0] = <unsigned char>(0xF0 | (code >> 18))
    out[1] = <unsigned char>(0x80 | ((code >> 12) & 0x3F))
    out[2] = <unsigned char>(0x80 | ((code >> 6) & 0x3F))
    out[3] = <unsigned char>(0x80 | (code & 0x3F))
    return 4


cdef inline bint _space(unsigned char byte) noexcept:
    return byte == 32 or byte == 10 or byte == 9 or byte == 13


# Where one attribute is in the bytes: its name, its value between the quotes, and
# whether the value must be rewritten (a reference, white space to normalize).
cdef struct Attribute:
    Py_ssize_t name, name_end, colon, value, value_end
    bint rewrite


@cython.final
cdef class _Body:
    """The tokenizer's state over one document's body, and the items it read."""
    cdef bytes data
    cdef const unsigned char* raw
    cdef Py_ssize_t size
    cdef object reader
    cdef list lines, articles
    cdef Py_ssize_t count
    cdef _Item item
    cdef int depth
    cdef Kind kind
    cdef Py_ssize_t field, field_end  # the open field's name
    cdef unsigned char* buffer  # the open field's text so far
    cdef Py_ssize_t used, allocated
    cdef Attribute attributes[_MOST_ATTRIBUTES]
    cdef Py_ssize_t attribute_count
    cdef list prefix_names  # the head's prefixes (bytes), with what each stands for
    cdef Space spaces[_MOST_PREFIXES]
    cdef object permalink  # the open <guid>'s isPermaLink
    cdef bint last  # whether the bytes run to the document's end (else to an item's start)

    def __cinit__(self):
        self.articles = []
        self.prefix_names = []

    def __dealloc__(self):
        free(self.buffer)

    cdef int add(self, const unsigned char* text, Py_ssize_t size) except -1:
        """Add *size* bytes to the open field's text; 1 when it would grow too long."""
        cdef Py_ssize_t need = self.used + size
        cdef unsigned char* grown
        if size == 0:
            return 0  # (memcpy may not be given the buffer before there is one)
        if need > _MOST:
            return 1
        if need > self.allocated:
            grown = <unsigned char*>realloc(self.buffer, need * 2 + 64)
            if grown is NULL:
                raise MemoryError()
            self.buffer, self.allocated = grown, need * 2 + 64
        memcpy(self.buffer + self.used, text, size)
        self.used = need
        return 0

    @cython.boundscheck(False)
    @cython.wraparound(False)
    cdef Py_ssize_t text(self, Py_ssize_t at, bint keep) except -2:
        """Read character data from *at* to the next "<" (or the end), keeping it in
        the field's buffer if *keep*; where it stopped, or -1 to decline."""
        cdef const unsigned char* raw = self.raw
        cdef Py_ssize_t end = self.size, start = at, length, stop
        cdef unsigned char byte
        cdef unsigned char encoded[4]
        cdef long code
        while True:
            while True:  # (eight bytes at a time while none of them is special)
                while at + 8 <= end and _plain8(raw + at):
                    at += 8
                stop = at + 8 if at + 8 <= end else end
                while at < stop and not _SPECIAL[raw[at]]:
                    at += 1
                if at < stop or at >= end:
                    break
            if at >= end:
                break
            byte = raw[at]
            if byte == 60:  # "<"
                break
            if byte >= 128:
                at = _after_character(raw, at, end)
                if at < 0:
                    return -1
                continue
            if byte == 93:  # "]": "]]>" may not stand in text
                if at + 2 < end and raw[at + 1] == 93 and raw[at + 2] == 62:
                    return -1
                at += 1
                continue
            if byte == 38:  # "&"
                length = _reference(raw, at, end, &code)
                if length == 0:
                    return -1
                if keep:
                    if self.add(raw + start, at - start) or self.add(encoded, _encode(code, encoded)):
                        return -1
                at += length
                start = at
                continue
            if byte == 13 and at + 1 < end and raw[at + 1] == 10:  # CR LF reads as LF
                if keep and self.add(raw + start, at - start):
                    return -1
                at += 1
                start = at
                continue
            return -1  # (a control character, a CR alone)
        if keep and self.add(raw + start, at - start):
            return -1
        return at

    @cython.boundscheck(False)
    @cython.wraparound(False)
    cdef Py_ssize_t until(self, Py_ssize_t at, const char* closing, Py_ssize_t closing_size,
                          bint keep) except -2:
        """Read a comment's, a CDATA section's or an instruction's characters from
        *at* up to *closing*; after it, or -1 to decline.  A comment may not hold
        "--"; nothing may hold a character XML does not allow."""
        cdef const unsigned char* raw = self.raw
        cdef Py_ssize_t end = self.size, start = at, length
        cdef unsigned char byte
        cdef bint comment = closing[0] == 45  # "-->"
        while at < end:
            byte = raw[at]
            if byte == <unsigned char>closing[0] and at + closing_size <= end \
                    and memcmp(raw + at, closing, closing_size) == 0:
                if keep and self.add(raw + start, at - start):
                    return -1
                return at + closing_size
            if comment and byte == 45 and at + 1 < end and raw[at + 1] == 45:
                return -1  # ("--" in a comment)
            if byte >= 128:
                at = _after_character(raw, at, end)
                if at < 0:
                    return -1
            elif byte < 32 and byte != 9 and byte != 10:
                if byte != 13 or at + 1 >= end or raw[at + 1] != 10:
                    return -1
                if keep:
                    if self.add(raw + start, at - start):
                        return -1
                    start = at + 1
                at += 1
            else:
                at += 1
        return -1

    @cython.boundscheck(False)
    @cython.wraparound(False)
    cdef Py_ssize_t name(self, Py_ssize_t at) noexcept:
        """The end of the name at *at*, or -1 when there is none this reads."""
        cdef const unsigned char* raw = self.raw
        cdef Py_ssize_t start = at, end = self.size
        if at >= end or _NAME[raw[at]] != 1:
            return -1
        at += 1
        while at < end and _NAME[raw[at]]:
            at += 1
        if at - start > _LONGEST_NAME or (at < end and raw[at] >= 128):
            return -1
        return at

    cdef Py_ssize_t colon(self, Py_ssize_t start, Py_ssize_t end) noexcept:
        """Where the one colon of a name is (-1 for none), -2 for a name that is not
        a QName ("a:b:c", ":a", "a:")."""
        cdef const char* found = <const char*>memchr(self.raw + start, 58, end - start)
        cdef Py_ssize_t at
        if found is NULL:
            return -1
        at = found - <const char*>self.raw
        if at == start or at == end - 1 or memchr(self.raw + at + 1, 58, end - at - 1) is not NULL:
            return -2
        return at

    cdef int space(self, Py_ssize_t start, Py_ssize_t end) noexcept:
        """What the prefix raw[start:end] stands for; -1 when the head does not declare it."""
        cdef Py_ssize_t index, size = end - start
        cdef bytes known
        if size == 3 and memcmp(self.raw + start, b"xml", 3) == 0:
            return NS_OTHER
        for index in range(len(self.prefix_names)):
            known = <bytes>self.prefix_names[index]
            if len(known) == size and memcmp(<const char*>known, self.raw + start, size) == 0:
                return self.spaces[index]
        return -1

    @cython.boundscheck(False)
    @cython.wraparound(False)
    cdef Py_ssize_t tag(self, Py_ssize_t at, Py_ssize_t name_end) except -2:
        """Read a start tag's attributes, from the end of its name; where the tag ends
        ("/>" or ">" included), with attribute_count set, or -1 to decline."""
        cdef const unsigned char* raw = self.raw
        cdef Py_ssize_t end = self.size, length, other, index, size
        cdef unsigned char byte, quote
        cdef Attribute* attribute
        cdef long code
        cdef bint spaced
        at = name_end
        self.attribute_count = 0
        while True:
            spaced = False
            while at < end and _space(raw[at]):
                if raw[at] == 13 and (at + 1 >= end or raw[at + 1] != 10):
                    return -1
                spaced = True
                at += 1
            if at >= end:
                return -1
            if raw[at] == 62:  # ">"
                return at + 1
            if raw[at] == 47:  # "/>"
                return at + 2 if at + 1 < end and raw[at + 1] == 62 else -1
            if not spaced or self.attribute_count == _MOST_ATTRIBUTES:
                return -1
            attribute = &self.attributes[self.attribute_count]
            attribute.name = at
            at = self.name(at)
            if at < 0:
                return -1
            attribute.name_end = at
            attribute.colon = self.colon(attribute.name, at)
            if attribute.colon == -2:
                return -1
            size = at - attribute.name
            if (size == 5 and memcmp(raw + attribute.name, b"xmlns", 5) == 0) \
                    or (attribute.colon == attribute.name + 5
                        and memcmp(raw + attribute.name, b"xmlns", 5) == 0):
                return -1  # (a namespace declared in the body)
            if attribute.colon >= 0 and self.space(attribute.name, attribute.colon) < 0:
                return -1
            for index in range(self.attribute_count):
                other = self.attributes[index].name_end - self.attributes[index].name
                if other == size and memcmp(raw + self.attributes[index].name,
                                            raw + attribute.name, size) == 0:
                    return -1  # (an attribute given twice)
                other = self.attributes[index].name_end - self.attributes[index].colon
                if attribute.colon >= 0 and self.attributes[index].colon >= 0 \
                        and other == at - attribute.colon \
                        and memcmp(raw + attribute.colon, raw + self.attributes[index].colon,
                                   other) == 0:
                    return -1  # (two prefixes for one namespace, maybe: libxml2 knows)
            while at < end and (raw[at] == 32 or raw[at] == 9 or raw[at] == 10):
                at += 1
            if at >= end or raw[at] != 61:  # "="
                return -1
            at += 1
            while at < end and (raw[at] == 32 or raw[at] == 9 or raw[at] == 10):
                at += 1
            if at >= end or (raw[at] != 34 and raw[at] != 39):
                return -1
            quote = raw[at]
            at += 1
            attribute.value = at
            attribute.rewrite = False
            while True:
                if at >= end:
                    return -1
                byte = raw[at]
                if byte == quote:
                    break
                if byte >= 128:
                    at = _after_character(raw, at, end)
                    if at < 0:
                        return -1
                    continue
                if byte == 60:  # "<" may not stand in a value
                    return -1
                if byte == 38:
                    length = _reference(raw, at, end, &code)
                    if length == 0:
                        return -1
                    attribute.rewrite = True
                    at += length
                    continue
                if byte < 32:
                    if byte == 13 and (at + 1 >= end or raw[at + 1] != 10):
                        return -1
                    if byte != 9 and byte != 10 and byte != 13:
                        return -1
                    attribute.rewrite = True
                at += 1
            attribute.value_end = at
            if at - attribute.value > _MOST:
                return -1
            at += 1
            self.attribute_count += 1

    cdef object value(self, const char* name):
        """The value of the attribute *name* (without a prefix), or None."""
        cdef Py_ssize_t index, size = strlen(name)
        cdef Attribute* attribute
        for index in range(self.attribute_count):
            attribute = &self.attributes[index]
            if attribute.colon < 0 and attribute.name_end - attribute.name == size \
                    and memcmp(self.raw + attribute.name, name, size) == 0:
                return self.decoded(attribute)
        return None

    @cython.boundscheck(False)
    @cython.wraparound(False)
    cdef object decoded(self, Attribute* attribute):
        """An attribute's value, normalized as libxml2 does (references read, each
        white space character a space)."""
        cdef const unsigned char* raw = self.raw
        cdef Py_ssize_t at, end, length, start
        cdef long code
        cdef unsigned char encoded[4]
        cdef unsigned char byte
        if not attribute.rewrite:
            return PyUnicode_DecodeUTF8(<const char*>raw + attribute.value,
                                        attribute.value_end - attribute.value, NULL)
        self.used = 0
        at, end = attribute.value, attribute.value_end
        start = at
        while at < end:
            byte = raw[at]
            if byte != 38 and byte != 13 and byte != 9 and byte != 10:
                at += 1
                continue
            self.add(raw + start, at - start)
            if byte == 38:
                length = _reference(raw, at, end, &code)
                self.add(encoded, _encode(code, encoded))
                at += length
            else:
                self.add(b" ", 1)
                at += 2 if byte == 13 else 1  # (CR LF: one space)
            start = at
        self.add(raw + start, end - start)
        return PyUnicode_DecodeUTF8(<const char*>self.buffer, self.used, NULL)

    cdef Kind child_kind(self, Py_ssize_t start, Py_ssize_t end) noexcept:
        """What a child of an <item> named raw[start:end] is; K_ODD for anything else."""
        cdef Py_ssize_t colon = self.colon(start, end), size
        cdef const char* local
        cdef char name[16]
        cdef int space
        if colon == -2:
            return K_ODD
        if colon == -1:
            size = end - start
            if size >= 16:
                return K_ODD
            memcpy(name, self.raw + start, size)
            name[size] = 0
            return _plain_kind(name)
        space = self.space(start, colon)
        local = <const char*>self.raw + colon + 1
        size = end - colon - 1
        if space == NS_DC:
            if size == 7 and memcmp(local, b"creator", 7) == 0:
                return K_AUTHOR
        elif space == NS_MEDIA:
            if (size == 7 and memcmp(local, b"content", 7) == 0) \
                    or (size == 9 and memcmp(local, b"thumbnail", 9) == 0):
                return K_MEDIA
        return K_ODD

    cdef object number(self, Attribute* attribute):
        """An attribute's value as a whole number (None when it is none): plain
        digits read in the bytes, anything else by :func:`_int`."""
        cdef Py_ssize_t at = attribute.value, end = attribute.value_end
        cdef long value = 0
        if not attribute.rewrite and 0 < end - at < 10:
            while at < end and 48 <= self.raw[at] <= 57:
                value = value * 10 + (self.raw[at] - 48)
                at += 1
            if at == end:
                return value
        return _int(self.decoded(attribute))

    cdef int media(self, bint enclosure) except -1:
        """An <enclosure>'s or a medium's attributes, each read once."""
        cdef Py_ssize_t index, size
        cdef Attribute* attribute
        cdef const char* name
        url = type_ = length = width = height = duration = medium = kind = None
        for index in range(self.attribute_count):
            attribute = &self.attributes[index]
            name = <const char*>self.raw + attribute.name
            size = attribute.name_end - attribute.name
            if attribute.colon >= 0:
                if self.space(attribute.name, attribute.colon) == NS_EXTRA and not enclosure \
                        and attribute.name_end - attribute.colon == 5 \
                        and memcmp(self.raw + attribute.colon, b":kind", 5) == 0:
                    kind = self.decoded(attribute)
            elif size == 3 and memcmp(name, b"url", 3) == 0:
                url = self.decoded(attribute)
            elif size == 4 and memcmp(name, b"type", 4) == 0:
                type_ = self.decoded(attribute)
            elif enclosure:
                if size == 6 and memcmp(name, b"length", 6) == 0:
                    length = self.decoded(attribute)
            elif size == 5 and memcmp(name, b"width", 5) == 0:
                width = self.number(attribute)
            elif size == 6 and memcmp(name, b"height", 6) == 0:
                height = self.number(attribute)
            elif size == 8 and memcmp(name, b"duration", 8) == 0:
                duration = self.number(attribute)
            elif size == 6 and memcmp(name, b"medium", 6) == 0:
                medium = self.decoded(attribute)
        url = _stripped(url)
        if not url:
            return 0
        _merge_media(self.item.media, url, enclosure, type_, width, height, duration, length,
                     medium, kind)
        return 0

    cdef int start(self, Py_ssize_t name, Py_ssize_t name_end) except -1:
        """An element starts (its attributes read); 1 to decline."""
        cdef Kind kind
        if self.depth == 2:  # (in the channel: items alone, from the first on)
            if name_end - name != 4 or memcmp(self.raw + name, b"item", 4) != 0:
                return 1
            self.item = _Item()
            self.depth = 3
            return 0
        if self.depth != 3:
            return 1  # (markup in a field; anything beside the channel, or after the root)
        kind = self.child_kind(name, name_end)
        if kind == K_ODD:
            return 1
        self.depth = 4
        self.field, self.field_end = name, name_end
        self.kind = kind
        if kind == K_ENCLOSURE or kind == K_MEDIA:
            self.media(kind == K_ENCLOSURE)
            self.kind = K_SKIP
        elif kind == K_GUID:
            self.permalink = self.value(b"isPermaLink")
        self.used = 0
        return 0

    cdef int end(self) except -1:
        """The open element ends; 1 to decline."""
        if self.depth == 4:
            if self.kind != K_SKIP:
                text = None
                if self.used:
                    text = PyUnicode_DecodeUTF8(<const char*>self.buffer, self.used, NULL)
                self.item.text(self.kind, text, self.permalink)
                self.permalink = None
            self.kind = K_SKIP
        elif self.depth == 3:
            if self.count >= len(self.lines):
                return 1
            article = self.item.build(self.reader, self.lines[self.count])
            if article is None:
                return 1  # (a problem: the reference reports it)
            self.articles.append(article)
            self.count += 1
            self.item = None
        self.depth -= 1
        return 0

    cdef bint closes(self, Py_ssize_t name, Py_ssize_t name_end) noexcept:
        """Whether raw[name:name_end] is the name of the element open now."""
        cdef Py_ssize_t size = name_end - name
        cdef const unsigned char* raw = self.raw + name
        if self.depth == 4:
            return size == self.field_end - self.field \
                and memcmp(raw, self.raw + self.field, size) == 0
        if self.depth == 3:
            return size == 4 and memcmp(raw, b"item", 4) == 0
        if self.depth == 2:
            return size == 7 and memcmp(raw, b"channel", 7) == 0
        return self.depth == 1 and size == 3 and memcmp(raw, b"rss", 3) == 0

    @cython.boundscheck(False)
    @cython.wraparound(False)
    cdef int run(self, Py_ssize_t at) except -1:
        """Read the body from *at* (its first "<item>"); 1 to decline."""
        cdef const unsigned char* raw = self.raw
        cdef Py_ssize_t end = self.size, name_end, tag_end, stop
        cdef unsigned char next_byte
        self.depth = 2
        self.kind = K_SKIP
        while True:
            stop = self.text(at, self.depth == 4 and self.kind != K_SKIP)
            if stop < 0:
                return 1
            if self.depth == 0:
                for tag_end in range(at, stop):  # (after the root: white space alone)
                    if not _space(raw[tag_end]):
                        return 1
            if stop >= end:
                return 0 if self.depth == (0 if self.last else 2) else 1
            at = stop
            if at + 1 >= end:
                return 1
            next_byte = raw[at + 1]
            if next_byte == 47:  # "</"
                name_end = self.name(at + 2)
                if name_end < 0 or not self.closes(at + 2, name_end):
                    return 1
                at = name_end
                while at < end and _space(raw[at]):
                    if raw[at] == 13 and (at + 1 >= end or raw[at + 1] != 10):
                        return 1
                    at += 1
                if at >= end or raw[at] != 62:
                    return 1
                at += 1
                if self.end():
                    return 1
            elif next_byte == 33:  # "<!"
                if _starts(<const char*>raw, end, at, b"<!--"):
                    if self.depth >= 4:
                        return 1  # (a comment in a field: lxml's element holds more than text)
                    at = self.until(at + 4, b"-->", 3, False)
                elif _starts(<const char*>raw, end, at, b"<![CDATA["):
                    if self.depth != 4:
                        return 1
                    at = self.until(at + 9, b"]]>", 3, self.kind != K_SKIP)
                else:
                    return 1
                if at < 0:
                    return 1
            elif next_byte == 63:  # "<?"
                if self.depth >= 4:
                    return 1
                name_end = self.name(at + 2)
                if name_end < 0 or name_end - at - 2 < 1 or self.colon(at + 2, name_end) != -1 \
                        or (name_end - at - 2 == 3 and raw[at + 2] | 32 == 120
                            and raw[at + 3] | 32 == 109 and raw[at + 4] | 32 == 108):
                    return 1  # (no target, a colon in it, or "xml" spelled any way)
                if _starts(<const char*>raw, end, name_end, b"?>"):
                    at = name_end + 2
                else:
                    if name_end >= end or not _space(raw[name_end]):
                        return 1
                    at = self.until(name_end, b"?>", 2, False)
                    if at < 0:
                        return 1
            else:
                name_end = self.name(at + 1)
                if name_end < 0 or self.colon(at + 1, name_end) == -2:
                    return 1
                tag_end = self.tag(at + 1, name_end)
                if tag_end < 0 or self.start(at + 1, name_end):
                    return 1
                at = tag_end
                if raw[at - 2] == 47 and self.end():  # "/>": it ends where it starts
                    return 1


def scan_items(bytes data, reader, Py_ssize_t first, list lines, dict namespaces,
               bint last=True):
    """The articles of a plain RSS 2.0 document in UTF-8, read without a tree for
    *reader*, whose channel has been read from the document's head (what precedes
    the first item); *first* and *lines* are :func:`item_lines`', *namespaces* the
    prefixes in scope at the first item.  With *last* false, *data* is a part of
    the document that ends where an item starts (between items).  None when the
    tree walk must read the document (see above)."""
    cdef _Body body
    cdef Space space
    if not 0 <= first < len(data) or not _starts(<const char*>data, len(data), first, b"<item>"):
        raise ValueError("first must be where item_lines found the first <item>")
    if _http_match is None:
        _load_reference()
    body = _Body()
    body.data, body.raw, body.size = data, <const unsigned char*>data, len(data)
    body.reader, body.lines, body.last = reader, lines, last
    for prefix, uri in namespaces.items():
        if prefix is None or len(body.prefix_names) == _MOST_PREFIXES:
            return None  # (a default namespace: the walk's dialects read it)
        if uri == "http://purl.org/dc/elements/1.1/":
            space = NS_DC
        elif uri == "http://search.yahoo.com/mrss/" or uri == "http://www.rssboard.org/media-rss":
            space = NS_MEDIA
        elif uri == "urn:scmpfeeds:extra":
            space = NS_EXTRA
        else:
            space = NS_OTHER
        body.spaces[len(body.prefix_names)] = space
        body.prefix_names.append(prefix.encode())
    if body.run(first) or body.count != len(lines):
        return None  # (a "<item>" in a comment or a CDATA section, say)
    return body.articles


def item_lines(bytes data, Py_ssize_t line=1):
    """Where a plain RSS 2.0 document's items are, found in its bytes: the offset of
    the first ``<item>`` and the line of each; None when the scan must leave the
    document to the tree walk (see :func:`scan_items`).  *line* is the line the
    bytes start on (for a part of a document)."""
    if line < 1:
        raise ValueError("a line is 1 or more")
    found = _item_lines(data, len(data), line)
    if found is None or not found[1] or len(data) > 0x7FFFFFFF:
        return None
    return found


@cython.boundscheck(False)
@cython.wraparound(False)
cdef object _item_lines(const char* raw, Py_ssize_t size, Py_ssize_t line):
    """The line of each "<item>" in the bytes, in order, with the offset of the first;
    None when the bytes hold what the scan leaves to the tree walk: "<!DOCTYPE",
    "<!ENTITY", an empty CDATA section (a text node to lxml, which the scan
    does not make), or
    "<item" spelled otherwise ("<item >", "<item/>")."""
    cdef Py_ssize_t at = 0, last = 0, first = -1, k, big
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
                for k in range(last, at):  # (a loop the C compiler vectorizes)
                    line += raw[k] == 10
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
