"""The lines of a digest, as patterns."""

from __future__ import annotations

import re
from datetime import date

_Date = date

_TITLE_RE = re.compile(r"(?P<title>.*?)\s*(?P<date>\d{4}-\d{2}-\d{2})")
_META_RE = re.compile(
    r"(?P<date>[A-Z][a-z]+\s+\d{1,2},\s*\d{4})\s+(?P<minutes>\d+)\s*min\s+(?P<words>\d+)\s*words"
)
_BULLET_RE = re.compile(r"\s*[-•·*]\s+(?P<text>.*)")
_ENTRY_RE = re.compile(r"(?P<number>\d+)\.\s*(?P<title>.*)")
# The labels in simplified or traditional characters (中文標題, 內容摘要).
_ZH_TITLE_RE = re.compile(r"中文[标標][题題]\s*[:：]\s*(?P<text>.*)")
_ZH_SUMMARY_RE = re.compile(r"[内內]容摘要\s*[:：]\s*(?P<text>.*)")
_SECTION = "摘要"
_UTM = "?utm_source=rss_feed"
# An absolute URL whose path is made of SCMP slug characters.
_SLUG_URL_RE = re.compile(r"https?://[A-Za-z0-9.:-]+(?:/[a-z0-9-]*)*")
_TOPIC_RE = re.compile(
    r"《(?P<quoted>[^》]*)》\s*[:：]\s*|(?P<plain>[^:：。，,；;！!？?]{1,60}?)\s*[:：]\s*"
)
_SENTENCE_END_RE = re.compile(r"。\s+")
# How many lines above the title may be a masthead (the site's name, "真相集中营").
_MASTHEAD_LINES = 3
