"""Development sessions: ``nox -s tests lint typecheck build bench``."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs", "build", "workflows"]
nox.options.default_venv_backend = "venv"


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite twice: with the compiled core, then in pure Python (with coverage)."""
    session.install("-e", ".[test]", "coverage[toml]>=7")
    session.run("python", "-m", "pytest", *session.posargs, env={"SCMPFEEDS_EXPECT": "compiled"})
    pure = {"SCMPFEEDS_NO_EXTENSIONS": "1", "SCMPFEEDS_EXPECT": "pure"}
    session.run("coverage", "run", "-m", "pytest", *session.posargs, env=pure)
    session.run("coverage", "report", "--show-missing", "--skip-covered")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package, the tests, the benchmarks and this file."""
    session.install("-e", ".[test]", "mypy>=1.10", "types-lxml", "types-python-dateutil", "nox")
    session.run("mypy", "--strict")
    # A downstream project's view of the types, by the other checker too.
    session.install("pyright")
    session.run(
        "pyright", "--pythonpath", session.virtualenv.bin + "/python", "tests/typing/api.py"
    )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation with Sphinx, warnings as errors.

    The examples on the pages are run first, and their output checked (they
    are also run by tests/test_docs.py in the test session).
    """
    session.install("-e", ".[docs]")
    pages = [str(page) for page in sorted(Path("docs").glob("*.md"))]
    session.run("python", "-m", "doctest", "-o", "ELLIPSIS", *pages)
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and, from it, the wheel with the compiled core; check both."""
    shutil.rmtree("dist", ignore_errors=True)
    shutil.rmtree("build", ignore_errors=True)  # (setuptools would package what it left)
    session.install("build>=1.0", "twine>=5")
    session.run("python", "-m", "build", "--outdir", "dist/")
    session.run("twine", "check", "--strict", "dist/*")
    session.run("python", "-c", _CHECK_SDIST)


_CHECK_SDIST = """
import glob, pathlib, tarfile, zipfile
(sdist,) = glob.glob("dist/scmpfeeds-*.tar.gz")
names = tarfile.open(sdist).getnames()
for needed in ("tests/fixtures/001_71277cbba28fab39.txt", "docs/index.md", "CHANGELOG.md",
               ".ci/run", "setup.py", "src/scmpfeeds/_compiled/rss.pyx"):
    assert any(n.endswith(needed) for n in names), f"the sdist lacks {needed}"
assert not any(n.endswith((".so", ".c")) for n in names), "the sdist holds built files"
print(f"{sdist}: {len(names)} files: the tests and their fixtures, the docs, the core's sources")
# python -m build builds the wheel from the sdist: the sdist builds the compiled core.
(wheel,) = glob.glob("dist/scmpfeeds-*.whl")
built = [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith((".so", ".pyd"))]
sources = sorted(pathlib.Path("src/scmpfeeds/_compiled").glob("*.pyx"))
assert len(built) == len(sources), f"the wheel holds {built}, not one module per {sources}"
print(f"{wheel}: the compiled core ({len(built)} modules), built from the sdist")
"""


@nox.session
def workflows(session: nox.Session) -> None:
    """Validate .github/workflows against the GitHub workflow schema."""
    session.install("check-jsonschema>=0.28")
    session.run(
        "check-jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
    )


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmarks: ratios against the floor and the peers, measured in one run."""
    session.install(
        "-e", ".[arrow]", "feedparser", "fastfeedparser", "atoma", "markdown-it-py", "matplotlib"
    )
    session.run("python", "benchmarks/suite.py", *session.posargs)
    session.run("python", "benchmarks/bench_jobs.py")
    session.run("python", "benchmarks/bench_parquet.py")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The fuzz harnesses for a budget of time, then the property tests with a large one.

    ``nox -s fuzz`` gives each target 60 s; ``nox -s fuzz -- -s 300`` is the
    campaign before a release (35 minutes).  Arguments go to ``fuzz/run.py``.
    """
    session.install("-e", ".[test]", "atheris; python_version < '3.12'")
    session.run("python", "fuzz/run.py", *session.posargs)
    session.run(
        "pytest",
        "-q",
        "tests/test_markdown_properties.py",
        "tests/test_rss_properties.py",
        "tests/test_digest_properties.py",
        "tests/test_fuzz.py",
        "--hypothesis-show-statistics",
        env={"HYPOTHESIS_PROFILE": "fuzz"},
    )


# What a sanitized build is compiled and linked with.
_SANITIZE = "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"


@nox.session
def sanitize(session: nox.Session) -> None:
    """The compiled core built with AddressSanitizer and UBSan, under the tests and the fuzzers.

    ``nox -s sanitize`` runs the suite (less what builds or installs) and 60 s
    of each fuzz target; ``nox -s sanitize -- short`` (CI, on every change) the
    parity, hostile-input and fuzz-target tests and 5 s of each target.  The
    recipe: gcc's sanitizer runtimes preloaded (Python itself is not built with
    them), ``PYTHONMALLOC=malloc`` so that Python's objects are checked too,
    ``detect_leaks=0`` (CPython keeps memory to its exit), and the first report
    fails the run.  A positive control (fuzz/control.c: a heap overflow and a
    signed overflow) shows first that reports appear under this recipe.  Linux
    and gcc only.
    """
    short = "short" in session.posargs
    gcc = shutil.which("gcc")
    if gcc is None or not Path("/proc").exists():
        session.skip("the sanitizer session needs Linux and gcc")
    runtimes = [
        session.run(gcc, f"-print-file-name={name}", silent=True, external=True).strip()  # type: ignore[union-attr]
        for name in ("libasan.so", "libubsan.so")
    ]
    if not all(Path(runtime).is_absolute() and Path(runtime).exists() for runtime in runtimes):
        session.skip("gcc's sanitizer runtimes (libasan, libubsan) are not installed")
    env = {
        "LD_PRELOAD": ":".join(runtimes),
        "ASAN_OPTIONS": "detect_leaks=0:halt_on_error=1:abort_on_error=0",
        "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        "PYTHONMALLOC": "malloc",
        "SCMPFEEDS_SANITIZED": "1",  # (tests that bound memory allow for the red zones)
    }
    # A copy of the tree, so that no build of it here can mix with the checkout's.
    tree = Path(session.create_tmp()) / "tree"
    shutil.rmtree(tree, ignore_errors=True)
    files = session.run("git", "ls-files", silent=True, external=True)
    for name in str(files).splitlines():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(name, tree / name)
    flags = f"{_SANITIZE} -g -O1"
    session.install("--no-cache-dir", f"{tree}[test]", env={"CFLAGS": flags, "LDFLAGS": _SANITIZE})
    control = tree / "control.so"
    session.run(
        gcc,
        "-shared",
        "-fPIC",
        *flags.split(),
        "-o",
        str(control),
        "fuzz/control.c",
        external=True,
    )
    session.run("python", "fuzz/sanitized.py", str(control), env=env)
    tests = ["tests/test_parity.py", "tests/test_hostile.py", "tests/test_fuzz_targets.py"]
    if not short:
        tests = ["tests", "--ignore=tests/test_wheel.py", "--ignore=tests/test_project.py",
                 "--ignore=tests/test_typing.py", "--ignore=tests/test_docs.py"]  # fmt: skip
    # The short pass keeps the default example budget even in CI: under the
    # sanitizers an example costs several times as much (400 took 4.6 minutes).
    budget = {"HYPOTHESIS_PROFILE": "default"} if short else {}
    with session.chdir(tree):  # (the tests import the sanitized build, not ./src)
        session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests,
                    env={**env, **budget, "SCMPFEEDS_EXPECT": "compiled"})  # fmt: skip
        session.run("python", "fuzz/run.py", "--engine", "mutate", "-s", "5" if short else "60",
                    env=env)  # fmt: skip
