"""Markdown dumps of an RSS feed, as written by a link-archiving tool.

The grammar we accept (``NL`` is a line end; ``\\r\\n``, ``\\r``, a BOM and
trailing whitespace are normalised away before parsing)::

    dump       = { section | block | junk }
    section    = header NL
    header     = "# Source:" name ", URL:" url ", language:" lang       (current form)
               | "# Source " name ", Source URL:" url ", Source language:" lang   (older form)
               | "# Source URL:" url ", Source language:" lang      (older form, no name)
    block      = heading NL { title-cont NL } first-meta NL { meta NL } summary
    heading    = "## " title | "##"                            (an empty title)
    first-meta = link-line | " - RSS feed:" value | " - date published:" value
    link-line  = " - [" text "](" link ")"
    title-cont = any line that is not a first-meta line, a heading or a "# Source" line
    meta       = " - " ( "[" text "](" link ")" | key ":" value )
    summary    = every other line up to the next block or header

**What starts a block** is decided by its shape: a heading starts a block when a
first metadata line follows it (after any title lines) before the next heading
or ``# Source`` line.  The tool writes the link line, the feed line and the date
line in this order, so a block whose link line was lost still starts at its feed
or date line: it is an article without a link, never text of the block above.
A heading that no first metadata line follows is text: it belongs to the summary
before it (one feed quotes a stylesheet whose lines begin with ``## ``; summaries
quote markdown, ``## Key points:`` and ``- `` bullets, which are not meta lines:
those start with a space).  A title may run over several lines, blank and
indented ones included; each keeps its indentation (trailing whitespace is
normalised away).

``name`` is split from ``url`` at the first ``, URL:`` and ``url`` from ``lang``
at the last ``, language:`` (names and URLs may contain commas).  A block
belongs to the section whose header precedes it, and takes its name and
language (:attr:`Article.feed_title`, :attr:`Article.language`).

Meta lines are read generically.  ``RSS feed`` fills :attr:`Article.feed_url`;
when it is empty or the template ``$source`` that some versions of the tool
wrote, the section header's URL is used.  ``date published`` fills
:attr:`Article.published`: ISO 8601 with ``T`` or a space, optional fractions,
and an offset; a date without an offset is read as UTC, an empty value is no
date.  Any other key (older versions wrote ``user`` or ``tags``) is kept, in
order, in :attr:`Article.extra`.

A link that is empty (``[]()``) gives an article with no ``link``, URL or ID; a
link that is not an absolute http(s) URL (``/``) is kept as ``link``, with no URL
or ID.  **A field that is missing or cannot be read costs that field, not the
article**: a block without a link line, without a date line or with an
unreadable date is kept without it, and the problem is a :class:`Problem`
(lenient mode) or raises :class:`ParseError` (strict mode).  A block with a meta
line that is neither a link nor ``key: value`` cannot be read at all: it is one
problem holding the block's text.  Text before the first block that is not
blank is reported the same way.

Summaries are kept as written: leading and trailing blank lines are dropped and
paragraphs stay separated by blank lines.  HTML entities the dumping tool left in
(``S&amp;P``) are *not* unescaped, because the tool itself did not escape
consistently (titles carry a raw ``&``); use :func:`html.unescape` if you want
them decoded.
"""

from ._reader import iter_markdown_dump, parse_markdown_dump
from ._writer import render_markdown_dump

__all__ = ["iter_markdown_dump", "parse_markdown_dump", "render_markdown_dump"]
