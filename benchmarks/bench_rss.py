"""Benchmark ``parse_rss`` and ``iter_rss`` against the floor and the general feed parsers.

The corpus is seed 004's 50 items repeated, each with a fresh article ID, until
the feed holds ``--items`` items.  Every figure is the median of ``--repeat`` runs
over the same bytes, all measured in this one run:

* the floor: a bare ``lxml.etree.fromstring`` of the bytes (no fields read);
* feedparser, fastfeedparser and atoma, when installed (``nox -s bench`` installs them).

Run it with ``nox -s bench`` or ``python benchmarks/bench_rss.py``.
"""

from __future__ import annotations

import argparse
import importlib
import io
import pyexpat
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import median_time, streamed_peak
from lxml import etree

import scmpfeeds

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SEED = FIXTURES / "004_7a0e8304e58f6477.txt"
_ITEM_RE = re.compile(rb"<item>.*?</item>", re.DOTALL)
_ID_RE = re.compile(rb"/article/\d+")


def build_feed(items: int) -> bytes:
    """Return seed 004 grown to at least *items* items, each with its own article ID."""
    data = SEED.read_bytes()
    head = data[: data.index(b"<item>")]
    tail = data[data.rindex(b"</item>") + len(b"</item>") :]
    seed_items = _ITEM_RE.findall(data)
    out = [head]
    serial = 5_000_000
    while len(out) - 1 < items:
        for item in seed_items:
            serial += 1
            out.append(_ID_RE.sub(b"/article/%d" % serial, item) + b"\n    ")
    out.append(tail)
    return b"".join(out)


def read_only(data: bytes) -> int:
    """Walk *data* as ``parse_rss`` does, reading what it reads, building nothing.

    Every tag and text of an item's children, and an image's attributes: what any
    parser that reads lxml elements from Python must do at least.
    """
    count = 0
    events = etree.iterparse(
        io.BytesIO(data), events=("start", "end"), tag=("channel", "item"), resolve_entities=False
    )
    for event, element in events:
        if event == "start" or element.tag != "item":
            continue
        for child in element:
            tag: Any = child.tag
            if child.text is None and (tag == "enclosure" or tag.endswith("}content")):
                for name in ("url", "type", "width", "height", "length", "medium"):
                    child.get(name)
        count += 1
        element.clear(keep_tail=True)
        parent: Any = element.getparent()
        while element.getprevious() is not None:
            del parent[0]
    return count


class _NoEvents:
    """A parser target that takes no events: libxml2 tokenizes and calls nothing back."""

    def close(self) -> None:
        return None


def tokenizer_floors(data: bytes) -> dict[str, Callable[[], object]]:
    """The two C tokenizers a tree-less RSS reader could stand on, each reading *data*
    with no callback at all: what such a reader would cost before one field is read.

    * expat, the tokenizer CPython ships (``pyexpat`` with no handlers set), which a
      compiled reader could drive through the ``pyexpat.expat_CAPI`` capsule;
    * libxml2's SAX pass, through lxml's target parser with a target that takes no
      events (no tree is built).
    """

    def expat() -> None:
        parser = pyexpat.ParserCreate()
        parser.Parse(data, True)

    def sax() -> None:
        target: Any = _NoEvents()  # (the stubs want a target that takes events)
        parser = etree.XMLParser(
            target=target, resolve_entities=False, no_network=True, load_dtd=False
        )
        etree.fromstring(data, parser)

    return {"expat, tokenizing only": expat, "libxml2 SAX, tokenizing only": sax}


def peers(data: bytes) -> dict[str, Callable[[], object]]:
    """The general feed parsers that are installed, each as a call on *data*."""
    found: dict[str, Callable[[], object]] = {}
    try:
        feedparser = importlib.import_module("feedparser")
        found["feedparser"] = lambda: feedparser.parse(data)
    except ImportError:
        pass
    try:
        fastfeedparser = importlib.import_module("fastfeedparser")
        found["fastfeedparser"] = lambda: fastfeedparser.parse(data)
    except ImportError:
        pass
    try:
        atoma = importlib.import_module("atoma")
        found["atoma"] = lambda: atoma.parse_rss_bytes(data)
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--peer-repeat", type=int, default=3, help="runs of the slow peers")
    parser.add_argument("--memory-mb", type=int, default=200, help="size of the streaming feed")
    args = parser.parse_args()

    data = build_feed(args.items)
    feed = scmpfeeds.parse_rss(data, strict=True)
    count = len(feed.articles)
    del feed  # its articles would be walked by every full garbage collection while timing
    print(f"RSS: {count} items, {len(data) / 1e6:.1f} MB, median of {args.repeat} runs")
    floor = median_time(lambda: etree.fromstring(data), args.repeat)
    ours = median_time(lambda: scmpfeeds.parse_rss(data), args.repeat)
    streamed = median_time(lambda: sum(1 for _ in scmpfeeds.iter_rss(data)), args.repeat)
    walk = median_time(lambda: read_only(data), args.repeat)
    print(f"  lxml.etree.fromstring (floor) {floor * 1e3:9.1f} ms")
    print(f"  parse_rss                     {ours * 1e3:9.1f} ms  {ours / floor:5.2f}x floor")
    print(
        f"  iter_rss                      {streamed * 1e3:9.1f} ms  {streamed / floor:5.2f}x floor"
    )
    print(f"  walk, reading only (reference){walk * 1e3:9.1f} ms  {walk / floor:5.2f}x floor")
    for name, call in peers(data).items():
        runs = args.repeat if name == "fastfeedparser" else args.peer_repeat
        theirs = median_time(call, runs)
        print(
            f"  {name:<29} {theirs * 1e3:9.1f} ms  parse_rss is {theirs / ours:5.2f}x faster"
            f" (median of {runs})"
        )
        if name == "fastfeedparser":
            for floor_name, floor_call in tokenizer_floors(data).items():
                alone = median_time(floor_call, args.repeat)
                print(
                    f"  {floor_name:<29} {alone * 1e3:9.1f} ms  {alone / theirs:5.2f}x"
                    " fastfeedparser's whole parse"
                )

    if args.memory_mb:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.xml"
            unit = build_feed(5_000)
            head = unit[: unit.index(b"<item>")]
            tail = unit[unit.rindex(b"</item>") + len(b"</item>") :]
            body = unit[len(head) : len(unit) - len(tail)]
            repeats = max(1, int(args.memory_mb * 1e6 / len(body)) + 1)
            with path.open("wb") as file:
                file.write(head)
                for _ in range(repeats):
                    file.write(body)
                file.write(tail)
            size = path.stat().st_size / 1e6
            n, peak = streamed_peak("iter_rss", path)
            print(f"  iter_rss over a {size:.0f} MB feed: {n} items, peak RSS {peak:.1f} MiB")


if __name__ == "__main__":
    main()
