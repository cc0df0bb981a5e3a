"""Property-based tests of the markdown dump parser and writer (hypothesis)."""

from __future__ import annotations

import contextlib
import re
import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, note
from hypothesis import strategies as st

from scmpfeeds import (
    Article,
    Feed,
    ParseError,
    ScmpFeedsError,
    article_id,
    canonical_url,
    iter_markdown_dump,
    parse_markdown_dump,
    render_markdown_dump,
)
from scmpfeeds._detection import wrong_format
from scmpfeeds._source import _PATHISH_RE, _URL_RE
from scmpfeeds.markdown_dump._careful import _parse_block_lines
from scmpfeeds.markdown_dump._grammar import _Section

from .conftest import FIXTURES
from .strategies import (
    aware_datetimes,
    dump_articles,
    header_languages,
    header_names,
    links,
    one_line,
    seed_blocks,
)

MARKDOWN_SEEDS = [
    FIXTURES / "000_f7b80165825318c2.txt",
    FIXTURES / "002_2de8bc749e391b77.txt",
    FIXTURES / "003_e1ca8efa5881fe9e.txt",
]


def _careful(unit: str, lineno: int) -> Article:
    """The careful path on a block that has no problem."""

    def warn(message: str, lineno: int, colno: int) -> None:
        raise AssertionError(f"{lineno}:{colno}: {message}")

    return _parse_block_lines(unit, lineno, _Section(), None, warn)


def quiet_parse(text: str | bytes, *, strict: bool = False) -> Feed:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse_markdown_dump(text, strict=strict)


@given(
    articles=st.lists(dump_articles(), max_size=6),
    title=st.one_of(st.none(), header_names()),
    url=st.one_of(st.none(), links()),
    language=header_languages(),
)
def test_render_then_parse_round_trips(
    articles: list[Article], title: str | None, url: str | None, language: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing lost
        text = render_markdown_dump(articles, title=title, url=url, language=language)
    note(text)
    feed = parse_markdown_dump(text, strict=True)
    # The header given stands in for what an article does not say itself.
    expected = [
        attrs.evolve(
            a,
            feed_url=a.feed_url or url,
            feed_title=title if a.feed_title is None else a.feed_title,
            language=language if a.language is None else a.language,
        )
        for a in articles
    ]
    assert list(feed.articles) == expected
    assert (feed.title, feed.url, feed.language) == (title, url, language)


@given(seed=st.sampled_from(MARKDOWN_SEEDS), data=st.data())
def test_any_subset_and_order_of_seed_blocks_gives_those_articles(
    seed: Path, data: st.DataObject
) -> None:
    header, blocks = seed_blocks(seed)
    articles = parse_markdown_dump(seed).articles
    assert len(blocks) == len(articles)
    order = data.draw(st.permutations(range(len(blocks))))
    chosen = order[: data.draw(st.integers(0, len(blocks)))]
    feed = parse_markdown_dump(header + "".join(blocks[i] for i in chosen), strict=True)
    assert list(feed.articles) == [articles[i] for i in chosen]


# A damaged block keeps its "## " heading; one of these corruptions is applied.
CORRUPTIONS = [
    "drop the link line",
    "drop the date line",
    "garble the date",
    "garble the link",
    "insert a metadata line without a colon",
    "cut after the heading",
    "empty the title",
]


def corrupt(block: str, how: str) -> str:
    lines = block.split("\n")
    if how == "drop the link line":
        return "\n".join(line for line in lines if not line.startswith(" - ["))
    if how == "drop the date line":
        return "\n".join(line for line in lines if not line.startswith(" - date published"))
    if how == "garble the date":
        return re.sub(r"(date published: )\S+", r"\1not-a-date", block)
    if how == "garble the link":
        return re.sub(r"^ - \[.*$", " - [x](ftp//nowhere)", block, flags=re.MULTILINE)
    if how == "insert a metadata line without a colon":
        return "\n".join([lines[0], lines[1], " - stray", *lines[2:]])
    if how == "cut after the heading":
        return lines[0] + "\n"
    return "##  \n" + "\n".join(lines[1:])


@given(seed=st.sampled_from(MARKDOWN_SEEDS), data=st.data())
def test_nothing_is_lost_every_block_is_an_article_or_a_problem(
    seed: Path, data: st.DataObject
) -> None:
    header, blocks = seed_blocks(seed)
    picked = data.draw(st.lists(st.sampled_from(blocks), max_size=12))
    damage = data.draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(CORRUPTIONS)),
            min_size=len(picked),
            max_size=len(picked),
        )
    )
    parts = [
        block if how is None else corrupt(block, how)
        for block, how in zip(picked, damage, strict=True)
    ]
    text = header + "".join(parts)
    note(text)
    feed = quiet_parse(text)
    # A heading that no metadata line follows ("cut after the heading") is not an
    # article: its text belongs to the summary before it (or, before any article,
    # is reported as text outside any article), and is kept there.  A garbled link
    # is a link that names no page: an article without a URL.  An empty title is an
    # article titled "".  A lost link or date, or a garbled date, costs that field:
    # an article and a problem.  A line that is no metadata costs the block: a
    # problem with its text.
    cut = [how == "cut after the heading" for how in damage]
    field = ("drop the link line", "drop the date line", "garble the date")
    whole = ("insert a metadata line without a colon",)
    outside = [p for p in feed.problems if p.message.startswith("text outside any article")]
    damaged = [p for p in feed.problems if p not in outside]
    assert len(feed.articles) == len(picked) - sum(cut) - sum(how in whole for how in damage)
    assert len(damaged) == sum(how in field + whole for how in damage)
    assert sum(a.url is None for a in feed.articles) == damage.count("garble the link") + (
        damage.count("drop the link line")
    )
    assert sum(a.published is None for a in feed.articles) == damage.count(
        "drop the date line"
    ) + damage.count("garble the date")
    assert sum(a.title == "" for a in feed.articles) == damage.count("empty the title")
    kept = "\n".join(a.summary for a in feed.articles) + "\n".join(p.text for p in feed.problems)
    for part, was_cut in zip(parts, cut, strict=True):
        if was_cut:
            assert part.strip() in kept
    lines = text.split("\n")
    for problem in feed.problems:
        assert problem.lineno is not None
        assert problem.text in text
        assert lines[problem.lineno - 1] in problem.text
    if feed.problems:
        with pytest.raises(ParseError) as info:
            parse_markdown_dump(text, strict=True)
        first = feed.problems[0]
        assert (info.value.msg, info.value.lineno, info.value.colno) == (
            first.message,
            first.lineno,
            first.colno,
        )
    else:
        assert parse_markdown_dump(text, strict=True) == feed


@given(
    seed=st.sampled_from(MARKDOWN_SEEDS),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
    trailing=st.sampled_from(["", " ", "\t", "  \t "]),
    as_bytes=st.booleans(),
    data=st.data(),
)
def test_line_endings_bom_and_trailing_whitespace_change_nothing(
    seed: Path,
    newline: str,
    bom: bool,
    trailing: str,
    as_bytes: bool,
    data: st.DataObject,
) -> None:
    header, blocks = seed_blocks(seed)
    chosen = data.draw(st.lists(st.sampled_from(blocks), max_size=5))
    clean = header + "".join(chosen)
    messy = ("\ufeff" if bom else "") + newline.join(line + trailing for line in clean.split("\n"))
    expected = parse_markdown_dump(clean, strict=True)
    got = parse_markdown_dump(messy.encode() if as_bytes else messy, strict=True)
    assert got == expected
    assert [a.lineno for a in got.articles] == [a.lineno for a in expected.articles]


@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_scmpfeeds_errors(text: str) -> None:
    for strict in (False, True):
        with contextlib.suppress(ScmpFeedsError):
            quiet_parse(text, strict=strict)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_scmpfeeds_errors(data: bytes) -> None:
    for strict in (False, True):
        with contextlib.suppress(ScmpFeedsError):
            quiet_parse(data, strict=strict)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["## ", "# Source:", " - [", "](", ")", " - RSS feed: ", " - date published: "]
            ),
            st.sampled_from(["2024-06-07T22:00:09+00:00", "https://www.scmp.com/a/article/1/b"]),
            one_line(),
            st.just("\n"),
        ),
        max_size=40,
    ).map("".join)
)
@example("<")  # (found under the sanitizers' longer run)
def test_dump_shaped_noise_raises_only_scmpfeeds_errors_and_iter_agrees(text: str) -> None:
    """Lenient mode raises only for a one-line str that looks like a path or a URL,
    and for what starts as a document of another format (XML, say)."""
    if (other := wrong_format(text, "markdown")) is not None:
        with pytest.raises(ParseError) as raised:
            quiet_parse(text)
        assert raised.value.msg == other
        return
    if "\n" not in text and _URL_RE.fullmatch(text.strip()):
        with pytest.raises(ParseError, match=r"^got a str that is a URL"):
            quiet_parse(text)
        return
    if "\n" not in text and _PATHISH_RE.fullmatch(text.strip()):
        with pytest.raises(ParseError, match=r"^got a str that looks like a file path"):
            quiet_parse(text)
        return
    feed = quiet_parse(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert list(iter_markdown_dump(text)) == list(feed.articles)
    try:
        parse_markdown_dump(text, strict=True)
    except ScmpFeedsError:
        assert feed.problems


def _blocks(text: str) -> list[str]:
    """The blocks of a rendered dump: each starts at a heading its link line follows (a
    summary line "## x" is not one); the last newline before the next is the block's."""
    starts = [m.start() for m in re.finditer(r"^## [^\n]*\n - \[", text, re.MULTILINE)]
    ends = [start - 1 for start in starts[1:]] + [len(text)]
    return [text[start:end] for start, end in zip(starts, ends, strict=True)]


@given(st.lists(dump_articles(), min_size=1, max_size=4))
def test_fast_and_general_block_paths_agree(articles: list[Article]) -> None:
    # (without a name or language, no header comes between the blocks)
    articles = [attrs.evolve(a, feed_title=None, language=None) for a in articles]
    text = render_markdown_dump(articles)
    parsed = parse_markdown_dump(text, strict=True).articles
    units = _blocks(text)
    lineno = 1
    for unit, article in zip(units, parsed, strict=True):
        general = _careful(unit, lineno)
        assert general == article
        assert general.lineno == article.lineno == lineno
        lineno += unit.count("\n") + (1 if unit is not units[-1] else 0)


@given(
    title=one_line(),
    link=links(),
    published=aware_datetimes(),
)
def test_iter_and_parse_agree_on_generated_dumps(title: str, link: str, published: object) -> None:
    article = Article(title=title, link=link, published=published)  # type: ignore[arg-type]
    text = render_markdown_dump([article, article])
    assert list(iter_markdown_dump(text)) == list(parse_markdown_dump(text).articles)


# Paths built from the pieces that decide an SCMP link's ID and canonical form.
_SCMP_PATHS = st.lists(
    st.sampled_from(["article/", "article", "/", "12", "3265321", "x", "-", "?q=1", "#f", "%2F"]),
    max_size=10,
).map("".join)


@given(path=_SCMP_PATHS)
def test_fast_path_reads_scmp_links_as_the_public_helpers_do(path: str) -> None:
    # The fast block path takes an SCMP link's ID and canonical URL from its own
    # match; both must be what article_id() and canonical_url() say.
    link = "https://www.scmp.com/" + path
    note(link)
    text = f"## T\n - [{link}]({link})\n - RSS feed: \n - date published: 2024-06-07T22:00:09Z\n"
    (article,) = parse_markdown_dump(text, strict=True).articles
    assert article.link == link
    assert article.id == article_id(link)
    assert article.url == canonical_url(link)
    assert _careful(text, 1) == article


class _Trickle:
    """A text file that returns at most the next of *sizes* characters per read."""

    def __init__(self, text: str, sizes: list[int]) -> None:
        self.text = text
        self.sizes = sizes
        self.pos = 0

    def read(self, size: int = -1) -> str:
        step = self.sizes[self.pos % len(self.sizes)] if self.sizes else size
        piece = self.text[self.pos : self.pos + max(step, 1)]
        self.pos += len(piece)
        return piece


@given(
    seeds=st.lists(st.sampled_from(MARKDOWN_SEEDS), min_size=1, max_size=3),
    sizes=st.lists(st.integers(1, 3000), min_size=1, max_size=5),
)
def test_how_a_file_arrives_in_chunks_changes_nothing(seeds: list[Path], sizes: list[int]) -> None:
    # Several dumps one after another (each with its own header), read in
    # chunks that end anywhere: inside a block, a header or a line ending.
    text = "".join(seed.read_text(encoding="utf-8") for seed in seeds)
    whole = parse_markdown_dump(text, strict=True).articles
    streamed = list(iter_markdown_dump(_Trickle(text, sizes), strict=True))
    assert streamed == list(whole)
    assert [(a.lineno, a.feed_url) for a in streamed] == [(a.lineno, a.feed_url) for a in whole]
    assert len(whole) == sum(len(parse_markdown_dump(seed).articles) for seed in seeds)


@given(
    articles=st.lists(dump_articles(), min_size=1, max_size=4),
    spaces=st.lists(st.sampled_from(["", " ", "\t", "\xa0", "  \xa0"]), min_size=1),
)
def test_fast_and_general_paths_agree_with_trailing_whitespace(
    articles: list[Article], spaces: list[str]
) -> None:
    """Whitespace at the ends of lines (U+00A0 too) is normalised the same on both paths."""
    articles = [attrs.evolve(a, feed_title=None, language=None) for a in articles]
    lines = render_markdown_dump(articles).split("\n")
    messy = "\n".join(line + spaces[k % len(spaces)] for k, line in enumerate(lines))
    parsed = parse_markdown_dump(messy, strict=True).articles
    assert parsed == parse_markdown_dump(render_markdown_dump(articles), strict=True).articles
    units = _blocks(messy)
    lineno = 1
    for unit, article in zip(units, parsed, strict=True):
        assert _careful(unit, lineno) == article
        lineno += unit.count("\n") + (1 if unit is not units[-1] else 0)
