"""The overview: a lead-in, numbered highlights and a commentary."""

from __future__ import annotations

import re

from ._patterns import (
    _COMMENTARY_RE,
    _FIRST_POINT_RE,
    _SENTENCE_END_RE,
    _TOPIC_RE,
)
from ._records import Highlight

# -- the overview ------------------------------------------------------------------------


def _split_topic(text: str) -> tuple[str | None, str]:
    match = _TOPIC_RE.match(text)
    if match is None:
        return None, text
    topic = match["quoted"] if match["quoted"] is not None else match["plain"]
    return topic.strip(), text[match.end() :].strip()


def parse_overview(overview: str) -> tuple[str, tuple[Highlight, ...], str]:
    """Split an overview into its lead-in, numbered highlights and commentary.

    >>> lead, points, comment = parse_overview("要点: 1. 甲:一。 2. 乙:二。 评论: 好。")
    >>> lead, [(p.number, p.topic, p.text) for p in points], comment
    ('要点:', [(1, '甲', '一。'), (2, '乙', '二。')], '好。')
    """
    overview = overview.strip()
    commentary = ""
    first = _FIRST_POINT_RE.search(overview)
    # The marker stands after the points (a lead-in may say "…进行评论:" itself).
    if marker := _COMMENTARY_RE.search(overview, first.start() if first else 0):
        overview, commentary = overview[: marker.start()].strip(), overview[marker.end() :].strip()
    first = _FIRST_POINT_RE.search(overview)
    if first is None:
        return overview, (), commentary
    lead_in = overview[: first.start()].strip()
    body = overview[first.start() :]
    starts = [(1, 0, first.end() - first.start())]
    while match := re.compile(rf"\s{len(starts) + 1}[.、]\s*").search(body, starts[-1][2]):
        starts.append((len(starts) + 1, match.start(), match.end()))
    highlights = []
    for index, (number, _start, text_start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(body)
        text = body[text_start:end].strip()
        # Without a marker the commentary follows the last point's first full stop.
        if index + 1 == len(starts) and not marker and (stop := _SENTENCE_END_RE.search(text)):
            text, commentary = text[: stop.start() + 1], text[stop.end() :].strip()
        topic, text = _split_topic(text)
        highlights.append(Highlight(number=number, topic=topic, text=text))
    return lead_in, tuple(highlights), commentary
