# cython: language_level=3
"""Records built directly: an :class:`~scmpfeeds.Article`'s or :class:`~scmpfeeds.Media`'s
slots filled in C, without ``__init__``.

The pure reference builds the same records with ``_unchecked_article`` and
``_unchecked_media`` (scmpfeeds._model).  Like them, these skip attrs'
validation: callers pass what ``__init__`` would accept.  The offsets of the
slots are read, once, from the classes' own slot descriptors; if the classes are
not laid out as expected, importing this module fails and scmpfeeds runs pure.

The records are left out of the garbage collector's tracking (as msgspec's
``gc=False`` structs are): they are frozen and hold only strings, numbers,
dates and tuples of those, so they can never be part of a reference cycle, and
a parser that keeps a million of them no longer pays for the collector walking
them again and again.  Their tuples of strings are untracked the same way.
"""

from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF

from scmpfeeds._model import Article, Media, _ArticleSlots, _MediaSlots

cdef extern from "structmember.h":
    ctypedef struct PyMemberDef:
        Py_ssize_t offset

cdef extern from "Python.h":
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member
    void PyObject_GC_UnTrack(void* op)
    int PyObject_GC_IsTracked(object op)

cdef Py_ssize_t _ARTICLE[A_COUNT]
cdef Py_ssize_t _MEDIA[M_COUNT]
cdef Py_ssize_t _COMPARED[A_COUNT]
cdef int _COMPARED_COUNT = 0

# The names of the fields, in the order of the enums in _records.pxd.
_ARTICLE_NAMES = (
    "title", "link", "url", "id", "summary", "published", "feed_url", "feed_title", "language",
    "authors", "media", "body", "title_zh", "summary_zh", "digest_date", "extra", "source",
    "lineno",
)
_MEDIA_NAMES = ("url", "kind", "type", "width", "height", "duration", "length", "medium")


cdef int _offsets(object slots_class, object record_class, tuple names, Py_ssize_t* out) except -1:
    """Fill *out* with the offset of each field in *names*, which must be all the fields."""
    fields = [field.name for field in record_class.__attrs_attrs__]
    slots = [name for name in slots_class.__slots__ if name != "__weakref__"]
    if sorted(fields) != sorted(names) or sorted(slots) != sorted(names):
        raise ImportError(
            f"the compiled core knows {record_class.__name__}'s fields as {names}, "
            f"not {tuple(fields)}: rebuild it"
        )
    for i, name in enumerate(names):
        descriptor = slots_class.__dict__[name]
        if type(descriptor).__name__ != "member_descriptor":
            raise ImportError(f"{record_class.__name__}.{name} is not a slot")
        out[i] = (<PyMemberDescrObject*>descriptor).d_member.offset
    return 0


_offsets(_ArticleSlots, Article, _ARTICLE_NAMES, _ARTICLE)
_offsets(_MediaSlots, Media, _MEDIA_NAMES, _MEDIA)
for _field in Article.__attrs_attrs__:
    if _field.eq:
        _COMPARED[_COMPARED_COUNT] = _ARTICLE[_ARTICLE_NAMES.index(_field.name)]
        _COMPARED_COUNT += 1


cdef Py_ssize_t* article_offsets() noexcept:
    return _ARTICLE


cdef Py_ssize_t* media_offsets() noexcept:
    return _MEDIA


cdef Py_ssize_t* compared_offsets() noexcept:
    return _COMPARED


cdef int compared_count() noexcept:
    return _COMPARED_COUNT


cdef inline object _untracked(object value):
    """*value*, a tuple, untracked if nothing in it is tracked (a tuple of strings, say)."""
    if type(value) is tuple and PyObject_GC_IsTracked(value):
        for item in <tuple>value:
            if PyObject_GC_IsTracked(item):
                if type(item) is not tuple or PyObject_GC_IsTracked(_untracked(item)):
                    return value
        PyObject_GC_UnTrack(<PyObject*>value)
    return value


cdef inline void _put(object record, Py_ssize_t offset, object value):
    Py_INCREF(value)
    (<PyObject**>((<char*><PyObject*>record) + offset))[0] = <PyObject*>value


cdef object new_article(
    object title, object link, object url, object id, object summary, object published,
    object feed_url, object feed_title, object language, object authors, object media,
    object body, object title_zh, object summary_zh, object digest_date, object extra,
    object source, object lineno,
):
    """An Article with every field given (callers name each: ``new_article(title=…, …)``)."""
    article = Article.__new__(Article)
    _put(article, _ARTICLE[A_TITLE], title)
    _put(article, _ARTICLE[A_LINK], link)
    _put(article, _ARTICLE[A_URL], url)
    _put(article, _ARTICLE[A_ID], id)
    _put(article, _ARTICLE[A_SUMMARY], summary)
    _put(article, _ARTICLE[A_PUBLISHED], published)
    _put(article, _ARTICLE[A_FEED_URL], feed_url)
    _put(article, _ARTICLE[A_FEED_TITLE], feed_title)
    _put(article, _ARTICLE[A_LANGUAGE], language)
    _put(article, _ARTICLE[A_AUTHORS], _untracked(authors))
    _put(article, _ARTICLE[A_MEDIA], _untracked(media))
    _put(article, _ARTICLE[A_BODY], _untracked(body))
    _put(article, _ARTICLE[A_TITLE_ZH], title_zh)
    _put(article, _ARTICLE[A_SUMMARY_ZH], summary_zh)
    _put(article, _ARTICLE[A_DIGEST_DATE], digest_date)
    _put(article, _ARTICLE[A_EXTRA], _untracked(extra))
    _put(article, _ARTICLE[A_SOURCE], source)
    _put(article, _ARTICLE[A_LINENO], lineno)
    PyObject_GC_UnTrack(<PyObject*>article)
    return article


cdef object new_media(
    object url, object kind, object type, object width, object height, object duration,
    object length, object medium,
):
    media = Media.__new__(Media)
    _put(media, _MEDIA[M_URL], url)
    _put(media, _MEDIA[M_KIND], kind)
    _put(media, _MEDIA[M_TYPE], type)
    _put(media, _MEDIA[M_WIDTH], width)
    _put(media, _MEDIA[M_HEIGHT], height)
    _put(media, _MEDIA[M_DURATION], duration)
    _put(media, _MEDIA[M_LENGTH], length)
    _put(media, _MEDIA[M_MEDIUM], medium)
    PyObject_GC_UnTrack(<PyObject*>media)
    return media


def article(
    *, title, link, url, id, summary="", published=None, feed_url=None, feed_title=None,
    language=None, authors=(), media=(), body=(), title_zh=None, summary_zh=None,
    digest_date=None, extra=(), source=None, lineno=None,
):
    """The compiled twin of ``scmpfeeds._model._unchecked_article`` (same names, same
    defaults), for Python callers such as the digest reader."""
    return new_article(
        title=title, link=link, url=url, id=id, summary=summary, published=published,
        feed_url=feed_url, feed_title=feed_title, language=language, authors=authors,
        media=media, body=body, title_zh=title_zh, summary_zh=summary_zh,
        digest_date=digest_date, extra=extra, source=source, lineno=lineno,
    )


def untracked(record):
    """*record*, left out of the garbage collector's tracking, as the records above are.

    Only for an instance of a class with slots (a garbage-collected type) that
    holds, and will only ever hold, strings, numbers, dates, ``None``, records
    and tuples of those: it can then be part of no reference cycle.
    """
    PyObject_GC_UnTrack(<PyObject*>record)
    return record
