"""The real workload: a folder of 2,000 real dumps of every outlet (the 2023 archive sample).

Users give scmpfeeds folders of many small dumps, not one seed copied many times.
This unpacks ``tests/realdata/markdown/archive-2023-sample.tar.xz`` (37.6 MB of
markdown, 45,233 articles, with JSON twins beside the dumps) and times every
reader on its ``.md`` files against one floor, all in one run:

* the floor: read each file, decode it, and run one regular expression that finds
  each ``## `` heading with its `` - `` lines;
* ``parse_markdown_dump`` on each file, ``iter_articles`` on each file,
  ``scmpfeeds.read`` on the glob, and the command line (``scmpfeeds parse``) to
  JSON Lines and to CSV, in this process, writing a file beside the dumps as
  ``scmpfeeds parse DIR > out.jsonl`` does (through a UTF-8 text file over a
  binary one, as standard output is).

Run it with ``nox -s bench`` or ``python benchmarks/bench_archive.py``.
"""

from __future__ import annotations

import argparse
import io
import re
import tarfile
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

from _common import median_time, modes

import scmpfeeds
from scmpfeeds.cli import main as cli_main

ARCHIVE = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "realdata"
    / "markdown"
    / "archive-2023-sample.tar.xz"
)
# Each "## " heading with the " - " lines that follow it: the least any reader does.
_BLOCK_RE = re.compile(r"^## [^\n]*\n(?:[ \t]*- [^\n]*\n)*", re.MULTILINE)


def unpack(where: Path) -> list[Path]:
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(where, filter="data")
    return sorted(where.rglob("*.md"))


def floor(files: list[Path]) -> int:
    return sum(len(_BLOCK_RE.findall(path.read_bytes().decode("utf-8"))) for path in files)


def per_file(files: list[Path]) -> int:
    return sum(len(scmpfeeds.parse_markdown_dump(path).articles) for path in files)


def per_file_streamed(files: list[Path]) -> int:
    return sum(1 for path in files for _ in scmpfeeds.iter_articles(path))


def collection(glob: str) -> int:
    return sum(1 for _ in scmpfeeds.read(glob))


def command_line(glob: str, output: str, where: Path) -> None:
    with (where / f"out.{output}").open("w", encoding="utf-8") as out:
        cli_main(["parse", "--output", output, glob], stdout=out, stderr=io.StringIO())


def run(repeat: int) -> list[tuple[str, float, float, int, int]]:
    """Rows of (what, seconds, ratio to the floor, bytes, articles), each reader timed
    with the compiled core (when it is in use) and in pure Python, in this one run."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = unpack(Path(tmp))
        size = sum(path.stat().st_size for path in files)
        articles = per_file(files)
        glob = f"{tmp}/**/*.md"
        calls: list[tuple[str, Callable[[], object]]] = [
            ("parse_markdown_dump, file by file", lambda: per_file(files)),
            ("iter_articles, file by file", lambda: per_file_streamed(files)),
            ("scmpfeeds.read(glob)", lambda: collection(glob)),
            ("scmpfeeds parse → JSON Lines", lambda: command_line(glob, "jsonl", Path(tmp))),
            ("scmpfeeds parse → CSV", lambda: command_line(glob, "csv", Path(tmp))),
        ]
        base = median_time(lambda: floor(files), repeat)
        rows.append(("read + decode + block regex (floor)", base, 1.0, size, articles))
        for what, call in calls:
            for mode, context in modes():
                with context():
                    seconds = median_time(call, repeat)
                rows.append((f"{what} ({mode})", seconds, seconds / base, size, articles))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for what, seconds, ratio, size, articles in run(args.repeat):
        print(
            f"{what:<38} {seconds * 1e3:8.0f} ms {size / seconds / 1e6:6.1f} MB/s "
            f"{seconds / articles * 1e6:6.1f} µs/article {ratio:5.2f}x floor"
        )


if __name__ == "__main__":
    main()
