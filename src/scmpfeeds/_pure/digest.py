"""The digest reader's first pass (the twin of ``_compiled/digest.pyx``)."""

from __future__ import annotations

__all__ = ["URL_PREFIXES", "lines_and_urls", "url_lines"]

#: What a line holding an article's link starts with.
URL_PREFIXES = ("https://", "http://")


def lines_and_urls(text: str) -> tuple[list[str], list[int]]:
    """Every line of *text* (split at ``\\n``) without its trailing whitespace, and
    the indexes of those that start with a URL (:func:`url_lines`)."""
    return list(map(str.rstrip, text.split("\n"))), url_lines(text)


def url_lines(text: str) -> list[int]:
    """The indexes of the lines of *text* (split at ``\\n``) that start with a URL.

    Found by searching the text, not by looking at every line.
    """
    found = [0] if text.startswith(URL_PREFIXES) else []
    lineno = last = 0
    at = text.find("\nhttp")
    while at >= 0:
        start = at + 1
        if text.startswith(URL_PREFIXES, start):
            lineno += text.count("\n", last, start)
            last = start
            found.append(lineno)
        at = text.find("\nhttp", start)
    return found
