"""Fuzz every parser and writer for a budget of time, and say what was found.

    python fuzz/run.py                       # every target, 60 s each
    python fuzz/run.py markdown rss -s 600   # two targets, ten minutes each
    python fuzz/run.py -s 20 --engine mutate # the simple engine (no atheris)

Two engines:

* ``atheris`` (``pip install atheris``; wheels for CPython 3.11 and older):
  coverage-guided by libFuzzer over the pure-Python code.  Each target runs in a
  process of its own, its corpus kept in ``fuzz/.work/corpus/TARGET`` from one
  run to the next; an input that made a target fail is saved in
  ``fuzz/.work/findings/``.
* ``mutate``: random mutations of the seeds (byte flips, NUL bytes, cut and
  repeated lines, splices of the format's own tokens) in this process.  It runs
  anywhere, under the sanitizers too (``nox -s sanitize``).

The default engine is atheris where it imports.  The report gives, per target,
the executions, the seconds and the findings; the exit status is 1 if anything
was found.  The budget before a release: ``-s 300`` over every target (35
minutes), ``nox -s fuzz -- -s 300``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import random
import re
import subprocess
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

from targets import TARGETS, Finding, seeds  # noqa: E402

# Pieces of the formats that a mutation splices in.
_TOKENS = [
    b"## ", b"\n## ", b"# Source:", b" - [", b"](", b" - RSS feed: ", b" - date published: ",
    b"<item>", b"</item>", b"<title>", b"<![CDATA[", b"]]>", b"&amp;", b"&#0;", b"<!DOCTYPE x [",
    b"<description>", b"<pubDate>", b"<media:content url=", b'{"link": ', b'"entries": [', b"},",
    b"\xe6\x91\x98\xe8\xa6\x81", b"1. ", b"\r", b"\r\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    b"+08:00", b"2024-13-45T25:61:00", b"https://www.scmp.com/news/article/3265321/x?utm_x=1#",
]  # fmt: skip


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """A few random changes to *data*."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(out)) if out else 0
        kind = rng.randrange(8)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = rng.choice(_TOKENS)
        elif kind == 2:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 3:
            del out[at:]
        elif kind == 4 and out:
            start = rng.randint(0, len(out) - 1)
            out[at:at] = out[start : start + rng.randint(1, 400)]
        elif kind == 5:
            other = rng.choice(pool)
            start = rng.randint(0, max(len(other) - 1, 0))
            out[at:] = other[start : start + rng.randint(1, 4000)]
        elif kind == 6:
            lines = bytes(out).split(b"\n")
            rng.shuffle(lines) if rng.random() < 0.2 else lines.insert(
                rng.randint(0, len(lines)), rng.choice(lines)
            )
            out = bytearray(b"\n".join(lines))
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(out)


def run_mutate(name: str, seconds: float, seed: int) -> tuple[int, float, list[str]]:
    """The simple engine: (executions, seconds, findings)."""
    target, pool = TARGETS[name], seeds(name) or [b""]
    corpus = list(pool)
    rng = random.Random(seed)
    findings: list[str] = []
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        data = mutate(rng.choice(corpus), pool, rng)
        runs += 1
        try:
            target(data)
        except Exception as exc:  # a finding: anything a target raises
            findings.append(_save(name, data, exc))
            if len(findings) >= 10:
                break
        else:
            if rng.random() < 0.01 and len(corpus) < 500:
                corpus.append(data)  # (mutations of mutations reach further)
    return runs, time.perf_counter() - start, findings


def _save(name: str, data: bytes, exc: BaseException) -> str:
    findings = WORK / "findings"
    findings.mkdir(parents=True, exist_ok=True)
    path = findings / f"{name}-{hashlib.sha1(data).hexdigest()[:12]}"
    path.write_bytes(data)
    kind = "finding" if isinstance(exc, Finding) else type(exc).__name__
    path.with_suffix(".txt").write_text("".join(traceback.format_exception(exc)))
    return f"{path}: {kind}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]


def run_atheris(name: str, seconds: float, seed: int) -> tuple[int, float, list[str]]:
    """The coverage-guided engine, in a process of its own: (executions, seconds, findings)."""
    corpus = WORK / "corpus" / name
    corpus.mkdir(parents=True, exist_ok=True)
    for data in seeds(name):
        (corpus / f"seed-{hashlib.sha1(data).hexdigest()[:12]}").write_bytes(data)
    (WORK / "findings").mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, str(HERE / "_atheris_main.py"), name, str(corpus),
        f"-max_total_time={int(seconds)}", f"-seed={seed}", "-timeout=30", "-rss_limit_mb=4096",
        "-max_len=65536", f"-artifact_prefix={WORK / 'findings'}/{name}-", "-print_final_stats=1",
    ]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    runs = re.findall(r"stat::number_of_executed_units: (\d+)", result.stderr)
    findings = []
    if result.returncode != 0:
        tail = [line for line in result.stderr.splitlines() if line.strip()][-12:]
        findings.append(f"exit {result.returncode}:\n    " + "\n    ".join(tail))
    return int(runs[-1]) if runs else 0, elapsed, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", choices=[*TARGETS, []], metavar="TARGET")
    parser.add_argument("-s", "--seconds", type=float, default=60, help="per target")
    parser.add_argument("--engine", choices=["atheris", "mutate"])
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    names = args.targets or list(TARGETS)
    engine = args.engine or ("atheris" if importlib.util.find_spec("atheris") else "mutate")
    run = run_atheris if engine == "atheris" else run_mutate
    jobs = args.jobs if engine == "atheris" else 1  # (the simple engine: one process)
    print(f"fuzzing {', '.join(names)} with {engine}, {args.seconds:g} s each", flush=True)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = dict(
            zip(names, pool.map(lambda n: run(n, args.seconds, args.seed), names), strict=True)
        )
    total_runs = total_found = 0
    print(f"{'target':<10} {'executions':>11} {'seconds':>8} {'per s':>7}  findings")
    for name, (runs, elapsed, findings) in results.items():
        total_runs += runs
        total_found += len(findings)
        rate = runs / elapsed if elapsed else 0
        print(f"{name:<10} {runs:>11,} {elapsed:>8.0f} {rate:>7.0f}  {len(findings)}")
        for finding in findings:
            print(f"    {finding}")
    seconds = sum(elapsed for _, elapsed, _ in results.values())
    print(f"{'all':<10} {total_runs:>11,} {seconds:>8.0f} {'':>7}  {total_found}")
    return 1 if total_found else 0


if __name__ == "__main__":
    sys.exit(main())
