"""The ``scmpfeeds`` command line.

::

    scmpfeeds parse PATH... [--format F] [--encoding E] [--output O]
                            [--dedupe [--keep K]] [--strict]
                            [--since DATE] [--until DATE]
    scmpfeeds demo [--all]

``parse`` reads files, directories, globs and ``-`` (standard input) the way
:func:`scmpfeeds.read` does: every file is judged by its content, compressed
files are read transparently, and each file that is skipped is named on
standard error.  Articles go to standard output as JSON Lines (the default),
CSV, a markdown dump, RSS or Parquet; each problem goes to standard error as
``FILE:LINE: message``, then a summary line.

Every article is written.  What the chosen output cannot hold (authors in a
markdown dump, fractions of a second in an RSS date) is said once per kind on
standard error, with the number of articles it touched.

Exit status: 0 when everything parsed, 1 when there were problems (or a strict
failure, or a file could not be read), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import IO, TypeVar

from . import __version__, _implementation, samples
from ._dedupe import dedupe
from ._encoding import check_encoding
from ._losses import Loss
from ._model import Article, Feed, Problem
from .detect import FORMATS, Format
from .errors import ParseError, RenderError
from .files import TWINS, plan, read_file, read_planned
from .markdown_dump import render_markdown_dump
from .records import write_csv, write_jsonl
from .rss import render_rss

__all__ = ["main"]

T = TypeVar("T")

_OUTPUTS = ("jsonl", "csv", "markdown", "rss", "parquet")
_DEMO_RECORDS = 3


class _Run:
    """One command's counters, and problems written as ``FILE:LINE: message``."""

    def __init__(self, stderr: IO[str]) -> None:
        self.stderr = stderr
        self.files = 0
        self.articles = 0
        self.duplicates = 0
        self.problems = 0
        self.left_out: dict[str, int] = {}

    def report(self, problem: Problem) -> None:
        self.problems += 1
        print(problem, file=self.stderr)

    def problem(self, name: str | None, lineno: int | None, message: str) -> None:
        self.report(Problem(lineno=lineno, message=message, source=name))

    def read(
        self, path: str, fmt: Format | None, strict: bool, encoding: str | None
    ) -> Iterator[Article]:
        self.files += 1
        try:
            yield from read_file(
                path, format=fmt, strict=strict, encoding=encoding, on_problem=self.report
            )
        except ParseError as exc:  # strict: the file stops at its first problem
            self.problem(exc.source, exc.lineno, exc.msg)

    def summary(self, command: str, dedupe: bool) -> int:
        removed = f", {self.duplicates} duplicate(s) removed" if dedupe else ""
        if self.left_out:
            reasons = ", ".join(f"{n} {why}" for why, n in self.left_out.items())
            removed += f", {sum(self.left_out.values())} left out by --since/--until ({reasons})"
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
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}, {_implementation.describe()}",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse files of any of the three formats",
        description="Parse files, directories (recursively), globs or - (standard input), and "
        "write their articles. Files are judged by content; gzip, bzip2 and xz are read "
        "transparently. Problems go to stderr as FILE:LINE: message.",
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help="a file, directory, glob or -")
    parse.add_argument("--format", choices=FORMATS, help="skip detection: read every file as this")
    parse.add_argument(
        "--encoding", help="read every file in this encoding (default: detected; UTF-8 first)"
    )
    parse.add_argument(
        "--output",
        choices=_OUTPUTS,
        default="jsonl",
        help="what to write (default: jsonl; parquet needs scmpfeeds[arrow])",
    )
    parse.add_argument("--dedupe", action="store_true", help="one record per article ID")
    parse.add_argument(
        "--keep",
        choices=("first", "merge", "last"),
        help="with --dedupe: which record stands for an ID (default: merge)",
    )
    parse.add_argument("--strict", action="store_true", help="stop a file at its first problem")
    parse.add_argument(
        "--twins",
        choices=TWINS,
        default="json",
        help="of a markdown dump beside its JSON twin, read the JSON (the default: it "
        "carries more), the dump, or both",
    )
    parse.add_argument(
        "--cst-as-china",
        action="store_true",
        help="read the zone name CST as China Standard Time (+08:00), not US Central Time",
    )
    parse.add_argument(
        "--since",
        type=lambda t: _date_bound(t, end=False),
        metavar="DATE",
        help="only articles published at or after DATE (ISO 8601)",
    )
    parse.add_argument(
        "--until",
        type=lambda t: _date_bound(t, end=True),
        metavar="DATE",
        help="only articles published before DATE, or on it when DATE is a day",
    )
    demo = commands.add_parser(
        "demo",
        help="parse the samples shipped with scmpfeeds, one per format",
        description="Parse the four samples shipped inside the package (scmpfeeds.samples) "
        "and show a summary of each and its first records.",
    )
    demo.add_argument("--all", action="store_true", help="print every article as JSON Lines")
    return parser


def _progress(items: list[T], stderr: IO[str]) -> Iterable[T]:
    """A progress bar over many files, when stderr is a terminal and tqdm is installed."""
    if len(items) < 2 or not stderr.isatty():
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    bar: Iterable[T] = tqdm(items, file=stderr, unit="file", leave=False)
    return bar


def _channel(articles: list[Article], files: int) -> Feed:
    """The channel of ``--output rss``: RSS 2.0 requires a title, a link and a description.

    When every article came from one feed, the channel is that feed (its name,
    URL and language); otherwise it is a list made by scmpfeeds, and each item
    carries its own feed (see :func:`scmpfeeds.render_rss`).
    """
    feeds = {(a.feed_url, a.feed_title, a.language) for a in articles}
    url, title, language = feeds.pop() if len(feeds) == 1 else (None, None, None)
    return Feed(
        title=title or "Articles read by scmpfeeds",
        url=url,
        language=language,
        description=f"{len(articles)} article(s) from {files} file(s), written by "
        f"scmpfeeds {__version__}",
        articles=tuple(articles),
    )


def _write(articles: Iterable[Article], output: str, out: IO[str], run: _Run) -> int:
    """Write every article; return how many were written.  What the format cannot
    hold is said once per kind of loss, on standard error."""

    def say(loss: Loss) -> None:
        print(f"scmpfeeds: {loss}", file=run.stderr)

    if output == "jsonl":
        return write_jsonl(articles, out)
    if output == "csv":
        return write_csv(articles, out, on_loss=say)
    collected = list(articles)
    if output == "markdown":
        out.write(render_markdown_dump(collected, on_loss=say))
    elif output == "rss":
        feed = _channel(collected, run.files)
        out.write(render_rss(feed, on_loss=say).decode("utf-8"))
    else:
        from .tables import write_parquet

        binary = getattr(out, "buffer", None)
        if binary is None:  # pragma: no cover - only a test's StringIO has no buffer
            raise RenderError("parquet output needs a binary standard output")
        out.flush()
        write_parquet(collected, binary, on_loss=say)
    return len(collected)


def _in_range(
    articles: Iterable[Article], since: datetime | None, until: datetime | None, run: _Run
) -> Iterator[Article]:
    """Keep the articles published in [since, until); count what is left out, and why.

    An article with no date of its own but a digest's date counts as published
    at the start of that day (UTC).
    """
    left_out = run.left_out
    for article in articles:
        when = article.published
        if when is None and article.digest_date is not None:
            day = article.digest_date
            when = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        if when is None:
            reason = "without a date"
        elif since is not None and when < since:
            reason = "before --since"
        elif until is not None and when >= until:
            reason = "at or after --until"
        else:
            yield article
            continue
        left_out[reason] = left_out.get(reason, 0) + 1


def _demo(args: argparse.Namespace, run: _Run, stdout: IO[str]) -> int:
    for path in samples.ALL:
        name = f"<demo>/{path.name}"
        articles = list(run.read(str(path), None, False, None))
        run.articles += len(articles)
        if args.all:
            _write(articles, "jsonl", stdout, run)
            continue
        print(f"{name}: {len(articles)} article(s)", file=stdout)
        for article in articles[:_DEMO_RECORDS]:
            print(f"  {article!r}", file=stdout)
        if len(articles) > _DEMO_RECORDS:
            print(f"  … and {len(articles) - _DEMO_RECORDS} more", file=stdout)
    if not args.all:
        print("(scmpfeeds demo --all prints every article as JSON Lines)", file=stdout)
    return run.summary("demo", False)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "parse":
        if args.keep is not None and not args.dedupe:
            parser.error("--keep needs --dedupe")
        if args.since is not None and args.until is not None and args.since >= args.until:
            parser.error("--since must come before --until")
        if args.output == "parquet":
            if stdout is None and sys.stdout.isatty():
                parser.error("parquet is binary: redirect standard output to a file")
            if importlib.util.find_spec("pyarrow") is None:  # say so before reading
                parser.error("--output parquet needs pyarrow: pip install 'scmpfeeds[arrow]'")
        if args.encoding is not None:
            try:
                check_encoding(args.encoding)
            except LookupError:
                parser.error(f"unknown encoding: {args.encoding!r}")
    if stdout is None:
        stdout = sys.stdout
        if isinstance(stdout, io.TextIOWrapper):
            stdout.reconfigure(encoding="utf-8")  # the output is UTF-8 whatever the locale
    run = _Run(stderr or sys.stderr)
    try:
        if args.command == "demo":
            return _demo(args, run, stdout)
        return _parse_command(args, run, stdout)
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except ImportError as exc:  # --output parquet without pyarrow
        print(f"scmpfeeds: {exc}", file=run.stderr)
        return 2


def _parse_command(args: argparse.Namespace, run: _Run, stdout: IO[str]) -> int:
    found = plan(args.paths, twins=args.twins, on_problem=run.report)

    def articles() -> Iterator[Article]:  # (run.read's work, one generator fewer per article)
        for planned in _progress(list(found.files), run.stderr):
            run.files += 1
            try:
                yield from read_planned(
                    planned,
                    format=args.format,
                    strict=args.strict,
                    encoding=args.encoding,
                    on_problem=run.report,
                    cst_as_china=args.cst_as_china,
                )
            except ParseError as exc:  # strict: the file stops at its first problem
                run.problem(exc.source, exc.lineno, exc.msg)

    stream: Iterable[Article] = articles()
    if args.since is not None or args.until is not None:
        stream = _in_range(stream, args.since, args.until, run)
    if args.dedupe:
        collected = list(stream)
        stream = dedupe(collected, keep=args.keep or "merge")
        run.duplicates = len(collected) - len(stream)
    run.articles = _write(stream, args.output, stdout, run)
    for note in found.notes():
        print(f"scmpfeeds: {note}", file=run.stderr)
    return run.summary("parse", args.dedupe)
