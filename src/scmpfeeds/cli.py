"""The ``scmpfeeds`` command line.

::

    scmpfeeds parse PATH... [-o FILE] [-t FORMAT] [-f FORMAT] [-e ENCODING]
                            [-d [-k KEEP]] [-s] [-q] [--since DATE] [--until DATE]
                            [--twins WHICH] [--cst-as-china]
    scmpfeeds demo [--all]

``parse`` reads files, directories, globs and ``-`` (standard input) the way
:func:`scmpfeeds.read` does: every file is judged by its content, compressed
files are read transparently, and each file that is skipped is named on
standard error.  Articles go to FILE (``-o``; standard output by default) as
JSON Lines (the default), CSV, a markdown dump, RSS or Parquet: the format is
``-t``'s, else FILE's suffix's.  Each problem goes to standard error as
``FILE:LINE: message``, then a summary line; on a terminal, a progress line
shows there while a long run goes on (``-q`` turns it off).

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
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import IO, TYPE_CHECKING, NoReturn

from . import __version__, _implementation, samples
from ._dedupe import dedupe
from ._encoding import check_encoding
from ._losses import Loss
from ._model import Article, Feed, Problem
from ._progress import Progress
from .detect import FORMATS, Format
from .errors import ParseError, RenderError
from .files import STDIN, TWINS, Plan, plan, read_file, read_planned
from .markdown_dump import render_markdown_dump
from .records import utf8_writer, write_csv, write_jsonl
from .rss import render_rss
from .rss._writer import channel_of

if TYPE_CHECKING:
    from ._parallel import Options

__all__ = ["main"]

_OUTPUTS = ("jsonl", "csv", "markdown", "rss", "parquet")
# The format a FILE's suffix names.
_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xml": "rss",
    ".rss": "rss",
    ".parquet": "parquet",
    ".pq": "parquet",
}
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
        self.progress: Progress | None = None

    def say(self, line: str) -> None:
        """Print *line* on standard error, the progress line out of its way."""
        if self.progress is not None:
            self.progress.clear()
        print(line, file=self.stderr)

    def report(self, problem: Problem) -> None:
        self.problems += 1
        self.say(str(problem))

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
        self.say(
            f"scmpfeeds {command}: {self.files} file(s), {self.articles} article(s)"
            f"{removed}, {self.problems} problem(s)"
        )
        return 1 if self.problems else 0


def _jobs(text: str) -> int:
    """``-j N``: a count of worker processes, 0 for one per core."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {text!r}")
    return jobs


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


class _Parser(argparse.ArgumentParser):
    """Every usage error of every command as ``scmpfeeds: error: …`` (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"scmpfeeds: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
        help="parse files of any of the four formats",
        description="Parse files, directories (recursively), globs or - (standard input), and "
        "write their articles. Files are judged by content; gzip, bzip2 and xz are read "
        "transparently. Problems go to stderr as FILE:LINE: message.",
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help="a file, directory, glob or -")
    parse.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (default: standard output); its suffix names the format "
        f"({', '.join(sorted(_SUFFIXES))}). Given a format instead ({', '.join(_OUTPUTS)}), "
        "as in earlier versions, it writes that format to standard output",
    )
    parse.add_argument(
        "-t",
        "--to",
        choices=_OUTPUTS,
        metavar="FORMAT",
        help=f"the format to write: {', '.join(_OUTPUTS)} (default: FILE's suffix, else "
        "jsonl; parquet needs scmpfeeds[arrow])",
    )
    parse.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        metavar="FORMAT",
        help=f"skip detection: read every file as {', '.join(FORMATS)}",
    )
    parse.add_argument(
        "-e",
        "--encoding",
        help="read every file in this encoding (default: detected; UTF-8 first)",
    )
    parse.add_argument("-d", "--dedupe", action="store_true", help="one record per story")
    parse.add_argument(
        "-k",
        "--keep",
        choices=("first", "merge", "last"),
        help="with --dedupe: which record stands for a story (default: merge)",
    )
    parse.add_argument(
        "-s", "--strict", action="store_true", help="stop a file at its first problem"
    )
    parse.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="read files in N worker processes (0: one per core); the same output, "
        "byte for byte (default: 1, since starting workers costs more than small "
        "collections take)",
    )
    parse.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress line and no notes on standard error: problems and the summary only",
    )
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


def _channel(articles: list[Article], files: int) -> Feed:
    """The channel of ``-t rss`` (see :func:`scmpfeeds.render_rss`)."""
    description = (
        f"{len(articles)} article(s) from {files} file(s), written by scmpfeeds {__version__}"
    )
    return channel_of(articles, description)


def _write(articles: Iterable[Article], output: str, out: IO[str], run: _Run) -> int:
    """Write every article; return how many were written.  What the format cannot
    hold is said once per kind of loss, on standard error."""

    def say(loss: Loss) -> None:
        run.say(f"scmpfeeds: {loss}")

    if output == "jsonl":
        return write_jsonl(articles, out)
    if output == "csv":
        return write_csv(articles, out, on_loss=say)
    if output == "parquet":  # (row group by row group, in flat memory)
        from .tables import write_parquet

        binary = getattr(out, "buffer", None)
        if binary is None:  # pragma: no cover - only a test's StringIO has no buffer
            raise RenderError("parquet output needs a binary standard output")
        counted = _Counted(articles)
        out.flush()
        write_parquet(counted, binary, on_loss=say)
        return counted.count
    collected = list(articles)
    if output == "markdown":
        out.write(render_markdown_dump(collected, on_loss=say))
    else:
        feed = _channel(collected, run.files)
        out.write(render_rss(feed, on_loss=say).decode("utf-8"))
    return len(collected)


class _Counted:
    """Articles passed through, counted."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles = articles
        self.count = 0

    def __iter__(self) -> Iterator[Article]:
        for article in self.articles:
            self.count += 1
            yield article


def _in_range(
    articles: Iterable[Article], since: datetime | None, until: datetime | None, run: _Run
) -> Iterator[Article]:
    """Keep the articles published in [since, until); count what is left out, and why.

    An article with no date of its own but a digest's date counts as published
    at the start of that day (UTC).
    """
    left_out = run.left_out
    for article in articles:
        reason = _left_out(article, since, until)
        if reason is None:
            yield article
        else:
            left_out[reason] = left_out.get(reason, 0) + 1


def _left_out(article: Article, since: datetime | None, until: datetime | None) -> str | None:
    """Why ``--since``/``--until`` leave *article* out, or None to keep it."""
    when = article.published
    if when is None and article.digest_date is not None:
        day = article.digest_date
        when = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    if when is None:
        return "without a date"
    if since is not None and when < since:
        return "before --since"
    if until is not None and when >= until:
        return "at or after --until"
    return None


def _parse_in_workers(
    args: argparse.Namespace, run: _Run, stdout: IO[str], found: Plan, jobs: int
) -> int:
    """``-j N``: the files read by *jobs* worker processes; the same output, byte for
    byte, and the same problems in the same order (see :mod:`scmpfeeds._parallel`)."""
    from ._parallel import Options

    writes = args.to if args.to in ("jsonl", "csv") and not args.dedupe else None
    with tempfile.TemporaryDirectory(prefix="scmpfeeds-") as spill:
        options = Options(
            format=args.format, strict=args.strict, encoding=args.encoding,
            cst_as_china=args.cst_as_china, since=args.since, until=args.until, write=writes,
            spill=spill,
        )  # fmt: skip
        return _run_workers(args, run, stdout, found, jobs, options)


def _run_workers(
    args: argparse.Namespace,
    run: _Run,
    stdout: IO[str],
    found: Plan,
    jobs: int,
    options: Options,
) -> int:
    from ._parallel import in_workers, merged_losses

    writes = options.write
    progress = run.progress
    assert progress is not None
    write = utf8_writer(stdout)
    if writes == "csv":
        write_csv([], stdout)  # the header
    collected: list[Article] = []
    losses = []
    for result in in_workers(found.files, options, jobs):
        for problem in result.problems:
            run.report(problem)
        for reason, count in result.left_out.items():
            run.left_out[reason] = run.left_out.get(reason, 0) + count
        run.files += result.files
        progress.files_done(result.files, result.articles)
        if writes is None:
            collected.extend(result.kept)
        else:
            assert result.written is not None
            with open(result.written, "rb") as written:
                while chunk := written.read(1 << 20):
                    write(chunk)
            os.remove(result.written)
            run.articles += result.articles
            losses.append(result.losses)
    if writes is None:
        stream: Iterable[Article] = collected
        if args.dedupe:
            stream = dedupe(collected, keep=args.keep or "merge")
            run.duplicates = len(collected) - len(stream)
        run.articles = _write(stream, args.to, stdout, run)
    for loss in merged_losses(losses):
        run.say(f"scmpfeeds: {loss}")
    progress.clear()
    if not args.quiet:
        for note in found.notes():
            run.say(f"scmpfeeds: {note}")
    return run.summary("parse", args.dedupe)


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
        _check_parse_args(args, parser, stdout)
    if stdout is None:
        stdout = sys.stdout
        if isinstance(stdout, io.TextIOWrapper):
            stdout.reconfigure(encoding="utf-8")  # the output is UTF-8 whatever the locale
    run = _Run(stderr or sys.stderr)
    try:
        if args.command == "demo":
            return _demo(args, run, stdout)
        if args.file is None:
            return _parse_command(args, run, stdout)
        with open(args.file, "w", encoding="utf-8", newline="") as out:
            return _parse_command(args, run, out)
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:  # the output file cannot be written
        run.say(f"scmpfeeds: error: cannot write {exc.filename or args.file}: {exc.strerror}")
        return 2


def _check_parse_args(
    args: argparse.Namespace, parser: argparse.ArgumentParser, stdout: IO[str] | None
) -> None:
    """Usage errors, said before anything is read; and where the output goes, and as what."""
    if args.keep is not None and not args.dedupe:
        parser.error("--keep needs --dedupe")
    if args.since is not None and args.until is not None and args.since >= args.until:
        parser.error("--since must come before --until")
    args.file = None
    target, to = args.output, args.to
    if target in _OUTPUTS:  # the spelling of earlier versions: --output FORMAT
        if to is not None and to != target:
            parser.error(f"--output {target} and --to {to} name two formats")
        to = target
    elif target is not None and target != "-":
        args.file = target
        suffix = os.path.splitext(target)[1].lower()
        if to is None and (to := _SUFFIXES.get(suffix)) is None:
            parser.error(
                f"cannot tell the format of {target!r} from its name: add --to FORMAT "
                f"({', '.join(_OUTPUTS)})"
            )
    args.to = to or "jsonl"
    if args.to == "parquet":
        if args.file is None and stdout is None and sys.stdout.isatty():
            parser.error("parquet is binary: write it to a file (-o FILE.parquet)")
        if importlib.util.find_spec("pyarrow") is None:  # say so before reading
            parser.error("parquet needs pyarrow: pip install 'scmpfeeds[arrow]'")
    if args.encoding is not None:
        try:
            check_encoding(args.encoding)
        except LookupError:
            parser.error(f"unknown encoding: {args.encoding!r}")


def _parse_command(args: argparse.Namespace, run: _Run, stdout: IO[str]) -> int:
    found = plan(args.paths, twins=args.twins, on_problem=run.report)
    progress = run.progress = Progress(run.stderr, len(found.files), enabled=not args.quiet)
    jobs = args.jobs or os.cpu_count() or 1
    if jobs > 1 and len(found.files) > 1 and STDIN not in (p.path for p in found.files):
        return _parse_in_workers(args, run, stdout, found, jobs)

    def articles() -> Iterator[Article]:  # (run.read's work, one generator fewer per article)
        for planned in found.files:
            run.files += 1
            progress.file_started()
            read = read_planned(
                planned,
                format=args.format,
                strict=args.strict,
                encoding=args.encoding,
                on_problem=run.report,
                cst_as_china=args.cst_as_china,
            )
            try:
                if not progress.enabled:
                    yield from read
                    continue
                for article in read:  # (counted only for the progress line)
                    progress.articles += 1
                    if not progress.articles % 512:
                        progress.tick()
                    yield article
            except ParseError as exc:  # strict: the file stops at its first problem
                run.problem(exc.source, exc.lineno, exc.msg)

    stream: Iterable[Article] = articles()
    if args.since is not None or args.until is not None:
        stream = _in_range(stream, args.since, args.until, run)
    if args.dedupe:
        collected = list(stream)
        stream = dedupe(collected, keep=args.keep or "merge")
        run.duplicates = len(collected) - len(stream)
    run.articles = _write(stream, args.to, stdout, run)
    if run.progress is not None:
        run.progress.clear()
    if not args.quiet:
        for note in found.notes():
            run.say(f"scmpfeeds: {note}")
    return run.summary("parse", args.dedupe)
