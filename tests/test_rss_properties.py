"""Property-based tests of the RSS parser and writer (hypothesis)."""

from __future__ import annotations

import contextlib
import re
import warnings

from hypothesis import given, note
from hypothesis import strategies as st

from scmpfeeds import Feed, ScmpFeedsError, iter_rss, parse_rss, render_rss

from .conftest import FIXTURES
from .strategies import item_children, rss_feeds, seed_items

SEED_004 = FIXTURES / "004_7a0e8304e58f6477.txt"
HEAD, ITEMS, TAIL = seed_items(SEED_004)
SEED_ARTICLES = parse_rss(SEED_004).articles


def parse_every_way(data: bytes) -> None:
    """parse_rss and iter_rss in both modes; only ScmpFeedsError may escape."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for strict in (False, True):
            with contextlib.suppress(ScmpFeedsError):
                parse_rss(data, strict=strict)
            with contextlib.suppress(ScmpFeedsError):
                list(iter_rss(data, strict=strict))


def test_seed_cuts_into_its_50_items() -> None:
    assert len(ITEMS) == len(SEED_ARTICLES) == 50
    assert all(len(item_children(item)) == 9 for item in ITEMS)


@given(rss_feeds())
def test_render_then_parse_round_trips(feed: Feed) -> None:
    data = render_rss(feed)
    note(data.decode())
    again = parse_rss(data, strict=True)
    assert again == feed
    assert list(iter_rss(data, strict=True)) == list(feed.articles)


@given(st.data())
def test_any_subset_and_order_of_seed_items_gives_those_articles(data: st.DataObject) -> None:
    order = data.draw(st.permutations(range(len(ITEMS))))
    chosen = order[: data.draw(st.integers(0, len(ITEMS)))]
    document = HEAD + b"\n".join(ITEMS[i] for i in chosen) + TAIL
    feed = parse_rss(document, strict=True)
    assert list(feed.articles) == [SEED_ARTICLES[i] for i in chosen]
    assert list(iter_rss(document)) == list(feed.articles)


@given(
    prefix=st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True).filter(
        lambda p: p not in ("atom", "content", "dc", "fb", "foaf", "og", "rdfs", "xml")
    ),
    media_uri=st.sampled_from(
        ["http://www.rssboard.org/media-rss", "http://search.yahoo.com/mrss/"]
    ),
    spacing=st.lists(st.sampled_from(["", " ", "\n", "\t", "\r\n", "\n\n    "]), min_size=1),
    data=st.data(),
)
def test_prefixes_child_order_and_whitespace_change_nothing(
    prefix: str, media_uri: str, spacing: list[str], data: st.DataObject
) -> None:
    picks = data.draw(st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=5))
    items = []
    for n, index in enumerate(picks):
        children = data.draw(st.permutations(item_children(ITEMS[index])))
        gap = spacing[n % len(spacing)].encode()
        items.append(b"<item>" + gap + gap.join(children) + gap + b"</item>")
    head = HEAD.replace(
        b'xmlns:media="http://www.rssboard.org/media-rss"',
        f'xmlns:{prefix}="{media_uri}"'.encode(),
    )
    body = re.sub(rb"<(/?)media:", rb"<\1" + prefix.encode() + b":", b"".join(items))
    document = head + body + TAIL
    note(document[-3000:].decode(errors="replace"))
    feed = parse_rss(document, strict=True)
    assert list(feed.articles) == [SEED_ARTICLES[i] for i in picks]


@given(st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_scmpfeeds_errors(data: bytes) -> None:
    parse_every_way(data)


@given(
    flips=st.lists(st.tuples(st.integers(0, len(ITEMS[0]) * 3), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 4000)),
)
def test_byte_corruptions_of_the_seed_raise_only_scmpfeeds_errors(
    flips: list[tuple[int, int]], cut: int | None
) -> None:
    document = bytearray(HEAD + b"\n".join(ITEMS[:3]) + TAIL)
    for position, value in flips:
        document[position % len(document)] = value
    data = bytes(document if cut is None else document[:cut])
    parse_every_way(data)


@given(cut=st.integers(0, 6000))
def test_lenient_truncation_keeps_every_complete_item(cut: int) -> None:
    document = HEAD + b"\n".join(ITEMS[:4]) + TAIL
    data = document[: len(HEAD) + cut]
    complete = sum(1 for item in ITEMS[:4] if data.find(item) >= 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feed = parse_rss(data)
        streamed = list(iter_rss(data))
    assert list(feed.articles) == list(SEED_ARTICLES[:complete])
    assert streamed == list(feed.articles)
    started = len(re.findall(rb"<item[\s>/]", data))
    # parse_rss: the break, and each item that was started but not read, by its line.
    assert len(feed.problems) == (0 if data == document else 1 + started - complete)
