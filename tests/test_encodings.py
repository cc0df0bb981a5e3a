"""Text that is not UTF-8: encoding= on every parser, and detection when nothing says."""

from __future__ import annotations

import gc
import io
import warnings
from pathlib import Path

import pytest

from scmpfeeds import (
    ParseError,
    iter_markdown_dump,
    iter_rss,
    parse,
    parse_bilingual_digest,
    parse_markdown_dump,
    parse_rss,
    read,
)

from .conftest import FIXTURES

SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"
SEED_003 = FIXTURES / "003_e1ca8efa5881fe9e.txt"
SEED_004 = FIXTURES / "004_7a0e8304e58f6477.txt"


def quiet(function: object, *args: object, **kwargs: object) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no problem may be reported
        return function(*args, **kwargs)  # type: ignore[operator]


def traditional_seed_001() -> str:
    """Seed 001 in traditional characters, which Big5 can encode (all but '½')."""
    zhconv = pytest.importorskip("zhconv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # zhconv leaves its dictionary open
        text: str = zhconv.convert(SEED_001.read_text(encoding="utf-8"), "zh-tw")
        gc.collect()
    return text.replace("½", "1/2")


def test_a_gb18030_digest_reads_as_the_same_digest_undeclared() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    expected = parse_bilingual_digest(text)
    data = text.encode("gb18030")
    assert quiet(parse_bilingual_digest, data) == expected
    assert quiet(parse, data) == expected
    assert quiet(parse_bilingual_digest, data, encoding="gb18030") == expected
    assert expected.articles[0].title_zh == "中国如何助力重塑印度尼西亚棕榈油的未来"


def test_a_big5_digest_reads_as_the_same_digest_undeclared() -> None:
    text = traditional_seed_001()
    expected = parse_bilingual_digest(text)
    data = text.encode("big5")
    assert quiet(parse_bilingual_digest, data) == expected
    assert quiet(parse, io.BytesIO(data)) == expected
    assert quiet(parse_bilingual_digest, data, encoding="big5") == expected
    assert len(expected.articles) == 33


def damaged(data: bytes, count: int) -> bytes:
    """*data* with the second byte of *count* characters, spread out, made invalid."""
    damaged = bytearray(data)
    leads = [i for i, byte in enumerate(data) if byte >= 0x81 and data[i - 1] < 0x80]
    for i in leads[:: len(leads) // count][:count]:
        damaged[i + 1] = 0x7F  # (no trail byte of GB18030 or Big5)
    return bytes(damaged)


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_a_digest_with_damaged_bytes_is_still_read_in_its_encoding(encoding: str) -> None:
    """Nine damaged bytes (before: read as UTF-8, 102 problems, every Chinese field lost)."""
    text = SEED_001.read_text(encoding="utf-8") if encoding == "gb18030" else None
    text = text or traditional_seed_001()
    expected = parse_bilingual_digest(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        digest = parse_bilingual_digest(damaged(text.encode(encoding), 9))
    assert digest.problems[0].message.startswith(f"invalid {encoding} byte(s) ")
    assert len(digest.problems) <= 3
    assert len(digest.articles) == 33
    same = sum(
        a.title_zh == b.title_zh for a, b in zip(digest.articles, expected.articles, strict=True)
    )
    assert same >= 33 - 9


def test_files_of_other_encodings_in_a_collection(tmp_path: Path) -> None:
    (tmp_path / "gb.txt").write_bytes(SEED_001.read_text(encoding="utf-8").encode("gb18030"))
    (tmp_path / "big5.txt").write_bytes(traditional_seed_001().encode("big5"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = list(read(tmp_path))
    assert len(articles) == 66
    assert articles[0].title_zh != articles[33].title_zh  # traditional and simplified


def test_encoding_argument_on_markdown_and_rss() -> None:
    text = SEED_003.read_text(encoding="utf-8")
    expected = parse_markdown_dump(text)
    utf16 = text.encode("utf-16-le")
    assert quiet(parse_markdown_dump, utf16, encoding="utf-16-le") == expected
    assert quiet(list, iter_markdown_dump(utf16, encoding="utf-16-le")) == list(expected.articles)
    rss = SEED_004.read_text(encoding="utf-8")
    cp1252 = rss.replace('encoding="UTF-8"', "").encode("cp1252", errors="strict")
    assert quiet(parse_rss, cp1252, encoding="cp1252") == parse_rss(SEED_004)
    assert quiet(list, iter_rss(cp1252, encoding="cp1252")) == list(parse_rss(SEED_004).articles)


FRENCH = (
    "Le gouvernement français a annoncé mercredi une série de mesures économiques destinées "
    "à soutenir les ménages, après une année marquée par l'inflation et la hausse des prix "
    "de l'énergie. Les élus de l'opposition ont critiqué un plan jugé trop timide."
)


def test_undeclared_latin1_rss_is_detected_not_broken() -> None:
    body = "".join(
        f"<item><title>Économie {n}</title><link>https://example.org/{n}</link>"
        f"<description>{FRENCH}</description></item>"
        for n in range(10)
    )
    data = f"<rss><channel><title>Actualités</title>{body}</channel></rss>".encode("latin-1")
    feed = quiet(parse_rss, data)
    assert feed.title == "Actualités"  # type: ignore[attr-defined]
    assert feed.articles[3].title == "Économie 3"  # type: ignore[attr-defined]
    assert feed.articles[3].summary == FRENCH  # type: ignore[attr-defined]


def test_a_declared_encoding_is_still_what_decides() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Café</title>'
    data += "<item><title>été</title><link>https://example.org/1</link></item></channel></rss>"
    feed = quiet(parse_rss, data.encode("latin-1"))
    assert feed.title == "Café"  # type: ignore[attr-defined]


def test_a_few_damaged_bytes_in_utf8_are_still_utf8_and_reported() -> None:
    data = SEED_003.read_bytes().replace(b"\xe2\x80\x99", b"\xe2\x80", 1)
    with pytest.warns(match="invalid UTF-8 byte"):
        feed = parse_markdown_dump(data)
    assert len(feed.articles) == 14
    assert "’" in feed.articles[-1].summary + "".join(a.title for a in feed.articles)


def test_unknown_encoding_names_fail_at_once() -> None:
    with pytest.raises(LookupError):
        parse_markdown_dump(b"", encoding="no-such-codec")
    with pytest.raises(LookupError):
        iter_rss(b"<rss/>", encoding="no-such-codec")


def test_strict_mode_still_names_bytes_the_encoding_cannot_decode() -> None:
    with pytest.raises(ParseError, match=r"invalid UTF-8 byte\(s\) ff at byte offset 5"):
        parse_markdown_dump(b"## a\n\xff", strict=True)
