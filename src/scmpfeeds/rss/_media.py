"""Enclosures and Media RSS: one :class:`Media` per URL, with its kind."""

from __future__ import annotations

import re
from typing import Any

from .._model import Media, MediaKind, _unchecked_media
from ._vocabulary import _KIND


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)  # int() itself allows surrounding whitespace
    except ValueError:
        return None


def _add_media(found: dict[str, list[Any]], element: Any, enclosure: bool) -> None:
    """Record an ``enclosure`` or Media RSS element; entries for one URL are merged.

    ``found`` maps each URL to its ``[type, width, height, duration, length,
    medium, kind]``; a later entry fills what earlier ones left empty (SCMP gives
    one picture twice: an enclosure with its type, then ``media:content`` with its
    size).
    """
    get = element.get
    url = get("url")
    if not url or not (url := url.strip()):
        return
    known = found.get(url)
    if known is None:
        if enclosure:  # an enclosure has no size, duration, medium or kind of its own
            found[url] = [get("type"), None, None, None, get("length"), None, None]
        else:
            found[url] = [
                get("type"),
                _int(get("width")),
                _int(get("height")),
                _int(get("duration")),
                None,
                get("medium"),
                get(_KIND),
            ]
        return
    if enclosure:
        if known[0] is None:
            known[0] = get("type")
        if known[4] is None:
            known[4] = get("length")
        return
    if known[0] is None:
        known[0] = get("type")
    if known[1] is None:
        known[1] = _int(get("width"))
    if known[2] is None:
        known[2] = _int(get("height"))
    if known[3] is None:
        known[3] = _int(get("duration"))
    if known[5] is None:
        known[5] = get("medium")
    if known[6] is None:
        known[6] = get(_KIND)


_MEDIUMS: dict[str, MediaKind] = {"image": "image", "video": "video", "audio": "audio"}
_EXTENSIONS: dict[str, MediaKind] = {
    **dict.fromkeys(("jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp"), "image"),
    **dict.fromkeys(("mp4", "m4v", "mov", "webm", "m3u8", "mpd", "avi", "mkv"), "video"),
    **dict.fromkeys(("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"), "audio"),
}
_EXTENSION_RE = re.compile(r"\.([A-Za-z0-9]{2,5})(?:[?#]|$)")


def media_kind(url: str, type: str | None, medium: str | None) -> MediaKind:
    """What a media URL is: by Media RSS's ``medium``, else its MIME type, else its extension.

    SCMP's images are ``image`` whichever element gives them; anything unknown is
    ``other``.

    >>> media_kind("https://cf.cdn.vid.ly/2n0d0q/mp4.mp4", None, None)
    'video'
    >>> media_kind("https://cdn.i-scmp.com/a.jpg?itok=x", "image/jpeg", None)
    'image'
    """
    if medium is not None and (kind := _MEDIUMS.get(medium.strip().lower())):
        return kind
    if type is not None:
        major = type.strip().lower().partition("/")[0]
        if kind := _MEDIUMS.get(major):
            return kind
    match = _EXTENSION_RE.search(url.partition("?")[0].partition("#")[0] + "?")
    kind = _EXTENSIONS.get(match[1].lower()) if match else None
    return kind or "other"


def _media(found: dict[str, list[Any]]) -> tuple[Media, ...]:
    made = []
    for url, (type_, width, height, duration, length, medium, kind) in found.items():
        if kind not in ("image", "video", "audio", "other"):
            kind = media_kind(url, type_, medium)
        made.append(
            _unchecked_media(
                url=url,
                kind=kind,
                type=type_,
                width=width,
                height=height,
                duration=duration,
                length=length,
                medium=medium,
            )
        )
    return tuple(made)
