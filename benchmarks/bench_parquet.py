"""The command line's memory writing Parquet at archive scale, against JSON Lines.

The archive sample's 2,000 dumps are unpacked ``--copies`` times into folders of
their own (``--copies 5``: 10,000 dumps, about 226,000 articles, a quarter of a
year of the archive), and ``scmpfeeds parse DIR -o FILE`` runs in a fresh process
for each output, which prints its peak resident memory (``VmHWM``) at the end.
Parquet is written a row group at a time; JSON Lines, written as it is read,
is the reference for what reading alone holds.

    python benchmarks/bench_parquet.py --copies 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import PEAK_RSS
from bench_archive import unpack

#: The target for Parquet over a quarter of a year (MiB).
TARGET_MIB = 250

_CODE = PEAK_RSS + (
    "import sys\n"
    "from scmpfeeds.cli import main\n"
    "status = main(['parse', sys.argv[1], '-q', '-o', sys.argv[2]])\n"
    "print(status, peak_rss_kb())\n"
)


def peak(folder: Path, output: Path) -> tuple[int, float]:
    """Run the command line on *folder* into *output* in a child: (status, peak MiB)."""
    done = subprocess.run(
        [sys.executable, "-c", _CODE, f"{folder}/**/*.md", str(output)],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"scmpfeeds parse failed:\n{done.stderr}")
    found = done.stdout.split()
    return int(found[0]), int(found[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first = root / "dumps" / "copy0"
        files = unpack(first)
        for n in range(1, args.copies):
            shutil.copytree(first, root / "dumps" / f"copy{n}")
        size = sum(p.stat().st_size for p in files) * args.copies
        print(f"{len(files) * args.copies:,} dumps, {size / 1e6:.0f} MB")
        for suffix in ("jsonl", "parquet"):
            output = root / f"out.{suffix}"
            status, mib = peak(root / "dumps", output)
            written = os.path.getsize(output) / 1e6
            if suffix == "jsonl":
                with output.open("rb") as lines:
                    print(f"{sum(1 for _ in lines):,} articles")
            verdict = ""
            if suffix == "parquet":
                met = "met" if mib < TARGET_MIB else "missed"
                verdict = f"  target < {TARGET_MIB} MiB: {met}"
            print(
                f"-o out.{suffix:<8} peak {mib:6.0f} MiB  ({written:.0f} MB written, "
                f"exit {status}){verdict}"
            )


if __name__ == "__main__":
    main()
