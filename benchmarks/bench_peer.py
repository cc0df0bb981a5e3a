"""``parse_rss`` and ``iter_rss`` against fastfeedparser (a Rust core), in one process.

Four inputs: seed 004 (SCMP's feed as served, 50 items), the complete 2019 SCMP
feed of ``tests/realdata/rss``, and seed 004 grown to 1,000 and to 10,000 items.
For each, fastfeedparser's whole parse, ``parse_rss``, ``iter_rss`` (drained) and
the two C tokenizers with no callback at all (``bench_rss.tokenizer_floors``: what
any tree-less reader built on them costs before it reads one field) are timed
in turn, round after round (``--rounds``), so that a slow moment of the machine
falls on each of them alike; each figure is the median of its rounds, and each
ratio is to fastfeedparser's median in the same run.  Then the peak memory of
``iter_rss`` over 16 and 165 MB, each in a fresh process: what it holds at most,
which should not grow with the document.

    python benchmarks/bench_peer.py --rounds 5
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import PEAK_RSS
from bench_rss import SEED, build_feed, tokenizer_floors

import scmpfeeds

REAL_2019 = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "realdata"
    / "rss"
    / "2019-10-06.scmp-rss2.xml"
)
#: The targets: ours against fastfeedparser's time (at most).
TARGETS = {"parse_rss": 0.8, "iter_rss": 1.0}


def inputs() -> dict[str, bytes]:
    return {
        "seed 004": SEED.read_bytes(),
        "the 2019 feed": REAL_2019.read_bytes(),
        "1,000 items": build_feed(1_000),
        "10,000 items": build_feed(10_000),
    }


def _timed(call: Callable[[], object], loops: int) -> float:
    start = time.perf_counter()
    for _ in range(loops):
        call()
    return (time.perf_counter() - start) / loops


def compare(data: bytes, rounds: int) -> dict[str, float]:
    """Median seconds of each call on *data*, timed in turn, round after round."""
    fastfeedparser = importlib.import_module("fastfeedparser")
    calls: dict[str, Callable[[], object]] = {
        "fastfeedparser": lambda: fastfeedparser.parse(data),
        "parse_rss": lambda: scmpfeeds.parse_rss(data),
        "iter_rss": lambda: sum(1 for _ in scmpfeeds.iter_rss(data)),
        **tokenizer_floors(data),
    }
    # Enough calls a round for about 50 ms of fastfeedparser's time (at least one).
    loops = max(1, round(0.05 / _timed(calls["fastfeedparser"], 3)))
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            times[name].append(_timed(call, loops))
    return {name: statistics.median(found) for name, found in times.items()}


def run(rounds: int) -> list[tuple[str, int, dict[str, float]]]:
    """(input, bytes, median seconds of each call) for each input."""
    return [(name, len(data), compare(data, rounds)) for name, data in inputs().items()]


_COLUMNS = ("parse_rss", "iter_rss", "expat, tokenizing only", "libxml2 SAX, tokenizing only")


def _ratio(call: str, ratio: float) -> str:
    target = TARGETS.get(call)
    if target is None:
        return f"{ratio:.2f}x"
    return f"{ratio:.2f}x ({'met' if ratio <= target else 'missed'})"


def table(rows: list[tuple[str, int, dict[str, float]]]) -> list[str]:
    """The comparison as a Markdown table: each ratio to fastfeedparser in its run."""
    lines = [
        "| input | size | fastfeedparser | `parse_rss` | `iter_rss` "
        "| expat, tokenizing only | libxml2 SAX, tokenizing only |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, size, seconds in rows:
        theirs = seconds["fastfeedparser"]
        cells = [_ratio(call, seconds[call] / theirs) for call in _COLUMNS]
        lines.append(
            f"| {name} | {size / 1e3:,.0f} kB | {theirs * 1e3:.2f} ms | {' | '.join(cells)} |"
        )
    return lines


_PEAK = (
    PEAK_RSS
    + "import pathlib, sys\nimport scmpfeeds\n"
    + "count = sum(1 for _ in scmpfeeds.iter_rss(pathlib.Path(sys.argv[1])))\n"
    + "print(count, peak_rss_kb())\n"
)


def peak_memory(items: int) -> tuple[int, int, float]:
    """(articles, bytes of the feed, peak MiB) of ``iter_rss`` over a file of seed
    004 grown to *items* items, in a fresh process (what it holds at most)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.xml"
        path.write_bytes(build_feed(items))
        out = subprocess.run(
            [sys.executable, "-c", _PEAK, str(path)], check=True, capture_output=True, text=True
        ).stdout.split()
        return int(out[0]), path.stat().st_size, int(out[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"targets: parse_rss ≤ {TARGETS['parse_rss']}x, iter_rss ≤ {TARGETS['iter_rss']}x")
    print("\n".join(table(run(args.rounds))))
    for items in (10_000, 100_000):
        count, size, peak = peak_memory(items)
        print(f"iter_rss over {size / 1e6:.0f} MB ({count:,} articles): peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
