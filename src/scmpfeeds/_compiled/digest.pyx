# cython: language_level=3
"""The compiled twin of the digest reader's first pass (``scmpfeeds.digest._reader``).

:func:`lines_and_urls` gives, in one pass over the text, what the reference
builds in two: every line without its trailing whitespace
(``[line.rstrip() for line in text.split("\\n")]``) and the indexes of the
lines that start with ``https://`` or ``http://`` (the candidates for an
article's link line: ``_sections._url_lines``).
"""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ

from cpython.object cimport PyObject


cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    void PyObject_GC_UnTrack(void* op)


def lines_and_urls(str text):
    """``(lines, url_lines)``: the rstripped lines, and which of them start with a URL."""
    cdef list lines = []
    cdef list urls = []
    cdef Py_ssize_t length = len(text), start = 0, end, stop, index = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    while True:
        end = text.find("\n", start)
        if end < 0:
            end = length
        stop = end  # str.rstrip() strips what Py_UNICODE_ISSPACE calls whitespace
        while stop > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, stop - 1)):
            stop -= 1
        line = text[start:stop]
        if stop - start >= 7 and PyUnicode_READ(kind, data, start) == 104 and (
            line.startswith("https://") or line.startswith("http://")
        ):
            urls.append(index)
        lines.append(line)
        index += 1
        if end == length:
            # Lists of strings and numbers are part of no reference cycle: left out
            # of the garbage collector's walks (a large digest has many lines).
            PyObject_GC_UnTrack(<PyObject*>lines)
            PyObject_GC_UnTrack(<PyObject*>urls)
            return lines, urls
        start = end + 1
