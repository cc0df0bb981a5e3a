"""Check that a sanitized run can report: ``python fuzz/sanitized.py CONTROL.so``.

Run by ``nox -s sanitize`` with the sanitizers' environment, before the tests:

* the positive control: the two bugs of fuzz/control.c, called through ctypes
  in a child process set up like the test run, must each be reported;
* the scmpfeeds that the tests will import is the compiled core, built with
  AddressSanitizer (its modules call ``__asan_report_*``).

Exit status 0 when both hold.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

CONTROLS = {
    "overflow_heap(8)": "ERROR: AddressSanitizer: heap-buffer-overflow",
    "overflow_int(1)": "runtime error: signed integer overflow",
}


def main(control: str) -> int:
    failed = 0
    for call, report in CONTROLS.items():
        code = f"import ctypes; ctypes.CDLL({control!r}).{call}"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        seen = report in result.stderr and result.returncode != 0
        print(f"positive control {call}: {'reported' if seen else 'NOT REPORTED'}")
        failed += not seen
    import scmpfeeds

    modules = ["rss", "markdown_dump", "digest", "dedupe", "jsonl", "_records"]
    for name in modules:
        module = importlib.import_module(f"scmpfeeds._compiled.{name}")
        path = Path(module.__file__ or "")
        instrumented = b"__asan_report" in path.read_bytes()
        print(f"{path.name}: {'instrumented' if instrumented else 'NOT INSTRUMENTED'}")
        failed += not instrumented
    print(f"scmpfeeds {scmpfeeds.__version__}: {'compiled' if scmpfeeds.COMPILED else 'PURE'}")
    failed += not scmpfeeds.COMPILED
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
