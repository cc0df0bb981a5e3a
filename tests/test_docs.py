"""Every example in the documentation runs, and prints what the page says."""

from __future__ import annotations

import contextlib
import doctest
import importlib
import inspect
import io
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import scmpfeeds
import scmpfeeds._ids
import scmpfeeds.digest._sections
import scmpfeeds.files
import scmpfeeds.markdown_dump._reader
import scmpfeeds.rss._media

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").glob("*.md"))


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run from a folder outside the repository: examples read the shipped samples."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("elsewhere")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_doc_page_examples(page: Path) -> None:
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.failed == 0


def test_usage_page_has_examples() -> None:
    examples = doctest.DocTestParser().get_examples((ROOT / "docs" / "usage.md").read_text())
    assert len(examples) >= 20


@pytest.mark.usefixtures("elsewhere")
def test_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Example\n\n```python\n(.*?)```", readme, flags=re.DOTALL)
    assert code is not None
    assert len(code[1].strip().splitlines()) <= 10
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code[1], "README.md", "exec"), {})
    assert out.getvalue().splitlines() == [
        "China - South China Morning Post 21 articles",
        "3265321 2024-06-07T22:00:09+00:00 Art of diplomacy: can cultural exchange bridge "
        "the growing gap in China-US ties?",
        "3265637 2024-06-07T21:30:09+00:00 Hong Kong needs ‘honest brokers’ to tell its story",
        "3265874 2024-06-07T17:10:11+00:00 22 Chinese nationals jailed in Zambia over "
        "multinational cybercrimes",
    ]


def _modules() -> list[ModuleType]:
    """Every module of the package that has examples in its docstrings."""
    modules = []
    for info in pkgutil.walk_packages(scmpfeeds.__path__, "scmpfeeds."):
        if info.name.startswith(("scmpfeeds._compiled", "scmpfeeds.dask", "scmpfeeds.__main__")):
            continue
        module = importlib.import_module(info.name)
        if doctest.DocTestFinder().find(module) and ">>>" in inspect.getsource(module):
            modules.append(module)
    return modules


@pytest.mark.parametrize("module", _modules(), ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_docstring_examples_of_every_module_run() -> None:
    names = {module.__name__ for module in _modules()}
    assert {"scmpfeeds._ids", "scmpfeeds._dedupe", "scmpfeeds.json_entries"} <= names
    assert len(names) >= 10


def test_every_public_name_is_in_the_api_reference() -> None:
    reference = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"scmpfeeds\.(\w+)", reference))
    public = set(scmpfeeds.__all__) - {"__version__"}
    assert public <= documented
    # Type aliases are documented in api.md (a Union or Literal has no docstring of its own).
    aliases = {
        "Keep",
        "Key",
        "Format",
        "MediaKind",
        "Source",
        "Paths",
        "Report",
        "OnLoss",
        "Twins",
    }
    assert aliases <= public
    for name in public - aliases:
        assert getattr(scmpfeeds, name).__doc__, f"{name} has no docstring"


def examples_as_modules(where: Path) -> list[Path]:
    """Each page's examples (and the README's) as a module of its own, in *where*."""
    modules = []
    for page in [*PAGES, ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        if page.name == "README.md":
            match = re.search(r"## Example\n\n```python\n(.*?)```", text, flags=re.DOTALL)
            assert match is not None
            code = match[1]
        else:
            code = "\n".join(e.source for e in doctest.DocTestParser().get_examples(text))
        if code.strip():
            module = where / f"{page.stem.replace('-', '_').lower()}_examples.py"
            module.write_text(code, encoding="utf-8")
            modules.append(module)
    return modules


def test_every_example_passes_mypy_strict(tmp_path: Path) -> None:
    """As written: no example pretends a dump's article always has a date."""
    pytest.importorskip("mypy")
    modules = examples_as_modules(tmp_path)
    assert len(modules) >= 7
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, modules)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout
    assert f"Success: no issues found in {len(modules)} source files" in result.stdout


def test_the_model_table_is_the_model() -> None:
    """docs/usage.md's table of Article fields names every field, with its annotation."""
    page = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    table = page.split("## The model", 1)[1].split("\n\n")[2]
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    documented: dict[str, str] = {}
    for cells in rows:
        names = re.findall(r"`(\w+)`", cells[0])
        for name in names:
            documented[name] = cells[1].replace("\\|", "|").strip("`")
    fields = {field.name: field.type for field in attrs.fields(scmpfeeds.Article)}
    assert documented.keys() == fields.keys()
    for name, kind in documented.items():
        if kind != "provenance":
            assert kind == str(fields[name]), name
