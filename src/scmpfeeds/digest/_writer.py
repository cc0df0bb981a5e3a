"""``render_bilingual_digest``: a :class:`Digest` written back as a digest."""

from __future__ import annotations

from ..errors import RenderError
from ._patterns import (
    _SECTION,
    _TOPIC_RE,
)
from ._records import Digest

# -- writing -----------------------------------------------------------------------------


def _one_line(value: str, what: str) -> str:
    if "\n" in value or "\r" in value:
        raise RenderError(f"{what} contains a line break: {value!r}")
    return value


def render_bilingual_digest(digest: Digest) -> str:
    """Write *digest* in the digest format; :func:`parse_bilingual_digest` reads it back.

    The commentary is written after an explicit ``评论:`` marker.  Raises
    :class:`RenderError` for what the format cannot hold (a line break inside a
    one-line field, an article without a link).
    """
    day = digest.date.isoformat() if digest.date else ""
    out = [_one_line(digest.masthead, "the masthead")] if digest.masthead else []
    out.append(f"{_one_line(digest.title, 'the title')} {day}".rstrip())
    if digest.published is not None:
        published = digest.published
        out.append(
            f"{published:%B} {published.day}, {published.year} "
            f"{digest.reading_minutes or 0} min {digest.word_count or 0} words"
        )
    overview = [digest.lead_in] if digest.lead_in else []
    for point in digest.highlights:
        topic = ""
        if point.topic is not None:
            plain = _TOPIC_RE.fullmatch(f"{point.topic}:")
            topic = f"{point.topic}:" if plain and plain["plain"] else f"《{point.topic}》:"
        overview.append(f"{point.number}. {topic}{point.text}")
    if digest.commentary:
        overview.append(f"评论: {digest.commentary}")
    out.append(_one_line(" ".join(overview), "the overview"))
    out.extend(f"- {_one_line(headline, 'a headline')}" for headline in digest.headlines)
    out.append(_SECTION)
    for entry in digest.entries:
        out.append(f"{entry.number}. {_one_line(entry.title, 'an entry title')}")
        if entry.title_zh is not None:
            out.append(f"中文标题:{_one_line(entry.title_zh, 'a Chinese title')}")
        if entry.summary_zh is not None:
            out.append(f"内容摘要:{_one_line(entry.summary_zh, 'a Chinese summary')}")
    for article in digest.articles:
        paragraphs = list(article.body)
        first = paragraphs.pop(0) if paragraphs else ""
        out.append(_one_line(article.title, "an article title"))
        if article.link is None:
            raise RenderError(f"article {article.title!r} has no link, which a digest needs")
        out.append(_one_line(article.link + first, "an article's first paragraph"))
        out.extend(_one_line(p, "a paragraph") for p in paragraphs)
    return "\n".join(out) + "\n"
