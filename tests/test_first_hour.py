"""What a new user meets first: reprs, plain data, where warnings point, helpful refusals."""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import inspect
import json
import lzma
import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import scmpfeeds
from scmpfeeds import (
    ParseError,
    ParseWarning,
    Problem,
    iter_articles,
    iter_json_entries,
    iter_markdown_dump,
    iter_rss,
    parse,
    parse_bilingual_digest,
    parse_json_entries,
    parse_markdown_dump,
    parse_rss,
    read,
    samples,
    to_pandas,
)

from .conftest import FIXTURES

SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"
SEED_003 = FIXTURES / "003_e1ca8efa5881fe9e.txt"
SEED_004 = FIXTURES / "004_7a0e8304e58f6477.txt"


# -- reprs and to_dict ----------------------------------------------------------------


def test_reprs_are_one_short_line() -> None:
    feed = parse_rss(SEED_004)
    digest = parse_bilingual_digest(SEED_001)
    assert repr(feed) == (
        "<Feed title='China Future Tech - South China Morning Post' articles=50 problems=0>"
    )
    assert repr(digest) == (
        "<Digest title='英文媒体关于中国的报道汇总' date=2025-08-29 highlights=17 "
        "articles=33 problems=0>"
    )
    assert repr(feed.articles[0]) == (
        "<Article id=3350279 published=2026-04-16T07:00:36+00:00 "
        "title='Chinese investors cheer Tesla’s AI chip progress, pushing u…'>"
    )
    assert repr(digest.articles[0]).startswith("<Article id=3323383 digest_date=2025-08-29")
    everything = [feed, digest, *feed.articles, *digest.articles, *digest.entries]
    everything += [*digest.highlights, *feed.articles[0].images]
    assert max(len(repr(x)) for x in everything) < 200
    problem = Problem(lineno=3, message="x" * 500, source="a.md")
    assert repr(problem).startswith("<Problem 'a.md:3: xxx")
    assert len(repr(problem)) < 140


def test_a_list_of_articles_prints_readably() -> None:
    text = repr(list(parse_rss(SEED_004).articles))
    assert len(text) < 50 * 160


def test_to_dict_on_every_record_is_json_ready() -> None:
    feed = parse_markdown_dump(SEED_003)
    data = json.loads(json.dumps(feed.to_dict()))
    assert data["title"] == feed.title
    assert len(data["articles"]) == 14
    assert data["articles"][0] == feed.articles[0].to_dict()
    digest = parse_bilingual_digest(SEED_001)
    data = json.loads(json.dumps(digest.to_dict(), ensure_ascii=False))
    assert data["date"] == "2025-08-29"
    assert data["highlights"][0] == {
        "number": 1,
        "topic": "印度尼西亚棕榈油",
        "text": digest.highlights[0].text,
    }
    assert data["entries"][0]["article_url"] == digest.articles[0].url
    assert data["articles"][0]["digest_date"] == "2025-08-29"
    problem = Problem(lineno=3, colno=1, message="m", text="t", source="a.md")
    assert problem.to_dict() == {
        "source": "a.md",
        "lineno": 3,
        "colno": 1,
        "message": "m",
        "text": "t",
    }


# -- warnings point at the caller -------------------------------------------------------

BROKEN = "## a heading with nothing under it\n"


def test_warnings_point_at_the_callers_line() -> None:
    rss = b"<rss><channel><item><title>t</title><pubDate>never</pubDate></item></channel></rss>"
    calls: list[Callable[[], object]] = [
        lambda: parse_markdown_dump(BROKEN),
        lambda: list(iter_markdown_dump(BROKEN)),
        lambda: parse_rss(rss),
        lambda: list(iter_rss(rss)),
        lambda: list(iter_articles(BROKEN)),
        lambda: parse(BROKEN),
        lambda: parse_bilingual_digest("just a line\n"),
    ]
    for call in calls:
        with pytest.warns(ParseWarning) as caught:
            call()
        assert {w.filename for w in caught} == {__file__}, [w.filename for w in caught]


# -- paths and URLs passed as str ------------------------------------------------------------


@pytest.mark.parametrize(
    "parser", [parse, parse_markdown_dump, parse_rss, parse_bilingual_digest, iter_articles]
)
def test_a_url_or_a_path_as_str_is_refused_helpfully(parser: object) -> None:
    def call(text: str) -> object:
        result = parser(text)  # type: ignore[operator]
        return list(result) if parser is iter_articles else result

    with pytest.raises(ParseError) as url:
        call("https://www.scmp.com/rss/4/feed")
    assert str(url.value).startswith(
        "got a str that is a URL, not a document: 'https://www.scmp.com/rss/4/feed'; "
        "scmpfeeds never fetches anything"
    )
    with pytest.raises(ParseError) as path:
        call("feed.xml")
    assert "pass pathlib.Path('feed.xml')" in str(path.value)


# -- dates never depend on the locale ------------------------------------------------------

_RENDER_UNDER_LOCALE = textwrap.dedent(
    """
    import locale, sys
    from pathlib import Path
    from scmpfeeds import parse_markdown_dump, parse_rss, render_rss
    locale.setlocale(locale.LC_ALL, "")
    feed = parse_markdown_dump(Path(sys.argv[1]))
    text = render_rss(feed)
    again = parse_rss(text)
    print(locale.setlocale(locale.LC_TIME), len(again.articles), len(again.problems))
    print([line.strip() for line in text.decode().splitlines() if "pubDate" in line][0])
    """
)


def _german_locale(tmp_path: Path) -> dict[str, str] | None:
    """Environment variables for a German locale: installed, or built here with localedef."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    for name in listed.stdout.split():
        if name.lower().startswith("de_de") and "utf" in name.lower():
            return {**env, "LC_ALL": name}
    localedef = shutil.which("localedef")
    if localedef is None:
        return None
    where = tmp_path / "locales"
    where.mkdir()
    made = subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(where / "de_DE.UTF-8")],
        capture_output=True,
        check=False,
    )
    if made.returncode not in (0, 1) or not (where / "de_DE.UTF-8").exists():
        return None
    return {**env, "LOCPATH": str(where), "LC_ALL": "de_DE.UTF-8"}


def test_render_rss_writes_english_dates_under_a_german_locale(tmp_path: Path) -> None:
    env = _german_locale(tmp_path)
    if env is None:
        pytest.skip("no German locale is installed and localedef cannot build one")
    result = subprocess.run(
        [sys.executable, "-c", _RENDER_UNDER_LOCALE, str(FIXTURES / "000_f7b80165825318c2.txt")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    first, date_line = result.stdout.splitlines()
    assert first == "de_DE.UTF-8 21 0"
    assert date_line == "<pubDate>Fri, 07 Jun 2024 22:00:09 +0000</pubDate>"


# -- scmpfeeds.dask without dask ----------------------------------------------------------------


def test_importing_the_dask_module_without_dask_names_the_extra() -> None:
    code = "import sys; sys.modules['dask'] = None; import scmpfeeds.dask"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 1
    assert "ImportError: scmpfeeds.dask needs Dask: pip install 'scmpfeeds[dask]'" in (
        result.stderr
    )


def test_no_warning_escapes_a_clean_parse() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse(SEED_004)


# -- say what a file is -----------------------------------------------------------------

SEED_000 = FIXTURES / "000_f7b80165825318c2.txt"
JSON_SAMPLE = samples.JSON_ENTRIES
WHAT = {
    "rss": (SEED_004, "an RSS feed", "parse_rss"),
    "markdown": (SEED_000, "a markdown dump", "parse_markdown_dump"),
    "digest": (SEED_001, "a bilingual digest", "parse_bilingual_digest"),
    "json": (JSON_SAMPLE, "JSON entries", "parse_json_entries"),
}
PARSERS: dict[str, list[Callable[..., object]]] = {
    "rss": [parse_rss, lambda s, **k: list(iter_rss(s, **k))],
    "markdown": [parse_markdown_dump, lambda s, **k: list(iter_markdown_dump(s, **k))],
    "digest": [parse_bilingual_digest],
    "json": [parse_json_entries, lambda s, **k: list(iter_json_entries(s, **k))],
}


@pytest.mark.parametrize("given", sorted(WHAT))
@pytest.mark.parametrize("expected", sorted(WHAT))
def test_a_parser_given_another_format_says_what_it_is_and_who_reads_it(
    given: str, expected: str
) -> None:
    """One error, in either mode (before: 107 warnings for a dump given to the digest
    parser, an empty feed for RSS given to the dump parser, "malformed XML" for a dump
    given to parse_rss)."""
    if given == expected:
        return
    path, what, reader = WHAT[given]
    message = (
        f"{path}: this is {what}, not {WHAT[expected][1]}: {reader}() reads it "
        "(scmpfeeds.parse() detects the format)"
    )
    for parser in PARSERS[expected]:
        for source in (path, path.read_bytes()):
            for strict in (False, True):
                with warnings.catch_warnings():
                    warnings.simplefilter("error")  # and no warning on the way
                    with pytest.raises(ParseError) as info:
                        parser(source, strict=strict)
                if isinstance(source, Path):
                    assert str(info.value) == message
                else:
                    assert info.value.msg == message.split(": ", 1)[1]


@pytest.mark.parametrize("compress", ["gzip", "bz2", "xz"])
def test_parse_and_every_parser_read_compressed_files(tmp_path: Path, compress: str) -> None:
    """As read() does (before: "binary data, not a feed")."""
    openers: dict[str, Callable[[bytes], bytes]] = {
        "gzip": gzip.compress,
        "bz2": bz2.compress,
        "xz": lzma.compress,
    }
    opener = openers[compress]
    for fmt, (path, _, _) in WHAT.items():
        packed = tmp_path / f"{path.name}.{compress}"
        packed.write_bytes(opener(path.read_bytes()))
        expected = parse(path)
        assert parse(packed) == expected
        assert parse(packed.read_bytes()) == expected
        assert PARSERS[fmt][0](packed) == expected
        assert list(iter_articles(packed)) == list(expected)


def test_a_cut_compressed_file_through_parse_says_where_it_broke(tmp_path: Path) -> None:
    data = gzip.compress(SEED_003.read_bytes() + SEED_000.read_bytes())
    cut = tmp_path / "cut.md.gz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.warns(ParseWarning):
        feed = parse(cut)
    assert 10 < len(feed.articles) < 35
    assert feed.problems[-1].message == (
        "the file ends before its gzip data does (cut short?); what came before was read"
    )
    with pytest.raises(ParseError, match="the file ends before its gzip data"):
        parse_markdown_dump(cut, strict=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<rss><channel></channel></rss>", "got the text of a document, not a path: "),
        ("# Source:x, URL:y, language:en\n\n## T\n", "got the text of a document, not a path: "),
        ("https://www.scmp.com/rss/4/feed", "got a URL, not a path: "),
    ],
)
def test_read_refuses_a_document_or_a_url(text: str, message: str) -> None:
    """Before: the whole document was echoed back as the name of a missing file."""
    with pytest.raises(ParseError, match=f"^{message}"):
        list(read(text))


def test_a_path_with_a_tilde_is_suggested_expanded() -> None:
    with pytest.raises(ParseError) as info:
        parse("~/feed.xml")
    assert str(info.value).endswith("pass pathlib.Path('~/feed.xml').expanduser()")


@pytest.mark.parametrize("parser", [parse, *(p[0] for p in PARSERS.values())])
def test_a_directory_given_to_any_parser_gets_the_message_parse_gives(
    parser: Callable[..., object], tmp_path: Path
) -> None:
    """Before: a bare IsADirectoryError from open()."""
    with pytest.raises(IsADirectoryError) as info:
        parser(tmp_path)
    assert (
        info.value.strerror == "is a directory; scmpfeeds.read() reads every file in a directory"
    )


def test_a_feed_and_a_digest_are_their_articles() -> None:
    """Before: TypeError: 'Feed' object is not iterable."""
    feed = parse(SEED_004)
    assert len(feed) == 50
    assert list(feed) == list(feed.articles)
    assert [a.id for a in feed][:1] == [3350279]
    assert to_pandas(feed).shape == (50, 19)
    digest = parse(SEED_001)
    assert (len(digest), list(digest)) == (33, list(digest.articles))


def test_the_dedupe_name_is_the_function_and_image_is_gone() -> None:
    """``scmpfeeds.dedupe`` is one thing, the function: no public module shadows it."""
    assert inspect.isfunction(scmpfeeds.dedupe)
    assert importlib.util.find_spec("scmpfeeds.dedupe") is None
    assert scmpfeeds.dedupe.__module__ == "scmpfeeds._dedupe"
    assert "identity" in (scmpfeeds.dedupe.__doc__ or "")
    assert not hasattr(scmpfeeds, "Image")
    assert "Image" not in scmpfeeds.__all__
