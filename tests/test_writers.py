"""Every writer with its reader: nothing lost, or said once.

The law, for each writer (JSON Lines, CSV, Parquet, RSS, a markdown dump):

* **count in = count out**: every article written is read back;
* **what the format carries comes back equal**, field by field; what it cannot
  hold is said once per kind of loss (``on_loss``), never once per article, and
  an article that comes back different was counted in a loss.

Checked on generated articles that hold anything (line breaks, space, control
characters, empty strings, microseconds, odd offsets, names with commas), on the
seeds, on the real data and on the archive sample.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import Phase, find, given, note, settings
from hypothesis import strategies as st

from scmpfeeds import (
    Article,
    Feed,
    Loss,
    Media,
    from_arrow,
    parse_markdown_dump,
    parse_rss,
    read,
    read_csv,
    read_jsonl,
    render_markdown_dump,
    render_rss,
    to_arrow,
    write_csv,
    write_jsonl,
)

from .conftest import FIXTURES, REALDATA
from .strategies import TRICKY, link_tails, links

#: A writer and its reader: articles -> (articles read back, losses said).
RoundTrip = Callable[[Sequence[Article]], tuple[list[Article], list[Loss]]]


def _jsonl(articles: Sequence[Article]) -> tuple[list[Article], list[Loss]]:
    out = io.StringIO()
    assert write_jsonl(articles, out) == len(articles)
    return list(read_jsonl(out.getvalue(), strict=True)), []


def _csv(articles: Sequence[Article]) -> tuple[list[Article], list[Loss]]:
    out, said = io.StringIO(), list[Loss]()
    assert write_csv(articles, out, on_loss=said.append) == len(articles)
    return list(read_csv(out.getvalue(), strict=True)), said


def _arrow(articles: Sequence[Article]) -> tuple[list[Article], list[Loss]]:
    said: list[Loss] = []
    return from_arrow(to_arrow(articles, on_loss=said.append)), said


def _parquet(articles: Sequence[Article]) -> tuple[list[Article], list[Loss]]:
    import pyarrow.parquet as pq

    from scmpfeeds import write_parquet

    out, said = io.BytesIO(), list[Loss]()
    write_parquet(articles, out, on_loss=said.append)
    out.seek(0)
    return from_arrow(pq.read_table(out)), said


def _rss(articles: Sequence[Article]) -> tuple[list[Article], list[Loss]]:
    said: list[Loss] = []
    data = render_rss(Feed(title="F", articles=tuple(articles)), on_loss=said.append)
    return list(parse_rss(data, strict=True).articles), said


def _markdown(articles: Sequence[Article]) -> tuple[list[Article], list[Loss]]:
    said: list[Loss] = []
    text = render_markdown_dump(articles, on_loss=said.append)
    return list(parse_markdown_dump(text, strict=True).articles), said


WRITERS: dict[str, RoundTrip] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "arrow": _arrow,
    "parquet": _parquet,
    "rss": _rss,
    "markdown": _markdown,
}
# Writers that also keep where each article was read (the others write a new file).
KEEP_PROVENANCE = ("jsonl", "csv", "arrow", "parquet")


# -- generated articles that hold anything ---------------------------------------------------

_TEXT = st.text(
    st.one_of(
        st.sampled_from(TRICKY + " \t\n\r\x00\x0b\ufffe"),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=20,
)
_OPTIONAL = st.one_of(st.none(), _TEXT)
_ZONES = st.one_of(
    st.sampled_from([timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))]),
    st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)).map(timezone),
)
_KEYS = st.one_of(st.sampled_from(["guid", "category", "user", "tags", "link text"]), _TEXT)


@st.composite
def any_articles(draw: st.DrawFn) -> Article:
    """Articles with anything in any field (each drawn plain or odd)."""
    link = draw(st.one_of(st.none(), _TEXT, st.tuples(links(), link_tails()).map("".join)))
    media_urls = draw(st.lists(st.one_of(links(), _TEXT), max_size=2))
    return Article(
        title=draw(_TEXT),
        link=link,
        summary=draw(_TEXT),
        published=draw(
            st.one_of(
                st.none(),
                st.datetimes(
                    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_ZONES
                ),
            )
        ),
        feed_url=draw(st.one_of(_OPTIONAL, links())),
        feed_title=draw(_OPTIONAL),
        language=draw(st.one_of(_OPTIONAL, st.sampled_from(["en", "pl-PL"]))),
        authors=tuple(draw(st.lists(_TEXT, max_size=3))),
        media=tuple(
            Media(
                url=url,
                kind=draw(st.sampled_from(["image", "video", "audio", "other"])),
                type=draw(st.one_of(st.none(), st.sampled_from(["image/jpeg", "video/mp4"]))),
                width=draw(st.one_of(st.none(), st.integers(0, 5000))),
                length=draw(st.one_of(st.none(), st.sampled_from(["42", "1280"]))),
            )
            for url in media_urls
        ),
        body=tuple(draw(st.lists(_TEXT, max_size=3))),
        title_zh=draw(_OPTIONAL),
        summary_zh=draw(_OPTIONAL),
        digest_date=draw(st.one_of(st.none(), st.dates(min_value=date(1, 1, 2)))),
        extra=tuple(draw(st.lists(st.tuples(_KEYS, _TEXT), max_size=3))),
        source=draw(_OPTIONAL),
        lineno=draw(st.one_of(st.none(), st.integers(1, 10**6))),
    )


@pytest.mark.parametrize("field", [field.name for field in attrs.fields(Article)])
def test_the_generated_articles_set_every_field(field: str) -> None:
    """A field added to Article must be added to any_articles too, or the writers'
    round trip above never sees a value of it (see docs/contributing.md)."""
    default = attrs.fields_dict(Article)[field].default
    found = find(
        any_articles(),
        lambda article: getattr(article, field) != default,
        settings=settings(max_examples=500, database=None, phases=[Phase.generate]),
    )
    assert getattr(found, field) != default


def _provenance(articles: Sequence[Article]) -> list[tuple[str | None, int | None]]:
    return [(a.source, a.lineno) for a in articles]


@pytest.mark.parametrize("writer", WRITERS)
@given(articles=st.lists(any_articles(), max_size=4))
def test_every_writer_writes_every_article_and_says_what_it_changed(
    writer: str, articles: list[Article]
) -> None:
    back, said = WRITERS[writer](articles)
    note(f"{back!r}\n{said!r}")
    assert len(back) == len(articles)  # count in = count out
    assert all(loss.count >= 1 for loss in said)
    assert len({loss.what for loss in said}) == len(said)  # each kind said once
    changed = sum(a != b for a, b in zip(articles, back, strict=True))
    if not said:
        assert changed == 0, "an article came back different, and no loss was said"
    assert changed <= sum(loss.count for loss in said)
    if writer in KEEP_PROVENANCE and not said:
        assert _provenance(back) == _provenance(articles)
    if writer == "jsonl":
        assert back == articles  # JSON Lines holds everything


def test_a_link_text_that_is_not_extras_first_item_is_said() -> None:
    """A dump's link line is read back as the first extra item (found by the
    property above, under the sanitizers' longer run)."""
    moved = Article(title="", link="0", extra=(("guid", ""), ("link text", "")))
    back, said = WRITERS["markdown"]([Article(title=""), moved])
    assert back[1].extra == (("link text", ""), ("guid", ""))
    assert [loss.what for loss in said] == [
        "a link text not first among the extra items, or several (read back first, once)"
    ]
    first = attrs.evolve(moved, extra=(("link text", ""), ("guid", "")))
    assert WRITERS["markdown"]([first]) == ([first], [])


@pytest.mark.parametrize("writer", WRITERS)
@given(articles=st.lists(any_articles(), min_size=1, max_size=3))
def test_a_loss_is_said_once_however_many_articles_it_touched(
    writer: str, articles: list[Article]
) -> None:
    once = {loss.what: loss.count for loss in WRITERS[writer](articles)[1]}
    thrice = {loss.what: loss.count for loss in WRITERS[writer](articles * 3)[1]}
    assert thrice == {what: 3 * count for what, count in once.items()}


# -- real articles ---------------------------------------------------------------------------

# What each format is known not to hold (the docs' table), to compare what it does.
_NOT_HELD: dict[str, tuple[str, ...]] = {
    "markdown": ("authors", "media", "body"),
}


def _as_held(writer: str, article: Article) -> Article:
    """*article* as the writer's format holds it (see the docs' table)."""
    changes: dict[str, Any] = dict.fromkeys(_NOT_HELD.get(writer, ()), ())
    if writer == "rss" and article.published is not None:
        changes["published"] = article.published.replace(microsecond=0)
    if writer == "markdown" and "\r" in article.summary:  # (a dump's lines end in "\n")
        lines = article.summary.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        changes["summary"] = "\n".join(line.rstrip() for line in lines).strip("\n")
    return attrs.evolve(article, **changes) if changes else article


def _check_real(writer: str, articles: list[Article]) -> list[Loss]:
    back, said = WRITERS[writer](articles)
    assert len(back) == len(articles)
    assert back == [_as_held(writer, a) for a in articles]
    if writer in KEEP_PROVENANCE:
        assert _provenance(back) == _provenance(articles)
    return said


def _quietly(paths: object) -> list[Article]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(read(paths))  # type: ignore[arg-type]


REAL = [
    *sorted(FIXTURES.glob("*.txt")),
    *sorted((REALDATA / "markdown").rglob("*.md")),
    REALDATA / "rss" / "2019-10-06.scmp-rss2.xml",
]


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_on_the_seeds_and_the_real_data(writer: str) -> None:
    articles = _quietly(REAL)
    assert len(articles) > 1300
    _check_real(writer, articles)


def test_microsecond_dumps_become_rss_with_every_article() -> None:
    """The issue's case: a 2024 dump with microsecond dates became a feed of 0 items
    and 28 problems."""
    dump = REALDATA / "markdown" / "variants" / "2024-12-20.scmp-rss4.md"
    articles = _quietly(dump)
    assert len(articles) == 28
    said = _check_real("rss", articles)
    assert said == [
        Loss(format="RSS", what="fractions of a second in dates (written to the second)", count=28)
    ]


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_on_a_day_of_2026(writer: str, day: Path) -> None:
    """The archive as it is today: 337 JSON files of hundreds of outlets, with
    authors and thumbnails; what a dump cannot hold is said once, counted."""
    articles = _quietly(day)
    assert len(articles) == 5333
    said = _check_real(writer, articles)
    expected = []
    if writer == "markdown":
        expected = [
            Loss(
                format="a markdown dump",
                what="media (left out)",
                count=sum(1 for a in articles if a.media),
            ),
            Loss(
                format="a markdown dump",
                what="authors (left out)",
                count=sum(1 for a in articles if a.authors),
            ),
        ]
    assert said == expected
    assert all(loss.count > 3000 for loss in said)  # (most entries carry both)


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_on_300_dumps_of_the_archive_sample(writer: str, archive: Path) -> None:
    """Hundreds of outlets in many languages: every article written and read back."""
    dumps = sorted(archive.rglob("*.md"))[::7][:300]
    articles = _quietly(dumps)
    assert len(dumps) == 286 or len(dumps) == 300
    assert len(articles) > 5000
    said = _check_real(writer, articles)
    if writer == "markdown":  # a dump keeps the feed of each article in its header
        assert said == []
