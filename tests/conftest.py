"""Shared fixtures and the hypothesis profiles.

Profiles: ``default`` (local runs: 50 examples a property, so that the whole
suite takes about 25 s), ``ci`` (set by ``CI=true``: 400 examples a property, no
deadline on shared machines), ``soak`` and ``fuzz`` (``HYPOTHESIS_PROFILE=...``:
3,000 and 20,000).
"""

from __future__ import annotations

import os
import shutil
import tarfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).parent / "fixtures"
REALDATA = Path(__file__).parent / "realdata"
#: The 2,000 real dumps of every outlet of 2023, with their JSON twins.
ARCHIVE = REALDATA / "markdown" / "archive-2023-sample.tar.xz"

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "soak", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture(scope="session")
def day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2026 day of JSON entries, with the archive's sources.json at its root
    (as in its repository), unpacked once per test process."""
    root = tmp_path_factory.mktemp("RSS-Link-Database-2026")
    with tarfile.open(REALDATA / "json" / "entries-json-2026-01-01.tar.xz") as tar:
        tar.extractall(root, filter="data")
    shutil.copy(REALDATA / "json" / "sources-2026.json", root / "sources.json")
    return root


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive sample, unpacked once per test process."""
    if not ARCHIVE.exists():  # pragma: no cover - the repository and the sdist have it
        pytest.skip("the archive sample is not here")
    where = tmp_path_factory.mktemp("archive")
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(where, filter="data")
    return where
