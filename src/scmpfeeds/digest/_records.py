"""What a digest is read into: :class:`Digest`, :class:`DigestEntry`, :class:`Highlight`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .._model import Article, Problem, short
from ._patterns import _Date


@attrs.frozen(kw_only=True, repr=False)
class Highlight:
    """One numbered point of a digest's overview."""

    number: int
    topic: str | None
    text: str

    def __repr__(self) -> str:
        return f"<Highlight {self.number} topic={short(self.topic, 30)} text={short(self.text)}>"

    def to_dict(self) -> dict[str, Any]:
        """Return the highlight as JSON-ready plain data."""
        return {"number": self.number, "topic": self.topic, "text": self.text}


@attrs.frozen(kw_only=True, repr=False)
class DigestEntry:
    """One ``摘要`` entry: the English title with its Chinese title and summary."""

    number: int
    title: str
    title_zh: str | None
    summary_zh: str | None
    #: The full article with the same English title, or ``None`` if it has none.
    article: Article | None
    lineno: int | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        linked = "" if self.article is not None else " (no article)"
        return f"<DigestEntry {self.number} {short(self.title)}{linked}>"

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as JSON-ready plain data; its article as its ``url``.

        The article itself is in :meth:`Digest.to_dict`'s ``articles``.
        """
        return {
            "number": self.number,
            "title": self.title,
            "title_zh": self.title_zh,
            "summary_zh": self.summary_zh,
            "article_url": None if self.article is None else self.article.url,
            "lineno": self.lineno,
        }


@attrs.frozen(kw_only=True, repr=False)
class Digest:
    """A parsed bilingual digest.

    Its repr gives the title, the date and the counts; :meth:`to_dict` gives
    everything.
    """

    title: str
    #: The site's name above the title, when the page has one (``真相集中营``).
    masthead: str = ""
    date: _Date | None = None
    published: _Date | None = None
    reading_minutes: int | None = None
    word_count: int | None = None
    lead_in: str = ""
    highlights: tuple[Highlight, ...] = ()
    commentary: str = ""
    headlines: tuple[str, ...] = ()
    entries: tuple[DigestEntry, ...] = ()
    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = ()
    source: str | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        day = None if self.date is None else self.date.isoformat()
        return (
            f"<Digest title={short(self.title)} date={day} highlights={len(self.highlights)} "
            f"articles={len(self.articles)} problems={len(self.problems)}>"
        )

    def __len__(self) -> int:
        """How many articles the digest holds: ``len(digest)``."""
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        """The digest's articles: ``for article in digest``, ``to_pandas(digest)``."""
        return iter(self.articles)

    def to_dict(self) -> dict[str, Any]:
        """Return the digest, its parts, articles and problems as JSON-ready plain data."""
        return {
            "title": self.title,
            "masthead": self.masthead,
            "date": None if self.date is None else self.date.isoformat(),
            "published": None if self.published is None else self.published.isoformat(),
            "reading_minutes": self.reading_minutes,
            "word_count": self.word_count,
            "lead_in": self.lead_in,
            "highlights": [h.to_dict() for h in self.highlights],
            "commentary": self.commentary,
            "headlines": list(self.headlines),
            "entries": [e.to_dict() for e in self.entries],
            "articles": [a.to_dict() for a in self.articles],
            "problems": [p.to_dict() for p in self.problems],
            "source": self.source,
        }
