# cython: language_level=3
"""The compiled twin of the usual-block loop in ``scmpfeeds.markdown_dump._reader``.

:func:`blocks` reads a run of blocks of the usual shape, as many as follow one
another, and stops at the first one that is not: the reference reads that unit
(a header, an unusual block, a problem), then hands back.  So problems are
reported by the reference alone, in the same order.

Each block is scanned in C (:func:`_scan`) for exactly what the reference's
``_FAST_BLOCK_RE`` matches there; where the scan is not sure (a summary of
several lines, anything unusual) it asks that same pattern, so the groups a
record is built from are always the pattern's.
"""

from cpython.unicode cimport PyUnicode_READ, PyUnicode_KIND, PyUnicode_DATA
from libc.string cimport memchr, memcmp
from datetime import datetime

from scmpfeeds._compiled._records cimport new_article

from scmpfeeds._ids import SCMP_TRACKING_TAIL, TRACKING_PARAMETERS, tracking_only, url_and_id

# (the longest name in TRACKING_PARAMETERS: a longer one is never looked up)
cdef Py_ssize_t _LONGEST_TRACKING = max(map(len, TRACKING_PARAMETERS))

# The reference's helpers, imported at the first call (once the module is loaded).
cdef object _fast = None
cdef object _tidy_summary = None
cdef object _extra_lines = None
cdef object _from_iso = datetime.fromisoformat


cdef void _load_reference() except *:
    global _fast, _tidy_summary, _extra_lines
    from scmpfeeds.markdown_dump import _grammar
    _tidy_summary, _extra_lines = _grammar._tidy_summary, _grammar._extra_lines
    _fast = _grammar._FAST_BLOCK_RE.match


cdef extern from "Python.h":
    ctypedef unsigned short Py_UCS2
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)


# The spans of the pattern's groups, as _scan finds them (-1: the group did not take part).
cdef struct Groups:
    Py_ssize_t title, title_end, link, link_end, url_end, id, id_end
    Py_ssize_t feed, feed_end, date, date_end, more, more_end, line, line_end
    Py_ssize_t lines, lines_end, stop


cdef class _Text:
    """A str read in place, bounded by *end* (the pattern's ``\\Z``)."""

    cdef int kind
    cdef void* data
    cdef Py_ssize_t end

    cdef inline Py_UCS4 at(self, Py_ssize_t i) noexcept:
        return PyUnicode_READ(self.kind, self.data, i)

    cdef inline bint has(self, Py_ssize_t i, const char* literal) noexcept:
        """Whether *literal* (ASCII) stands at *i*."""
        cdef Py_ssize_t k = 0
        while literal[k] != 0:
            if i + k >= self.end:
                return False
            if PyUnicode_READ(self.kind, self.data, i + k) != <Py_UCS4>literal[k]:
                return False
            k += 1
        return True

    cdef inline Py_ssize_t line_end(self, Py_ssize_t i) noexcept:
        """The position of the first newline at or after *i*, or *end*."""
        cdef const char* found
        cdef const Py_UCS2* two
        cdef const Py_UCS4* four
        if i >= self.end:
            return self.end
        if self.kind == 1:
            found = <const char*>memchr(<const char*>self.data + i, 10, self.end - i)
            return self.end if found is NULL else found - <const char*>self.data
        if self.kind == 2:  # memchr finds the byte 10; a newline is 10 at an even offset
            two = <const Py_UCS2*>self.data
            while i < self.end:
                found = <const char*>memchr(
                    <const char*>(two + i), 10, (self.end - i) * sizeof(Py_UCS2)
                )
                if found is NULL:
                    return self.end
                i = (found - <const char*>self.data) // 2
                if two[i] == 10:
                    return i
                i += 1
            return self.end
        four = <const Py_UCS4*>self.data
        while i < self.end and four[i] != 10:
            i += 1
        return i

    cdef inline Py_ssize_t newlines(self, Py_ssize_t i, Py_ssize_t stop) noexcept:
        """How many newlines ``text[i:stop]`` holds."""
        cdef Py_ssize_t count = 0
        while True:
            i = self.line_end(i)
            if i >= stop:
                return count
            count += 1
            i += 1

    cdef inline Py_ssize_t skip_blanks(self, Py_ssize_t i) noexcept:
        while i < self.end and (self.at(i) == 32 or self.at(i) == 9):
            i += 1
        return i

    cdef inline Py_ssize_t skip_solid(self, Py_ssize_t i) noexcept:
        while i < self.end and not Py_UNICODE_ISSPACE(self.at(i)):
            i += 1
        return i


cdef bint _scmp_id(_Text t, Py_ssize_t link, Py_ssize_t link_end, Groups* g) noexcept:
    """The pattern's SCMP branch: the first ``article/<digits>`` segment, and the URL to ``?``."""
    cdef Py_ssize_t i = link + 21, digits
    cdef Py_UCS4 c
    while True:
        if t.has(i, "article/"):
            digits = i + 8
            while digits < link_end and Py_UNICODE_ISDECIMAL(t.at(digits)):
                digits += 1
            if digits > i + 8 and (
                digits == link_end or t.at(digits) == 47 or t.at(digits) == 63
                or t.at(digits) == 35
            ):
                g.id, g.id_end = i + 8, digits
                g.url_end = digits
                while g.url_end < link_end and t.at(g.url_end) != 63 and t.at(g.url_end) != 35:
                    g.url_end += 1
                return True
        while i < link_end:  # the rest of this segment, which may not hold ? or #
            c = t.at(i)
            if c == 63 or c == 35:
                return False
            i += 1
            if c == 47:
                break
        else:
            return False


cdef bint _has_folded(_Text t, Py_ssize_t i, const char* lower) noexcept:
    """Whether the ASCII *lower* stands at *i*, in any ASCII case (the pattern's ``(?ai:)``)."""
    cdef Py_ssize_t k = 0
    cdef unsigned int c
    while lower[k] != 0:
        if i + k >= t.end:
            return False
        c = <unsigned int>t.at(i + k)
        if 65 <= c <= 90:
            c += 32
        if c != <unsigned int>lower[k]:
            return False
        k += 1
    return True


cdef bint _first_meta(_Text t, Py_ssize_t i) noexcept:
    """The reference's ``_FIRST_META`` at *i*: a link line, or the feed or date line."""
    cdef Py_ssize_t k
    if not t.has(i, " - "):
        return False
    i += 3
    if i < t.end and t.at(i) == 91:
        return True
    if _has_folded(t, i, b"rss feed"):
        k = t.skip_blanks(i + 8)
    elif _has_folded(t, i, b"date published"):
        k = t.skip_blanks(i + 14)
    else:
        return False
    return k < t.end and t.at(k) == 58


cdef inline bint _heading(_Text t, Py_ssize_t i) noexcept:
    """A heading line at *i*: "## " and a title, or "##" alone."""
    return t.has(i, "## ") or t.has(i, "##\n")


cdef bint _unit_start(_Text t, Py_ssize_t i) noexcept:
    """The reference's ``_UNIT_START`` at the line start *i*: a header, or a heading
    that a first metadata line follows (after title lines, none a heading or header)."""
    cdef Py_ssize_t e
    if t.has(i, "# Source"):
        return True
    if not _heading(t, i):
        return False
    e = t.line_end(i + 2)
    while e < t.end:
        i = e + 1
        if _first_meta(t, i):
            return True
        if _heading(t, i) or t.has(i, "# Source"):
            return False
        e = t.line_end(i)
    return False


cdef bint _scan(_Text t, Py_ssize_t pos, Groups* g) noexcept:
    """Find the pattern's groups for the block at *pos*; False when unsure (ask the pattern)."""
    cdef Py_ssize_t i, j, n, k, s, e, start
    cdef Py_UCS4 c
    if not t.has(pos, "## "):
        return False
    # The title: the whole line, which must start and end with a non-space.
    i = pos + 3
    e = t.line_end(i)
    if e >= t.end or e == i or Py_UNICODE_ISSPACE(t.at(i)) or Py_UNICODE_ISSPACE(t.at(e - 1)):
        return False
    g.title, g.title_end = i, e
    # The link line: " - [LINK](LINK)", LINK up to the first space or "]".
    i = e + 1
    if not t.has(i, " - ["):
        return False
    g.link = i + 4
    j = g.link
    while j < t.end and not Py_UNICODE_ISSPACE(t.at(j)) and t.at(j) != 93:
        j += 1
    g.link_end = j
    n = j - g.link
    if not t.has(j, "](") or j + 2 + n + 2 > t.end:
        return False
    if memcmp(<const char*>t.data + (j + 2) * t.kind, <const char*>t.data + g.link * t.kind,
              n * t.kind) != 0:
        return False  # (the same characters are the same bytes: one string, one kind)
    if not t.has(j + 2 + n, ")\n"):
        return False
    g.id = g.id_end = g.url_end = -1
    if t.has(g.link, "https://www.scmp.com/"):
        if not _scmp_id(t, g.link, g.link_end, g):
            return False  # (the other branch may still match: the pattern knows)
    elif t.has(g.link, "http://") or t.has(g.link, "https://"):
        s = g.link + (7 if t.at(g.link + 4) == 58 else 8)
        k = s  # the host: one or more characters other than space / ? # ]
        while k < g.link_end and t.at(k) != 47 and t.at(k) != 63 and t.at(k) != 35:
            k += 1
        if k == s:
            return False
    else:
        return False
    # " - RSS feed: FEED" and " - date published: DATE[ TIME]".
    i = j + 2 + n + 2
    if not t.has(i, " - RSS feed:"):
        return False
    g.feed = t.skip_blanks(i + 12)
    g.feed_end = t.skip_solid(g.feed)
    if g.feed_end >= t.end or t.at(g.feed_end) != 10:
        return False
    i = g.feed_end + 1
    if not t.has(i, " - date published:"):
        return False
    g.date = t.skip_blanks(i + 18)
    e = t.skip_solid(g.date)
    if e == g.date or e >= t.end:
        return False
    if t.at(e) == 32 and e + 1 < t.end and not Py_UNICODE_ISSPACE(t.at(e + 1)):
        e = t.skip_solid(e + 1)
        if e >= t.end:
            return False
    if t.at(e) != 10:
        return False
    g.date_end = e
    # Other " - key: value" lines, each ending with a newline.
    i = g.more = e + 1
    while t.has(i, " - ") and i + 3 < t.end:
        c = t.at(i + 3)
        if c == 91 or c == 10 or c == 58:
            break
        e = t.line_end(i + 4)
        if e >= t.end:
            break
        k = i + 4
        while k < e and t.at(k) != 58:
            k += 1
        if k == e:
            break
        i = e + 1
    g.more_end = i
    # The summary, by the pattern's three branches: one line followed by the next
    # block or the end; else every line up to the next unit (the newlines before
    # it give one back when a heading follows at once); else none.
    s = i
    while s < t.end and t.at(s) == 10:
        s += 1
    g.line = g.line_end = g.lines = g.lines_end = -1
    if s == i:  # no blank line: only "no summary" can match, before a unit or the end
        if s == t.end or _unit_start(t, s):
            g.stop = s
            return True
        return False
    if s == t.end:  # blank lines to the end: the second branch, with nothing in it
        g.lines = g.lines_end = g.stop = s
        return True
    if _unit_start(t, s):
        if s - i == 1:
            g.stop = s
            return True
        start = s - 1
    else:
        e = t.line_end(s)
        if not Py_UNICODE_ISSPACE(t.at(e - 1)):
            k = e
            while k < t.end and t.at(k) == 10:
                k += 1
            if k == t.end or t.has(k, "# Source") or (
                t.has(k, "## ") and t.has(t.line_end(k + 3) + 1, " - [")
            ):
                g.line, g.line_end, g.stop = s, e, k
                return True
        start = s
    k = s
    while k < t.end and not _unit_start(t, k):
        e = t.line_end(k)
        k = e + 1 if e < t.end else e
    g.lines, g.lines_end, g.stop = start, k, k
    return True


cdef object _tidy(str text, _Text t, Py_ssize_t start, Py_ssize_t end):
    """The reference's ``_tidy_summary`` of ``text[start:end]``, without a regex when no
    line ends with whitespace (as almost none does)."""
    cdef Py_ssize_t k = start, e, stop = end
    while stop > start and t.at(stop - 1) == 10:
        stop -= 1
    while k < stop:
        e = t.line_end(k)
        if e > stop:
            e = stop
        if e > k and Py_UNICODE_ISSPACE(t.at(e - 1)):
            return _tidy_summary(text[start:end])
        k = e + 1
    return text[start:stop]


cdef object _url_of_span(str text, _Text t, Py_ssize_t link, Py_ssize_t link_end):
    """``(canonical_url(link), article_id(link))`` for the link ``text[link:link_end]``.

    An ASCII http(s) link with a lower-case host and a path, and no user, port or
    "scmp.com" in it, is its own canonical URL (with ``https``) less the tracking
    parameters of its query and a fragment made of nothing else, found here part
    by part as the reference's ``canonical_url`` finds them.  Anything else goes
    through the reference's ``url_and_id``.
    """
    cdef Py_ssize_t start, k, host_end = -1, mark = -1, hash_ = -1, base_end
    cdef Py_UCS4 c
    if t.has(link, "https://"):
        start = link + 8
    elif t.has(link, "http://"):
        start = link + 7
    else:
        return url_and_id(text[link:link_end])
    for k in range(start, link_end):
        c = t.at(k)
        if c > 127 or ((c == 115 or c == 83) and _scmp_at(t, k)):
            return url_and_id(text[link:link_end])  # an scmp.com host may carry an SCMP ID
        if hash_ >= 0:
            continue  # (the fragment, up to the end)
        if c == 35:  # #
            hash_ = k
        elif mark >= 0:
            continue  # (the query)
        elif c == 63:  # ?
            mark = k
        elif host_end < 0:
            if c == 47:  # /
                host_end = k
            elif c == 64 or c == 58 or 65 <= c <= 90:  # @ : upper case
                return url_and_id(text[link:link_end])
    if host_end < 0 or Py_UNICODE_ISSPACE(t.at(link_end - 1)):
        return url_and_id(text[link:link_end])  # (no path: "/" is added; a space: stripped)
    base_end = mark if mark >= 0 else hash_ if hash_ >= 0 else link_end
    url = text[link:base_end] if start == link + 8 else "https://" + text[start:base_end]
    if mark >= 0:
        query = _kept_query(text, t, mark + 1, hash_ if hash_ >= 0 else link_end)
        if query:
            url += "?" + query
    if hash_ >= 0 and not _only_tracking(text, t, hash_ + 1, link_end):
        url += text[hash_:link_end]
    return url, None


cdef Py_ssize_t _part_end(_Text t, Py_ssize_t p, Py_ssize_t end) noexcept:
    """Where the query part that starts at *p* ends: the next ``&``, or *end*."""
    while p < end and t.at(p) != 38:
        p += 1
    return p


cdef Py_ssize_t _name_end(_Text t, Py_ssize_t p, Py_ssize_t e) noexcept:
    """Where the name of the part ``[p:e]`` ends: its first ``=``, or *e*."""
    while p < e and t.at(p) != 61:
        p += 1
    return p


cdef bint _is_tracking(str text, _Text t, Py_ssize_t p, Py_ssize_t n) except -1:
    """The reference's ``is_tracking`` for a part whose name is ``text[p:n]`` (ASCII):
    the name starts with ``utm_`` or is one of ``TRACKING_PARAMETERS``, in any case."""
    if (
        n - p >= 4 and (<int>t.at(p) | 32) == 117 and (<int>t.at(p + 1) | 32) == 116
        and (<int>t.at(p + 2) | 32) == 109 and <int>t.at(p + 3) == 95
    ):  # utm_ (and "|32" lowers only letters here: u, t, m)
        return True
    return 3 <= n - p <= _LONGEST_TRACKING and text[p:n].lower() in TRACKING_PARAMETERS


cdef str _kept_query(str text, _Text t, Py_ssize_t start, Py_ssize_t end):
    """The reference's ``_without_tracking(text[start:end])``: the parts that are
    neither empty nor tracking, in order."""
    cdef Py_ssize_t p = start, e
    cdef list kept = []
    cdef bint dropped = False
    while p <= end:
        e = _part_end(t, p, end)
        if e == p or _is_tracking(text, t, p, _name_end(t, p, e)):
            dropped = True
        else:
            kept.append(text[p:e])
        p = e + 1
    return "&".join(kept) if dropped else text[start:end]


cdef bint _only_tracking(str text, _Text t, Py_ssize_t start, Py_ssize_t end) except -1:
    """Whether the fragment ``[start:end]`` holds nothing but tracking parameters
    (each non-empty part a ``name=value`` one): the reference's ``_kept_fragment``
    gives ``""`` for it."""
    cdef Py_ssize_t p = start, e, n
    while p <= end:
        e = _part_end(t, p, end)
        if e > p:
            n = _name_end(t, p, e)
            if n == e or not _is_tracking(text, t, p, n):
                return False
        p = e + 1
    return True


cdef bint _tracking_tail(str link, Py_ssize_t end) except -1:
    """The reference's ``tracking_only(link[end:])``, SCMP's usual tail compared in place."""
    if len(link) - end == len(SCMP_TRACKING_TAIL) and link.endswith(SCMP_TRACKING_TAIL):
        return True
    return tracking_only(link[end:])


cdef const char* _SCMP = b"scmp.com"


cdef inline bint _scmp_at(_Text t, Py_ssize_t k) noexcept:
    """Whether "scmp.com", in any case, stands at *k* (ASCII letters only: see the caller)."""
    cdef Py_ssize_t n
    if k + 8 > t.end:
        return False
    for n in range(8):
        if (<unsigned int>t.at(k + n) | 32) != (<unsigned int>_SCMP[n] | 32):
            return False
    return True


def blocks(reader, str text, Py_ssize_t pos, Py_ssize_t end, Py_ssize_t lineno, list out):
    """Append the articles of the usual blocks from *pos* on; return where they stop.

    Returns ``(pos, lineno)`` of the first unit the reference must read (or of
    *end*).
    """
    cdef Py_ssize_t stop
    cdef bint scanned
    cdef Groups g
    cdef _Text t = _Text.__new__(_Text)
    if _fast is None:
        _load_reference()
    t.kind, t.data, t.end = PyUnicode_KIND(text), PyUnicode_DATA(text), end
    source = reader.source
    section = reader.section
    section_url, section_name, section_language = section.url, section.name, section.language
    while pos < end:
        scanned = _scan(t, pos, &g)
        if scanned:
            stop = g.stop
            title, link = text[g.title:g.title_end], text[g.link:g.link_end]
            if g.id >= 0:
                url, found = text[g.link:g.url_end], text[g.id:g.id_end]
            else:
                url = found = None
            feed, date = text[g.feed:g.feed_end], text[g.date:g.date_end]
            more = text[g.more:g.more_end]
            line = text[g.line:g.line_end] if g.line >= 0 else None
            lines = None
            if g.lines >= 0 and g.lines_end > g.lines:
                line = _tidy(text, t, g.lines, g.lines_end)
        else:
            match = _fast(text, pos, end)
            if match is None:
                break
            stop = match.end()
            title, link, url, found, feed, date, more, line, lines = match.groups()
        if line is not None:  # a summary of one line
            summary = line
        elif lines:
            summary = _tidy_summary(lines)
        else:
            summary = ""
        extra = ()
        if more:
            extra = _extra_lines(more)
            if extra is None:
                break  # a field of its own: the reference's careful path reads it
        try:
            published = _from_iso(date)
        except ValueError:
            break
        if not title or published.tzinfo is None or len(date) > 32:
            break  # (32: the reference's ISO_WHOLE; longer, seconds in the offset)
        if found is None or url.count("/article/") > 1:
            if link.startswith("https://www.scmp.com/"):
                break  # an SCMP link the pattern did not split: the reference does
            if scanned:
                url, found_id = _url_of_span(text, t, g.link, g.link_end)
            else:
                url, found_id = url_and_id(link)
        elif len(url) != len(link) and not _tracking_tail(link, len(url)):
            url, found_id = url_and_id(link)  # a query that names the page: the reference
        else:
            found_id = int(found)
        out.append(new_article(
            title=title, link=link, url=url, id=found_id, summary=summary, published=published,
            feed_url=section_url if feed == "" or feed == "$source" else feed,
            feed_title=section_name, language=section_language, authors=(), media=(), body=(),
            title_zh=None, summary_zh=None, digest_date=None, extra=extra, source=source,
            lineno=lineno,
        ))
        lineno += t.newlines(pos, stop)  # the lines the block spans
        pos = stop
    return pos, lineno


def scan(str text, Py_ssize_t pos, Py_ssize_t end):
    """What :func:`_scan` finds at *pos*, as ``(match.groups(), match.end())``; None if unsure.

    For the tests, which hold it to the reference's pattern.
    """
    cdef Groups g
    cdef _Text t = _Text.__new__(_Text)
    t.kind, t.data, t.end = PyUnicode_KIND(text), PyUnicode_DATA(text), end
    if not _scan(t, pos, &g):
        return None

    def span(Py_ssize_t start, Py_ssize_t stop):
        return None if start < 0 else text[start:stop]

    groups = (
        span(g.title, g.title_end), span(g.link, g.link_end),
        span(g.link if g.id >= 0 else -1, g.url_end), span(g.id, g.id_end),
        span(g.feed, g.feed_end), span(g.date, g.date_end), span(g.more, g.more_end),
        span(g.line, g.line_end), span(g.lines, g.lines_end),
    )
    return groups, g.stop


def link_parts(str link):
    """What a dump's link becomes here, ``(url, id)``, as for a link span.

    For the tests, which hold it to the reference's ``url_and_id``.
    """
    cdef _Text t = _Text.__new__(_Text)
    t.kind, t.data, t.end = PyUnicode_KIND(link), PyUnicode_DATA(link), len(link)
    return _url_of_span(link, t, 0, len(link))
