"""``render_markdown_dump``: articles written as a dump that reads back equal.

Every article is written.  What a dump cannot hold is said once per run (see
:mod:`scmpfeeds._losses`): authors, media and body text have no place in it;
a title, a link or a meta value that would not read back as itself is written
in the nearest form that does (on one line, without the surrounding space).
"""

from __future__ import annotations

from collections.abc import Iterable

from .._losses import Losses, OnLoss
from .._model import Article
from ._grammar import (
    _DATE_KEY,
    _DIGEST_DATE_KEY,
    _FEED_KEY,
    _FIRST_META_RE,
    _HEADER_RES,
    _KEY_VALUE_RE,
    _LINK_TEXT,
    _UNIT_START_RE,
    _ZH_KEYS,
)

_OWN_KEYS = frozenset((_FEED_KEY, _DATE_KEY, _DIGEST_DATE_KEY, _LINK_TEXT, *_ZH_KEYS))

# What each kind of loss is called, once per run.
_AUTHORS = "authors (left out)"
_MEDIA = "media (left out)"
_BODY = "body text (left out)"
_TITLE = "line breaks or surrounding space in a title (written on one line)"
_SUMMARY_SPACE = "space at the ends of summary lines, or blank lines around a summary (dropped)"
_SUMMARY_UNIT = "summary lines that would start a new article (written with a space before)"
_LINE = "line breaks or surrounding space in a link, feed, name or meta value (made one line)"
_EXTRA_KEY = "extra items whose key a meta line cannot hold (left out)"
_EMPTY = "an empty link, feed URL, feed name or language (read back as none)"
_SAME_TEXT = "a link text the same as the link written (read back as no link text)"
_TEXT_PLACE = "a link text not first among the extra items, or several (read back first, once)"


def render_markdown_dump(
    articles: Iterable[Article],
    *,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    strict: bool = False,
    on_loss: OnLoss | None = None,
) -> str:
    """Write *articles* as a markdown dump that :func:`parse_markdown_dump` reads back.

    Every article is written, in order, in sections by the feed it came from: a
    ``# Source:`` header (the feed's name, URL and language) is written whenever
    an article's :attr:`~Article.feed_title` or :attr:`~Article.language`
    differs from the section's (or it has no feed URL of its own and the
    section's differs), so that each reads back with its own.  *title*, *url*
    and *language*, when given, are written as the first header, and stand in
    for an article's own name, feed URL and language where it has none.

    A digest's ``title_zh`` and ``summary_zh`` are written as ``title_zh:`` and
    ``summary_zh:`` metadata lines, and a digest article, which has no
    publication date, gets a ``digest date:`` line instead of a date.  An
    article without a date gets an empty `` - date published:`` line.

    What the format cannot hold (authors, media and body text; line breaks in a
    link; a summary line that would start a new article) does not cost the
    article: the rest of it is written, and each kind of loss is said once, at
    the end, to *on_loss* (by default as a :class:`~scmpfeeds.RenderWarning`)
    with the number of articles it touched.  ``strict=True`` raises
    :class:`~scmpfeeds.RenderError` at the first loss instead.
    """
    losses = Losses("a markdown dump", strict=strict, on_loss=on_loss)
    parts: list[str] = []
    section: _Header = (None, None, None)  # (no header: what the reader assumes)
    read_back = section
    if title is not None or url is not None or language is not None:
        section = (title, url, language)
        header, read_back = _header(section)
        parts.append(header)
    for article in articles:
        name = title if article.feed_title is None else article.feed_title
        lang = language if article.language is None else article.language
        feed_url = url if article.feed_url is None else article.feed_url
        if (name, lang) != (section[0], section[2]) or (
            article.feed_url is None and feed_url != section[1]
        ):
            section = (name, feed_url, lang)
            header, read_back = _header(section)
            parts.append(header)
        if (name, lang) != (read_back[0], read_back[2]) or (
            article.feed_url is None and feed_url != read_back[1]
        ):
            # (what the header could not hold: an empty value, or a line break)
            losses.add(_EMPTY if "" in (name, lang, feed_url) else _LINE, article)
        parts.append(_block(article, losses))
    losses.report()
    return "".join(parts)


#: A section header's name, URL and language.
_Header = tuple[str | None, str | None, str | None]


def _header(section: _Header) -> tuple[str, _Header]:
    """The ``# Source:`` line of a section, and what the reader makes of it."""
    name, url, language = (_flat(v) if v else "" for v in section)
    header = f"# Source:{name}, URL:{url}, language:{language}"
    match = _HEADER_RES[0].fullmatch(header)
    assert match is not None  # (no line break in it: the pattern takes any line)
    read_back = (match["name"].strip() or None, match["url"].strip() or None)
    return header + "\n\n", (*read_back, match["lang"].strip() or None)


def _one_line(value: str, losses: Losses, article: Article | None) -> str:
    """*value* as it can stand on one line (its line breaks made spaces)."""
    if "\n" in value or "\r" in value:
        if article is not None:
            losses.add(_LINE, article)
        return _flat(value)
    return value


def _flat(value: str) -> str:
    """*value* on one line: a run of space with a line break in it becomes one space."""
    return " ".join(value.split()) if "\n" in value or "\r" in value else value


def _block(article: Article, losses: Losses) -> str:
    """One article as a block; what the format cannot hold is counted in *losses*."""
    if article.authors:
        losses.add(_AUTHORS, article)
    if article.media:
        losses.add(_MEDIA, article)
    if article.body:
        losses.add(_BODY, article)
    link = article.link
    if link is not None and (link != link.strip() or not link):
        losses.add(_LINE if link.strip() else _EMPTY, article)
    link = _one_line((link or "").strip(), losses, article)
    keys = [key for key, _ in article.extra]
    if _LINK_TEXT in keys and (keys[0] != _LINK_TEXT or keys.count(_LINK_TEXT) > 1):
        losses.add(_TEXT_PLACE, article)  # (the link line is read back as extra's first item)
    link_text = article.get_extra(_LINK_TEXT)
    link_text = link if link_text is None else _one_line(link_text, losses, article)
    if "](" in link_text:
        losses.add(_LINE, article)
        link_text = link
    elif link_text == link and article.get_extra(_LINK_TEXT) is not None:
        losses.add(_SAME_TEXT, article)
    feed_url = article.feed_url
    if feed_url == "" or (feed_url is not None and feed_url != feed_url.strip()):
        losses.add(_EMPTY if not feed_url else _LINE, article)
    lines = [
        _heading(article, losses),
        f" - [{link_text}]({link})",
        f" - RSS feed: {_one_line((feed_url or '').strip(), losses, article)}",
    ]
    if article.published is not None or article.digest_date is None:
        when = "" if article.published is None else article.published.isoformat()
        lines.append(f" - date published: {when}")
    if article.digest_date is not None:
        lines.append(f" - digest date: {article.digest_date.isoformat()}")
    for key, chinese in (("title_zh", article.title_zh), ("summary_zh", article.summary_zh)):
        if chinese is not None:
            lines.append(f" - {key}: {_value(chinese, losses, article)}")
    for key, value in article.extra:
        if key == _LINK_TEXT:
            continue
        if not _writable_key(key):
            losses.add(_EXTRA_KEY, article)
            continue
        lines.append(f" - {key}: {_value(value, losses, article)}")
    return "\n".join(lines) + f"\n\n{_summary(article, losses)}\n\n"


def _writable_key(key: str) -> bool:
    """Whether `` - key: value`` reads back as an extra item with this very key."""
    if "\n" in key or "\r" in key or key.lower() in _OWN_KEYS:
        return False
    pair = _KEY_VALUE_RE.fullmatch(f"{key}:")
    return pair is not None and pair[1] == key


def _value(value: str, losses: Losses, article: Article) -> str:
    """A meta line's value: read back stripped, on its line."""
    if value != value.strip():
        losses.add(_LINE, article)
    return _one_line(value.strip(), losses, article)


def _heading(article: Article, losses: Losses) -> str:
    """``## `` and the title, over several lines if it has them and they read back."""
    title = article.title.replace("\r\n", "\n")
    lines = title.split("\n")
    if (
        "\r" not in title
        and lines[0] == lines[0].strip()
        and all(line == line.rstrip() for line in lines[1:])
        and (len(lines) == 1 or lines[-1].strip())
        and not any(
            _FIRST_META_RE.match(line) or line.startswith(("## ", "# Source")) or line == "##"
            for line in lines[1:]
        )
    ):
        return f"## {title}" if title == article.title else _flat_title(article, losses)
    return _flat_title(article, losses)


def _flat_title(article: Article, losses: Losses) -> str:
    losses.add(_TITLE, article)
    return "## " + " ".join(article.title.split())


def _summary(article: Article, losses: Losses) -> str:
    """The summary as the reader keeps it: no space at line ends, no blank lines around
    it, and no line that would start a new article (such a line gets a space before it)."""
    summary = article.summary
    lines = summary.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tidy = [line.rstrip() for line in lines]
    while tidy and not tidy[-1]:
        tidy.pop()
    while tidy and not tidy[0]:
        tidy.pop(0)
    text = "\n".join(tidy)
    if text != summary:
        losses.add(_SUMMARY_SPACE, article)
    if text.startswith("# Source") or "\n# Source" in text or _UNIT_START_RE.search(text + "\n"):
        losses.add(_SUMMARY_UNIT, article)
        guarded = []
        for index, line in enumerate(tidy):
            rest = "\n".join(tidy[index:]) + "\n"
            starts = line.startswith("# Source") or _UNIT_START_RE.match(rest)
            guarded.append(" " + line if starts else line)
        text = "\n".join(guarded)
    return text
