"""A 20 MB text node, twice lxml's limit: a ParseError (strict) or a Problem (lenient)."""

from __future__ import annotations

from pathlib import Path

from .bounded import kb, run_hostile

GOOD_ITEM = "<item><title>before</title><link>https://www.scmp.com/a/article/1/b</link></item>"


def test_huge_text_node(tmp_path: Path) -> None:
    feed = tmp_path / "huge-text.xml"
    with feed.open("w", encoding="utf-8") as file:
        file.write(f"<rss><channel>{GOOD_ITEM}<item><link>x</link><description>")
        file.write("x" * (20 * 1024 * 1024))
        file.write("</description></item></channel></rss>")
    outcome = run_hostile(feed)
    assert outcome["seconds"] < 10.0
    assert outcome["grew_kb"] < kb(300)
    for result in outcome["results"]:
        if result["strict"]:
            assert result["error"].startswith("malformed XML: ")
        else:
            assert result["error"] is None
            assert '"title": "before"' in result["text"]  # the item before the break is kept
            assert "breaks off" in result["text"] or result["call"] == "iter_rss"
