"""Benchmark ``parse_markdown_dump`` against the floor: a bare regex scan.

The corpus is built from the seed fixtures: their blocks are repeated with fresh
article IDs until the dump holds at least ``--articles`` articles.  The regex
scan finds the same fields (title, link, feed, date, summary) in the same text
and does nothing else; it is the least any parser must do.

Run it with ``nox -s bench`` or ``python benchmarks/bench_markdown.py``.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from _common import median_time, streamed_peak

import scmpfeeds

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SEEDS = ("000_f7b80165825318c2.txt", "002_2de8bc749e391b77.txt", "003_e1ca8efa5881fe9e.txt")

_BLOCK_RE = re.compile(r"^## .*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
_ID_RE = re.compile(r"/article/(\d+)")
# The floor: one pass that captures the five fields of every block.
_SCAN_RE = re.compile(
    r"^## (.*)\n - \[.*?\]\((.*)\)\n - RSS feed: (.*)\n - date published: (.*)\n\n?(.*)",
    re.MULTILINE,
)


def build_dump(articles: int) -> str:
    """Return a markdown dump of at least *articles* blocks with unique IDs."""
    blocks: list[str] = []
    for seed in SEEDS:
        text = (FIXTURES / seed).read_text(encoding="utf-8")
        blocks.extend(match.group(0).rstrip("\n") + "\n\n" for match in _BLOCK_RE.finditer(text))
    header = (
        "# Source:China - South China Morning Post, "
        "URL:https://www.scmp.com/rss/4/feed, language:en\n\n"
    )
    out = [header]
    serial = 4_000_000
    while len(out) - 1 < articles:
        for block in blocks:
            serial += 1
            out.append(_ID_RE.sub(f"/article/{serial}", block, count=2))
    return "".join(out)


def regex_scan(text: str) -> list[tuple[str, ...]]:
    return [match.groups() for match in _SCAN_RE.finditer(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--memory-mb", type=int, default=200, help="size of the streaming dump")
    args = parser.parse_args()

    text = build_dump(args.articles)
    feed = scmpfeeds.parse_markdown_dump(text)
    scanned = regex_scan(text)
    assert len(feed.articles) == len(scanned), "the floor and the parser disagree"
    assert not feed.problems, "the corpus does not parse cleanly"
    size_mb = len(text.encode()) / 1e6
    print(
        f"markdown dump: {len(feed.articles)} articles, {size_mb:.1f} MB, median of {args.repeat}"
    )
    # Neither timing should pay for the other's live objects when the garbage
    # collector walks the heap.
    del feed, scanned
    floor = median_time(lambda: regex_scan(text), args.repeat)
    ours = median_time(lambda: scmpfeeds.parse_markdown_dump(text), args.repeat)
    print(f"  regex scan (floor)    {floor * 1e3:8.1f} ms")
    print(
        f"  parse_markdown_dump   {ours * 1e3:8.1f} ms   {ours / floor:.2f}x floor (target <= 2x)"
    )

    if args.memory_mb:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.md"
            unit = build_dump(5_000)
            repeats = max(1, int(args.memory_mb * 1e6 / len(unit.encode())) + 1)
            with path.open("w", encoding="utf-8") as file:
                for _ in range(repeats):
                    file.write(unit)
            big_mb = path.stat().st_size / 1e6
            count, peak = streamed_peak("iter_markdown_dump", path)
            print(
                f"  iter_markdown_dump over a {big_mb:.0f} MB dump: {count} articles, "
                f"peak RSS {peak:.1f} MiB (target < 64 MiB)"
            )


if __name__ == "__main__":
    main()
