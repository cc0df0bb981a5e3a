"""The 2023 archive sample: 2,000 real dumps of every outlet, each against its JSON twin.

The twin is written by the dumping tool from the same items.  The dump normalises
whitespace the twin keeps (trailing spaces on a line, blank lines around a
summary), and an empty link is ``""`` in the twin and ``None`` here; nothing else
may differ, for any item.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scmpfeeds import TRACKING_PARAMETERS, Article, dedupe, parse_markdown_dump, read


def _normal(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _twin_items(dump: Path) -> list[dict[str, Any]]:
    twin = json.loads(dump.with_suffix(".json").read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = twin["entries"] if isinstance(twin, dict) else twin
    return items


def _date(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def test_every_item_of_the_sample_agrees_with_its_twin(archive: Path) -> None:
    dumps = sorted(archive.rglob("*.md"))
    assert len(dumps) == 2000
    items = articles = 0
    disagreements: list[str] = []
    for dump in dumps:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no problem in any dump
            feed = parse_markdown_dump(dump)
        twin = _twin_items(dump)
        items += len(twin)
        articles += len(feed.articles)
        if len(twin) != len(feed.articles):
            disagreements.append(f"{dump}: {len(feed.articles)} articles, {len(twin)} items")
            continue
        for article, item in zip(feed.articles, twin, strict=True):
            got = (article.title, article.link or "", article.summary, article.published)
            expected = (
                _normal(item["title"]),
                item["link"],
                _normal(item["description"]),
                _date(item["date_published"]),
            )
            if got != expected:
                disagreements.append(f"{dump}:{article.lineno}: {got!r} != {expected!r}")
    assert disagreements == []
    assert items == articles == 45233


def test_the_sample_through_read_gives_the_same_articles(archive: Path) -> None:
    problems: list[str] = []
    articles = list(read(f"{archive}/**/*.md", on_problem=lambda p: problems.append(str(p))))
    assert problems == []
    assert len(articles) == 45233
    assert len({a.source for a in articles}) == 2000


def test_the_empty_link_of_the_sample_is_an_article_without_a_url(archive: Path) -> None:
    dump = archive / "2023/11/2023-11-13/https.feeds.a.dj.comrssRSSWorldNews.xml_entries.md"
    feed = parse_markdown_dump(dump)
    (linkless,) = [a for a in feed.articles if a.link is None]
    assert (linkless.title, linkless.url, linkless.id, linkless.lineno) == ("//", None, None, 815)
    assert linkless.feed_url == "https://feeds.a.dj.com/rss/RSSWorldNews.xml"
    assert isinstance(linkless, Article)


def _independent_key(link: str) -> object:
    """The identity rule, written again with urllib for the check below."""
    if scmp := re.match(r"https?://([a-z0-9-]+\.)*scmp\.com/(.*/)?article/(\d+)(/|$|\?)", link):
        return int(scmp[3])
    parts = urlsplit(link.strip())
    host = parts.netloc.lower().removesuffix(":443").removesuffix(":80")

    def tracking(part: str) -> bool:
        name = part.split("=")[0].lower()
        return name.startswith("utm_") or name in TRACKING_PARAMETERS

    query = [p for p in parts.query.split("&") if p and not tracking(p)]
    fragment = [p for p in parts.fragment.split("&") if p]
    kept_fragment = not all("=" in p and tracking(p) for p in fragment)
    return (host, parts.path or "/", "&".join(query), parts.fragment if kept_fragment else "")


def test_dedupe_of_the_sample_removes_only_true_repeats(archive: Path) -> None:
    """Before the identity rule, 1,409 of 45,233 were removed: 1,188 YouTube videos
    became one row, and Ars Technica, Hacker News and CodeProject links collapsed."""
    articles = list(read(f"{archive}/**/*.md"))
    seen: set[object] = set()
    repeats = 0
    for dump in sorted(archive.rglob("*.md")):
        for item in _twin_items(dump):
            key = _independent_key(item["link"]) if item["link"] else ("title", item["title"])
            repeats += key in seen
            seen.add(key)
    unique = dedupe(articles)
    assert len(articles) - len(unique) == repeats == 20
    videos = {a.link for a in articles if a.link and "youtube.com/watch" in a.link}
    assert len([a for a in unique if a.link in videos]) == len(videos) > 1000
