"""Sample documents shipped inside scmpfeeds, for trying it out and for the docs' examples.

>>> from scmpfeeds import parse, samples
>>> parse(samples.MARKDOWN_DUMP)
<Feed title='China - South China Morning Post' articles=21 problems=0>
>>> parse(samples.RSS)
<Feed title='China Future Tech - South China Morning Post' articles=50 problems=0>
>>> parse(samples.DIGEST)
<Digest title='英文媒体关于中国的报道汇总' date=2025-08-29 highlights=17 articles=33 problems=0>
>>> parse(samples.JSON_ENTRIES)
<Feed title=None articles=24 problems=0>

Each is a :class:`pathlib.Path` to a real document: one of each format in
:data:`DIRECTORY`, and in :data:`ARCHIVE` a small piece of the link archive as
it is published (a week of SCMP's China feed in 2023, each day's markdown dump
beside its JSON twin; one day of 2026 in JSON entries only; the archive's
``sources.json``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ALL",
    "ARCHIVE",
    "DIGEST",
    "DIRECTORY",
    "JSON_ENTRIES",
    "MARKDOWN_DUMP",
    "RSS",
    "RSS_WITH_VIDEOS",
]

_ROOT = Path(__file__).resolve().parent / "_samples"
#: The folder that holds one document of each format.
DIRECTORY = _ROOT / "formats"
#: A markdown dump of SCMP's China feed (2024-06-07), 21 articles.
MARKDOWN_DUMP = DIRECTORY / "scmp-china.md"
#: SCMP's China Future Tech RSS feed, 50 items.
RSS = DIRECTORY / "scmp-feed.xml"
#: A Chinese–English digest, 33 articles.
DIGEST = DIRECTORY / "digest.txt"
#: JSON entries of SCMP's China feed as the link archive wrote them on 2026-01-01, 24 items.
JSON_ENTRIES = DIRECTORY / "scmp-china-2026.json"
#: The four, in that order.
ALL = (MARKDOWN_DUMP, RSS, DIGEST, JSON_ENTRIES)
#: A piece of the link archive: ``sources.json``, ``2023/11/2023-11-06/`` to
#: ``2023-11-12/`` (each a dump and its JSON twin, 133 items in all) and
#: ``2026/01/2026-01-01/`` (JSON entries only, 24 items).
ARCHIVE = _ROOT / "archive"
#: SCMP's Hong Kong RSS feed as it was on 2019-10-06: 50 items, 35 with a video.
RSS_WITH_VIDEOS = _ROOT / "scmp-hong-kong-2019.xml"
