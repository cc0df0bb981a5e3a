"""What the benchmark scripts share: timing by median, and peak memory in a child process."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

# The child reports its peak resident set size.  On Linux that is VmHWM from
# /proc/self/status: ru_maxrss would also count the pages of the (much larger)
# parent that the child was forked from, since Linux carries it across exec.
PEAK_RSS = """
def peak_rss_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""


def median_time(
    func: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    """The median wall time of *repeat* calls of *func*, in seconds (*setup*, untimed,
    before each)."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def modes() -> list[tuple[str, Callable[[], AbstractContextManager[object]]]]:
    """The implementations to time: the compiled core (when it is in use) and pure Python."""
    from scmpfeeds import _implementation

    found: list[tuple[str, Callable[[], AbstractContextManager[object]]]] = []
    if _implementation.COMPILED:
        found.append(("compiled", nullcontext))
    found.append(("pure", _implementation.pure))
    return found


def streamed_peak(parser: str, path: Path, pure: bool = False) -> tuple[int, float]:
    """Stream *path* with ``scmpfeeds.<parser>`` in a child; return (articles, peak MiB)."""
    code = PEAK_RSS + (
        "import pathlib, sys, scmpfeeds\n"
        f"n = sum(1 for _ in scmpfeeds.{parser}(pathlib.Path(sys.argv[1])))\n"
        "print(n, peak_rss_kb())\n"
    )
    env = {**os.environ, "SCMPFEEDS_NO_EXTENSIONS": "1"} if pure else None
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return int(out[0]), int(out[1]) / 1024
