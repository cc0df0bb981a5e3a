"""The ``scmpfeeds`` command line.

::

    scmpfeeds parse PATH... [--format F] [--output O] [--dedupe [--keep K]]
                            [--strict] [--since DATE] [--until DATE]
    scmpfeeds demo

``parse`` reads files, directories (walked recursively for files ending in
``.md``, ``.markdown``, ``.txt``, ``.xml`` or ``.rss``) and ``-`` (standard
input), detecting each file's format unless ``--format`` says it.  Articles go to
standard output as JSON Lines (the default), CSV, a markdown dump or RSS; each
problem goes to standard error as ``FILE:LINE: message``, then a summary line.

Exit status: 0 when everything parsed, 1 when there were problems (or a strict
failure, or a file could not be read), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import pathlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from typing import IO, Any

from . import __version__
from ._model import Article, Feed, Problem
from ._source import Source
from .dedupe import dedupe
from .detect import FORMATS, Format, iter_articles
from .errors import ParseError, RenderError
from .markdown_dump import render_markdown_dump
from .rss import render_rss

__all__ = ["main"]

_SUFFIXES = (".md", ".markdown", ".txt", ".xml", ".rss")
_DEMO_SAMPLES = ("scmp-china.md", "scmp-feed.xml", "digest.txt")
_OUTPUTS = ("jsonl", "csv", "markdown", "rss")
_CSV_FIELDS = (
    "id", "url", "link", "title", "summary", "published", "feed_url", "authors",
    "images", "body", "title_zh", "summary_zh", "digest_date", "extra", "source", "lineno",
)  # fmt: skip


class _Run:
    """One command's counters, and problems written as ``FILE:LINE: message``."""

    def __init__(self, stderr: IO[str]) -> None:
        self.stderr = stderr
        self.files = 0
        self.articles = 0
        self.duplicates = 0
        self.problems = 0

    def problem(self, name: str, lineno: int | None, message: str) -> None:
        self.problems += 1
        line = "" if lineno is None else f"{lineno}:"
        print(f"{name}:{line} {message}", file=self.stderr)

    def read(
        self, source: Source, name: str, fmt: Format | None, strict: bool
    ) -> Iterator[Article]:
        def report(problem: Problem) -> None:
            self.problem(name, problem.lineno, problem.message)

        self.files += 1
        try:
            yield from iter_articles(source, strict=strict, format=fmt, on_problem=report)
        except ParseError as exc:
            self.problem(name, exc.lineno, exc.msg)
        except OSError as exc:
            self.problem(name, None, f"cannot read: {exc.strerror or exc}")

    def summary(self, command: str, dedupe: bool) -> int:
        removed = f", {self.duplicates} duplicate(s) removed" if dedupe else ""
        print(
            f"scmpfeeds {command}: {self.files} file(s), {self.articles} article(s)"
            f"{removed}, {self.problems} problem(s)",
            file=self.stderr,
        )
        return 1 if self.problems else 0


def _date_bound(text: str, *, end: bool) -> datetime:
    """``--since``/``--until``: a date or a date-time; a bare date covers its whole day."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
            return start + timedelta(days=1) if end else start
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date: {text!r}") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scmpfeeds",
        description="Turn South China Morning Post feed data into clean, typed records.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse files of any of the three formats",
        description="Parse files, directories (recursively) or - (standard input), and write "
        "their articles. Problems go to stderr as FILE:LINE: message.",
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help="a file, a directory, or -")
    parse.add_argument("--format", choices=FORMATS, help="skip detection: read every file as this")
    parse.add_argument(
        "--output", choices=_OUTPUTS, default="jsonl", help="what to write (default: jsonl)"
    )
    parse.add_argument("--dedupe", action="store_true", help="one record per article ID")
    parse.add_argument(
        "--keep",
        choices=("first", "merge", "last"),
        default="merge",
        help="with --dedupe: which record stands for an ID (default: merge)",
    )
    parse.add_argument("--strict", action="store_true", help="stop a file at its first problem")
    parse.add_argument(
        "--since",
        type=lambda t: _date_bound(t, end=False),
        metavar="DATE",
        help="only articles published at or after DATE (ISO 8601; undated ones are left out)",
    )
    parse.add_argument(
        "--until",
        type=lambda t: _date_bound(t, end=True),
        metavar="DATE",
        help="only articles published before DATE, or on it when DATE is a day",
    )
    commands.add_parser(
        "demo",
        help="parse the samples shipped with scmpfeeds, one per format",
        description="Parse the three samples shipped inside the package and print their "
        "articles as JSON Lines.",
    )
    return parser


def _walk(paths: Iterable[str]) -> Iterator[str]:
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(_SUFFIXES):
                        yield os.path.join(root, name)
        else:
            yield path


def _progress(items: list[str], stderr: IO[str]) -> Iterable[str]:
    """A progress bar over many files, when stderr is a terminal and tqdm is installed."""
    if len(items) < 2 or not stderr.isatty():
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    bar: Iterable[str] = tqdm(items, file=stderr, unit="file", leave=False)
    return bar


def _csv_row(article: Article) -> dict[str, Any]:
    row = article.to_dict()
    row["authors"] = "; ".join(article.authors)
    row["images"] = "; ".join(image.url for image in article.images)
    row["body"] = "\n\n".join(article.body)
    row["extra"] = "; ".join(f"{k}={v}" for k, v in article.extra)
    return row


def _write(
    articles: list[Article] | Iterator[Article], output: str, stdout: IO[str], stderr: IO[str]
) -> int:
    """Write the articles; return how many."""
    count = 0
    if output == "jsonl":
        for article in articles:
            stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        return count
    collected = list(articles)
    if output == "csv":
        writer = csv.DictWriter(stdout, fieldnames=_CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_csv_row(a) for a in collected)
    elif output == "markdown":
        stdout.write(render_markdown_dump(collected, lossy=True))
        if lost := sum(1 for a in collected if a.authors or a.images or a.body):
            print(
                f"scmpfeeds: a markdown dump has no place for authors, images or body text; "
                f"{lost} article(s) were written without theirs",
                file=stderr,
            )
    else:
        stdout.write(render_rss(Feed(articles=tuple(collected))).decode("utf-8"))
    return len(collected)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    if stdout is None:
        stdout = sys.stdout
        if isinstance(stdout, io.TextIOWrapper):
            stdout.reconfigure(encoding="utf-8")  # the output is UTF-8 whatever the locale
    err = stderr or sys.stderr
    run = _Run(err)
    try:
        if args.command == "demo":
            samples = resources.files("scmpfeeds") / "_samples"
            for name in _DEMO_SAMPLES:
                with resources.as_file(samples / name) as path:
                    articles = run.read(path, f"<demo>/{name}", None, False)
                    run.articles += _write(articles, "jsonl", stdout, err)
            return run.summary("demo", False)
        return _parse_command(args, run, stdout)
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _parse_command(args: argparse.Namespace, run: _Run, stdout: IO[str]) -> int:
    paths = list(_walk(args.paths))

    def articles() -> Iterator[Article]:
        for path in _progress(paths, run.stderr):
            source: Source = sys.stdin.buffer if path == "-" else pathlib.Path(path)
            name = "<stdin>" if path == "-" else path
            for article in run.read(source, name, args.format, args.strict):
                if args.since or args.until:
                    when = article.published
                    if when is None or (args.since and when < args.since):
                        continue
                    if args.until and when >= args.until:
                        continue
                yield article

    stream: list[Article] | Iterator[Article] = articles()
    if args.dedupe:
        collected = list(stream)
        stream = dedupe(collected, keep=args.keep)
        run.duplicates = len(collected) - len(stream)
    try:
        run.articles = _write(stream, args.output, stdout, run.stderr)
    except RenderError as exc:
        run.problem("<output>", None, str(exc))
    return run.summary("parse", args.dedupe)
