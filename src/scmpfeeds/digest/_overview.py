"""The overview: a lead-in, numbered highlights and a commentary.

The grammar (a paragraph; spaces between the parts are optional)::

    overview   = [ lead-in ] { highlight } [ commentary ]
    highlight  = marker(N) [ topic colon ] text          (N = 1, 2, 3 … in one style)
    commentary = comment-label ("-" | ":" | "：" | "—") text
    marker(N)  = N suffix | "(" N ")" | "【" N "】" | circled(N)      (Arabic digits)
               | zh(N) suffix | "(" zh(N) ")"                           (Chinese numerals)
               | "第" zh(N) ( "，" | "," | "、" | ":" | "：" )          (ordinals)
               | label zh(N) colon | label N colon                      (新闻一: 报道2：)
    suffix     = "." | "．" | "、" | ")" | "）"
    brackets   = half-width or full-width: "(" "（", ")" "）"
    circled(N) = ① ② … ⑳ ㉑ … ㊿
    label      = 新闻 | 报道 | 要点 | 话题 | 事件 | 文章 | 主题 | 亮点 | 焦点 | 消息
    comment-label = [ "以下是" | "下面是" ] [ "我的" | "我们的" ]
                    ( "评论" | "点评" | "短评" | "评述" ) [ "如下" ]

A marker counts at the start, or after a space or a punctuation mark (``。``,
``；``, ``：``, ``-`` …), and only in sequence: the highlights are ``1``, ``2``,
``3`` … written in the style of the first, so the ``一`` of 统一 or the ``第一`` of
prose is never taken for one.  The first marker is the earliest ``1`` of any
style that a ``2`` of the same style follows (else the earliest ``1.`` or
``1、``, the one style that a digest of a single highlight uses).

The commentary starts at its label, after the first highlight (a lead-in may say
``…进行评论:`` itself); without a label, at the first ``。`` followed by a space
after the last highlight.  Text that is neither a highlight nor the commentary
stays in the lead-in: nothing of the overview is dropped.
"""

from __future__ import annotations

import re
from functools import cache

from ._patterns import _SENTENCE_END_RE, _TOPIC_RE
from ._records import Highlight

_NUMERALS = "〇一二三四五六七八九"
_ZH_DIGITS = "一二三四五六七八九十百零〇两"
# Where a marker may stand: the start, or after a space or a punctuation mark.
_BEFORE = r"(?:^|(?<=[\s。！？!?；;:：，,、\-—–”」』》)）\]】]))"
_SUFFIX = r"[.．、)）]"
_LABELS = "新闻|报道|要点|话题|事件|文章|主题|亮点|焦点|消息"
# ① … ⑳, ㉑ … ㉟, ㊱ … ㊿: the circled numbers 1 to 50.
_CIRCLED = "".join(
    [chr(0x2460 + n) for n in range(20)]
    + [chr(0x3251 + n) for n in range(15)]
    + [chr(0x32B1 + n) for n in range(15)]
)


def chinese_number(n: int) -> str:
    """*n* (1 to 99) in Chinese numerals, as a list is numbered: 一, 十, 十一, 二十一."""
    tens, units = divmod(n, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens] + "十")
    return text + (_NUMERALS[units] if units else "")


def _arabic_suffix(n: int) -> str:
    return rf"{n}{_SUFFIX}(?![0-9０-９])"


def _arabic_brackets(n: int) -> str:
    return rf"(?:[(（]{n}[)）]|【{n}】)"


def _circled(n: int) -> str:
    return re.escape(_CIRCLED[n - 1]) if n <= len(_CIRCLED) else r"(?!)"


def _chinese_suffix(n: int) -> str:
    return rf"{chinese_number(n)}{_SUFFIX}"


def _chinese_brackets(n: int) -> str:
    return rf"[(（]{chinese_number(n)}[)）]"


def _ordinal(n: int) -> str:
    return rf"第{chinese_number(n)}(?![{_ZH_DIGITS}])[，,、:：]"


def _labelled(n: int) -> str:
    return rf"(?:{_LABELS})(?:{chinese_number(n)}(?![{_ZH_DIGITS}])|{n}(?![0-9]))\s*[:：]"


# Each style gives the marker of point n; the first is the usual one.
_STYLES = (
    _arabic_suffix,
    _arabic_brackets,
    _circled,
    _chinese_suffix,
    _chinese_brackets,
    _ordinal,
    _labelled,
)


@cache
def _marker(style: int, n: int) -> re.Pattern[str]:
    """The pattern of point *n* in *style*, with the space after it."""
    return re.compile(rf"{_BEFORE}{_STYLES[style](n)}\s*")


# The commentary's label, at the start or after a space or a sentence's end.
_COMMENTARY_RE = re.compile(
    r"(?:^|(?<=[\s。！？；;]))(?:以下是|下面是)?(?:我的|我们的)?(?:评论|点评|短评|评述)(?:如下)?"
    r"\s*[-:：—]+\s*"
)


def _first_point(overview: str) -> tuple[int, re.Match[str]] | None:
    """The style and the marker of the first highlight (see the module documentation)."""
    best: tuple[int, re.Match[str]] | None = None
    for style in range(len(_STYLES)):
        start = 0
        while (first := _marker(style, 1).search(overview, start)) is not None:
            if _marker(style, 2).search(overview, first.end()) is not None:
                if best is None or first.start() < best[1].start():
                    best = (style, first)
                break
            start = first.end()
    if best is None:  # a single highlight: only "1." or "1、" says so
        single = _marker(0, 1).search(overview)
        if single is not None and single.group().lstrip()[1] in ".、":
            best = (0, single)
    return best


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
    >>> _, points, comment = parse_overview("新闻摘要:（一）甲:一。（二）乙:二。我的评论-好。")
    >>> [(p.number, p.topic) for p in points], comment
    ([(1, '甲'), (2, '乙')], '好。')
    """
    overview = overview.strip()
    commentary = ""
    found = _first_point(overview)
    # The label stands after the points (a lead-in may say "…进行评论:" itself).
    if marker := _COMMENTARY_RE.search(overview, found[1].start() if found else 0):
        overview, commentary = overview[: marker.start()].strip(), overview[marker.end() :].strip()
        found = _first_point(overview)
    if found is None:
        return overview, (), commentary
    style, first = found
    lead_in = overview[: first.start()].strip()
    starts = [(first.start(), first.end())]
    while (point := _marker(style, len(starts) + 1).search(overview, starts[-1][1])) is not None:
        starts.append((point.start(), point.end()))
    highlights = []
    for index, (_start, text_start) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(overview)
        text = overview[text_start:end].strip()
        # Without a label the commentary follows the last point's first full stop.
        if index + 1 == len(starts) and not marker and (stop := _SENTENCE_END_RE.search(text)):
            text, commentary = text[: stop.start() + 1], text[stop.end() :].strip()
        topic, text = _split_topic(text)
        highlights.append(Highlight(number=index + 1, topic=topic, text=text))
    return lead_in, tuple(highlights), commentary
