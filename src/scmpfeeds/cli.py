"""The ``scmpfeeds`` command line.

::

    scmpfeeds parse FILE...    articles as JSON Lines on stdout, problems on stderr
    scmpfeeds demo             the same, on a sample shipped inside the package

Exit status: 0 when everything parsed, 1 when there were problems (or a strict
failure, or a file could not be read), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pathlib
import sys
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import IO

from . import __version__
from ._model import Article, Problem
from ._source import Source
from .errors import ParseError
from .markdown_dump import iter_markdown_dump

__all__ = ["main"]

_DEMO_SAMPLE = "scmp-china.md"


class _Run:
    """Counts what a command did and writes problems as ``FILE:LINE: message``."""

    def __init__(self, stdout: IO[str], stderr: IO[str]) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.files = 0
        self.articles = 0
        self.problems = 0

    def problem(self, name: str, lineno: int | None, message: str) -> None:
        self.problems += 1
        line = "" if lineno is None else f"{lineno}:"
        print(f"{name}:{line} {message}", file=self.stderr)

    def articles_of(self, source: Source, name: str, strict: bool) -> Iterator[Article]:
        def report(problem: Problem) -> None:
            self.problem(name, problem.lineno, problem.message)

        self.files += 1
        try:
            yield from iter_markdown_dump(source, strict=strict, on_problem=report)
        except ParseError as exc:
            self.problem(name, exc.lineno, str(exc) if exc.lineno is None else exc.msg)
        except OSError as exc:
            self.problem(name, None, f"cannot read: {exc.strerror or exc}")

    def write(self, articles: Iterator[Article]) -> None:
        for article in articles:
            self.articles += 1
            self.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")

    def summary(self, command: str) -> int:
        print(
            f"scmpfeeds {command}: {self.files} file(s), {self.articles} article(s), "
            f"{self.problems} problem(s)",
            file=self.stderr,
        )
        return 1 if self.problems else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scmpfeeds",
        description="Turn South China Morning Post feed data into clean, typed records.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse markdown dumps into JSON Lines",
        description="Parse files (or - for standard input) and write one JSON object per "
        "article. Problems go to stderr as FILE:LINE: message.",
    )
    parse.add_argument("paths", nargs="+", metavar="FILE", help="a file to parse, or -")
    parse.add_argument("--strict", action="store_true", help="stop a file at its first problem")
    commands.add_parser(
        "demo",
        help="parse the sample shipped with scmpfeeds",
        description="Parse a markdown dump shipped inside the package and print its articles.",
    )
    return parser


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
            stdout.reconfigure(encoding="utf-8")  # JSON Lines are UTF-8 whatever the locale
    run = _Run(stdout, stderr or sys.stderr)
    try:
        if args.command == "demo":
            sample = resources.files("scmpfeeds") / "_samples" / _DEMO_SAMPLE
            with resources.as_file(sample) as path:
                run.write(run.articles_of(path, f"<demo>/{_DEMO_SAMPLE}", strict=False))
        else:
            for path in args.paths:
                if path == "-":
                    run.write(run.articles_of(sys.stdin.buffer, "<stdin>", args.strict))
                else:
                    run.write(run.articles_of(pathlib.Path(path), path, args.strict))
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return run.summary(args.command)
