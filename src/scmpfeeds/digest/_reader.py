"""Reading a digest: the sections found, cross-checked and linked."""

from __future__ import annotations

import itertools

from .. import _implementation
from .._ids import url_and_id
from .._model import Article, Problem
from .._prepare import opened, report_damage
from .._source import Source, read_text, source_name, warn_problem
from ..errors import ParseError
from ._overview import parse_overview
from ._patterns import (
    _BULLET_RE,
    _ENTRY_RE,
    _MASTHEAD_LINES,
    _META_RE,
    _SECTION,
    _TITLE_RE,
    _ZH_SUMMARY_RE,
    _ZH_TITLE_RE,
)
from ._records import Digest, DigestEntry, Highlight
from ._sections import (
    _date,
    _Entry,
    _FullText,
    _Head,
    _key,
    _long_date,
    _skip_blank,
    _title_lines,
    split_glued_url,
)


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
        urls: list[int]
        lines, urls = _implementation.digest.lines_and_urls(text)  # (the twin chosen)
        n = len(lines)
        head = self.head(lines)
        i = head.next
        titles, stray = _title_lines(lines, i, urls)
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
        """The 摘要 entries: each numbered title with the Chinese lines that follow it."""
        entries: list[_Entry] = []
        number = lineno = 0
        title = ""
        title_zh = summary_zh = None
        for k in range(start, end):
            line = lines[k]
            if not line:
                continue
            # (Each label's first character tells which pattern can match.)
            if (
                line[0] == "中"
                and (zh := _ZH_TITLE_RE.fullmatch(line))
                and lineno
                and title_zh is None
            ):
                title_zh = zh["text"].strip()
            elif (
                line[0] in "内內"
                and (zh := _ZH_SUMMARY_RE.fullmatch(line))
                and lineno
                and summary_zh is None
            ):
                summary_zh = zh["text"].strip()
            elif numbered := _ENTRY_RE.fullmatch(line):
                if lineno:  # the entry before is complete
                    entries.append((number, title, lineno, title_zh, summary_zh))
                number, title, lineno = int(numbered["number"]), numbered["title"].strip(), k + 1
                title_zh = summary_zh = None
            else:
                self.problem("unexpected line in the 摘要 section", k + 1, line)
        if lineno:
            entries.append((number, title, lineno, title_zh, summary_zh))
        for number, _, lineno, title_zh, summary_zh in entries:
            missing = [
                name
                for name, value in (("中文标题", title_zh), ("内容摘要", summary_zh))
                if value is None
            ]
            if missing:
                self.problem(f"entry {number} has no {' or '.join(missing)} line", lineno)
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
            # (The lines are stripped on the right already, and blank ones are empty.)
            rest = filter(None, map(str.lstrip, lines[title + 2 : end]))
            paragraphs = (first, *rest) if first else tuple(rest)
            text = (lines[title].strip(), link, title + 1, paragraphs)
            while next_stray is not None and next_stray < end:
                self.problem(
                    f"a URL line inside the text of article {text[0]!r} "
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
        make = _implementation.records.article  # (records built directly)
        for index, (title, link, lineno, paragraphs) in enumerate(texts):
            linked = entry_of.get(index)
            if linked is None and has_section:
                self.problem(f"article {title!r} has no 摘要 entry", lineno)
            url, article_id = url_and_id(link)
            article = make(
                title=title, link=link, url=url, id=article_id,
                summary=paragraphs[0] if paragraphs else "", body=paragraphs,
                title_zh=None if linked is None else linked[3],
                summary_zh=None if linked is None else linked[4],
                digest_date=article_day, source=self.source, lineno=lineno,
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
            entries=_public_entries(entries, article_of),
            articles=tuple(articles),
            problems=tuple(self.problems),
            source=self.source,
        )

    def cross_check(self, headlines: list[tuple[str, int]], entries: list[_Entry]) -> None:
        """The headline list and the 摘要 entries agree in number, order and titles."""
        for position, (headline, lineno) in enumerate(headlines):
            if position >= len(entries):
                break
            number, title, *_ = entries[position]
            if headline != title and _key(headline) != _key(title):
                self.problem(
                    f"headline {position + 1} {headline!r} does not match entry "
                    f"{number} {title!r}",
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
            self.problem("no full articles after the 摘要 section", entries[-1][2])
            return entry_of
        # The first unmatched article of each title, and the later ones of a title
        # that several have (a list for each title would be a list for each article).
        first: dict[str, int] = {}
        later: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            key = _key(text[0])
            if key in first:
                later.setdefault(key, []).append(index)
            else:
                first[key] = index
        last = -1  # the article of the previous linked entry
        for entry in entries:
            number, title, lineno, *_ = entry
            key = _key(title)
            found = first.pop(key, None)
            if found is None:
                self.problem(f"entry {number} {title!r} has no full article", lineno)
                continue
            index = found
            if queue := later.get(key):
                first[key] = queue.pop(0)
            entry_of[index] = entry
            if index < last:
                self.problem(
                    f"entry {number} is article {index + 1} of the full texts, "
                    f"before the previous entry's article {last + 1} (the order differs)",
                    lineno,
                )
            last = index
        return entry_of


def _public_entries(
    entries: list[_Entry], article_of: dict[int, Article]
) -> tuple[DigestEntry, ...]:
    """The entries as :class:`DigestEntry` records, each with its linked article.

    With the compiled core, the records are left out of the garbage collector's
    tracking, as its articles are: they hold strings, numbers and an article, so
    they can be part of no reference cycle, and on a large digest the collector
    would otherwise walk them again and again.
    """
    keep = _implementation.records.untracked
    made = []
    for entry in entries:
        number, title, lineno, title_zh, summary_zh = entry
        record = DigestEntry(
            number=number,
            title=title,
            title_zh=title_zh,
            summary_zh=summary_zh,
            article=article_of.get(id(entry)),
            lineno=lineno,
        )
        made.append(keep(record))
    return tuple(made)


#: The most text a digest may hold: 8 MiB of characters.  A digest is a page of a
#: few hundred kB (the seed: 188 kB), and it is read whole; a larger document is
#: refused with a :class:`ParseError` rather than read into memory.
MAX_DIGEST = 8 * 1024 * 1024


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
    are read without being told).  A digest is read whole: one of more than
    :data:`MAX_DIGEST` characters (8 MiB; a digest is a page of a few hundred
    kB) raises :class:`ParseError` instead.
    """
    with opened(source, "digest") as readable:
        return _parse(readable, strict, encoding, source_name(source))


def _parse(source: Source, strict: bool, encoding: str | None, name: str | None) -> Digest:
    """The digest (for the public function and read_file)."""
    reader = _Reader(name, strict)

    def report(problem: Problem) -> None:
        reader.problems.append(problem)
        warn_problem(problem)

    text = read_text(
        source, strict=strict, report=report, encoding=encoding, limit=(MAX_DIGEST, "a digest")
    )
    report_damage(source, strict, report)
    return reader.read(text)
