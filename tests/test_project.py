"""The project's promises about itself: README commands, CI, fixtures, public API."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import scmpfeeds
import scmpfeeds._implementation

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.DOTALL)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert commands[0].endswith("scmpfeeds demo")
    assert commands[1].endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci


def test_fixtures_are_unchanged_copies_of_the_seeds() -> None:
    fixtures = sorted(p.name for p in (ROOT / "tests" / "fixtures").glob("*.txt"))
    assert fixtures == [
        "000_f7b80165825318c2.txt",
        "001_71277cbba28fab39.txt",
        "002_2de8bc749e391b77.txt",
        "003_e1ca8efa5881fe9e.txt",
        "004_7a0e8304e58f6477.txt",
    ]
    if SHARED_SEEDS.is_dir():  # beside the repository in development and CI
        for name in fixtures:
            assert (ROOT / "tests" / "fixtures" / name).read_bytes() == (
                SHARED_SEEDS / name
            ).read_bytes()


def test_public_api_is_sorted_and_complete() -> None:
    # Sorted as ruff sorts it: constants (COMPILED) first.
    assert scmpfeeds.__all__ == sorted(scmpfeeds.__all__, key=lambda n: (not n.isupper(), n))
    for name in scmpfeeds.__all__:
        assert hasattr(scmpfeeds, name)
    public = {
        name
        for name, value in vars(scmpfeeds).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert public == set(scmpfeeds.__all__) - {"__version__"}


def test_version_comes_from_the_installed_metadata() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", scmpfeeds.__version__)


def test_readme_links_work_on_the_package_index() -> None:
    """PyPI shows the README without the repository: no relative link may be in it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets
    assert all(t.startswith(("https://", "#")) for t in targets), targets


def test_the_sdist_carries_what_the_tests_read() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").split("\n")
    grafted = {line.split()[1] for line in manifest if line.startswith("graft ")}
    included = {n for line in manifest if line.startswith("include ") for n in line.split()[1:]}
    assert {".ci", "tests", "docs", "src/scmpfeeds"} <= grafted
    assert {"README.md", "setup.py", "noxfile.py", "CHANGELOG.md"} <= included


def test_the_implementation_is_the_one_asked_for() -> None:
    """CI sets SCMPFEEDS_EXPECT to "compiled" or "pure" for each of its two runs, so a
    compiled run that quietly fell back to pure Python fails here."""
    expected = os.environ.get("SCMPFEEDS_EXPECT")
    if expected is None:
        pytest.skip("SCMPFEEDS_EXPECT is not set (CI sets it)")
    assert expected in ("compiled", "pure")
    assert (expected == "compiled") == scmpfeeds.COMPILED, scmpfeeds._implementation.describe()


# The twins of the same names (see scmpfeeds._implementation): the compiled module's
# typed interface (its .pyi), the pure module and the compiled module agree.
_TWINS = ["_records", "dedupe", "digest", "jsonl", "markdown_dump"]


def _parameters(function: ast.FunctionDef) -> list[tuple[str, str, bool]]:
    """(name, kind, whether it has a default) for each parameter of *function*."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(args.defaults)
    found = [(a.arg, "positional", d) for a, d in zip(positional, defaults, strict=True)]
    found += [
        (a.arg, "keyword", d is not None)
        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    ]
    return found


def _of_signature(function: Callable[..., object]) -> list[tuple[str, str, bool]]:
    return [
        (
            p.name,
            "keyword" if p.kind is inspect.Parameter.KEYWORD_ONLY else "positional",
            p.default is not inspect.Parameter.empty,
        )
        for p in inspect.signature(function).parameters.values()
    ]


@pytest.mark.parametrize("name", _TWINS)
def test_each_twin_has_the_names_and_signatures_of_its_reference(name: str) -> None:
    stub = ROOT / "src" / "scmpfeeds" / "_compiled" / f"{name}.pyi"
    functions = {
        node.name: _parameters(node)
        for node in ast.parse(stub.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef)
    }
    assert functions
    pure = importlib.import_module(f"scmpfeeds._pure.{name}")
    for function, parameters in functions.items():
        assert _of_signature(getattr(pure, function)) == parameters, function
    assert set(functions) <= set(pure.__all__)
    assert getattr(scmpfeeds._implementation, name.lstrip("_")) is not None  # chosen once
    if scmpfeeds._implementation.COMPILED:
        compiled = importlib.import_module(f"scmpfeeds._compiled.{name}")
        public = {n for n, v in vars(compiled).items() if inspect.isbuiltin(v) and n[0] != "_"}
        assert public == set(functions)
        assert getattr(scmpfeeds._implementation, name.lstrip("_")) is compiled
    with scmpfeeds._implementation.pure():
        assert getattr(scmpfeeds._implementation, name.lstrip("_")) is pure
