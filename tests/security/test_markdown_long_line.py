"""A 5 MB single line in a markdown dump is read in bounded time and memory."""

from __future__ import annotations

import time
import tracemalloc

from scmpfeeds import iter_markdown_dump, parse_markdown_dump

LINK = "https://www.scmp.com/news/china/article/3265321/a"


def _dump(summary: str) -> str:
    return (
        f"## Title\n - [{LINK}]({LINK})\n - RSS feed: x\n"
        f" - date published: 2024-06-07T22:00:09+00:00\n\n{summary}\n\n"
        f"## Next\n - [{LINK}2]({LINK}2)\n - RSS feed: x\n"
        " - date published: 2024-06-07T22:00:09+00:00\n\nshort\n"
    )


def test_five_megabyte_summary_line() -> None:
    summary = "word " * (1024 * 1024)  # 5 MiB on one line
    text = _dump(summary.strip())
    tracemalloc.start()
    start = time.perf_counter()
    feed = parse_markdown_dump(text)
    streamed = list(iter_markdown_dump(text.encode()))
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 5.0
    assert peak < 80 * 1024 * 1024  # a few copies of the line, not quadratic growth
    assert len(feed.articles) == 2
    assert len(feed.articles[0].summary) == len(summary.strip())
    assert streamed == list(feed.articles)


def test_five_megabyte_heading_line() -> None:
    title = "t" * (5 * 1024 * 1024)
    text = _dump("s").replace("## Title", "## " + title, 1)
    feed = parse_markdown_dump(text)
    assert feed.articles[0].title == title
