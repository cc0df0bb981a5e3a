"""The public API as a downstream project sees it, checked by pyright.

mypy --strict checks the same file in ``nox -s typecheck``.  pyright is run here
when it is installed (it needs Node.js); otherwise the test is skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

API = Path(__file__).parent / "typing" / "api.py"


def test_pyright_accepts_the_typed_usage_file() -> None:
    beside = Path(sys.executable).parent / "pyright"
    pyright = str(beside) if beside.exists() else shutil.which("pyright")
    if pyright is None or shutil.which("node") is None:
        pytest.skip("pyright (and Node.js) are not installed")
    result = subprocess.run(
        [pyright, "--outputjson", "--pythonpath", sys.executable, str(API)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(result.stdout)
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert errors == []
    assert report["summary"]["filesAnalyzed"] == 1
