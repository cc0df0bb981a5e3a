# The records the compiled core builds directly (see _records.pyx).

cdef object new_article(
    object title, object link, object url, object id, object summary, object published,
    object feed_url, object authors, object media, object body, object title_zh,
    object summary_zh, object digest_date, object extra, object source, object lineno,
)

cdef object new_media(
    object url, object kind, object type, object width, object height, object duration,
    object length, object medium,
)

# Where each of an Article's 16 fields lives inside it, in declaration order.
cdef Py_ssize_t* article_offsets() noexcept
cdef Py_ssize_t* media_offsets() noexcept
