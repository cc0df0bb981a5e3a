"""The benchmark suite: every parser against its floor and its peers, at several sizes.

Run it with ``nox -s bench`` (which installs the peers) or
``python benchmarks/suite.py``.  It prints every figure and writes them, with a
description of the machine, to ``docs/performance.md`` and a plot of throughput
by size to ``docs/performance.png``.

Every figure is a median over repeated runs, and every comparison is measured in
the same run on the same bytes.  The archive sample is timed in this process;
each other group (RSS, markdown, digest, dedupe) in a fresh child process of its
own, floor and parser alike.  Peak memory is measured in a child process that
reads its own high-water mark (VmHWM in /proc/self/status, see
``bench_markdown.py``), on a generated file of ``--memory-mb`` megabytes.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

import bench_archive
import bench_peer
from _common import median_time, modes, streamed_peak
from bench_dedupe import bare_dict_pass, in_daily_order, lookup_and_compare
from bench_dedupe import build as build_articles
from bench_digest import build_digest, lift_size_limit
from bench_markdown import build_dump, regex_scan
from bench_rss import build_feed, peers, read_only, tokenizer_floors
from lxml import etree

import scmpfeeds

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 50_000)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, int, float, str]] = []

    def add(self, format: str, what: str, size: int, seconds: float, note: str = "") -> None:
        self.rows.append((format, what, size, seconds, note))
        per = seconds / size * 1e6
        timing = f"{seconds * 1e3:10.1f} ms {per:8.2f} µs/article"
        print(f"  {format:<9} {what:<30} {size:>7,} {timing}  {note}")


def _against_floor(
    table: Table,
    ratios: dict[str, float],
    format: str,
    nominal: int,
    size: int,
    floor: tuple[str, Callable[[], object]],
    ours: tuple[str, Callable[[], object]],
    repeat: int,
) -> tuple[float, float]:
    """Time the floor and our parser, in each mode, on the same input; record the ratios.

    Returns the floor's time and ours in the first mode (compiled, when in use).
    """
    floor_time = median_time(floor[1], repeat)
    table.add(format, floor[0], size, floor_time)
    first = 0.0
    for mode, context in modes():
        with context():
            our_time = median_time(ours[1], repeat)
        first = first or our_time
        table.add(
            format, f"{ours[0]} ({mode})", size, our_time, f"{our_time / floor_time:.2f}x floor"
        )
        key = format.lower()
        ratios[f"{key} floor {nominal} {mode}"] = our_time / floor_time
        ratios[f"{key} per-article {nominal} {mode}"] = our_time / size
    return floor_time, first


def _in_modes(
    table: Table,
    ratios: dict[str, float],
    format: str,
    what: str,
    size: int,
    call: Callable[[], object],
    base: float,
    repeat: int,
    key: str,
) -> None:
    """Time *call* in each mode against *base*; record the ratios under *key*."""
    for mode, context in modes():
        with context():
            seconds = median_time(call, repeat)
        table.add(format, f"{what} ({mode})", size, seconds, f"{seconds / base:.2f}x floor")
        ratios[f"{key} {mode}"] = seconds / base
        ratios[f"{key} per-article {mode}"] = seconds / size


def _peer_calls(data: bytes) -> dict[str, Callable[[], object]]:
    return peers(data)


def _drain(parser: Callable[[bytes], Iterable[object]], data: bytes) -> int:
    return sum(1 for _ in parser(data))


def _decode_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def bench_rss(table: Table, repeat: int, peer_limit: int) -> dict[str, float]:
    ratios: dict[str, float] = {}
    for nominal in SIZES:
        data = build_feed(nominal)
        size = data.count(b"<item>")
        floor_time, ours = _against_floor(
            table, ratios, "RSS", nominal, size,
            ("lxml.etree.fromstring (floor)", partial(etree.fromstring, data)),
            ("parse_rss", partial(scmpfeeds.parse_rss, data)),
            repeat,
        )  # fmt: skip
        _in_modes(
            table, ratios, "RSS", "iter_rss", size,
            partial(_drain, scmpfeeds.iter_rss, data), floor_time, repeat, f"iter_rss {nominal}",
        )  # fmt: skip
        walk = median_time(partial(read_only, data), repeat)
        table.add(
            "RSS",
            "walk, reading only",
            size,
            walk,
            f"{walk / floor_time:.2f}x floor (reference)",
        )
        if nominal <= peer_limit:
            for name, call in _peer_calls(data).items():
                runs = repeat if name == "fastfeedparser" else max(1, repeat // 3)
                theirs = median_time(call, runs)
                table.add("RSS", name, size, theirs, f"parse_rss {theirs / ours:.2f}x faster")
                ratios[f"rss {name} {size}"] = theirs / ours
                if name != "fastfeedparser":
                    continue
                # A tree-less reader's floor: a C tokenizer with no callback at all.
                for floor_name, floor_call in tokenizer_floors(data).items():
                    alone = median_time(floor_call, repeat)
                    note = f"{alone / theirs:.2f}x fastfeedparser's whole parse"
                    table.add("RSS", floor_name, size, alone, note)
                    ratios[f"rss {floor_name} {size}"] = alone / theirs
    return ratios


def bench_markdown(table: Table, repeat: int, peer_limit: int) -> dict[str, float]:
    ratios: dict[str, float] = {}
    try:
        markdown_it = importlib.import_module("markdown_it").MarkdownIt()
    except ImportError:
        markdown_it = None
    for nominal in SIZES:
        text = build_dump(nominal)
        size = text.count("\n## ")
        _, ours = _against_floor(
            table, ratios, "markdown", nominal, size,
            ("regex scan (floor)", partial(regex_scan, text)),
            ("parse_markdown_dump", partial(scmpfeeds.parse_markdown_dump, text)),
            repeat,
        )  # fmt: skip
        if markdown_it is not None and nominal <= peer_limit:
            theirs = median_time(partial(markdown_it.parse, text), max(1, repeat // 3))
            table.add(
                "markdown",
                "markdown-it-py (tokens only)",
                size,
                theirs,
                f"parse_markdown_dump {theirs / ours:.2f}x faster",
            )
            ratios[f"markdown markdown-it {size}"] = theirs / ours
    return ratios


def bench_digest(table: Table, repeat: int) -> dict[str, float]:
    ratios: dict[str, float] = {}
    lift_size_limit()
    for nominal in SIZES:
        data = build_digest(nominal)
        size = len(scmpfeeds.parse_bilingual_digest(data).articles)
        _against_floor(
            table, ratios, "digest", nominal, size,
            ("decode + splitlines (floor)", partial(_decode_lines, data)),
            ("parse_bilingual_digest", partial(scmpfeeds.parse_bilingual_digest, data)),
            repeat,
        )  # fmt: skip
    return ratios


def bench_dedupe(table: Table, repeat: int) -> dict[str, float]:
    shuffled = build_articles(500_000, 1_000_000)
    ratios: dict[str, float] = {}
    for order, articles in (("shuffled", shuffled), ("daily order", in_daily_order(shuffled))):
        floor = median_time(partial(bare_dict_pass, articles), repeat)
        table.add("dedupe", f"bare dict-by-key pass (floor), {order}", len(articles), floor)
        compare = median_time(partial(lookup_and_compare, articles), repeat)
        table.add(
            "dedupe",
            f"lookup + compare, no merge, {order}",
            len(articles),
            compare,
            f"{compare / floor:.2f}x floor (reference)",
        )
        for keep in ("first", "last"):
            ours = median_time(partial(scmpfeeds.dedupe, articles, keep=keep), repeat)
            table.add(
                "dedupe",
                f"dedupe(keep={keep!r}), {order}",
                len(articles),
                ours,
                f"{ours / floor:.2f}x floor",
            )
            ratios[f"dedupe {keep} {order}"] = ours / floor
        _in_modes(
            table, ratios, "dedupe", f"dedupe(keep='merge'), {order}", len(articles),
            partial(scmpfeeds.dedupe, articles, keep="merge"), floor, repeat,
            f"dedupe merge {order}",
        )  # fmt: skip
    return ratios


def bench_against_peer(rounds: int) -> dict[str, float]:
    """``bench_peer``'s comparison, as seconds keyed ``peer|input|size|call``."""
    try:
        rows = bench_peer.run(rounds)
    except ImportError:  # (fastfeedparser is not installed)
        return {}
    found: dict[str, float] = {"peer ran": 1.0}
    for name, size, seconds in rows:
        for call, median in seconds.items():
            found[f"peer|{name}|{size}|{call}"] = median
    return found


def bench_memory(megabytes: int) -> dict[str, tuple[float, int, float]]:
    """Peak RSS (MiB) of the streaming parsers over files of *megabytes* MB."""
    results: dict[str, tuple[float, int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "big.md"
        unit = build_dump(5_000)
        with dump.open("w", encoding="utf-8") as file:
            for _ in range(int(megabytes * 1e6 / len(unit.encode())) + 1):
                file.write(unit)
        for mode, _ in modes():
            count, peak = streamed_peak("iter_markdown_dump", dump, pure=mode == "pure")
            results[f"iter_markdown_dump ({mode})"] = (dump.stat().st_size / 1e6, count, peak)
        dump.unlink()
        feed = Path(tmp) / "big.xml"
        unit_b = build_feed(5_000)
        head = unit_b[: unit_b.index(b"<item>")]
        tail = unit_b[unit_b.rindex(b"</item>") + len(b"</item>") :]
        body = unit_b[len(head) : len(unit_b) - len(tail)]
        with feed.open("wb") as file:
            file.write(head)
            for _ in range(int(megabytes * 1e6 / len(body)) + 1):
                file.write(body)
            file.write(tail)
        for mode, _ in modes():
            count, peak = streamed_peak("iter_rss", feed, pure=mode == "pure")
            results[f"iter_rss ({mode})"] = (feed.stat().st_size / 1e6, count, peak)
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lxml_version = ".".join(str(part) for part in etree.LXML_VERSION[:3])
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}) on {platform.system()}; lxml {lxml_version}; "
        f"scmpfeeds {scmpfeeds.__version__}"
    )


def plot(table: Table, path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(8, 5))
    styles = {"RSS": "-", "markdown": "--", "digest": ":"}
    series = sorted({(r[0], r[1]) for r in table.rows if r[0] in styles})
    colormap = plt.get_cmap("tab20")
    for index, (format, what) in enumerate(series):
        color = colormap(index % 20)
        points = [(r[2], r[2] / r[3]) for r in table.rows if (r[0], r[1]) == (format, what)]
        if len(points) > 1:
            sizes, rates = zip(*points, strict=True)
            ax.plot(
                sizes, rates, styles[format], marker="o", color=color, label=f"{format}: {what}"
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles in the document")
    ax.set_ylabel("articles per second")
    ax.set_title("scmpfeeds throughput by document size")
    ax.legend(fontsize=6, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return True


def _span(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:.2f}x" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}–{high:.2f}x"


def targets(
    ratios: dict[str, float], archive: list[tuple[str, float, float, int, int]]
) -> list[str]:
    """The issue's targets beside what this run measured, pure and compiled."""
    by_name = {what: ratio for what, _, ratio, _, _ in archive}
    mode_names = [mode for mode, _ in modes()]

    def measured(get: Callable[[str], list[float]]) -> list[str]:
        cells = {mode: _span(get(mode)) for mode in mode_names}
        return [cells.get("pure", "–"), cells.get("compiled", "not built")]

    def scaling(mode: str) -> list[float]:
        return [
            ratios[f"{f} per-article {SIZES[-1]} {mode}"]
            / ratios[f"{f} per-article {SIZES[0]} {mode}"]
            for f in ("rss", "markdown", "digest")
        ]

    rows = [
        ("markdown, archive sample (2,000 real dumps)", "read + decode + block regex", "≤ 2.5x",
         "≤ 1.5x", lambda m: [by_name[f"parse_markdown_dump, file by file ({m})"]]),
        ("CLI `parse DIR` → JSON Lines, archive sample", "same floor", "≤ 4x", "≤ 2.0x",
         lambda m: [by_name[f"scmpfeeds parse → JSON Lines ({m})"]]),
        ("CLI `parse DIR` → CSV, archive sample", "same floor", "—", "≤ 2.5x",
         lambda m: [by_name[f"scmpfeeds parse → CSV ({m})"]]),
        ("`parse_rss`, 1k/10k/50k", "`lxml.etree.fromstring`", "no regression", "≤ 1.35x",
         lambda m: [ratios[f"rss floor {n} {m}"] for n in SIZES]),
        ("`iter_rss`, 1k/10k/50k", "same", "no regression", "≤ 1.5x",
         lambda m: [ratios[f"iter_rss {n} {m}"] for n in SIZES]),
        ("`parse_markdown_dump`, suite corpus", "regex scan", "no regression", "≤ 1.2x",
         lambda m: [ratios[f"markdown floor {n} {m}"] for n in SIZES]),
        ("`parse_bilingual_digest`, 1k/10k/50k", "decode + splitlines", "≤ 2.5x", "≤ 2x",
         lambda m: [ratios[f"digest floor {n} {m}"] for n in SIZES]),
        ("`dedupe(keep=\"merge\")`, 1M, 500k distinct", "dict pass", "no regression", "≤ 1.5x",
         lambda m: [ratios[f"dedupe merge {o} {m}"] for o in ("shuffled", "daily order")]),
        ("per-article cost at 50k vs 1k", "—", "—", "≤ 1.2x", scaling),
    ]  # fmt: skip
    lines = [
        "| work | floor | pure target | pure | compiled target | compiled |",
        "|---|---|---|---:|---|---:|",
    ]
    for work, floor, pure_target, compiled_target, get in rows:
        pure, compiled = measured(get)
        lines.append(
            f"| {work} | {floor} | {pure_target} | {pure} | {compiled_target} | {compiled} |"
        )
    return lines


def rust_peer(ratios: dict[str, float]) -> list[str]:
    """``parse_rss`` and ``iter_rss`` against fastfeedparser, and the C tokenizers'
    floors, as :mod:`bench_peer` measured them in this run."""
    if not ratios.get("peer ran"):
        return ["fastfeedparser is not installed: `nox -s bench` installs it."]
    rows: dict[tuple[str, int], dict[str, float]] = {}
    for key, seconds in ratios.items():
        if key.startswith("peer|"):
            _, name, size, call = key.split("|")
            rows.setdefault((name, int(size)), {})[call] = seconds
    return bench_peer.table([(name, size, found) for (name, size), found in rows.items()])


def write_report(
    table: Table,
    ratios: dict[str, float],
    memory: dict[str, tuple[float, int, float]],
    plotted: bool,
    archive: list[tuple[str, float, float, int, int]],
) -> str:
    lines = [
        "# Performance",
        "",
        "Measured by `nox -s bench` (`benchmarks/suite.py`), which wrote this page on "
        f"{datetime.now(timezone.utc):%Y-%m-%d}. Every figure is a median over repeated runs; "
        "every comparison was measured in the same run on the same bytes. The RSS, markdown, "
        "digest and dedupe groups each ran in a fresh process of its own.",
        "",
        f"Machine: {machine()}.",
        "",
        "## Targets",
        "",
        "Each row: the ratio to its floor, measured in this run, for the pure-Python code and "
        "for the compiled core (a span where several sizes or orders are measured).",
        "",
        *targets(ratios, archive),
        "",
        "## Against the Rust peer",
        "",
        "`parse_rss` and `iter_rss` (drained) against fastfeedparser's whole parse of the "
        "same bytes, each a ratio to fastfeedparser's time, with the targets (`parse_rss` ≤ "
        f"{bench_peer.TARGETS['parse_rss']}x, `iter_rss` ≤ {bench_peer.TARGETS['iter_rss']}x); "
        "and, beside them, what the two C tokenizers a tree-less reader could be built on "
        "(expat, libxml2's SAX) cost with no callback at all, no field read and no record "
        "made. The compiled core's scan is a tokenizer of its own, which reads the fields and "
        "makes the records for about what those two cost to tokenize alone. All timed in "
        "turn, round after round, in one process of their own (`benchmarks/bench_peer.py`).",
        "",
        *rust_peer(ratios),
        "",
        "## The real workload: a folder of real dumps",
        "",
        "`tests/realdata/markdown/archive-2023-sample.tar.xz`: 2,000 real markdown dumps of "
        "every outlet from 2023 (hundreds of feeds, every shape of the format), "
        f"{archive[0][3] / 1e6:.1f} MB, {archive[0][4]:,} articles, read file by file. The "
        "floor reads each file, decodes it and runs one regular expression that finds each "
        "`## ` heading with its ` - ` lines (`benchmarks/bench_archive.py`).",
        "",
        "| reader | median | MB/s | per article | against the floor |",
        "|---|---:|---:|---:|---:|",
    ]
    for what, seconds, ratio, size, articles in archive:
        lines.append(
            f"| {what} | {seconds * 1e3:.0f} ms | {size / seconds / 1e6:.1f} | "
            f"{seconds / articles * 1e6:.1f} µs | {ratio:.2f}x |"
        )
    lines += [
        "",
        "## Scaling corpora",
        "",
        "Built from the seed documents, with a fresh article ID for every copy: one "
        "document of each size, for the scaling curves and the peers.",
        "",
        "| format | what | articles | median | per article | note |",
        "|---|---|---:|---:|---:|---|",
    ]
    for format, what, size, seconds, note in table.rows:
        lines.append(
            f"| {format} | {what} | {size:,} | {seconds * 1e3:.1f} ms | "
            f"{seconds / size * 1e6:.2f} µs | {note} |"
        )
    lines += [
        "",
        "## Streaming memory",
        "",
        "| parser | input | articles | peak RSS |",
        "|---|---:|---:|---:|",
    ]
    for name, (megabytes, count, peak) in memory.items():
        lines.append(f"| {name} | {megabytes:.0f} MB | {count:,} | {peak:.1f} MiB |")
    lines += ["", "## Scaling", ""]
    for format in ("rss", "markdown", "digest"):
        for mode, _ in modes():
            small = ratios[f"{format} per-article {SIZES[0]} {mode}"]
            large = ratios[f"{format} per-article {SIZES[-1]} {mode}"]
            lines.append(
                f"- {format} ({mode}): {large * 1e6:.2f} µs per article at {SIZES[-1]:,} "
                f"against {small * 1e6:.2f} µs at {SIZES[0]:,} ({large / small:.2f}x)."
            )
    if plotted:
        lines += ["", "![Throughput by document size](performance.png)"]
    lines += ["", "## Reading these numbers", "", _ANALYSIS]
    return "\n".join(lines) + "\n"


_ANALYSIS = """\
Where the time goes, from cProfile, perf and stripped-down loops:

- **Markdown dumps.** The pure code matches each block of the usual shape with
  one regular expression (which also splits an SCMP link into its URL and ID)
  and builds the record; the match alone costs about what the floor's whole
  scan costs. Links of other outlets are canonicalised without a pattern. The
  compiled core scans each block in C for exactly the groups that expression
  would give (where it is not sure, it asks the expression), cuts the canonical
  URL from the link's span, and builds the record directly, left out of the
  garbage collector's tracking. On the archive sample what remains above the
  floor is opening, reading and decoding each of the 2,000 files, the records
  themselves. The 15,856 links of other outlets that carry a query or a
  fragment lose their tracking parameters in the compiled scan too (they went
  through the reference's `canonical_url` in Python: 206 to 180 ms for the
  2,000 dumps, old and new alternating in one run). `scmpfeeds.read` and the
  command line read a file of up to 1 MiB at once and parse its bytes, and know
  a markdown dump by its first bytes, instead of streaming each small file
  through file wrappers.
- **RSS.** With the compiled core, `parse_rss` reads a plain RSS 2.0 document
  in UTF-8 without a tree: lxml parses the head (up to the first `<item>`),
  which gives the channel and the prefixes in scope, and a tokenizer of our own
  reads the items from the bytes, filling each item's fields as it goes and
  building its article at `</item>` with the code the tree walk uses. It checks
  what libxml2 checks on what it takes (names, quoting, attributes given once,
  the five entities and character references, comments, CDATA, instructions,
  UTF-8 and XML's character ranges, CR LF) eight bytes at a time where the text
  is plain, and declines the document at anything else, which lxml then reads
  from the start. It replaced expat driven through CPython's `pyexpat` capsule,
  whose own tokenizing was about 45% of the time at 1,000 items (`perf`): the
  columns "expat, tokenizing only" and "libxml2 SAX, tokenizing only" below are
  what those two cost with no callback at all, and the scan now comes in under
  both. What remains is mostly making the Python objects of each record
  (strings, dates, media, the record). `iter_rss` reads a document of up to
  2 MiB the same way when that gives what streaming gives (no problem met, no
  channel value given after the items that took it), and a larger one a window
  of 1 MiB at a time (each window ends where an item starts; lines are counted
  across windows), so that its memory stays flat: 37.6 MiB at its peak over 16
  MB and over 165 MB. Where the scan declines part-way, lxml's `iterparse`
  reads the document again and gives what follows the articles already given.
  The floor here is lxml's bare `fromstring`, which the scan does not pay: it
  comes in under it. fastfeedparser parses in a compiled core of its own (Rust, no
  lxml); the table "Against the Rust peer" compares `parse_rss` and `iter_rss`
  with it, all timed in turn in one process. fastfeedparser's own time moves by
  up to a third from one process to the next (81 to 113 ms for the same 10,000
  items on this machine), which is why only ratios measured in one run are
  quoted.
- **Digests.** A pass to split the lines, then the entries and the full texts,
  then the cross-checks and the records. Entries and full texts are tuples,
  which the garbage collector stops tracking once it has seen them, and with
  the compiled core the lines, the entries and the records are left out of its
  tracking altogether, so the cost per article no longer grows with the
  document; in pure Python the records themselves are still tracked, and the
  collector's full passes over them make a 50,000-article digest cost more per
  article than a small one.
- **Dedupe.** `keep="first"` and `keep="last"` are one dict pass. `keep="merge"`
  compares every repeated record with the one it repeats. The pure code pays
  for attrs' `__eq__` (two tuples of 14 fields); the compiled loop reads the
  fields straight from the two records' slots and compares them in C, and runs
  the whole pass in C, so it can come in under the floor, which is a Python loop.
- **The command line.** It writes to a file, as `scmpfeeds parse DIR >
  out.jsonl` does. JSON Lines: the compiled writer reads each record's slots,
  writes dates itself and escapes strings as `json.dumps` does, eight bytes at
  a time, straight into one UTF-8 buffer (about 1.0 µs an article on the
  archive's records). The pure code writes each line field by field with the
  json module's own string encoder (about 5.4 µs, against 10 µs for `to_dict`
  and `json.dumps`), and its text is then encoded to UTF-8 by the file; with
  reading the folder at about 2.9x the floor, that leaves the pure command line
  well above 4x. Writing the 49 MB of output to the file costs the kernel's
  copy on top. The compiled CSV writer reads the slots the same way and
  quotes each field as the csv module would, into the same kind of buffer.
"""


_GROUPS = ("rss", "markdown", "digest", "dedupe", "peer")


def run_group(name: str, args: argparse.Namespace) -> tuple[Table, dict[str, float]]:
    """Run one group of benchmarks in this process."""
    table = Table()
    calls: dict[str, Callable[[], dict[str, float]]] = {
        "rss": partial(bench_rss, table, args.repeat, args.peer_limit),
        "markdown": partial(bench_markdown, table, args.repeat, args.peer_limit),
        "digest": partial(bench_digest, table, args.repeat),
        "dedupe": partial(bench_dedupe, table, max(3, args.repeat // 2)),
        "peer": partial(bench_against_peer, max(3, args.repeat // 2 + 1)),
    }
    gc.collect()
    gc.freeze()  # (the harness's own objects, out of the collector's way)
    return table, calls[name]()


def _in_child(name: str, args: argparse.Namespace, table: Table) -> dict[str, float]:
    """Run one group in a fresh process: what an earlier group leaves behind (a
    grown heap, the peers' modules, objects for the collector to walk) changes
    what later ones measure, and a user's program parses in a process of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "group.json"
        command = [sys.executable, __file__, "--group", name, "--group-output", str(out)]
        command += ["--repeat", str(args.repeat), "--peer-limit", str(args.peer_limit)]
        subprocess.run(command, check=True)
        found = json.loads(out.read_text(encoding="utf-8"))
    table.rows.extend(tuple(row) for row in found["rows"])
    return dict(found["ratios"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--memory-mb", type=int, default=500)
    parser.add_argument(
        "--peer-limit", type=int, default=10_000, help="largest size given to the slow peers"
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/ alone")
    parser.add_argument("--group", choices=_GROUPS, help=argparse.SUPPRESS)
    parser.add_argument("--group-output", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    if args.group:  # a child of the run below
        rows, measured = run_group(args.group, args)
        found = {"rows": rows.rows, "ratios": measured}
        Path(args.group_output).write_text(json.dumps(found), encoding="utf-8")
        return
    table = Table()
    print(f"Machine: {machine()}")
    archive = bench_archive.run(max(3, args.repeat // 2))
    for what, seconds, ratio, _, _ in archive:
        print(f"  archive   {what:<38} {seconds * 1e3:8.0f} ms  {ratio:.2f}x floor")
    ratios: dict[str, float] = {}
    for name in _GROUPS:
        ratios.update(_in_child(name, args, table))
    memory = bench_memory(args.memory_mb)
    for name, (size, count, peak) in memory.items():
        print(f"  {name} over {size:.0f} MB: {count:,} articles, peak RSS {peak:.1f} MiB")
    if not args.no_write:
        plotted = plot(table, ROOT / "docs" / "performance.png")
        report = write_report(table, ratios, memory, plotted, archive)
        (ROOT / "docs" / "performance.md").write_text(report, encoding="utf-8")
        print("wrote docs/performance.md" + (" and docs/performance.png" if plotted else ""))


if __name__ == "__main__":
    main()
