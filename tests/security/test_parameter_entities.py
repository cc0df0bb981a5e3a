"""Parameter entities (%p;) that would pull in a local file or a URL are refused."""

from __future__ import annotations

from pathlib import Path

from .bounded import run_hostile


def test_parameter_entity_pulling_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "p4r4m-s3cr3t">', encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'
        "<rss><channel><item><title>&leak;</title><link>x</link></item></channel></rss>\n",
        encoding="utf-8",
    )
    outcome = run_hostile(feed)
    for result in outcome["results"]:
        assert "p4r4m-s3cr3t" not in result["text"]
        assert result["error"] is not None
        assert result["error"].startswith(("the document declares entities", "malformed XML"))
