"""Build the optional compiled core; everything else is in pyproject.toml.

The extensions in ``src/scmpfeeds/_compiled`` are Cython over lxml's C API.  They
are optional: when there is no C compiler, or ``SCMPFEEDS_NO_EXTENSIONS=1`` is
set, the install still succeeds and scmpfeeds runs its pure-Python code (the
reference the compiled core is tested against).  ``scmpfeeds --version`` says
which is in use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, ExecError, PlatformError

_COMPILER_ERRORS = (CCompilerError, ExecError, PlatformError)

_HERE = Path(__file__).resolve().parent
_COMPILED = _HERE / "src" / "scmpfeeds" / "_compiled"


def _remove_stale() -> None:
    """Remove compiled modules an earlier editable install left in the source tree."""
    for stale in [*_COMPILED.glob("*.so"), *_COMPILED.glob("*.pyd")]:
        stale.unlink()


def _say(message: str) -> None:
    print(f"scmpfeeds: {message}", file=sys.stderr, flush=True)


class _OptionalBuildExt(build_ext):
    """Build the compiled core if this machine can; else say so once and install pure Python.

    The core is all or nothing: if one module fails, none is installed, and any
    left in the source tree by an earlier editable install is removed, so that
    a stale twin can never run beside newer pure-Python code.
    """

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, a failed module, a failed copy
            for ext in self.extensions:  # the modules that did build, in the build tree
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            if self.inplace or getattr(self, "editable_mode", False):
                _remove_stale()  # (a wheel build leaves the source tree alone)
            reason = "no working C compiler" if isinstance(exc, _COMPILER_ERRORS) else exc
            _say(f"installed pure Python: the compiled core did not build ({reason})")


def _extensions() -> list[Extension]:
    if os.environ.get("SCMPFEEDS_NO_EXTENSIONS"):
        _say("installed pure Python: SCMPFEEDS_NO_EXTENSIONS is set")
        return []
    try:
        import lxml
        from Cython.Build import cythonize
    except ImportError as exc:
        _say(f"installed pure Python: the compiled core needs Cython and lxml ({exc})")
        return []
    include = lxml.get_include()
    modules = [
        Extension(f"scmpfeeds._compiled.{path.stem}", [str(path.relative_to(_HERE))],
                  include_dirs=include)
        for path in sorted(_COMPILED.glob("*.pyx"))
    ]  # fmt: skip
    try:
        return cythonize(  # type: ignore[no-any-return]
            modules,
            language_level=3,
            compiler_directives={"boundscheck": False, "wraparound": False, "binding": False},
            quiet=True,
        )
    except Exception as exc:  # (a Cython that cannot compile these sources)
        _say(f"installed pure Python: Cython did not compile the core ({exc})")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": _OptionalBuildExt})
