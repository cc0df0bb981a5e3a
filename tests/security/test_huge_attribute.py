"""A 10 MB attribute value: lxml's limits hold; a ParseError or a bounded result."""

from __future__ import annotations

from pathlib import Path

from .bounded import kb, run_hostile


def test_huge_attribute(tmp_path: Path) -> None:
    feed = tmp_path / "huge-attribute.xml"
    with feed.open("w", encoding="utf-8") as file:
        file.write('<rss><channel><item><link>x</link><enclosure url="')
        file.write("u" * (10 * 1024 * 1024))
        file.write('"/></item></channel></rss>')
    outcome = run_hostile(feed)
    assert outcome["seconds"] < 10.0
    assert outcome["grew_kb"] < kb(300)
    for result in outcome["results"]:
        # Either lxml refuses the attribute, or the image URL is read as given.
        assert result["error"] is None or result["error"].startswith("malformed XML: ")
