"""The built wheel: what it holds, and that it works installed in a fresh venv.

This builds the wheel with pip and installs it (and its dependencies) in a new
virtual environment, so it needs a package index; set SCMPFEEDS_SKIP_WHEEL=1 to
skip it on a machine without one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("SCMPFEEDS_SKIP_WHEEL")), reason="SCMPFEEDS_SKIP_WHEEL is set"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # setuptools builds in the tree and would package what an earlier build left there.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        timeout=600,
    )
    (built,) = out.glob("scmpfeeds-*.whl")
    return built


def _expected_files() -> list[str]:
    """What the wheel must hold: every module, the samples and, built, the compiled core."""
    package = ROOT / "src" / "scmpfeeds"
    names = [
        path.relative_to(package.parent).as_posix()
        for path in package.rglob("*")
        if path.suffix in (".py", ".pyi", ".typed")
        or ("_samples" in path.parts and path.is_file())
    ]
    return sorted(n for n in names if "__pycache__" not in n)


def test_the_wheel_holds_the_package_and_nothing_else(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    package = sorted(n for n in names if not n.startswith("scmpfeeds-"))
    compiled = sorted(n for n in package if n.endswith((".so", ".pyd")))
    assert sorted(set(package) - set(compiled)) == _expected_files()
    # Built here, with a compiler: one binary per Cython source, and no sources.
    sources = sorted((ROOT / "src" / "scmpfeeds" / "_compiled").glob("*.pyx"))
    if os.environ.get("SCMPFEEDS_NO_EXTENSIONS"):
        assert compiled == []
    else:
        assert [n.split("/")[-1].split(".")[0] for n in compiled] == [p.stem for p in sources]
    assert not any(n.endswith((".pyx", ".pxd", ".c")) for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Classifier: Typing :: Typed" in text
    assert re.search(r"^Requires-Python: >=3\.10$", text, flags=re.MULTILINE)


def test_installed_wheel_runs_the_readme_quickstart_and_the_demo(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=600
    )
    # Run outside the source tree: the quickstart reads the samples inside the package.
    work = tmp_path / "work"
    work.mkdir()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## Example\n\n```python\n(.*?)```", readme, flags=re.DOTALL)
    assert match is not None
    quickstart = subprocess.run(
        [str(python), "-c", match[1]], cwd=work, capture_output=True, text=True, timeout=120
    )
    assert quickstart.returncode == 0, quickstart.stderr
    assert quickstart.stdout.splitlines()[0] == "China - South China Morning Post 21 articles"
    where = subprocess.run(
        [str(python), "-c", "import scmpfeeds; print(scmpfeeds.__file__, scmpfeeds.COMPILED)"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert str(env_dir) in where.stdout  # the installed copy, not the source tree
    # The wheel's compiled core runs installed (and is named so by --version).
    compiled = not os.environ.get("SCMPFEEDS_NO_EXTENSIONS")
    assert where.stdout.split()[-1] == str(compiled)
    demo = subprocess.run(
        [str(env_dir / "bin" / "scmpfeeds"), "demo"], cwd=work, capture_output=True, text=True
    )
    assert demo.returncode == 0, demo.stderr
    assert len(demo.stdout.splitlines()) == 21
    assert demo.stderr == "scmpfeeds demo: 4 file(s), 128 article(s), 0 problem(s)\n"


def test_the_docs_examples_run_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """Every page's examples, run outside the checkout against the installed wheel (with
    the arrow and dask extras and pandas): they read only the samples the wheel ships."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[arrow,dask]", "pandas"],
        check=True,
        timeout=900,
    )
    work = tmp_path / "work"
    work.mkdir()
    pages = sorted((ROOT / "docs").glob("*.md"))
    result = subprocess.run(
        [str(python), "-m", "doctest", "-o", "ELLIPSIS", *map(str, pages)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Failed example" not in result.stdout
