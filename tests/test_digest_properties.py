"""Property-based tests of the digest parser and writer (hypothesis)."""

from __future__ import annotations

import contextlib
import re
import warnings

from hypothesis import given, note
from hypothesis import strategies as st

from scmpfeeds import Digest, ScmpFeedsError, parse_bilingual_digest, render_bilingual_digest
from scmpfeeds.digest import parse_overview

from .conftest import FIXTURES
from .strategies import digests
from .test_digest import COMMENTARY_LABELS, LEAD_INS, NUMBERINGS

SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"
SEED_TEXT = SEED_001.read_text(encoding="utf-8")
SEED = parse_bilingual_digest(SEED_TEXT)
LINES = SEED_TEXT.split("\n")
HEADLINE_LINES = [i for i, line in enumerate(LINES) if line.startswith("- ")]
ENTRY_LINES = [i for i, line in enumerate(LINES) if re.fullmatch(r"\d+\. .*", line)]
ARTICLE_LINES = [a.lineno - 1 for a in SEED.articles if a.lineno is not None]


def quiet_parse(text: str, *, strict: bool = False) -> Digest:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse_bilingual_digest(text, strict=strict)


def test_the_seed_cuts_into_33_of_each() -> None:
    assert len(HEADLINE_LINES) == len(ENTRY_LINES) == len(ARTICLE_LINES) == 33


@given(digests())
def test_render_then_parse_round_trips(digest: Digest) -> None:
    text = render_bilingual_digest(digest)
    note(text)
    assert parse_bilingual_digest(text, strict=True) == digest


def _drop(keep: set[int]) -> str:
    """The seed without the entries, headlines and articles whose index is not in keep."""
    dropped: set[int] = set()
    for index in set(range(33)) - keep:
        dropped.add(HEADLINE_LINES[index])
        dropped.update(range(ENTRY_LINES[index], ENTRY_LINES[index] + 3))
        end = ARTICLE_LINES[index + 1] if index + 1 < 33 else len(LINES)
        dropped.update(range(ARTICLE_LINES[index], end))
    return "\n".join(line for i, line in enumerate(LINES) if i not in dropped)


@given(st.sets(st.integers(0, 32)))
def test_dropping_entries_from_every_section_gives_that_subset(keep: set[int]) -> None:
    digest = parse_bilingual_digest(_drop(keep), strict=True)
    assert list(digest.articles) == [SEED.articles[i] for i in sorted(keep)]
    assert [e.title_zh for e in digest.entries] == [SEED.entries[i].title_zh for i in sorted(keep)]
    assert digest.highlights == SEED.highlights


@given(
    crlf=st.booleans(),
    bom=st.booleans(),
    colons=st.lists(st.booleans(), min_size=66, max_size=66),
)
def test_line_ends_bom_and_colon_forms_change_nothing(
    crlf: bool, bom: bool, colons: list[bool]
) -> None:
    flips = iter(colons)

    def colon(match: re.Match[str]) -> str:
        return match[1] + ("：" if next(flips) else ":")

    text = re.sub(r"^(中文标题|内容摘要):", colon, SEED_TEXT, flags=re.MULTILINE)
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    assert parse_bilingual_digest(text, strict=True) == SEED


@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_scmpfeeds_errors(text: str) -> None:
    for strict in (False, True):
        with contextlib.suppress(ScmpFeedsError):
            quiet_parse(text, strict=strict)


@given(st.data())
def test_nothing_lost_every_entry_and_url_line_is_accounted_for(data: st.DataObject) -> None:
    """Shuffle, drop and duplicate lines of the seed's lower sections."""
    start = ENTRY_LINES[0] - 1
    body = LINES[start:]
    ops = data.draw(
        st.lists(
            st.tuples(st.sampled_from(["drop", "dup"]), st.integers(0, len(body) - 1)), max_size=6
        )
    )
    for op, index in ops:
        index %= len(body)
        if op == "drop":
            del body[index]
        else:
            body.insert(index, body[index])
    text = "\n".join(LINES[:start] + body)
    digest = quiet_parse(text)
    lines = text.split("\n")
    url_lines = {i + 1 for i, line in enumerate(lines) if line.startswith("https://")}
    entry_lines = {
        i + 1 for i, line in enumerate(lines) if re.fullmatch(r"\d+\.\s*.*", line) and i >= start
    }
    reported = {p.lineno for p in digest.problems}
    # Every URL line follows an article's title, or is reported.
    assert url_lines <= {a.lineno + 1 for a in digest.articles if a.lineno is not None} | reported
    # Every "N." line is an entry or a problem.
    seen = {e.lineno for e in digest.entries}
    article_lines = {a.lineno for a in digest.articles}
    assert entry_lines <= seen | reported | article_lines


# Chinese text without the characters of list markers (numerals, brackets, colons).
_PLAIN_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF).filter(
    lambda c: c not in "〇一二三四五六七八九十百零两第"
)
_SENTENCE = st.text(_PLAIN_HAN, min_size=1, max_size=20).map(lambda s: s + "。")


@given(
    style=st.sampled_from(sorted(NUMBERINGS)),
    lead_in=st.sampled_from(LEAD_INS),
    label=st.sampled_from(COMMENTARY_LABELS),
    points=st.lists(
        st.tuples(st.one_of(st.none(), st.text(_PLAIN_HAN, min_size=1, max_size=8)), _SENTENCE),
        min_size=2,
        max_size=25,
    ),
    commentary=st.text(_PLAIN_HAN, min_size=1, max_size=30),
    space=st.sampled_from([" ", "", "  "]),
)
def test_overviews_of_any_numbering_read_back(
    style: str,
    lead_in: str,
    label: str,
    points: list[tuple[str | None, str]],
    commentary: str,
    space: str,
) -> None:
    """Generated overviews: any style, any number of highlights, any spacing."""
    marker = NUMBERINGS[style]
    written = [marker(n) + (f"{t}:" if t else "") + text for n, (t, text) in enumerate(points, 1)]
    overview = f"{lead_in}{space}" + space.join(written) + f"{space}{label}{commentary}"
    note(overview)
    lead, highlights, said = parse_overview(overview)
    assert lead == lead_in
    assert [(h.number, h.topic, h.text) for h in highlights] == [
        (n, topic, text) for n, (topic, text) in enumerate(points, 1)
    ]
    assert said == commentary
