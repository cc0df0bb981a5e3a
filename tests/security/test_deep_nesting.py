"""100,000 nested elements end in a ParseError at once, without deep recursion."""

from __future__ import annotations

from pathlib import Path

from .bounded import kb, run_hostile


def test_deep_nesting(tmp_path: Path) -> None:
    depth = 100_000
    feed = tmp_path / "deep.xml"
    feed.write_text(
        "<rss><channel><item><link>x</link><description>"
        + "<a>" * depth
        + "</a>" * depth
        + "</description></item></channel></rss>",
        encoding="utf-8",
    )
    outcome = run_hostile(feed)
    assert outcome["seconds"] < 5.0
    assert outcome["grew_kb"] < kb(100)
    for result in outcome["results"]:
        if result["strict"]:
            assert result["error"].startswith("malformed XML: ")
            assert "depth" in result["error"].lower() or "nesting" in result["error"].lower()
        elif result["call"] == "parse_rss":
            assert result["error"] is None  # lenient: the feed, with a Problem for the break
            assert "breaks off" in result["text"]
        else:
            assert (result["error"], result["text"]) == (None, "[]")
