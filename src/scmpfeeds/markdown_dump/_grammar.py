"""The shapes of a dump: its patterns, its keys, and the helpers both block paths share."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

# A line that could start a new unit of the document (a block or a section header).
_BOUNDARY_RE = re.compile(r"^(?:## |##$|# Source)", re.MULTILINE)

# The first metadata line of a block: its link line, or, when that was lost, the
# feed or date line that follows it (the tool writes the three in this order).
# A "- " line without the leading space is a bullet of a summary, not metadata.
_FIRST_META = r" - (?:\[|(?ai:rss feed|date published)[ \t]*:)"
_FIRST_META_RE = re.compile(_FIRST_META)
# A line that starts a unit: a header, or a heading ("## " and a title, or "##"
# alone for an empty title) that a first metadata line follows, after title
# lines none of which is a heading or a header.  The lazy run of title lines
# usually stops at once: the link line is the next one.
_UNIT_START = rf"(?:# Source|##(?: [^\n]*)?\n(?:(?!##(?: |\n)|# Source)[^\n]*\n)*?{_FIRST_META})"
_UNIT_START_RE = re.compile(rf"^{_UNIT_START}", re.MULTILINE)

# The shape almost every block has, matched in place; any other block takes the
# careful line-by-line path.  It ends where the next unit starts.  Values are
# matched without the whitespace around them (a block with trailing spaces after
# a value takes the careful path), so the hot loop has nothing to strip.  A failed
# match must cost little: "(?=(X))\1" matches X atomically (a lookahead is never
# re-entered), so no match backtracks through a long summary line; a longer
# summary is taken line by line, each line looked at once.
_FAST_BLOCK_RE = re.compile(
    r"## (\S(?:[^\n]*\S)?)\n"
    # The link's text and URL alike.  An SCMP article link on https://www.scmp.com
    # is split as it is matched: its canonical URL (up to any query) and its ID.
    r" - \[(?P<link>"
    r"(https://www\.scmp\.com/(?:[^\s?#\]/]*/)*?article/(\d+)(?![^\s/?#\]])[^\s?#\]]*)"
    r"[^\s\]]*|https?://[^\s/?#\]]+[^\s\]]*)\]\((?P=link)\)\n"
    r" - RSS feed:[ \t]*(\S*)\n"
    r" - date published:[ \t]*(\S+(?: \S+)?)\n"
    # Any other " - key: value" lines (older dumps: user, tags).
    r"((?: - [^\[\n:][^\n:]*:[^\n]*\n)*)"
    # A blank line, then the summary.  Most are one line, matched atomically and
    # followed by the usual next block (a heading, then its link line), a header
    # or the end; else the summary is every line up to the next unit.
    # A "## " line that starts no unit (a summary quoting markdown) is summary text.
    rf"(?:\n+(?!{_UNIT_START})(?=([^\n]*\S)(?:\n|\Z))\8\n*(?=## [^\n]*\n - \[|# Source|\Z)"
    rf"|\n+(?!{_UNIT_START})((?:(?!{_UNIT_START})[^\n]*(?:\n|\Z))*)|\n*)"
    rf"(?={_UNIT_START}|\Z)"
)
_HEADER_RES = (
    re.compile(r"# Source:(?P<name>.*?), URL:(?P<url>.*), language:(?P<lang>.*)"),
    re.compile(r"# Source (?P<name>.*?), Source URL:(?P<url>.*), Source language:(?P<lang>.*)"),
    re.compile(r"# Source (?P<name>)URL:(?P<url>.*), Source language:(?P<lang>.*)"),
)
_META_RE = re.compile(r" - (.*)")
_LINK_RE = re.compile(r"\[(.*?)\]\((.*)\)")
_KEY_VALUE_RE = re.compile(r"([^\[:][^:]*?)[ \t]*:(.*)")
_URL_RE = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)

_FEED_KEY = "rss feed"
_DATE_KEY = "date published"
# Written by render_markdown_dump for digest articles, which carry no date of their own.
_DIGEST_DATE_KEY = "digest date"
# Keys the fast path leaves to the careful one (read into fields, or checked).
# Written by render_markdown_dump for articles that came from a digest.
_ZH_KEYS = ("title_zh", "summary_zh")
_TEMPLATE_FEEDS = ("", "$source")
_OWN_KEYS = frozenset((_FEED_KEY, _DATE_KEY, _DIGEST_DATE_KEY, *_ZH_KEYS))
# Kept in Article.extra when a link line's text differs from its URL.
_LINK_TEXT = "link text"
_DATE_COLUMN = len(" - date published: ") + 1


@attrs.frozen
class _Section:
    """What a ``# Source`` header says about the blocks after it."""

    name: str | None = None
    url: str | None = None
    language: str | None = None


class _BlockProblem(Exception):
    def __init__(self, message: str, lineno: int, colno: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.lineno = lineno
        self.colno = colno


_TRAILING_SPACE_RE = re.compile(r"[^\S\n]$", re.MULTILINE)


def _tidy_summary(summary: str) -> str:
    """A summary as the careful path keeps it: no trailing whitespace, no outer blank lines."""
    summary = summary.rstrip("\n")
    if _TRAILING_SPACE_RE.search(summary):
        summary = "\n".join(line.rstrip() for line in summary.split("\n")).strip("\n")
    return summary


def _extra_lines(more: str) -> tuple[tuple[str, str], ...] | None:
    """The `` - key: value`` lines after the date line as ``extra``.

    ``None`` when one of them has a field of its own (the careful path reads it).
    """
    extra = []
    for line in more[:-1].split("\n"):
        pair = _KEY_VALUE_RE.fullmatch(line[3:].rstrip())
        if pair is None or pair[1].lower() in _OWN_KEYS:
            return None
        extra.append((pair[1], pair[2].strip()))
    return tuple(extra)


def _parse_header(line: str) -> _Section | None:
    for pattern in _HEADER_RES:
        if match := pattern.fullmatch(line):
            name, url, lang = (match[key].strip() or None for key in ("name", "url", "lang"))
            return _Section(name, url, lang)
    return None


def _last_unit_start(
    text: str, first: int = 0, last: int | None = None, end: int | None = None
) -> int:
    """Where the last line that starts a unit begins (0 if no line after the first does).

    Only lines that begin in ``(first, last]`` are looked at (by default every
    line after the first), and only ``text[:end]`` is read: a ``## `` line
    counts only once its link line is there too.
    """
    pos = len(text) if last is None else last + 1
    end = len(text) if end is None else end
    match = _UNIT_START_RE.match
    while (pos := text.rfind("\n#", first, pos)) >= 0:
        if text.startswith(("## ", "##\n", "# Source"), pos + 1) and match(text, pos + 1, end):
            return pos + 1
    return 0


def _overlong(text: str, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """The units of ``text[:end]`` longer than *limit* characters, as (start, stop).

    (Text before the first unit counts as a unit.)  Each window of *limit*
    characters is searched backwards for its last unit start, so the document
    is looked at once, not unit by unit.
    """
    start = 0
    while end - start > limit:
        if (later := _last_unit_start(text, start, start + limit, end)) > start:
            start = later  # (every unit before it is shorter than the window)
            continue
        found = _UNIT_START_RE.search(text, start + limit + 1, end)
        stop = end if found is None else found.start()
        yield start, stop
        start = stop
