"""One target under atheris: ``python fuzz/_atheris_main.py TARGET [libFuzzer options]``.

Started by ``fuzz/run.py``; scmpfeeds' Python code is instrumented for coverage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["scmpfeeds", "targets"]):
    from targets import TARGETS


def main() -> None:
    name = sys.argv.pop(1)
    atheris.Setup(sys.argv, TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
