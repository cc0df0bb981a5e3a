"""scmpfeeds.read: files, directories, globs and stdin, judged by content, in one way."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import subprocess
import sys
import tarfile
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

import scmpfeeds.dask as sd
from scmpfeeds import (
    Article,
    ParseError,
    ParseWarning,
    Problem,
    find_files,
    iter_articles,
    parse,
    parse_json_entries,
    read,
    read_file,
    samples,
)

from .conftest import FIXTURES, REALDATA
from .helpers import run_cli

UNKNOWN = "unknown format: not RSS, JSON entries, a markdown dump or a bilingual digest"

SEED_000 = FIXTURES / "000_f7b80165825318c2.txt"
SEED_001 = FIXTURES / "001_71277cbba28fab39.txt"
SEED_003 = FIXTURES / "003_e1ca8efa5881fe9e.txt"
SEED_004 = FIXTURES / "004_7a0e8304e58f6477.txt"


def collect(paths: object, **kwargs: object) -> tuple[list[Article], list[str]]:
    problems: list[Problem] = []
    articles = list(read(paths, on_problem=problems.append, **kwargs))  # type: ignore[arg-type]
    return articles, [str(p) for p in problems]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The issue's tree: a dump, a gzipped dump, RSS with no suffix, a digest, a README
    and an empty file; and a sub-folder with an upper-case suffix and an Atom feed."""
    (tmp_path / "a-dump.md").write_bytes(SEED_003.read_bytes())
    (tmp_path / "b-dump.md.gz").write_bytes(gzip.compress(SEED_000.read_bytes()))
    (tmp_path / "c-feed").write_bytes(SEED_004.read_bytes())
    (tmp_path / "d-digest.txt").write_bytes(SEED_001.read_bytes())
    (tmp_path / "README").write_text("Daily scrapes of SCMP, one file a day.\n")
    (tmp_path / "empty.md").write_bytes(b"")
    return tmp_path


def expected_articles() -> list[Article]:
    return [a for path in (SEED_003, SEED_000, SEED_004, SEED_001) for a in iter_articles(path)]


def test_read_takes_every_file_of_a_tree_by_content(tree: Path) -> None:
    articles, problems = collect(tree)
    assert articles == expected_articles()
    assert len(articles) == 14 + 21 + 50 + 33
    assert problems == [
        f"{tree}/README: {UNKNOWN}",
        f"{tree}/empty.md: empty file",
    ]
    assert articles[14].source == f"{tree}/b-dump.md.gz"  # problems and articles name the file


def test_cli_reads_the_four_documents_and_names_the_other_two(tree: Path) -> None:
    result = run_cli("parse", str(tree))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 14 + 21 + 50 + 33
    assert result.stderr.splitlines() == [
        f"{tree}/README: {UNKNOWN}",
        f"{tree}/empty.md: empty file",
        "scmpfeeds parse: 6 file(s), 118 article(s), 2 problem(s)",
    ]


def test_python_dask_and_cli_agree_on_one_tree(tree: Path) -> None:
    articles, problems = collect(tree)
    bag = sd.read(tree, problems="keep", files_per_partition=2).compute(scheduler="sync")
    assert [x for x in bag if isinstance(x, Article)] == articles
    assert [str(x) for x in bag if isinstance(x, Problem)] == problems
    assert sd.expand_paths(tree) == find_files(tree)
    cli = run_cli("parse", str(tree))
    assert [json.loads(line) for line in cli.stdout.splitlines()] == [
        a.to_dict() for a in articles
    ]
    assert cli.stderr.splitlines()[:-1] == problems


def test_case_of_the_suffix_atom_and_other_compressions(tmp_path: Path) -> None:
    (tmp_path / "UPPER.MD").write_bytes(SEED_003.read_bytes())
    (tmp_path / "feed.atom").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>'
    )
    (tmp_path / "day.md.bz2").write_bytes(bz2.compress(SEED_003.read_bytes()))
    (tmp_path / "day.md.xz").write_bytes(lzma.compress(SEED_003.read_bytes()))
    articles, problems = collect(tmp_path)
    assert len(articles) == 3 * 14
    assert problems == [
        f"{tmp_path}/feed.atom:1: this is an Atom feed, not RSS (scmpfeeds reads RSS 0.90 to 2.0)"
    ]


def test_each_kind_of_non_document_has_its_own_message(tmp_path: Path) -> None:
    files = {
        "a-empty": b"",
        "b-blank": b"  \n\n",
        "c-image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "d-blob.bin": bytes(range(256)) * 4,
        "e-page.html": b"<!DOCTYPE html>\n<html><head><title>SCMP</title></head></html>",
        "f-data.json": b'[{"name": "x"}]',
        "g-notes.txt": b"just some words\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    _, problems = collect(tmp_path)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "empty file",
        "empty file (only whitespace)",
        "binary data (a PNG image), not a feed",
        "binary data, not a feed",
        "an HTML page, not a feed",
        "JSON data, not entries (no 'link', 'entries' or 'date_published' key)",
        "unknown format: not RSS, JSON entries, a markdown dump or a bilingual digest",
    ]


def test_an_archive_of_files_is_named_with_what_to_do(tmp_path: Path) -> None:
    """A day of the archive packed as tar.xz (as the realdata holds it), a tar.gz
    and a zip of a seed: each is one problem that says to unpack it (before:
    "binary data, not a feed", which left a newcomer guessing)."""
    day = REALDATA / "json" / "entries-json-2026-01-01.tar.xz"
    (tmp_path / "a-day.tar.xz").write_bytes(day.read_bytes())
    with tarfile.open(tmp_path / "b-seed.tar.gz", "w:gz") as packed:
        packed.add(FIXTURES / "003_e1ca8efa5881fe9e.txt", arcname="seed.md")
    with zipfile.ZipFile(tmp_path / "c-seed.zip", "w") as zipped:
        zipped.write(FIXTURES / "003_e1ca8efa5881fe9e.txt", arcname="seed.md")
    result = run_cli("parse", str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 1
    hint = "unpack it and read its folder), not a feed"
    assert result.stderr.splitlines()[:3] == [
        f"{tmp_path}/a-day.tar.xz: binary data (a tar archive; {hint}",
        f"{tmp_path}/b-seed.tar.gz: binary data (a tar archive; {hint}",
        f"{tmp_path}/c-seed.zip: binary data (a zip archive; {hint}",
    ]
    with pytest.raises(ParseError, match="a tar archive; unpack it"):
        parse_json_entries(day)


def test_parse_says_what_a_non_document_is(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body>Not found</body></html>")
    with pytest.raises(ParseError) as info:
        parse(page)
    assert str(info.value) == f"{page}: an HTML page, not a feed"


def test_globs_missing_paths_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.md").write_bytes(SEED_003.read_bytes())
    (tmp_path / ".hidden.md").write_bytes(SEED_003.read_bytes())
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_bytes(b"\x00\x01binary")
    assert find_files(tmp_path) == [f"{tmp_path}/sub/one.md"]
    assert find_files(f"{tmp_path}/**/*.md") == [f"{tmp_path}/sub/one.md"]
    articles, problems = collect([f"{tmp_path}/*.xml", tmp_path / "nope.md", tmp_path])
    assert len(articles) == 14
    assert problems == [
        f"{tmp_path}/*.xml: no file matches this pattern",
        f"{tmp_path}/nope.md: no such file or directory",
    ]


def test_strict_raises_at_the_first_problem_naming_the_file(tree: Path) -> None:
    with pytest.raises(ParseError) as info:
        list(read(tree, strict=True))
    assert str(info.value) == (f"{tree}/README: {UNKNOWN}")
    with pytest.raises(ParseError, match="no such file or directory"):
        list(read(tree / "missing", strict=True))


def test_problems_are_warnings_by_default_pointing_here(tree: Path) -> None:
    with pytest.warns(ParseWarning) as caught:
        articles = list(read(tree))
    assert len(articles) == 118
    assert [str(w.message).rsplit("/", 1)[1] for w in caught] == [
        "README: unknown format: not RSS, JSON entries, a markdown dump or a bilingual digest",
        "empty.md: empty file",
    ]
    assert {w.filename for w in caught} == {__file__}


def _decompressed_prefix(data: bytes, kind: str) -> bytes:
    """What decompresses of a cut file, by the standard library's own decompressor."""
    decompressor: Any = zlib.decompressobj(wbits=31) if kind == "gz" else lzma.LZMADecompressor()
    return bytes(decompressor.decompress(data))


@pytest.mark.parametrize("kind", ["gz", "xz"])
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.9])
def test_a_cut_compressed_file_gives_what_decompressed_then_the_break(
    tmp_path: Path, kind: str, fraction: float
) -> None:
    """As a plain file cut short does (before: 0 articles, "damaged compressed data")."""
    text = SEED_003.read_bytes() + SEED_000.read_bytes()
    data = gzip.compress(text) if kind == "gz" else lzma.compress(text)
    cut = data[: int(len(data) * fraction)]
    (tmp_path / f"cut.md.{kind}").write_bytes(cut)
    prefix = _decompressed_prefix(cut, kind)
    assert 0 < len(prefix) < len(text)
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "cut.md").write_bytes(prefix)
    plain_articles, plain_problems = collect(tmp_path / "plain" / "cut.md")
    articles, problems = collect(tmp_path / f"cut.md.{kind}")
    assert articles == plain_articles
    assert len(articles) >= int(35 * fraction) - 4
    name = "gzip" if kind == "gz" else "xz"
    assert problems == [
        *(p.replace(str(tmp_path / "plain" / "cut.md"), str(tmp_path / f"cut.md.{kind}"))
          for p in plain_problems),
        f"{tmp_path}/cut.md.{kind}: the file ends before its {name} data does (cut short?); "
        "what came before was read",
    ]  # fmt: skip


def test_damaged_compressed_data_is_a_problem_after_what_came_before(tmp_path: Path) -> None:
    days = sorted((REALDATA / "markdown" / "scmp-china-2023").glob("*.md"))[:20]
    text = b"".join(day.read_bytes() for day in days)
    whole = len(collect(days)[0])
    data = bytearray(gzip.compress(text))
    data[len(data) // 2 : len(data) // 2 + 16] = b"\xff" * 16
    (tmp_path / "damaged.md.gz").write_bytes(bytes(data))
    articles, problems = collect(tmp_path)
    assert whole // 3 < len(articles) < whole
    assert problems[-1].startswith(f"{tmp_path}/damaged.md.gz: damaged gzip data (")


def test_concatenated_and_padded_gzip_is_read_whole(tmp_path: Path) -> None:
    one = gzip.compress(SEED_003.read_bytes())
    (tmp_path / "two.md.gz").write_bytes(one + one + b"\x00" * 10)
    articles, problems = collect(tmp_path)
    assert (len(articles), problems) == (28, [])


def test_standard_input_compressed_or_not() -> None:
    for data in (SEED_003.read_bytes(), gzip.compress(SEED_003.read_bytes())):
        result = subprocess.run(
            [sys.executable, "-m", "scmpfeeds", "parse", "-"],
            input=data,
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == 14


def test_read_file_on_the_samples() -> None:
    assert [len(list(read_file(path))) for path in samples.ALL] == [21, 50, 33, 24]
    articles, problems = collect(samples.DIRECTORY)
    assert (len(articles), problems) == (128, [])


def test_iter_articles_on_a_directory_points_to_read(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match=r"scmpfeeds\.read\(\) reads every file"):
        list(iter_articles(tmp_path))


def test_unknown_formats_never_raise_in_lenient_mode(tmp_path: Path) -> None:
    for n in range(20):
        (tmp_path / f"{n:02d}").write_bytes(bytes((n * 37 + k) % 256 for k in range(n * 50)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles, problems = collect(tmp_path)
    assert articles == []
    assert len(problems) == 20


def test_small_files_read_at_once_and_streamed_files_agree(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file up to _WHOLE_FILE_LIMIT is read at once; larger ones are streamed.
    Both ways give the same articles and problems, with the same names and lines."""
    import scmpfeeds.files

    text = SEED_003.read_text(encoding="utf-8")
    (tree / "latin-1.md").write_bytes(text.encode("latin-1", errors="replace"))
    (tree / "broken.md").write_bytes(SEED_003.read_bytes().replace(b" - date published:", b"x"))
    (tree / "broken-feed.xml").write_bytes(SEED_004.read_bytes()[:20_000])
    (tree / "feed.xml.xz").write_bytes(lzma.compress(SEED_004.read_bytes()))
    at_once = collect(tree)
    monkeypatch.setattr(scmpfeeds.files, "_WHOLE_FILE_LIMIT", 0)
    streamed = collect(tree)
    assert at_once == streamed
    articles, problems = at_once
    assert len(articles) > 14 + 21 + 50 + 33 + 14
    assert any(p.startswith(f"{tree}/broken.md:") for p in problems)
    assert any(p.startswith(f"{tree}/broken-feed.xml:") for p in problems)
    assert {a.source for a in articles} >= {f"{tree}/latin-1.md", f"{tree}/feed.xml.xz"}
    strict = [
        (type(exc).__name__, str(exc))
        for limit in (1 << 20, 0)
        for exc in [_strict_error(tree, monkeypatch, limit)]
    ]
    assert strict[0] == strict[1]


def _strict_error(tree: Path, monkeypatch: pytest.MonkeyPatch, limit: int) -> Exception:
    import scmpfeeds.files

    monkeypatch.setattr(scmpfeeds.files, "_WHOLE_FILE_LIMIT", limit)
    with pytest.raises(ParseError) as caught:
        list(read_file(tree / "broken.md", strict=True))
    return caught.value
