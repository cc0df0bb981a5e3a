# cython: language_level=3
"""The compiled twin of the command line's JSON Lines writer (``scmpfeeds.cli``).

:func:`lines` gives, as UTF-8, what ``json.dumps(article.to_dict(),
ensure_ascii=False) + "\\n"`` gives for each article, key for key and space for
space, without building any dictionary or intermediate string: each field is
escaped as the json module escapes it and written into one buffer.  The parity
tests hold the two equal.  A string UTF-8 cannot carry (a lone surrogate)
raises ``UnicodeEncodeError``; the caller then writes those articles the
reference way.
"""

from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.unicode cimport PyUnicode_AsUTF8AndSize
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy

cdef const char* _HEX = b"0123456789abcdef"


cdef class _Out:
    """A growing byte buffer."""

    cdef char* data
    cdef Py_ssize_t size, capacity

    def __cinit__(self):
        self.capacity = 1 << 16
        self.data = <char*>malloc(self.capacity)
        if self.data is NULL:
            raise MemoryError()
        self.size = 0

    def __dealloc__(self):
        free(self.data)

    cdef int reserve(self, Py_ssize_t more) except -1:
        cdef char* grown
        cdef Py_ssize_t capacity = self.capacity
        if self.size + more <= capacity:
            return 0
        while self.size + more > capacity:
            capacity *= 2
        grown = <char*>realloc(self.data, capacity)
        if grown is NULL:
            raise MemoryError()
        self.data, self.capacity = grown, capacity
        return 0

    cdef int raw(self, const char* text, Py_ssize_t length) except -1:
        self.reserve(length)
        memcpy(self.data + self.size, text, length)
        self.size += length
        return 0

    cdef int literal(self, const char* text) except -1:
        cdef Py_ssize_t length = 0
        while text[length] != 0:
            length += 1
        return self.raw(text, length)

    cdef int string(self, str value) except -1:
        """*value* as a JSON string, escaped as ``json.dumps(..., ensure_ascii=False)`` does."""
        cdef Py_ssize_t length, k, start = 0
        cdef const char* text = PyUnicode_AsUTF8AndSize(value, &length)
        cdef unsigned char c
        self.reserve(length + 2)
        self.data[self.size] = 34  # "
        self.size += 1
        for k in range(length):
            c = <unsigned char>text[k]
            if c >= 32 and c != 34 and c != 92:
                continue
            self.raw(text + start, k - start)
            start = k + 1
            if c == 34:
                self.raw(b'\\"', 2)
            elif c == 92:
                self.raw(b"\\\\", 2)
            elif c == 10:
                self.raw(b"\\n", 2)
            elif c == 13:
                self.raw(b"\\r", 2)
            elif c == 9:
                self.raw(b"\\t", 2)
            elif c == 8:
                self.raw(b"\\b", 2)
            elif c == 12:
                self.raw(b"\\f", 2)
            else:
                self.raw(b"\\u00", 4)
                self.reserve(2)
                self.data[self.size] = _HEX[c >> 4]
                self.data[self.size + 1] = _HEX[c & 15]
                self.size += 2
        self.raw(text + start, length - start)
        self.raw(b'"', 1)
        return 0

    cdef int string_or_null(self, object value) except -1:
        if value is None:
            return self.raw(b"null", 4)
        return self.string(value)

    cdef int integer_or_null(self, object value) except -1:
        if value is None:
            return self.raw(b"null", 4)
        return self.string_raw(str(<object>int(value)))

    cdef int string_raw(self, str value) except -1:
        cdef Py_ssize_t length
        cdef const char* text = PyUnicode_AsUTF8AndSize(value, &length)
        return self.raw(text, length)

    cdef int strings(self, tuple values) except -1:
        cdef Py_ssize_t k
        self.raw(b"[", 1)
        for k in range(len(values)):
            if k:
                self.raw(b", ", 2)
            self.string(values[k])
        return self.raw(b"]", 1)

    cdef int media(self, object media) except -1:
        self.literal(b'{"url": ')
        self.string(media.url)
        self.literal(b', "kind": ')
        self.string(media.kind)
        self.literal(b', "type": ')
        self.string_or_null(media.type)
        self.literal(b', "width": ')
        self.integer_or_null(media.width)
        self.literal(b', "height": ')
        self.integer_or_null(media.height)
        self.literal(b', "duration": ')
        self.integer_or_null(media.duration)
        self.literal(b', "length": ')
        self.string_or_null(media.length)
        self.literal(b', "medium": ')
        self.string_or_null(media.medium)
        return self.raw(b"}", 1)

    cdef int article(self, object article) except -1:
        cdef Py_ssize_t k
        cdef tuple media, extra
        published, digest_date = article.published, article.digest_date
        self.literal(b'{"id": ')
        self.integer_or_null(article.id)
        self.literal(b', "url": ')
        self.string_or_null(article.url)
        self.literal(b', "link": ')
        self.string_or_null(article.link)
        self.literal(b', "title": ')
        self.string(article.title)
        self.literal(b', "summary": ')
        self.string(article.summary)
        self.literal(b', "published": ')
        self.string_or_null(None if published is None else published.isoformat())
        self.literal(b', "feed_url": ')
        self.string_or_null(article.feed_url)
        self.literal(b', "authors": ')
        self.strings(article.authors)
        self.literal(b', "media": [')
        media = article.media
        for k in range(len(media)):
            if k:
                self.raw(b", ", 2)
            self.media(media[k])
        self.literal(b'], "body": ')
        self.strings(article.body)
        self.literal(b', "title_zh": ')
        self.string_or_null(article.title_zh)
        self.literal(b', "summary_zh": ')
        self.string_or_null(article.summary_zh)
        self.literal(b', "digest_date": ')
        self.string_or_null(None if digest_date is None else digest_date.isoformat())
        self.literal(b', "extra": [')
        extra = article.extra
        for k in range(len(extra)):
            if k:
                self.raw(b", ", 2)
            key, value = extra[k]
            self.raw(b"[", 1)
            self.string(key)
            self.raw(b", ", 2)
            self.string(value)
            self.raw(b"]", 1)
        self.literal(b'], "source": ')
        self.string_or_null(article.source)
        self.literal(b', "lineno": ')
        self.integer_or_null(article.lineno)
        return self.raw(b"}\n", 2)


def lines(articles):
    """The articles as JSON Lines, in UTF-8, each line ending with ``\\n``."""
    cdef _Out out = _Out()
    for article in articles:
        out.article(article)
    return PyBytes_FromStringAndSize(out.data, out.size)
