"""Sample documents shipped inside scmpfeeds, one of each format, for trying it out.

>>> from scmpfeeds import parse, samples
>>> parse(samples.MARKDOWN_DUMP)
<Feed title='China - South China Morning Post' articles=21 problems=0>
>>> parse(samples.RSS)
<Feed title='China Future Tech - South China Morning Post' articles=50 problems=0>
>>> parse(samples.DIGEST)
<Digest title='英文媒体关于中国的报道汇总' date=2025-08-29 highlights=17 articles=33 problems=0>

Each is a :class:`pathlib.Path` to a real document (copies of the project's
seed documents); :data:`DIRECTORY` holds all three.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ALL", "DIGEST", "DIRECTORY", "MARKDOWN_DUMP", "RSS"]

#: The folder that holds the samples.
DIRECTORY = Path(__file__).resolve().parent / "_samples"
#: A markdown dump of SCMP's China feed, 21 articles.
MARKDOWN_DUMP = DIRECTORY / "scmp-china.md"
#: SCMP's China Future Tech RSS feed, 50 items.
RSS = DIRECTORY / "scmp-feed.xml"
#: A Chinese–English digest, 33 articles.
DIGEST = DIRECTORY / "digest.txt"
#: The three, in that order.
ALL = (MARKDOWN_DUMP, RSS, DIGEST)
