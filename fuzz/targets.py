"""What each fuzz target asserts about any bytes at all.

A target takes the fuzzer's bytes and raises only when it has found something:

* a parser lets nothing but :class:`~scmpfeeds.ScmpFeedsError` escape, in
  lenient and in strict mode;
* the compiled core and the pure-Python reference give equal articles and
  problems (where the core is built);
* streaming gives what parsing whole gives;
* every writer writes every article it is given, and its reader reads as many
  back (count in = count out), whatever the articles hold.

Warnings are silenced: problems are collected, never printed, so that the
fuzzer's speed is the parsers'.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import scmpfeeds
from scmpfeeds import (
    Article,
    Problem,
    ScmpFeedsError,
    _implementation,
    iter_json_entries,
    iter_markdown_dump,
    iter_rss,
    parse,
    parse_bilingual_digest,
    parse_json_entries,
    parse_markdown_dump,
    parse_rss,
    read_csv,
    read_jsonl,
    render_markdown_dump,
    render_rss,
    write_csv,
    write_jsonl,
)

ROOT = Path(__file__).resolve().parent.parent
Target = Callable[[bytes], None]


class Finding(AssertionError):
    """What a target found: the fuzzer saves the input that raised it."""


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _both(read: Callable[[], Any]) -> Any:
    """*read*'s result, after checking that the pure reference gives it too."""
    result = _outcome(read)
    if _implementation.COMPILED:
        with _implementation.pure():
            reference = _outcome(read)
        if result != reference:
            raise Finding(f"compiled and pure differ:\n  {result!r}\n  {reference!r}")
    if isinstance(result, BaseException):
        raise result
    return result


def _outcome(read: Callable[[], Any]) -> Any:
    """What *read* returns, or the ScmpFeedsError it raises (compared by message)."""
    try:
        with _quiet():
            return read()
    except ScmpFeedsError as exc:
        return _Raised(exc)


class _Raised(Exception):
    def __init__(self, exc: ScmpFeedsError) -> None:
        super().__init__(str(exc))
        self.error = exc

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Raised) and str(self) == str(other)

    __hash__ = None  # type: ignore[assignment]


def _parser(
    parse_whole: Callable[..., Any], stream: Callable[..., Iterator[Article]] | None
) -> Target:
    def target(data: bytes) -> None:
        try:
            whole = _both(lambda: parse_whole(data))
        except _Raised:
            return  # (refused as a whole: what it is, said in one error)
        if stream is not None:
            streamed = _both(lambda: _streamed(stream, data))
            if streamed != (list(whole.articles), list(whole.problems)):
                raise Finding("streaming and parsing whole differ")
        try:
            strict = _both(lambda: parse_whole(data, strict=True))
        except _Raised:
            if not whole.problems:
                raise Finding("strict mode raised where lenient mode saw no problem") from None
            return
        if whole.problems:
            raise Finding(f"strict mode raised nothing where lenient mode saw {whole.problems[0]}")
        if strict.articles != whole.articles:
            raise Finding("strict mode read other articles than lenient mode")

    return target


def _streamed(
    stream: Callable[..., Iterator[Article]], data: bytes
) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    return list(stream(data, on_problem=problems.append)), problems


def _any(data: bytes) -> None:
    """``parse()``: detection, then the format's parser."""
    with contextlib.suppress(_Raised):
        _both(lambda: parse(data))


def _records(data: bytes) -> None:
    """The command line's own formats read back: JSON Lines and CSV."""
    for reader in (read_jsonl, read_csv):
        with contextlib.suppress(_Raised):
            _both(lambda reader=reader: list(reader(io.BytesIO(data))))  # type: ignore[misc]


def _writers(data: bytes) -> None:
    """Articles from any bytes (read as a dump, or as RSS), through every writer and back."""
    with _quiet():
        try:
            articles = list(parse(data).articles)
        except ScmpFeedsError:
            return
    if not articles:
        return
    losses: list[Any] = []
    written: dict[str, Callable[[], int]] = {
        "markdown": lambda: len(
            parse_markdown_dump(render_markdown_dump(articles, on_loss=losses.append)).articles
        ),
        "rss": lambda: len(parse_rss(render_rss(articles, on_loss=losses.append)).articles),
        "jsonl": lambda: _jsonl_count(articles),
        "csv": lambda: _csv_count(articles, losses),
    }
    for name, count in written.items():
        back = _both(count)
        if back != len(articles):
            raise Finding(f"{name}: {len(articles)} articles written, {back} read back")


def _jsonl_count(articles: list[Article]) -> int:
    out = io.StringIO()
    write_jsonl(articles, out)
    return len(list(read_jsonl(io.StringIO(out.getvalue()))))


def _csv_count(articles: list[Article], losses: list[Any]) -> int:
    out = io.StringIO()
    write_csv(articles, out, on_loss=losses.append)
    return len(list(read_csv(io.StringIO(out.getvalue()))))


TARGETS: dict[str, Target] = {
    "markdown": _parser(parse_markdown_dump, iter_markdown_dump),
    "rss": _parser(parse_rss, iter_rss),
    "digest": _parser(parse_bilingual_digest, None),
    "json": _parser(parse_json_entries, iter_json_entries),
    "detect": _any,
    "records": _records,
    "writers": _writers,
}


def seeds(name: str) -> list[bytes]:
    """The real documents a target's corpus starts from."""
    fixtures = ROOT / "tests" / "fixtures"
    realdata = ROOT / "tests" / "realdata"
    samples = Path(scmpfeeds.__file__).parent / "_samples"
    paths = {
        "markdown": [fixtures / "000_f7b80165825318c2.txt", fixtures / "003_e1ca8efa5881fe9e.txt"],
        "rss": [fixtures / "004_7a0e8304e58f6477.txt", samples / "scmp-hong-kong-2019.xml"],
        "digest": [fixtures / "001_71277cbba28fab39.txt"],
        "json": [samples / "formats" / "scmp-china-2026.json"],
    }
    paths["detect"] = paths["writers"] = [p for key in paths for p in paths[key]]
    found = [p.read_bytes() for p in paths.get(name, []) if p.exists()]
    if name == "records":
        with _quiet():
            articles = list(parse_markdown_dump(fixtures / "000_f7b80165825318c2.txt").articles)
        jsonl, csv = io.StringIO(), io.StringIO()
        write_jsonl(articles, jsonl)
        write_csv(articles, csv)
        found = [jsonl.getvalue().encode(), csv.getvalue().encode()]
    if realdata.is_dir() and name in ("markdown", "detect", "writers"):
        found += [p.read_bytes() for p in sorted((realdata / "markdown").rglob("*.md"))[:4]]
    return found
