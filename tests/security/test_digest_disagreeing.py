"""A digest of 10,000 entries where no section agrees: every disagreement reported, fast."""

from __future__ import annotations

import time
import warnings

from scmpfeeds import parse_bilingual_digest


def test_ten_thousand_entries_none_agreeing() -> None:
    n = 10_000
    lines = ["英文媒体关于中国的报道汇总 2025-08-29", "August 30, 2025 1 min 1 words", "概述。"]
    lines += [f"- Headline {i}" for i in range(n)]
    lines.append("摘要")
    for i in range(n):
        lines += [f"{i + 1}. Entry {i}", f"中文标题:标题{i}", f"内容摘要:摘要{i}"]
    for i in range(n):
        lines += [
            f"Article {i}",
            f"https://www.scmp.com/a/article/{i + 1}/x?utm_source=rss_feedText {i}.",
        ]
    text = "\n".join(lines)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        digest = parse_bilingual_digest(text)
    assert time.perf_counter() - start < 10.0
    assert len(digest.entries) == len(digest.articles) == len(digest.headlines) == n
    assert all(entry.article is None for entry in digest.entries)
    messages = [p.message for p in digest.problems]
    assert sum(m.startswith("headline ") for m in messages) == n
    assert sum(m.endswith("has no full article") for m in messages) == n
    assert sum(m.endswith("has no 摘要 entry") for m in messages) == n
    assert len(messages) == 3 * n
