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

cdef Py_ssize_t _ARTICLE[16]
cdef Py_ssize_t _MEDIA[8]


cdef int _offsets(object slots_class, object record_class, Py_ssize_t* out, int n) except -1:
    names = [name for name in slots_class.__slots__ if name != "__weakref__"]
    fields = [field.name for field in record_class.__attrs_attrs__]
    if names != fields or len(names) != n:
        raise ImportError(f"{record_class.__name__}'s slots are not its fields in order")
    for i, name in enumerate(names):
        descriptor = slots_class.__dict__[name]
        if type(descriptor).__name__ != "member_descriptor":
            raise ImportError(f"{record_class.__name__}.{name} is not a slot")
        out[i] = (<PyMemberDescrObject*>descriptor).d_member.offset
    return 0


_offsets(_ArticleSlots, Article, _ARTICLE, 16)


cdef Py_ssize_t* article_offsets() noexcept:
    return _ARTICLE
_offsets(_MediaSlots, Media, _MEDIA, 8)


cdef Py_ssize_t* media_offsets() noexcept:
    return _MEDIA


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
    object feed_url, object authors, object media, object body, object title_zh,
    object summary_zh, object digest_date, object extra, object source, object lineno,
):
    article = Article.__new__(Article)
    _put(article, _ARTICLE[0], title)
    _put(article, _ARTICLE[1], link)
    _put(article, _ARTICLE[2], url)
    _put(article, _ARTICLE[3], id)
    _put(article, _ARTICLE[4], summary)
    _put(article, _ARTICLE[5], published)
    _put(article, _ARTICLE[6], feed_url)
    _put(article, _ARTICLE[7], _untracked(authors))
    _put(article, _ARTICLE[8], _untracked(media))
    _put(article, _ARTICLE[9], _untracked(body))
    _put(article, _ARTICLE[10], title_zh)
    _put(article, _ARTICLE[11], summary_zh)
    _put(article, _ARTICLE[12], digest_date)
    _put(article, _ARTICLE[13], _untracked(extra))
    _put(article, _ARTICLE[14], source)
    _put(article, _ARTICLE[15], lineno)
    PyObject_GC_UnTrack(<PyObject*>article)
    return article


cdef object new_media(
    object url, object kind, object type, object width, object height, object duration,
    object length, object medium,
):
    media = Media.__new__(Media)
    _put(media, _MEDIA[0], url)
    _put(media, _MEDIA[1], kind)
    _put(media, _MEDIA[2], type)
    _put(media, _MEDIA[3], width)
    _put(media, _MEDIA[4], height)
    _put(media, _MEDIA[5], duration)
    _put(media, _MEDIA[6], length)
    _put(media, _MEDIA[7], medium)
    PyObject_GC_UnTrack(<PyObject*>media)
    return media


def article(
    title, link, url, id, summary, published, feed_url, authors, media, body, title_zh,
    summary_zh, digest_date, extra, source, lineno,
):
    """:func:`new_article` for Python callers (the digest reader): the compiled twin of
    ``scmpfeeds._model._unchecked_article``."""
    return new_article(
        title, link, url, id, summary, published, feed_url, authors, media, body, title_zh,
        summary_zh, digest_date, extra, source, lineno,
    )


def untracked(record):
    """*record*, left out of the garbage collector's tracking, as the records above are.

    Only for an instance of a class with slots (a garbage-collected type) that
    holds, and will only ever hold, strings, numbers, dates, ``None``, records
    and tuples of those: it can then be part of no reference cycle.
    """
    PyObject_GC_UnTrack(<PyObject*>record)
    return record
