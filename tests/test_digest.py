"""parse_bilingual_digest and render_bilingual_digest on the seed, real excerpts and damage."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from scmpfeeds import (
    Digest,
    Highlight,
    ParseError,
    ParseWarning,
    detect_format,
    parse,
    parse_bilingual_digest,
    render_bilingual_digest,
)
from scmpfeeds.digest import parse_overview, split_glued_url
from scmpfeeds.digest._overview import chinese_number

from .conftest import FIXTURES, REALDATA
from .helpers import parse_leniently

SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"
EXCERPTS = REALDATA / "digest" / "digest-page-excerpts.txt"


def lenient(data: str | bytes) -> Digest:
    return parse_leniently(parse_bilingual_digest, data)


def excerpt(number: int) -> str:
    text = EXCERPTS.read_text(encoding="utf-8")
    body = text.split(f"##### EXCERPT {number} of 2", 1)[1].split("\n", 1)[1]
    body = body.split(f"##### END EXCERPT {number}", 1)[0]
    return "\n".join(line for line in body.split("\n") if not line.startswith("#####"))


SEED_TEXT = SEED_001.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.split("\n")


# -- the seed --------------------------------------------------------------------------------


def test_seed_header_fields() -> None:
    digest = parse_bilingual_digest(SEED_001)
    assert digest.problems == ()
    assert digest.title == "英文媒体关于中国的报道汇总"
    assert digest.date == date(2025, 8, 29)
    assert digest.published == date(2025, 8, 30)
    assert (digest.reading_minutes, digest.word_count) == (114, 24099)


def test_seed_overview() -> None:
    digest = parse_bilingual_digest(SEED_001)
    assert digest.lead_in == "以下是媒体报道的主要内容:"
    assert len(digest.highlights) == 17
    assert [h.number for h in digest.highlights] == list(range(1, 18))
    assert digest.highlights[0] == Highlight(
        number=1,
        topic="印度尼西亚棕榈油",
        text="中国可以帮助重塑印度尼西亚棕榈油的未来,通过负责任的采购和可持续发展合作,"
        "促进棕榈油产业的转型,保护森林和环境。",
    )
    assert digest.highlights[16].topic == "新加坡可以促进中美关系"
    assert digest.highlights[16].text.endswith("促进两国之间的对话和合作。")
    assert digest.commentary.startswith("这些媒体报道虽然涉及不同的领域和事件")
    assert digest.commentary.endswith("并促进全球合作和互利共赢。")


def test_seed_sections_agree() -> None:
    digest = parse_bilingual_digest(SEED_001)
    assert len(digest.headlines) == len(digest.entries) == len(digest.articles) == 33
    assert list(digest.headlines) == [e.title for e in digest.entries]
    assert [e.number for e in digest.entries] == list(range(1, 34))
    assert [e.article for e in digest.entries] == list(digest.articles)
    assert digest.headlines[-1] == (
        "80 years on from WWII, has China become a main guarantor of the post-war order?"
    )


def test_seed_articles() -> None:
    articles = parse_bilingual_digest(SEED_001).articles
    for article in articles:
        assert article.id is not None
        assert f"/article/{article.id}/" in str(article.link)
        assert str(article.link).endswith("?utm_source=rss_feed")
        assert article.title_zh
        assert article.summary_zh
        assert article.body
        assert article.summary == article.body[0]
        assert article.lineno is not None
        assert SEED_LINES[article.lineno - 1] == article.title
    first = articles[0]
    assert first.title == "How China can help rewrite the future of Indonesian palm oil"
    assert first.id == 3323383
    assert first.link == (
        "https://www.scmp.com/opinion/asia-opinion/article/3323383/"
        "how-china-can-help-rewrite-future-indonesian-palm-oil?utm_source=rss_feed"
    )
    assert len(first.body) == 16
    assert first.body[0].startswith("Indonesian President Prabowo Subianto")
    assert first.title_zh == "中国如何助力重塑印度尼西亚棕榈油的未来"
    assert first.summary_zh is not None
    assert first.summary_zh.startswith("印尼总统普拉博沃启动了一项反对非法油棕种植园的运动")


def test_crlf_bom_and_full_width_colons_change_nothing() -> None:
    expected = parse_bilingual_digest(SEED_TEXT)
    variants = [
        "\ufeff" + SEED_TEXT.replace("\n", "\r\n"),
        SEED_TEXT.replace("中文标题:", "中文标题：").replace("内容摘要:", "内容摘要："),
        "\n".join(line + "  " for line in SEED_LINES),
    ]
    for text in variants:
        assert parse_bilingual_digest(text) == expected
    assert parse_bilingual_digest(variants[0].encode("utf-8")) == expected


# -- the overview and the glued URLs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "lead_in", "count", "first_topic", "commentary_start"),
    [
        (1, "根据提供的新闻报道,我总结了以下主要内容-", 5, None, "这些报道反映出中美关系存在分歧"),
        (
            2,
            "媒体报道摘要:",
            2,
            "中国,世界最大的碳排放国,宣布新的气候目标以减少排放",
            "这两篇报道都涉及中国",
        ),
    ],
)
def test_other_digests_overviews(
    number: int, lead_in: str, count: int, first_topic: str | None, commentary_start: str
) -> None:
    digest = lenient(excerpt(number))
    assert digest.lead_in == lead_in
    assert len(digest.highlights) == count
    assert digest.highlights[0].topic == first_topic
    assert digest.commentary.startswith(commentary_start)
    assert digest.title == "英文媒体关于中国的报道汇总"


def test_excerpt_1_spaced_metadata_and_bullets() -> None:
    digest = lenient(excerpt(1))
    assert digest.date == date(2023, 10, 10)
    assert digest.published == date(2023, 10, 11)
    assert (digest.reading_minutes, digest.word_count) == (18, 3631)
    assert (
        digest.headlines[0] == "China urges Philippines to end “provocations“ in South China Sea"
    )
    assert len(digest.headlines) == 6
    assert digest.masthead == "真相集中营"
    # The page is cut in its headline list: that is one problem, not a cascade.
    assert [(p.lineno, p.message) for p in digest.problems] == [
        (14, "the digest ends before its '摘要' section and full articles (is it cut short?)"),
    ]


def test_commentary_with_its_own_numbered_points_is_not_split() -> None:
    lead, points, commentary = parse_overview(
        "摘要: 1. 甲:一。 2. 乙:二。 评论: 看法。 1. 第一点。 2. 第二点。"
    )
    assert [p.number for p in points] == [1, 2]
    assert commentary == "看法。 1. 第一点。 2. 第二点。"
    assert lead == "摘要:"


def test_overview_without_numbers_is_all_lead_in() -> None:
    assert parse_overview("没有编号的概述。") == ("没有编号的概述。", (), "")


@pytest.mark.parametrize(
    ("line", "url", "text"),
    [
        (
            "https://www.scmp.com/a/article/3323383/palm-oil?utm_source=rss_feedIndonesian leader",
            "https://www.scmp.com/a/article/3323383/palm-oil?utm_source=rss_feed",
            "Indonesian leader",
        ),
        (
            "https://www.scmp.com/a/article/3323383/palm-oilIndonesian leader",
            "https://www.scmp.com/a/article/3323383/palm-oil",
            "Indonesian leader",
        ),
        (
            "https://www.scmp.com/a/article/1/x“Quoted” start",
            "https://www.scmp.com/a/article/1/x",
            "“Quoted” start",
        ),
        # The documented ambiguity: text that starts with a digit joins the slug.
        (
            "https://www.scmp.com/a/article/1/x2025 was a year",
            "https://www.scmp.com/a/article/1/x2025",
            "was a year",
        ),
        ("https://www.scmp.com/a/article/1/x", "https://www.scmp.com/a/article/1/x", ""),
    ],
)
def test_split_glued_url(line: str, url: str, text: str) -> None:
    assert split_glued_url(line) == (url, text)


# -- disagreements ---------------------------------------------------------------------------


def _remove_lines(text: str, *numbers: int) -> str:
    lines = text.split("\n")
    return "\n".join(line for n, line in enumerate(lines, 1) if n not in numbers)


def test_entry_without_full_text_keeps_its_chinese_fields() -> None:
    digest_text = SEED_TEXT
    first = parse_bilingual_digest(SEED_001).articles[0]
    assert first.lineno is not None
    # Remove the first article: its title line through the line before the next title.
    second = parse_bilingual_digest(SEED_001).articles[1].lineno
    assert second is not None
    text = _remove_lines(digest_text, *range(first.lineno, second))
    digest = lenient(text)
    assert len(digest.entries) == 33
    assert len(digest.articles) == 32
    entry = digest.entries[0]
    assert entry.article is None
    assert entry.title_zh == "中国如何助力重塑印度尼西亚棕榈油的未来"
    assert [(p.lineno, p.message) for p in digest.problems] == [
        (
            38,
            "entry 1 'How China can help rewrite the future of Indonesian palm oil' "
            "has no full article",
        )
    ]
    with pytest.raises(ParseError) as info:
        parse_bilingual_digest(text, strict=True)
    assert str(info.value) == (
        "entry 1 'How China can help rewrite the future of Indonesian palm oil' "
        "has no full article (at line 38, column 1)"
    )


def test_full_text_without_entry_and_headline_mismatch() -> None:
    text = _remove_lines(SEED_TEXT, 38, 39, 40)  # the first 摘要 entry
    digest = lenient(text)
    assert len(digest.entries) == 32
    assert len(digest.articles) == 33
    assert digest.articles[0].title_zh is None
    messages = [p.message for p in digest.problems]
    assert messages[0] == (
        "headline 1 'How China can help rewrite the future of Indonesian palm oil' does not "
        "match entry 2 'Trump, Nvidia talks to allow Blackwell chip sales in China will take "
        "time, CEO says'"
    )
    assert "33 headlines but 32 摘要 entries" in messages
    assert (
        "article 'How China can help rewrite the future of Indonesian palm oil' has no 摘要 entry"
        in messages
    )


def test_entry_missing_its_chinese_summary() -> None:
    text = _remove_lines(SEED_TEXT, 40)
    digest = lenient(text)
    assert digest.entries[0].summary_zh is None
    assert digest.articles[0].summary_zh is None
    assert [(p.lineno, p.message) for p in digest.problems] == [
        (38, "entry 1 has no 内容摘要 line")
    ]


def test_swapped_articles_are_reported_and_still_linked_by_title() -> None:
    articles = parse_bilingual_digest(SEED_001).articles
    lines = SEED_TEXT.split("\n")
    a, b, c = (x.lineno or 0 for x in articles[:3])
    swapped = lines[: a - 1] + lines[b - 1 : c - 1] + lines[a - 1 : b - 1] + lines[c - 1 :]
    digest = lenient("\n".join(swapped))
    assert [x.title for x in digest.articles[:2]] == [articles[1].title, articles[0].title]
    assert digest.entries[0].article == articles[0]
    assert [p.message for p in digest.problems] == [
        "entry 2 is article 1 of the full texts, before the previous entry's article 2 "
        "(the order differs)"
    ]


# -- writing ---------------------------------------------------------------------------------


def test_render_round_trips_the_seed() -> None:
    digest = parse_bilingual_digest(SEED_001)
    again = parse_bilingual_digest(render_bilingual_digest(digest), strict=True)
    assert again == digest


def test_render_keeps_every_seed_line_but_the_overview() -> None:
    rendered = render_bilingual_digest(parse_bilingual_digest(SEED_001))
    assert rendered.endswith("\n")
    assert not SEED_TEXT.endswith("\n")  # the seed's last line has no line end
    rendered_lines = rendered[:-1].split("\n")
    assert rendered_lines[:2] == SEED_LINES[:2]
    assert rendered_lines[3:] == SEED_LINES[3:]


# -- digest pages as they really are ------------------------------------------------------

PAGES = REALDATA / "digest"
# What each truncated page holds: masthead, dates, minutes and words, headlines,
# highlights and the line of the one problem (where the page is cut).
PAGE_FACTS = {
    "2024-12-09": ("真相集中营", date(2024, 12, 10), 83, 17622, 0, 5, 7),
    "2025-07-05": ("真相集中营", date(2025, 7, 6), 80, 16989, 21, 0, 29),
    "2025-07-30": ("", date(2025, 7, 31), 88, 18632, 22, 0, 25),
    "2025-08-16": ("", date(2025, 8, 17), 87, 18384, 0, 5, 3),
}


@pytest.mark.parametrize("day", sorted(PAGE_FACTS))
def test_real_digest_pages_are_detected_and_read(day: str) -> None:
    text = (PAGES / f"{day}.page-excerpt.txt").read_text(encoding="utf-8")
    assert detect_format(text[:8192]) == "digest"
    with pytest.warns(ParseWarning):
        digest = parse(text)
    assert isinstance(digest, Digest)
    masthead, published, minutes, words, headlines, highlights, cut = PAGE_FACTS[day]
    assert (digest.title, digest.date) == ("英文媒体关于中国的报道汇总", date.fromisoformat(day))
    assert (digest.masthead, digest.published) == (masthead, published)
    assert (digest.reading_minutes, digest.word_count) == (minutes, words)
    assert (len(digest.headlines), len(digest.highlights)) == (headlines, highlights)
    assert [(p.lineno, p.message) for p in digest.problems] == [
        (cut, "the digest ends before its '摘要' section and full articles (is it cut short?)")
    ]


def test_a_lead_in_that_mentions_commentary_keeps_its_highlights() -> None:
    text = (PAGES / "2024-12-09.page-excerpt.txt").read_text(encoding="utf-8")
    with pytest.warns(ParseWarning):
        digest = parse_bilingual_digest(text)
    assert digest.lead_in.endswith("下面我将逐一进行评论:")
    assert [h.number for h in digest.highlights] == [1, 2, 3, 4, 5]
    assert digest.highlights[0].topic == "中国女性在大银幕上发出自己的声音"
    assert digest.highlights[0].text.startswith("这篇报道关注了中国女性在电影产业中的崛起")
    assert digest.commentary == ""


def test_a_slogan_is_a_lead_in_with_no_highlights() -> None:
    text = (PAGES / "2025-07-30.page-excerpt.txt").read_text(encoding="utf-8")
    with pytest.warns(ParseWarning):
        digest = parse_bilingual_digest(text)
    assert (
        digest.lead_in
        == "随手搬运西方主流媒体的所谓的民主自由的报道,让帝国主义的丑恶嘴脸无处遁形。"
    )
    assert (digest.highlights, digest.commentary) == ((), "")
    assert (
        digest.headlines[0]
        == "If China no longer takes Europe seriously, Brussels has itself to blame"
    )


@pytest.mark.parametrize("marker", ["评论:", "评论-", "评论：", "评论 :"])
@pytest.mark.parametrize("number", [".", "、"])
def test_every_commentary_marker_and_numbering(marker: str, number: str) -> None:
    lead, points, commentary = parse_overview(
        f"要点: 1{number} 甲:一。 2{number} 《乙》:二。 {marker} 看法。"
    )
    assert lead == "要点:"
    assert [(p.number, p.topic, p.text) for p in points] == [(1, "甲", "一。"), (2, "乙", "二。")]
    assert commentary == "看法。"


def test_articles_without_a_summary_section_are_all_read_with_one_problem() -> None:
    start = SEED_LINES.index("摘要")
    end = start + 1
    while not SEED_LINES[end + 1].startswith(("http://", "https://")):
        end += 1
    text = "\n".join(SEED_LINES[:start] + SEED_LINES[end:])
    with pytest.warns(ParseWarning):
        digest = parse_bilingual_digest(text)
    expected = parse_bilingual_digest(SEED_TEXT)
    assert [a.title for a in digest.articles] == [a.title for a in expected.articles]
    assert all(a.title_zh is None for a in digest.articles)
    assert [(p.lineno, p.message) for p in digest.problems] == [
        (start + 1, "no '摘要' section before the full articles")
    ]


def test_entries_without_full_articles_are_one_problem() -> None:
    first_article = next(
        k for k, line in enumerate(SEED_LINES) if SEED_LINES[k + 1].startswith("https://")
    )
    text = "\n".join(SEED_LINES[:first_article])
    with pytest.warns(ParseWarning):
        digest = parse_bilingual_digest(text)
    assert len(digest.entries) == 33
    assert digest.articles == ()
    assert [p.message for p in digest.problems] == ["no full articles after the 摘要 section"]


@pytest.mark.parametrize("number", [1, 2])
def test_the_older_excerpts_are_detected(number: int) -> None:
    assert detect_format(excerpt(number)) == "digest"


def test_titles_that_differ_only_in_runs_of_whitespace_agree() -> None:
    """A headline, its entry and its article agree whatever runs of whitespace their
    titles have; a headline spelt exactly as its entry needs no comparison of keys."""
    lines = SEED_TEXT.split("\n")
    title = "How China can help rewrite the future of Indonesian palm oil"
    assert (lines[3], lines[37], lines[136]) == (f"- {title}", f"1. {title}", title)
    headline = "How China  can help rewrite the future of Indonesian\u3000palm oil"
    lines[3] = f"- {headline}"
    lines[37] = "1. How  China can help rewrite the future of Indonesian palm oil"
    lines[136] = "How China can help rewrite the\tfuture of Indonesian palm oil"
    digest = lenient("\n".join(lines))
    assert digest.problems == ()
    assert digest.entries[0].article is digest.articles[0]
    assert digest.articles[0].title_zh == "中国如何助力重塑印度尼西亚棕榈油的未来"
    assert digest.headlines[0] == headline


# -- highlights numbered in every way Chinese text numbers a list -------------------------------

_CIRCLED = "".join(
    [chr(0x2460 + n) for n in range(20)]
    + [chr(0x3251 + n) for n in range(15)]
    + [chr(0x32B1 + n) for n in range(15)]
)
# Each style: the marker of point n, as a digest writes it.
NUMBERINGS: dict[str, Callable[[int], str]] = {
    "1.": lambda n: f"{n}. ",
    "1、": lambda n: f"{n}、",
    "1．": lambda n: f"{n}．",
    "1)": lambda n: f"{n}) ",
    "1）": lambda n: f"{n}）",
    "(1)": lambda n: f"({n}) ",
    "（1）": lambda n: f"（{n}）",
    "【1】": lambda n: f"【{n}】",
    "①": lambda n: _CIRCLED[n - 1],
    "一、": lambda n: f"{chinese_number(n)}、",
    "（一）": lambda n: f"（{chinese_number(n)}）",
    "(一)": lambda n: f"({chinese_number(n)})",
    "第一，": lambda n: f"第{chinese_number(n)}，",
    "第一、": lambda n: f"第{chinese_number(n)}、",
    "新闻一:": lambda n: f"新闻{chinese_number(n)}:",
    "报道一：": lambda n: f"报道{chinese_number(n)}：",
    "要点1:": lambda n: f"要点{n}: ",
}
LEAD_INS = [
    "以下是媒体报道的主要内容:",
    "媒体报道摘要:",
    "新闻摘要:",
    "根据提供的新闻报道,我总结了以下主要内容-",
    "",
]
COMMENTARY_LABELS = ["评论:", "评论-", "评论：", "以下是我的评论-", "点评:", "我的评论如下:"]


@pytest.mark.parametrize("style", NUMBERINGS)
@pytest.mark.parametrize("lead_in", LEAD_INS)
@pytest.mark.parametrize("label", COMMENTARY_LABELS)
def test_highlights_in_every_numbering_style(style: str, lead_in: str, label: str) -> None:
    """Before, any numbering but "1." and "1、" gave 0 highlights and 0 problems."""
    marker = NUMBERINGS[style]
    points = ["中国经济:增长放缓。", "《台湾问题》:紧张局势升级。", "气候政策出台新目标。"] * 4
    overview = f"{lead_in} " + " ".join(marker(n) + p for n, p in enumerate(points, 1))
    overview += f" {label} 这些报道各有侧重。"
    lead, highlights, commentary = parse_overview(overview)
    assert lead == lead_in
    assert [h.number for h in highlights] == list(range(1, 13))
    assert [(h.topic, h.text) for h in highlights[:3]] == [
        ("中国经济", "增长放缓。"),
        ("台湾问题", "紧张局势升级。"),
        (None, "气候政策出台新目标。"),
    ]
    assert commentary == "这些报道各有侧重。"


@pytest.mark.parametrize("style", NUMBERINGS)
def test_the_seed_renumbered_gives_the_same_highlights(style: str) -> None:
    """The seed's overview written in another style reads as the same 17 highlights."""
    expected = parse_bilingual_digest(SEED_001).highlights
    overview = SEED_LINES[2]
    for n in range(len(expected), 0, -1):  # (17 before 1, so "1" of "17" is left alone)
        overview = re.sub(rf"(?<= ){n}\. ", NUMBERINGS[style](n), overview, count=1)
    text = "\n".join([*SEED_LINES[:2], overview, *SEED_LINES[3:]])
    digest = parse_bilingual_digest(text, strict=True)
    assert digest.highlights == expected


def test_numbers_in_prose_are_not_highlights() -> None:
    """统一 and 第一 in prose, and a lone （一）, are text: markers count only in sequence."""
    text = "中国统一市场建设取得进展,第一季度增长3.5%。（一）项规定生效。"
    assert parse_overview(text) == (text, (), "")


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九"
    ]  # fmt: skip
