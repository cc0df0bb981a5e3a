"""Run a parse of hostile input in a child process and measure its time and memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, TypedDict

_CHILD = r"""
import json, sys, time, warnings
import scmpfeeds

def peak_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

data = open(sys.argv[1], "rb").read()
before = peak_kb()
start = time.perf_counter()
results = []
for name in ("parse_rss", "iter_rss"):
    for strict in (False, True):
        warnings.simplefilter("ignore")
        try:
            result = getattr(scmpfeeds, name)(data, strict=strict)
            data_out = [a.to_dict() for a in result] if name == "iter_rss" else result.to_dict()
            text = json.dumps(data_out, ensure_ascii=False)
            results.append({"call": name, "strict": strict, "error": None, "text": text})
        except scmpfeeds.ScmpFeedsError as error:
            results.append({"call": name, "strict": strict, "error": str(error), "text": ""})
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "grew_kb": peak_kb() - before, "results": results}))
"""


class Outcome(TypedDict):
    seconds: float
    grew_kb: int
    results: list[dict[str, Any]]


def run_hostile(path: Path) -> Outcome:
    """Parse *path* with every RSS entry point, in both modes, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: Outcome = json.loads(out.stdout)
    return result


def kb(megabytes: int) -> int:
    """A bound on memory growth, in kB: four times as much under AddressSanitizer
    (``nox -s sanitize`` sets SCMPFEEDS_SANITIZED), whose red zones and quarantine
    make every allocation larger and keep freed memory a while."""
    scale = 4 if os.environ.get("SCMPFEEDS_SANITIZED") else 1
    return megabytes * 1024 * scale
