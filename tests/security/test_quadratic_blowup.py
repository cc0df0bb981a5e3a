"""Quadratic blowup: one 100 kB entity referenced 20,000 times (2 GB if expanded)."""

from __future__ import annotations

from pathlib import Path

from .bounded import kb, run_hostile


def test_quadratic_blowup(tmp_path: Path) -> None:
    feed = tmp_path / "quadratic.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{"x" * 100_000}">]>\n'
        f"<rss><channel><item><title>t</title><link>x</link>"
        f"<description>{'&a;' * 20_000}</description></item></channel></rss>\n",
        encoding="utf-8",
    )
    outcome = run_hostile(feed)
    assert outcome["seconds"] < 1.0
    assert outcome["grew_kb"] < kb(20)
    results = outcome["results"]
    for result in results:
        assert "x" * 1000 not in result["text"]
        # Refused by our entity check, or earlier by libxml2's own amplification limit.
        assert result["error"].startswith(
            ("the document declares entities", "malformed XML: Maximum entity amplification")
        )
