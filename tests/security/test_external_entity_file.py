"""An external entity pointing at a local file never puts the file's content in a result."""

from __future__ import annotations

from pathlib import Path

from .bounded import run_hostile

SECRET = "s3cr3t-d0-n0t-l34k"


def test_external_file_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<rss><channel><title>&x;</title><item><title>&x;</title><link>x</link>"
        "<description>&x;</description></item></channel></rss>\n",
        encoding="utf-8",
    )
    outcome = run_hostile(feed)
    results = outcome["results"]
    assert len(results) == 4
    for result in results:
        assert SECRET not in result["text"]
        assert result["error"] == (
            "the document declares entities; scmpfeeds refuses them (they are how XML bombs "
            "and external-entity attacks work) (at line 1)"
        )
