"""``scmpfeeds parse -j N`` against one process, on real dumps, in one run.

The archive sample's 2,000 dumps (``tests/realdata/markdown/archive-2023-sample.tar.xz``)
are unpacked *copies* times into folders of their own (``--copies 4``: 8,000
dumps, 150 MB), and the command line reads them to JSON Lines and to CSV with
``-j 1`` and with ``-j N``, each run a fresh process, alternating, ``--repeat``
times; the medians are compared, and the outputs checked to be the same bytes.
Beside them, the floor of splitting the work on this machine: N independent
``-j 1`` processes started together, each on its share of the folders, writing
files of their own (nothing planned, copied or ordered for them), timed until
the last one ends.

    python benchmarks/bench_jobs.py --copies 4 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_archive import unpack


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run_together(commands: list[list[str]]) -> float:
    """Start *commands* together; the time until the last one ends."""
    start = time.perf_counter()
    children = [subprocess.Popen(c, stderr=subprocess.DEVNULL) for c in commands]
    for command, child in zip(commands, children, strict=True):
        if child.wait() != 0:
            raise SystemExit(f"{' '.join(command)} failed")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first = root / "copy0"
        files = unpack(first)
        for n in range(1, args.copies):
            shutil.copytree(first, root / f"copy{n}")
        dumps = len(files) * args.copies
        size = sum(p.stat().st_size for p in files) * args.copies
        print(f"{dumps:,} dumps, {size / 1e6:.0f} MB, {os.cpu_count()} cores")
        shares = [
            [f"{root}/copy{n}/**/*.md" for n in range(k, args.copies, args.jobs)]
            for k in range(args.jobs)
        ]
        for output in ("jsonl", "csv"):
            times: dict[int, list[float]] = {1: [], args.jobs: []}
            apart: list[float] = []
            for _ in range(args.repeat):
                for jobs in times:
                    out = root / f"out-{jobs}.{output}"
                    command = [
                        sys.executable, "-m", "scmpfeeds", "parse", f"{root}/**/*.md",
                        "-q", "-j", str(jobs), "-o", str(out),
                    ]  # fmt: skip
                    times[jobs].append(run(command))
                sharing = [
                    [sys.executable, "-m", "scmpfeeds", "parse", *share, "-q", "-o",
                     str(root / f"share-{k}.{output}")]
                    for k, share in enumerate(shares)
                ]  # fmt: skip
                apart.append(run_together(sharing))
            same = (root / f"out-1.{output}").read_bytes() == (
                root / f"out-{args.jobs}.{output}"
            ).read_bytes()
            one, many = (statistics.median(t) for t in times.values())
            floor = statistics.median(apart)
            print(
                f"{output:<6} -j 1 {one:6.2f} s   -j {args.jobs} {many:6.2f} s   "
                f"ratio {many / one:.2f} (target ≤ 0.65)   same bytes: {same}   "
                f"{args.jobs} processes apart {floor:6.2f} s, ratio {floor / one:.2f}"
            )


if __name__ == "__main__":
    main()
