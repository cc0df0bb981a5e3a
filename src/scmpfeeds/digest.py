"""Chinese–English digests of English-language coverage of China.

A digest has no markup; its structure is the order of its lines::

    digest     = [ masthead ] title-line meta-line overview headlines
                 [ "摘要" entries ] [ articles ]
    masthead   = up to three short lines above the title (真相集中营)
    title-line = title " " YYYY-MM-DD
    meta-line  = Month D, YYYY "  " N "min" "  " N "words"      (any run of spaces)
    overview   = [ lead-in ] { highlight } [ commentary ]
    highlight  = N ("." | "、") [ topic colon ] text             (1, 2, 3 … in sequence)
    commentary = ("评论:" | "评论-" | "评论：") text              (after the highlights)
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
``根据提供的新闻报道,我总结了以下主要内容-``), highlights numbered ``1.``,
``2.``, … in sequence, each ``topic:text``, ``《中文标题》:text`` or plain text,
then a commentary.  The commentary starts at a marker (``评论-``, ``评论:``) when
there is one; otherwise at the first ``。`` followed by a space after the last
highlight.

**Missing sections.** A missing ``摘要`` section, missing full articles, or a
page that ends before both (cut short) are one problem each, never a cascade;
every article that is there is read.

**Cross-checks.** The headline list, the ``摘要`` entries and the full articles
must agree in number, order and English titles; every disagreement is a
:class:`Problem` with its line (or raises :class:`ParseError` in strict mode).
An entry is linked to the article with the same English title; an entry
without one keeps its Chinese fields and has ``article=None``.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from typing import Any

import attrs

from ._ids import url_and_id
from ._model import Article, Problem, _unchecked_article, short
from ._source import Source, read_text, source_name, warn_problem
from .errors import ParseError, RenderError

__all__ = [
    "Digest",
    "DigestEntry",
    "Highlight",
    "parse_bilingual_digest",
    "render_bilingual_digest",
]

# Digest has a field named ``date``; inside its body that name is the field.
_Date = date

_TITLE_RE = re.compile(r"(?P<title>.*?)\s*(?P<date>\d{4}-\d{2}-\d{2})")
_META_RE = re.compile(
    r"(?P<date>[A-Z][a-z]+\s+\d{1,2},\s*\d{4})\s+(?P<minutes>\d+)\s*min\s+(?P<words>\d+)\s*words"
)
_BULLET_RE = re.compile(r"\s*[-•·*]\s+(?P<text>.*)")
_ENTRY_RE = re.compile(r"(?P<number>\d+)\.\s*(?P<title>.*)")
# The labels in simplified or traditional characters (中文標題, 內容摘要).
_ZH_TITLE_RE = re.compile(r"中文[标標][题題]\s*[:：]\s*(?P<text>.*)")
_ZH_SUMMARY_RE = re.compile(r"[内內]容摘要\s*[:：]\s*(?P<text>.*)")
_SECTION = "摘要"
_UTM = "?utm_source=rss_feed"
# An absolute URL whose path is made of SCMP slug characters.
_SLUG_URL_RE = re.compile(r"https?://[A-Za-z0-9.:-]+(?:/[a-z0-9-]*)*")
# "评论:", "评论-" or "评论：" at the start of the text or after a space or a full stop.
_COMMENTARY_RE = re.compile(r"(?:^|(?<=[\s。]))评论\s*[-:：]")
# The first numbered point: "1." or "1、", at the start or after a space, colon or dash.
_FIRST_POINT_RE = re.compile(r"(?:^|(?<=[\s:：\-]))1[.、]\s*")
_TOPIC_RE = re.compile(
    r"《(?P<quoted>[^》]*)》\s*[:：]\s*|(?P<plain>[^:：。，,；;！!？?]{1,60}?)\s*[:：]\s*"
)
_SENTENCE_END_RE = re.compile(r"。\s+")
# How many lines above the title may be a masthead (the site's name, "真相集中营").
_MASTHEAD_LINES = 3


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


# -- the overview ------------------------------------------------------------------------


def _split_topic(text: str) -> tuple[str | None, str]:
    match = _TOPIC_RE.match(text)
    if match is None:
        return None, text
    topic = match["quoted"] if match["quoted"] is not None else match["plain"]
    return topic.strip(), text[match.end() :].strip()


def parse_overview(overview: str) -> tuple[str, tuple[Highlight, ...], str]:
    """Split an overview into its lead-in, numbered highlights and commentary.

    >>> lead, points, comment = parse_overview("要点: 1. 甲:一。 2. 乙:二。 评论: 好。")
    >>> lead, [(p.number, p.topic, p.text) for p in points], comment
    ('要点:', [(1, '甲', '一。'), (2, '乙', '二。')], '好。')
    """
    overview = overview.strip()
    commentary = ""
    first = _FIRST_POINT_RE.search(overview)
    # The marker stands after the points (a lead-in may say "…进行评论:" itself).
    if marker := _COMMENTARY_RE.search(overview, first.start() if first else 0):
        overview, commentary = overview[: marker.start()].strip(), overview[marker.end() :].strip()
    first = _FIRST_POINT_RE.search(overview)
    if first is None:
        return overview, (), commentary
    lead_in = overview[: first.start()].strip()
    body = overview[first.start() :]
    starts = [(1, 0, first.end() - first.start())]
    while match := re.compile(rf"\s{len(starts) + 1}[.、]\s*").search(body, starts[-1][2]):
        starts.append((len(starts) + 1, match.start(), match.end()))
    highlights = []
    for index, (number, _start, text_start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(body)
        text = body[text_start:end].strip()
        # Without a marker the commentary follows the last point's first full stop.
        if index + 1 == len(starts) and not marker and (stop := _SENTENCE_END_RE.search(text)):
            text, commentary = text[: stop.start() + 1], text[stop.end() :].strip()
        topic, text = _split_topic(text)
        highlights.append(Highlight(number=number, topic=topic, text=text))
    return lead_in, tuple(highlights), commentary


# -- the full articles -------------------------------------------------------------------


def split_glued_url(line: str) -> tuple[str, str]:
    """Split an article's URL from the first paragraph glued to it.

    >>> split_glued_url("https://www.scmp.com/a/article/1/b-c?utm_source=rss_feedText.")
    ('https://www.scmp.com/a/article/1/b-c?utm_source=rss_feed', 'Text.')
    >>> split_glued_url("https://www.scmp.com/a/article/1/b-cThe text.")
    ('https://www.scmp.com/a/article/1/b-c', 'The text.')
    """
    cut = line.find(_UTM)
    if cut >= 0:
        end = cut + len(_UTM)
    else:
        match = _SLUG_URL_RE.match(line)
        end = match.end() if match else len(line.split(None, 1)[0])
    return line[:end], line[end:].strip()


_URL_PREFIXES = ("https://", "http://")


def _title_lines(lines: list[str], start: int) -> tuple[list[int], list[int]]:
    """The indexes, from *start* on, of the articles' title lines, and of stray URL lines.

    A title is a line followed by a URL line; a URL line that is itself the
    previous article's link cannot be a title, and is stray: it stands inside
    an article's text.
    """
    urls = [k for k, line in enumerate(lines) if line.startswith(_URL_PREFIXES) and k > start]
    titles: list[int] = []
    stray: list[int] = []
    after = start  # the first index a title may have
    for k in urls:
        if k - 1 >= after:
            titles.append(k - 1)
            after = k + 1
        else:
            stray.append(k)
    return titles, stray


@attrs.define
class _Head:
    """What stands above the overview."""

    masthead: str = ""
    title: str = ""
    day: date | None = None
    published: date | None = None
    minutes: int | None = None
    words: int | None = None
    #: The index of the first line after the metadata line.
    next: int = 0


@attrs.define
class _Entry:
    number: int
    title: str
    lineno: int
    title_zh: str | None = None
    summary_zh: str | None = None


@attrs.define
class _FullText:
    title: str
    link: str
    lineno: int
    paragraphs: list[str]


class _Reader:
    def __init__(self, source: str | None, strict: bool) -> None:
        self.source = source
        self.strict = strict
        self.problems: list[Problem] = []

    def problem(self, message: str, lineno: int | None, text: str = "") -> None:
        if self.strict:
            raise ParseError(
                message, lineno=lineno, colno=1 if lineno else None, source=self.source
            )
        problem = Problem(
            lineno=lineno,
            colno=1 if lineno else None,
            message=message,
            text=text,
            source=self.source,
        )
        self.problems.append(problem)
        warn_problem(problem)

    def read(self, text: str) -> Digest:
        lines = [line.rstrip() for line in text.split("\n")]
        n = len(lines)
        head = self.head(lines)
        i = head.next
        titles, stray = _title_lines(lines, i)
        first_article = titles[0] if titles else n
        # The overview runs up to the headline list (or the 摘要 section).
        overview_lines = []
        while i < first_article and not _BULLET_RE.fullmatch(lines[i]) and lines[i] != _SECTION:
            if lines[i]:
                overview_lines.append(lines[i])
            i += 1
        lead_in, highlights, commentary = parse_overview("\n".join(overview_lines))
        headlines: list[tuple[str, int]] = []
        while i < first_article and lines[i] != _SECTION:
            if bullet := _BULLET_RE.fullmatch(lines[i]):
                headlines.append((bullet["text"].strip(), i + 1))
            elif lines[i] and _ENTRY_RE.fullmatch(lines[i]):
                break  # entries without a 摘要 line; reported below
            elif lines[i]:
                self.problem("unexpected line in the headline list", i + 1, lines[i])
            i += 1
        has_section = i < first_article and lines[i] == _SECTION
        if has_section:
            i += 1
        elif titles:
            self.problem(f"no '{_SECTION}' section before the full articles", first_article + 1)
        else:  # one problem for what a cut page lacks, not one per missing part
            last = max((k for k in range(n) if lines[k]), default=None)
            self.problem(
                f"the digest ends before its '{_SECTION}' section and full articles "
                "(is it cut short?)",
                None if last is None else last + 1,
            )
        entries = self.entries(lines, i, first_article)
        texts = self.full_texts(lines, titles, stray)
        return self.link(
            head, lead_in, highlights, commentary, headlines, entries, texts, has_section
        )

    def head(self, lines: list[str]) -> _Head:
        """The masthead, the title line and the metadata line."""
        n = len(lines)
        i = _skip_blank(lines, 0)
        head = _Head()
        # A masthead (the site's name) may stand above the title.
        k, masthead = i, list[str]()
        while k < n and len(masthead) < _MASTHEAD_LINES and not _TITLE_RE.fullmatch(lines[k]):
            if lines[k]:
                masthead.append(lines[k])
            k += 1
        if k < n and _TITLE_RE.fullmatch(lines[k]):
            head.masthead, i = "\n".join(masthead), k
        while i < n and not (match := _TITLE_RE.fullmatch(lines[i])):
            self.problem("expected the digest's title and date (… YYYY-MM-DD)", i + 1, lines[i])
            i = _skip_blank(lines, i + 1)
        if i < n and match:
            head.title = match["title"]
            head.day = _date(match["date"])
            if head.day is None:
                self.problem(f"invalid date {match['date']!r}", i + 1, lines[i])
            i = _skip_blank(lines, i + 1)
        if i < n and (meta := _META_RE.fullmatch(lines[i])):
            head.published = _long_date(meta["date"])
            if head.published is None:
                self.problem(f"invalid date {meta['date']!r}", i + 1, lines[i])
            head.minutes, head.words = int(meta["minutes"]), int(meta["words"])
            i = _skip_blank(lines, i + 1)
        elif i < n:
            self.problem("expected 'Month D, YYYY  N min  N words'", i + 1, lines[i])
        head.next = i
        return head

    def entries(self, lines: list[str], start: int, end: int) -> list[_Entry]:
        entries: list[_Entry] = []
        for k in range(start, end):
            line = lines[k]
            if not line:
                continue
            if (zh := _ZH_TITLE_RE.fullmatch(line)) and entries and entries[-1].title_zh is None:
                entries[-1].title_zh = zh["text"].strip()
            elif (
                (zh := _ZH_SUMMARY_RE.fullmatch(line))
                and entries
                and entries[-1].summary_zh is None
            ):
                entries[-1].summary_zh = zh["text"].strip()
            elif numbered := _ENTRY_RE.fullmatch(line):
                entries.append(_Entry(int(numbered["number"]), numbered["title"].strip(), k + 1))
            else:
                self.problem("unexpected line in the 摘要 section", k + 1, line)
        for entry in entries:
            missing = [
                name
                for name, value in (("中文标题", entry.title_zh), ("内容摘要", entry.summary_zh))
                if value is None
            ]
            if missing:
                self.problem(
                    f"entry {entry.number} has no {' or '.join(missing)} line", entry.lineno
                )
        return entries

    def full_texts(self, lines: list[str], titles: list[int], stray: list[int]) -> list[_FullText]:
        """Read the articles whose title lines are at the indexes *titles*.

        *stray* are the URL lines that stand inside an article's text.
        """
        texts: list[_FullText] = []
        strays = iter(stray)
        next_stray = next(strays, None)
        for title, end in itertools.pairwise([*titles, len(lines)]):
            link, first = split_glued_url(lines[title + 1])
            text = _FullText(lines[title].strip(), link, title + 1, [first] if first else [])
            text.paragraphs += [line.strip() for line in lines[title + 2 : end] if line]
            while next_stray is not None and next_stray < end:
                self.problem(
                    f"a URL line inside the text of article {text.title!r} "
                    "(is a title line missing?)",
                    next_stray + 1,
                    lines[next_stray],
                )
                next_stray = next(strays, None)
            texts.append(text)
        return texts

    def link(
        self,
        head: _Head,
        lead_in: str,
        highlights: tuple[Highlight, ...],
        commentary: str,
        headlines: list[tuple[str, int]],
        entries: list[_Entry],
        texts: list[_FullText],
        has_section: bool,
    ) -> Digest:
        """Cross-check the three sections and link each entry to its article."""
        if has_section:
            self.cross_check(headlines, entries)
        entry_of = self.match(entries, texts)
        articles: list[Article] = []
        article_of: dict[int, Article] = {}
        # The articles carry no dates: each gets the digest's (see Article.digest_date).
        article_day = head.day if head.day is not None else head.published
        for index, text in enumerate(texts):
            linked = entry_of.get(index)
            if linked is None and has_section:
                self.problem(f"article {text.title!r} has no 摘要 entry", text.lineno)
            url, article_id = url_and_id(text.link)
            article = _unchecked_article(
                text.title, text.link, url, article_id,
                text.paragraphs[0] if text.paragraphs else "",
                None, None, (), (), tuple(text.paragraphs),
                None if linked is None else linked.title_zh,
                None if linked is None else linked.summary_zh,
                article_day, (), self.source, text.lineno,
            )  # fmt: skip
            articles.append(article)
            if linked is not None:
                article_of[id(linked)] = article
        return Digest(
            title=head.title,
            masthead=head.masthead,
            date=head.day,
            published=head.published,
            reading_minutes=head.minutes,
            word_count=head.words,
            lead_in=lead_in,
            highlights=highlights,
            commentary=commentary,
            headlines=tuple(h for h, _ in headlines),
            entries=tuple(
                DigestEntry(
                    number=e.number,
                    title=e.title,
                    title_zh=e.title_zh,
                    summary_zh=e.summary_zh,
                    article=article_of.get(id(e)),
                    lineno=e.lineno,
                )
                for e in entries
            ),
            articles=tuple(articles),
            problems=tuple(self.problems),
            source=self.source,
        )

    def cross_check(self, headlines: list[tuple[str, int]], entries: list[_Entry]) -> None:
        """The headline list and the 摘要 entries agree in number, order and titles."""
        for position, (headline, lineno) in enumerate(headlines):
            if position < len(entries) and _key(headline) != _key(entries[position].title):
                self.problem(
                    f"headline {position + 1} {headline!r} does not match entry "
                    f"{entries[position].number} {entries[position].title!r}",
                    lineno,
                )
        if len(headlines) != len(entries):
            self.problem(
                f"{len(headlines)} headlines but {len(entries)} 摘要 entries",
                (headlines[-1][1] if headlines else None),
            )

    def match(self, entries: list[_Entry], texts: list[_FullText]) -> dict[int, _Entry]:
        """Each full article's index, mapped to the entry with its English title."""
        entry_of: dict[int, _Entry] = {}
        if entries and not texts:  # one problem for a missing section, not one per entry
            self.problem("no full articles after the 摘要 section", entries[-1].lineno)
            return entry_of
        by_title: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            by_title.setdefault(_key(text.title), []).append(index)
        last = -1  # the article of the previous linked entry
        for entry in entries:
            candidates = by_title.get(_key(entry.title))
            if not candidates:
                self.problem(
                    f"entry {entry.number} {entry.title!r} has no full article", entry.lineno
                )
                continue
            index = candidates.pop(0)
            entry_of[index] = entry
            if index < last:
                self.problem(
                    f"entry {entry.number} is article {index + 1} of the full texts, "
                    f"before the previous entry's article {last + 1} (the order differs)",
                    entry.lineno,
                )
            last = index
        return entry_of


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i]:
        i += 1
    return i


def _key(title: str) -> str:
    """Titles compare without regard to runs of whitespace."""
    return " ".join(title.split())


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _long_date(text: str) -> date | None:
    try:
        return datetime.strptime(" ".join(text.replace(",", ", ").split()), "%B %d, %Y").date()
    except ValueError:
        return None


def parse_bilingual_digest(
    source: Source, *, strict: bool = False, encoding: str | None = None
) -> Digest:
    """Parse a Chinese–English digest (see the module documentation for the format).

    In lenient mode (the default) every disagreement between the sections and
    every unreadable line is a :class:`Problem` (and a :class:`ParseWarning`),
    and everything that could be read is returned; with ``strict=True`` the first
    one raises :class:`ParseError`.

    Bytes are read as *encoding* when it is given, else as a byte order mark
    says, else as UTF-8 when they are, else as detected (GB18030 and Big5 pages
    are read without being told).
    """
    name = source_name(source)
    reader = _Reader(name, strict)

    def report(problem: Problem) -> None:
        reader.problems.append(problem)
        warn_problem(problem)

    return reader.read(read_text(source, strict=strict, report=report, encoding=encoding))


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
