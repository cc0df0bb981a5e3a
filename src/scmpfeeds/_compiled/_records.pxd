# The records the compiled core builds directly (see _records.pyx).

# An Article's fields, by name: the index of each in article_offsets().  The
# order is free; the names must be Article's, every one (checked at import).
cdef enum:
    A_TITLE, A_LINK, A_URL, A_ID, A_SUMMARY, A_PUBLISHED, A_FEED_URL, A_FEED_TITLE,
    A_LANGUAGE, A_AUTHORS, A_MEDIA, A_BODY, A_TITLE_ZH, A_SUMMARY_ZH, A_DIGEST_DATE,
    A_EXTRA, A_SOURCE, A_LINENO, A_COUNT

cdef enum:
    M_URL, M_KIND, M_TYPE, M_WIDTH, M_HEIGHT, M_DURATION, M_LENGTH, M_MEDIUM, M_COUNT

cdef object new_article(
    object title, object link, object url, object id, object summary, object published,
    object feed_url, object feed_title, object language, object authors, object media,
    object body, object title_zh, object summary_zh, object digest_date, object extra,
    object source, object lineno,
)

cdef object new_media(
    object url, object kind, object type, object width, object height, object duration,
    object length, object medium,
)

# Where each field lives inside a record, by the indexes above.
cdef Py_ssize_t* article_offsets() noexcept
cdef Py_ssize_t* media_offsets() noexcept
# Where the fields that take part in an Article's equality live, and how many there are.
cdef Py_ssize_t* compared_offsets() noexcept
cdef int compared_count() noexcept
