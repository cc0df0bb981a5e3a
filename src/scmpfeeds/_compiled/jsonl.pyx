# cython: language_level=3
"""The compiled twins of the JSON Lines and CSV writers (``scmpfeeds.records``).

:func:`lines` gives, as UTF-8, what ``json.dumps(article.to_dict(),
ensure_ascii=False) + "\\n"`` gives for each article, key for key and space for
space, without building any dictionary or intermediate string: each field is
escaped as the json module escapes it and written into one buffer.  The parity
tests hold the two equal.  A string UTF-8 cannot carry (a lone surrogate)
raises ``UnicodeEncodeError``; the caller then writes those articles the
reference way.

:func:`csv_rows` gives, as UTF-8, the rows ``write_csv`` writes with the csv
module (minimal quoting, rows ending ``\r\n``), the list columns as the same
JSON.
"""

from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.datetime cimport (
    PyDateTime_DATE_GET_HOUR,
    PyDateTime_DATE_GET_MICROSECOND,
    PyDateTime_DATE_GET_MINUTE,
    PyDateTime_DATE_GET_SECOND,
    PyDateTime_GET_DAY,
    PyDateTime_GET_MONTH,
    PyDateTime_GET_YEAR,
    datetime_tzinfo,
    import_datetime,
)
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_AsUTF8AndSize
from libc.stdint cimport uint64_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy

from scmpfeeds._compiled._records cimport (
    A_AUTHORS, A_BODY, A_DIGEST_DATE, A_EXTRA, A_FEED_TITLE, A_FEED_URL, A_ID, A_LANGUAGE,
    A_LINENO, A_LINK, A_MEDIA, A_PUBLISHED, A_SOURCE, A_SUMMARY, A_SUMMARY_ZH, A_TITLE,
    A_TITLE_ZH, A_URL, M_DURATION, M_HEIGHT, M_KIND, M_LENGTH, M_MEDIUM, M_TYPE, M_URL, M_WIDTH,
    article_offsets, media_offsets,
)

import datetime as _datetime

from scmpfeeds._model import Article, Media

import_datetime()

cdef const char* _HEX = b"0123456789abcdef"
cdef object _DATETIME = _datetime.datetime
cdef object _DATE = _datetime.date
cdef object _TIMEZONE = _datetime.timezone
# What isoformat() writes after the seconds for each fixed-offset zone ("+08:00"),
# for the first _ZONES_KEPT zones met: real data has a few dozen offsets, and
# an input of distinct ones (seconds and fractions are allowed) must not grow it.
cdef dict _ZONE_SUFFIX = {}
cdef Py_ssize_t _ZONES_KEPT = 512


cdef inline bint _needs_escape(uint64_t word) noexcept:
    """Whether any of eight bytes is below 32, a quote or a backslash (bytes of
    UTF-8 above 127 never are): the usual bit tricks, exact for each test."""
    cdef uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL
    cdef uint64_t quote = word ^ (ones * 34), backslash = word ^ (ones * 92)
    return (
        ((word - ones * 32) & ~word & highs)
        | ((quote - ones) & ~quote & highs)
        | ((backslash - ones) & ~backslash & highs)
    ) != 0


cdef inline bint _needs_quotes(uint64_t word) noexcept:
    """Whether any of eight bytes is a comma, a quote, a CR or an LF."""
    cdef uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL
    cdef uint64_t comma = word ^ (ones * 44), quote = word ^ (ones * 34)
    cdef uint64_t cr = word ^ (ones * 13), lf = word ^ (ones * 10)
    return (
        ((comma - ones) & ~comma & highs)
        | ((quote - ones) & ~quote & highs)
        | ((cr - ones) & ~cr & highs)
        | ((lf - ones) & ~lf & highs)
    ) != 0


cdef inline object _slot(object record, Py_ssize_t offset):
    """A field of a record, read from its slot (the records are of the exact class)."""
    cdef PyObject* value = (<PyObject**>((<char*><PyObject*>record) + offset))[0]
    if value is NULL:
        raise AttributeError("a record with a field not set")
    return <object>value


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
        cdef Py_ssize_t length, k = 0, start = 0
        cdef const char* text = PyUnicode_AsUTF8AndSize(value, &length)
        cdef unsigned char c
        cdef uint64_t word
        self.reserve(length + 2)
        self.data[self.size] = 34  # "
        self.size += 1
        while k < length:
            if k + 8 <= length:  # eight bytes at a time while none needs escaping
                memcpy(&word, text + k, 8)
                if not _needs_escape(word):
                    k += 8
                    continue
            c = <unsigned char>text[k]
            if c >= 32 and c != 34 and c != 92:
                k += 1
                continue
            self.raw(text + start, k - start)
            k += 1
            start = k
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

    cdef int digits(self, int value, int count) except -1:
        """*value* in *count* decimal digits, zero-padded (as ``%0*d``)."""
        cdef int k
        self.reserve(count)
        for k in range(count - 1, -1, -1):
            self.data[self.size + k] = <char>(48 + value % 10)
            value //= 10
        self.size += count
        return 0

    cdef int three(self, int first, int width, int second, int third, char between) except -1:
        """``first`` in *width* digits, then two two-digit numbers, *between* each
        (``2024-06-07``, ``22:00:09``)."""
        self.digits(first, width)
        self.raw(&between, 1)
        self.digits(second, 2)
        self.raw(&between, 1)
        return self.digits(third, 2)

    cdef int day(self, object value) except -1:
        """A date's ``"YYYY-MM-DD"``, as ``date.isoformat()`` writes it (quoted)."""
        self.raw(b'"', 1)
        return self.three(
            PyDateTime_GET_YEAR(value), 4, PyDateTime_GET_MONTH(value), PyDateTime_GET_DAY(value),
            b"-"[0],
        )

    cdef int moment(self, object value) except -1:
        """A datetime as ``value.isoformat()`` writes it (quoted); a zone other than a
        fixed offset, or a subclass, by ``isoformat()`` itself."""
        cdef int microsecond
        if type(value) is not _DATETIME:
            return self.string(value.isoformat())
        zone = datetime_tzinfo(value)
        if zone is not None and type(zone) is not _TIMEZONE:
            return self.string(value.isoformat())  # (its offset may vary by date)
        suffix = _ZONE_SUFFIX.get(zone)
        if suffix is None:
            suffix = value.replace(microsecond=0).isoformat()[19:]
            if len(_ZONE_SUFFIX) < _ZONES_KEPT:
                _ZONE_SUFFIX[zone] = suffix
        self.day(value)
        self.raw(b"T", 1)
        self.three(
            PyDateTime_DATE_GET_HOUR(value), 2, PyDateTime_DATE_GET_MINUTE(value),
            PyDateTime_DATE_GET_SECOND(value), b":"[0],
        )
        microsecond = PyDateTime_DATE_GET_MICROSECOND(value)
        if microsecond:
            self.raw(b".", 1)
            self.digits(microsecond, 6)
        self.string_raw(<str>suffix)
        return self.raw(b'"', 1)

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
        cdef Py_ssize_t* at = media_offsets()
        if type(media) is not Media:  # a subclass may compute its fields
            return self.media_fields(
                media.url, media.kind, media.type, media.width, media.height, media.duration,
                media.length, media.medium,
            )
        return self.media_fields(
            url=_slot(media, at[M_URL]), kind=_slot(media, at[M_KIND]),
            type_=_slot(media, at[M_TYPE]), width=_slot(media, at[M_WIDTH]),
            height=_slot(media, at[M_HEIGHT]), duration=_slot(media, at[M_DURATION]),
            length=_slot(media, at[M_LENGTH]), medium=_slot(media, at[M_MEDIUM]),
        )

    cdef int media_fields(
        self, url, kind, type_, width, height, duration, length, medium
    ) except -1:
        self.literal(b'{"url": ')
        self.string(url)
        self.literal(b', "kind": ')
        self.string(kind)
        self.literal(b', "type": ')
        self.string_or_null(type_)
        self.literal(b', "width": ')
        self.integer_or_null(width)
        self.literal(b', "height": ')
        self.integer_or_null(height)
        self.literal(b', "duration": ')
        self.integer_or_null(duration)
        self.literal(b', "length": ')
        self.string_or_null(length)
        self.literal(b', "medium": ')
        self.string_or_null(medium)
        return self.raw(b"}", 1)

    cdef int article(self, object article) except -1:
        cdef Py_ssize_t* at = article_offsets()
        if type(article) is not Article:  # a subclass may compute its fields
            return self.article_fields(
                title=article.title, link=article.link, url=article.url, id_=article.id,
                summary=article.summary, published=article.published,
                feed_url=article.feed_url, feed_title=article.feed_title,
                language=article.language, authors=article.authors, media=article.media,
                body=article.body, title_zh=article.title_zh, summary_zh=article.summary_zh,
                digest_date=article.digest_date, extra=article.extra, source=article.source,
                lineno=article.lineno,
            )
        return self.article_fields(
            title=_slot(article, at[A_TITLE]), link=_slot(article, at[A_LINK]),
            url=_slot(article, at[A_URL]), id_=_slot(article, at[A_ID]),
            summary=_slot(article, at[A_SUMMARY]), published=_slot(article, at[A_PUBLISHED]),
            feed_url=_slot(article, at[A_FEED_URL]),
            feed_title=_slot(article, at[A_FEED_TITLE]),
            language=_slot(article, at[A_LANGUAGE]), authors=_slot(article, at[A_AUTHORS]),
            media=_slot(article, at[A_MEDIA]), body=_slot(article, at[A_BODY]),
            title_zh=_slot(article, at[A_TITLE_ZH]), summary_zh=_slot(article, at[A_SUMMARY_ZH]),
            digest_date=_slot(article, at[A_DIGEST_DATE]), extra=_slot(article, at[A_EXTRA]),
            source=_slot(article, at[A_SOURCE]), lineno=_slot(article, at[A_LINENO]),
        )

    cdef int article_fields(
        self, title, link, url, id_, summary, published, feed_url, feed_title, language,
        tuple authors, tuple media, tuple body, title_zh, summary_zh, digest_date,
        tuple extra, source, lineno,
    ) except -1:
        """One line, each field written as ``Article.to_dict`` orders it."""
        cdef Py_ssize_t k
        self.literal(b'{"id": ')
        self.integer_or_null(id_)
        self.literal(b', "url": ')
        self.string_or_null(url)
        self.literal(b', "link": ')
        self.string_or_null(link)
        self.literal(b', "title": ')
        self.string(title)
        self.literal(b', "summary": ')
        self.string(summary)
        self.literal(b', "published": ')
        if published is None:
            self.raw(b"null", 4)
        else:
            self.moment(published)
        self.literal(b', "feed_url": ')
        self.string_or_null(feed_url)
        self.literal(b', "feed_title": ')
        self.string_or_null(feed_title)
        self.literal(b', "language": ')
        self.string_or_null(language)
        self.literal(b', "authors": ')
        self.strings(authors)
        self.literal(b', "media": [')
        for k in range(len(media)):
            if k:
                self.raw(b", ", 2)
            self.media(media[k])
        self.literal(b'], "body": ')
        self.strings(body)
        self.literal(b', "title_zh": ')
        self.string_or_null(title_zh)
        self.literal(b', "summary_zh": ')
        self.string_or_null(summary_zh)
        self.literal(b', "digest_date": ')
        if digest_date is None:
            self.raw(b"null", 4)
        elif type(digest_date) is _DATE:
            self.day(digest_date)
            self.raw(b'"', 1)
        else:
            self.string(digest_date.isoformat())
        self.literal(b', "extra": [')
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
        self.string_or_null(source)
        self.literal(b', "lineno": ')
        self.integer_or_null(lineno)
        return self.raw(b"}\n", 2)


def lines(articles):
    """The articles as JSON Lines, in UTF-8, each line ending with ``\\n``."""
    cdef _Out out = _Out()
    for article in articles:
        out.article(article)
    return PyBytes_FromStringAndSize(out.data, out.size)


cdef class _Csv(_Out):
    """CSV rows, each cell as the csv module writes it (QUOTE_MINIMAL)."""

    cdef _Out json  # (a list column's JSON, before it is a cell)

    def __cinit__(self):
        self.json = _Out()

    cdef int cell(self, const char* text, Py_ssize_t length) except -1:
        """Bytes as a cell: as they are, or quoted with their quotes doubled when they
        hold a comma, a quote or a line break."""
        cdef Py_ssize_t k = 0, start = 0
        cdef uint64_t word
        cdef bint plain = True
        while k < length:
            if k + 8 <= length:
                memcpy(&word, text + k, 8)
                if not _needs_quotes(word):
                    k += 8
                    continue
            if text[k] == 44 or text[k] == 34 or text[k] == 13 or text[k] == 10:
                plain = False
                break
            k += 1
        if plain:
            return self.raw(text, length)
        self.raw(b'"', 1)
        for k in range(length):
            if text[k] == 34:
                self.raw(text + start, k + 1 - start)  # the quote, then its double
                start = k
        self.raw(text + start, length - start)
        return self.raw(b'"', 1)

    cdef int text(self, object value) except -1:
        """A str cell (None: an empty one)."""
        cdef Py_ssize_t length
        cdef const char* data
        if value is None:
            return 0
        data = PyUnicode_AsUTF8AndSize(value, &length)
        return self.cell(data, length)

    cdef int number(self, object value) except -1:
        if value is None:
            return 0
        return self.string_raw(str(<object>int(value)))

    cdef int json_cell(self) except -1:
        self.cell(self.json.data, self.json.size)
        self.json.size = 0
        return 0

    cdef int row(self, object article) except -1:
        cdef Py_ssize_t* at = article_offsets()
        cdef Py_ssize_t k
        cdef _Out json = self.json
        if type(article) is not Article:
            raise TypeError("not an Article")  # (the caller writes it the reference way)
        published = _slot(article, at[A_PUBLISHED])
        authors = <tuple>_slot(article, at[A_AUTHORS])
        media = <tuple>_slot(article, at[A_MEDIA])
        body = <tuple>_slot(article, at[A_BODY])
        extra = <tuple>_slot(article, at[A_EXTRA])
        digest_date = _slot(article, at[A_DIGEST_DATE])
        self.number(_slot(article, at[A_ID]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_URL]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_LINK]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_TITLE]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_SUMMARY]))
        self.raw(b",", 1)
        if published is not None:  # (JSON's date less its quotes: digits and -T:+.)
            json.moment(published)
            self.raw(json.data + 1, json.size - 2)
            json.size = 0
        self.raw(b",", 1)
        self.text(_slot(article, at[A_FEED_URL]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_FEED_TITLE]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_LANGUAGE]))
        self.raw(b",", 1)
        if authors:
            json.strings(authors)
            self.json_cell()
        self.raw(b",", 1)
        if media:
            json.raw(b"[", 1)
            for k in range(len(media)):
                if k:
                    json.raw(b", ", 2)
                json.media(media[k])
            json.raw(b"]", 1)
            self.json_cell()
        self.raw(b",", 1)
        if body:
            json.strings(body)
            self.json_cell()
        self.raw(b",", 1)
        self.text(_slot(article, at[A_TITLE_ZH]))
        self.raw(b",", 1)
        self.text(_slot(article, at[A_SUMMARY_ZH]))
        self.raw(b",", 1)
        if digest_date is not None:
            self.text(digest_date.isoformat())
        self.raw(b",", 1)
        if extra:
            json.raw(b"[", 1)
            for k in range(len(extra)):
                if k:
                    json.raw(b", ", 2)
                key, value = extra[k]
                json.raw(b"[", 1)
                json.string(key)
                json.raw(b", ", 2)
                json.string(value)
                json.raw(b"]", 1)
            json.raw(b"]", 1)
            self.json_cell()
        self.raw(b",", 1)
        self.text(_slot(article, at[A_SOURCE]))
        self.raw(b",", 1)
        self.number(_slot(article, at[A_LINENO]))
        return self.raw(b"\r\n", 2)


def csv_rows(articles):
    """The articles as CSV rows (no header), in UTF-8, each ending with ``\r\n``."""
    cdef _Csv out = _Csv()
    for article in articles:
        out.row(article)
    return PyBytes_FromStringAndSize(out.data, out.size)
