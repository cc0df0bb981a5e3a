# cython: language_level=3
"""The compiled twin of ``dedupe(keep="merge")`` in :func:`scmpfeeds.dedupe`.

Most repeats are equal records, so the loop's cost is the comparison: here it
reads the fields :class:`~scmpfeeds.Article` compares straight from the two
records' slots and compares them one by one in C, stopping at the first that
differs, where attrs' ``__eq__`` builds two tuples of all of them.  Records of another class (a subclass) are compared with ``==``.
Merging stays in Python: :func:`~scmpfeeds.merge_articles` is passed in.
"""

from cpython.object cimport PyObject, PyObject_RichCompareBool, Py_EQ

from scmpfeeds._compiled._records cimport compared_count, compared_offsets


cdef bint _equal(object a, object b) except -1:
    """``a == b`` for two Articles: their fields read in place and compared one by one,
    identical objects without a call, stopping at the first that differs."""
    cdef Py_ssize_t* offsets = compared_offsets()
    cdef PyObject* x
    cdef PyObject* y
    cdef int i
    for i in range(compared_count()):
        x = (<PyObject**>((<char*><PyObject*>a) + offsets[i]))[0]
        y = (<PyObject**>((<char*><PyObject*>b) + offsets[i]))[0]
        if x is not y and not PyObject_RichCompareBool(<object>x, <object>y, Py_EQ):
            return False
    return True


def merged(articles, article_key, merge_articles, article_class):
    """One record per key, each where its key first appeared, repeats merged."""
    cdef dict kept = {}
    for article in articles:
        key = article.id
        if key is None:
            key = article_key(article)
        earlier = kept.get(key)
        if earlier is None:
            kept[key] = article
        elif earlier is not article:
            if type(earlier) is article_class and type(article) is article_class:
                if _equal(earlier, article):
                    continue
            elif earlier == article:
                continue
            kept[key] = merge_articles(earlier, article)
    return list(kept.values())
