# cython: language_level=3
"""The compiled twin of ``dedupe(keep="merge")`` in :mod:`scmpfeeds.dedupe`.

Most repeats are equal records, so the loop's cost is the comparison: here it
compares the fields :class:`~scmpfeeds.Article` compares, one by one in C, and
stops at the first that differs, where attrs' ``__eq__`` builds two tuples of
all of them.  Records of another class (a subclass) are compared with ``==``.
Merging stays in Python: :func:`~scmpfeeds.merge_articles` is passed in.
"""

cdef bint _same(object a, object b) except -1:
    return a is b or a == b


cdef bint _equal(object a, object b) except -1:
    """``a == b`` for two Articles, field by field (source and lineno are not compared)."""
    return (
        _same(a.id, b.id)
        and _same(a.title, b.title)
        and _same(a.link, b.link)
        and _same(a.url, b.url)
        and _same(a.summary, b.summary)
        and _same(a.published, b.published)
        and _same(a.feed_url, b.feed_url)
        and _same(a.authors, b.authors)
        and _same(a.media, b.media)
        and _same(a.body, b.body)
        and _same(a.title_zh, b.title_zh)
        and _same(a.summary_zh, b.summary_zh)
        and _same(a.digest_date, b.digest_date)
        and _same(a.extra, b.extra)
    )


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
