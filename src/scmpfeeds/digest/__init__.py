"""Chinese–English digests of English-language coverage of China.

A digest has no markup; its structure is the order of its lines::

    digest     = [ masthead ] title-line meta-line overview headlines
                 [ "摘要" entries ] [ articles ]
    masthead   = up to three short lines above the title (真相集中营)
    title-line = title " " YYYY-MM-DD
    meta-line  = Month D, YYYY "  " N "min" "  " N "words"      (any run of spaces)
    overview   = [ lead-in ] { highlight } [ commentary ]
    highlight  = marker(N) [ topic colon ] text        (1, 2, 3 … in one numbering style)
    commentary = comment-label ("-" | ":" | "：") text  (after the highlights)
    headlines  = { ("- " | "• ") english-title }
    entries    = { N ". " english-title  NL  "中文标题" colon chinese-title
                                          NL  "内容摘要" colon chinese-summary }
    articles   = { english-title NL url first-paragraph NL { paragraph NL } }
    colon      = ":" | "："

Blank lines between sections are ignored; CRLF and a BOM are normalised away.
The labels may be written in traditional characters (``中文標題``, ``內容摘要``).
Every article gets the digest's date as :attr:`Article.digest_date` (the
title's date, else the metadata line's); their ``published`` stays ``None``,
since the digest gives none.

**Finding the articles.** A line is an article's title when the line after it
starts with ``http://`` or ``https://``; the article runs until the next such
title.  (A body paragraph that is a URL on its own would start a new article; no
digest has one.)

**Splitting the glued URL.** The URL and the first paragraph are written with no
separator (``…/palm-oil?utm_source=rss_feedIndonesian President…``).  The URL
ends after ``?utm_source=rss_feed`` when that is present.  Otherwise it ends where
the path stops being SCMP-slug characters (lowercase letters, digits, ``-`` and
``/``): ``…/palm-oilIndonesian`` splits before ``I``.  The one ambiguity: a first
paragraph that starts with a digit, a lowercase letter or ``-`` cannot be told
from the slug, and its first characters are read as part of the URL.

**The overview.** A lead-in (``以下是媒体报道的主要内容:``, ``媒体报道摘要:``,
``新闻摘要:``, ``根据提供的新闻报道,我总结了以下主要内容-``), highlights
numbered in any way Chinese text numbers a list (``1.``, ``1、``, ``(1)``,
``（1）``, ``①``, ``一、``, ``（一）``, ``第一，``, ``新闻一:`` …: the grammar of
the markers is in :mod:`scmpfeeds.digest._overview`), in sequence, each
``topic:text``, ``《中文标题》:text`` or plain text, then a commentary.  The
commentary starts at its label (``评论-``, ``评论:``, ``以下是我的评论-``,
``点评:`` …) when there is one; otherwise at the first ``。`` followed by a
space after the last highlight.

**Missing sections.** A missing ``摘要`` section, missing full articles, or a
page that ends before both (cut short) are one problem each, never a cascade;
every article that is there is read.

**Cross-checks.** The headline list, the ``摘要`` entries and the full articles
must agree in number, order and English titles; every disagreement is a
:class:`Problem` with its line (or raises :class:`ParseError` in strict mode).
An entry is linked to the article with the same English title; an entry
without one keeps its Chinese fields and has ``article=None``.
"""

from ._overview import parse_overview
from ._reader import parse_bilingual_digest
from ._records import Digest, DigestEntry, Highlight
from ._sections import split_glued_url
from ._writer import render_bilingual_digest

__all__ = [
    "Digest",
    "DigestEntry",
    "Highlight",
    "parse_bilingual_digest",
    "parse_overview",
    "render_bilingual_digest",
    "split_glued_url",
]
