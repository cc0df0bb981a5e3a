"""The real workload: a folder of 2,000 real dumps of every outlet (the 2023 archive sample).

Users give scmpfeeds folders of many small dumps, not one seed copied many times.
This unpacks ``tests/realdata/markdown/archive-2023-sample.tar.xz`` (37.6 MB of
markdown, 45,233 articles, with JSON twins beside the dumps) and times every
reader on its ``.md`` files against one floor, all in one run:

* the floor: read each file, decode it, and run one regular expression that finds
  each ``## `` heading with its `` - `` lines;
* ``parse_markdown_dump`` on each file, ``iter_articles`` on each file,
  ``scmpfeeds.read`` on the glob, and the command line (``scmpfeeds parse``) to
  JSON Lines and to CSV, in this process, writing a new file beside the dumps as
  ``scmpfeeds parse DIR > out.jsonl`` does (through a UTF-8 text file over a
  binary one, as standard output is); the last output is removed before each
  run, untimed (writing over it made the file system free it inside the timed
  run: 14 to 27 ms more for the JSON Lines' 52 MB, alternating in one run);
* what writing alone costs: the JSON Lines the command line wrote, written again
  to a new file as it writes them, in batches, with nothing read or formatted.

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


def removed(path: Path) -> None:
    """Remove *path*, if it is there (untimed, before a run that writes it anew)."""
    path.unlink(missing_ok=True)


def write_alone(data: bytes, path: Path) -> None:
    """Write *data* to a new file *path* as the command line writes: in batches of
    about the size of its JSON Lines writer's, through a UTF-8 text file."""
    step = len(data) // max(1, data.count(b"\n") // 256) or len(data)
    with path.open("w", encoding="utf-8") as out:
        buffer = out.buffer
        for start in range(0, len(data), step):
            buffer.write(data[start : start + step])


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
        where = Path(tmp)
        jsonl, csv = where / "out.jsonl", where / "out.csv"
        calls: list[tuple[str, Callable[[], object], Callable[[], object] | None]] = [
            ("parse_markdown_dump, file by file", lambda: per_file(files), None),
            ("iter_articles, file by file", lambda: per_file_streamed(files), None),
            ("scmpfeeds.read(glob)", lambda: collection(glob), None),
            ("scmpfeeds parse → JSON Lines", lambda: command_line(glob, "jsonl", where),
             lambda: removed(jsonl)),
            ("scmpfeeds parse → CSV", lambda: command_line(glob, "csv", where),
             lambda: removed(csv)),
        ]  # fmt: skip
        base = median_time(lambda: floor(files), repeat)
        rows.append(("read + decode + block regex (floor)", base, 1.0, size, articles))
        for what, call, setup in calls:
            for mode, context in modes():
                with context():
                    seconds = median_time(call, repeat, setup)
                rows.append((f"{what} ({mode})", seconds, seconds / base, size, articles))
        data = jsonl.read_bytes()
        again = where / "again.jsonl"
        seconds = median_time(lambda: write_alone(data, again), repeat, lambda: removed(again))
        what = f"writing the JSON Lines alone ({len(data) / 1e6:.0f} MB)"
        rows.append((what, seconds, seconds / base, size, articles))
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
