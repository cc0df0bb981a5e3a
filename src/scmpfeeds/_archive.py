"""The link archive around its files: its ``sources.json``, and dumps beside their twins.

The link-archiving tool keeps, at the root of each year's repository, a
``sources.json``: one object per feed, with its ``url`` (the ``source_url`` of
the entries), ``title`` (the outlet's name: ``China - South China Morning
Post``), ``language`` and categories (``category_name`` and
``subcategory_name``; ``category`` and ``subcategory`` in older years).  Entries
files carry no outlet name of their own: this file is where it lives.

Beside each day's markdown dump (``…_entries.md``) the tool wrote a JSON twin
(``…_entries.json``) from the same items; since mid-2025 it writes only the JSON.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping

import attrs

from ._compression import MAGIC_NUMBERS, Decompressing
from ._ids import canonical_url
from ._model import Article

__all__ = [
    "SOURCES_NAME",
    "OutletInfo",
    "Sources",
    "dump_header",
    "find_sources",
    "load_sources",
    "looks_like_sources",
    "twin_key",
]

#: The file name the archive gives its list of feeds.
SOURCES_NAME = "sources.json"
# In the first kilobytes of a document: the keys of the archive's list of feeds.
_SOURCES_RE = re.compile(r'"(?:category_name|subcategory_name|category|fetch_period)"\s*:')
_LINK_KEY_RE = re.compile(r'"(?:link|entries|date_published)"\s*:')


def looks_like_sources(head: str) -> bool:
    """Whether a document's first kilobytes look like the archive's ``sources.json``."""
    text = head.lstrip("\ufeff \t\r\n")
    return (
        text[:1] == "["
        and '"url"' in text
        and _SOURCES_RE.search(text) is not None
        and _LINK_KEY_RE.search(text) is None
    )


@attrs.frozen
class OutletInfo:
    """What ``sources.json`` says of one feed."""

    title: str | None
    category: str | None
    subcategory: str | None


@attrs.frozen
class Sources:
    """The archive's ``sources.json``, by feed URL (as written, and canonical)."""

    path: str
    by_url: Mapping[str, OutletInfo]

    def info(self, feed_url: str | None) -> OutletInfo | None:
        if not feed_url:
            return None
        found = self.by_url.get(feed_url)
        return found if found is not None else self.by_url.get(canonical_url(feed_url))

    def name(self, article: Article) -> Article:
        """*article* with its outlet's name (where it has none) and categories."""
        info = self.info(article.feed_url)
        if info is None:
            return article
        extra = list(article.extra)
        categories = (("feed category", info.category), ("feed subcategory", info.subcategory))
        for key, value in categories:
            if value and (key, value) not in extra:
                extra.append((key, value))
        return attrs.evolve(
            article,
            feed_title=article.feed_title or info.title,
            extra=tuple(extra),
        )


def load_sources(path: str) -> Sources | None:
    """The sources file at *path*, or None when it is not one (or cannot be read)."""
    try:
        with open(path, "rb") as file:
            data = json.loads(file.read())
    except (OSError, ValueError):
        return None
    if not isinstance(data, list):
        return None
    by_url: dict[str, OutletInfo] = {}
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        info = OutletInfo(
            title=_text(item.get("title")),
            category=_text(item.get("category_name", item.get("category"))),
            subcategory=_text(item.get("subcategory_name", item.get("subcategory"))),
        )
        by_url.setdefault(item["url"], info)
        by_url.setdefault(canonical_url(item["url"]), info)
    return Sources(path=path, by_url=by_url) if by_url else None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def find_sources(directory: str, cache: dict[str, Sources | None]) -> Sources | None:
    """The nearest ``sources.json`` in *directory* or a folder above it, if any."""
    directory = os.path.abspath(directory)
    seen: list[str] = []
    found: Sources | None = None
    while True:
        if directory in cache:
            found = cache[directory]
            break
        seen.append(directory)
        candidate = os.path.join(directory, SOURCES_NAME)
        if os.path.isfile(candidate) and (found := load_sources(candidate)) is not None:
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    for path in seen:
        cache[path] = found
    return found


# A file name's compression suffix, and the suffixes of the twins.
_COMPRESSED = (".gz", ".bz2", ".xz")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def twin_key(path: str) -> tuple[str, str] | None:
    """``(directory/stem, "markdown" or "json")`` for a dump or an entries file, by name."""
    name = path
    for suffix in _COMPRESSED:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    lower = name.lower()
    if lower.endswith(".json"):
        return name[: -len(".json")], "json"
    for suffix in _MARKDOWN_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)], "markdown"
    return None


def dump_header(path: str) -> tuple[str | None, str | None]:
    """The feed's name and language from a dump's ``# Source:`` header (its first line)."""
    from .markdown_dump._grammar import _parse_header

    try:
        with open(path, "rb") as file:
            head = file.read(8)
            if head.startswith(MAGIC_NUMBERS):
                head = Decompressing(head, file).read(4096)
            else:
                head += file.read(4096)
    except OSError:
        return None, None
    line = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    text = line.decode("utf-8", errors="replace").rstrip()
    section = _parse_header(text) if text.startswith("# Source") else None
    return (None, None) if section is None else (section.name, section.language)
