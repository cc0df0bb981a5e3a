"""Finding the files of a collection: directory walks and globs, one rule for both.

* Symbolic links are followed, to files and to folders, as a shell glob follows
  them; a link to a folder that holds it (``self -> .``, ``sub/up -> ..``) is a
  loop: it is reported and not followed.
* Each real file (its device and inode) is read once however many paths lead
  to it; how many paths were passed over is counted, for one note.  A file named
  explicitly is read as named, as ``cat a a`` reads ``a`` twice.
* A folder that cannot be listed is reported, as is anything met that is neither
  a folder nor a regular file (a FIFO, a socket, a device, a broken link): such
  a file is never opened, since opening a FIFO blocks until something writes.
* Names that start with ``.`` are passed over below the path given, unless the
  glob's own part at that place starts with ``.``.

Globs are expanded here rather than by :mod:`glob`, which follows links with no
memory of where it has been: one link to ``.`` made ``loop/**/*.md`` read a
file 41 times, and two made it run for minutes.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Callable, Iterator

from ._model import Problem

__all__ = ["Finder"]

Identity = tuple[int, int]


def _identity(status: os.stat_result) -> Identity:
    return (status.st_dev, status.st_ino)


def _kind(mode: int) -> str:
    """What a file that is neither a folder nor a regular file is, in a few words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


class Finder:
    """Collects the files of a collection in order, reporting what it cannot use."""

    def __init__(self, report: Callable[[Problem], None]) -> None:
        self._report = report
        self.files: list[str] = []
        #: Paths passed over because they led to a file or folder already found.
        self.repeats = 0
        self._seen_files: set[Identity] = set()
        self._seen_paths: set[str] = set()
        self._walked: set[tuple[Identity, int]] = set()
        self._loops: set[str] = set()

    def _problem(self, path: str, message: str) -> None:
        self._report(Problem(lineno=None, message=message, source=path))

    def _stat(self, path: str, quiet: bool = False) -> os.stat_result | None:
        """The status of what *path* leads to, or None (reported unless *quiet*)."""
        try:
            return os.stat(path)
        except OSError as exc:
            if quiet:
                pass
            elif os.path.islink(path):
                self._problem(path, "a broken symbolic link: skipped")
            else:
                self._problem(path, f"cannot read: {exc.strerror or exc}")
            return None

    def _add(self, path: str, status: os.stat_result) -> None:
        if path in self._seen_paths:  # (the same path matched twice, by two `**`)
            return
        self._seen_paths.add(path)
        identity = _identity(status)
        if identity in self._seen_files:
            self.repeats += 1
            return
        self._seen_files.add(identity)
        self.files.append(path)

    def add_named(self, path: str) -> None:
        """A file named explicitly: read as named, whatever it is."""
        self.files.append(path)

    # -- walks ----------------------------------------------------------------------------

    def walk(self, directory: str) -> None:
        """Every file under *directory*, the files of a folder before its subfolders."""
        status = self._stat(directory)
        if status is not None:
            self._walk(directory, status, frozenset())

    def _walk(self, directory: str, status: os.stat_result, chain: frozenset[Identity]) -> None:
        identity = _identity(status)
        if (identity, -1) in self._walked:
            self.repeats += 1
            return
        self._walked.add((identity, -1))
        chain = chain | {identity}
        folders: list[tuple[str, os.stat_result]] = []
        for path in self._entries(directory):
            entry = self._stat(path)
            if entry is None or self._looped(path, entry, chain):
                continue
            if stat.S_ISDIR(entry.st_mode):
                folders.append((path, entry))
            elif stat.S_ISREG(entry.st_mode):
                self._add(path, entry)
            else:
                self._problem(path, f"{_kind(entry.st_mode)}, not a file to read: skipped")
        for path, entry in folders:
            self._walk(path, entry, chain)

    def _entries(self, directory: str, hidden: bool = False) -> Iterator[str]:
        """The paths in a folder, sorted (hidden names only if asked)."""
        try:
            with os.scandir(directory) as listing:
                names = sorted(e.name for e in listing if hidden or not e.name.startswith("."))
        except OSError as exc:
            self._problem(directory, f"cannot read this folder: {exc.strerror or exc}")
            return
        for name in names:
            yield os.path.join(directory, name)

    def _looped(self, path: str, status: os.stat_result, chain: frozenset[Identity]) -> bool:
        if stat.S_ISDIR(status.st_mode) and _identity(status) in chain:
            if path not in self._loops:  # (a glob and the walk of its match both meet it)
                self._loops.add(path)
                target = os.readlink(path) if os.path.islink(path) else "a folder above it"
                self._problem(
                    path,
                    f"a symbolic link to {target}, a folder that holds it (a loop): not followed",
                )
            return True
        return False

    # -- globs ----------------------------------------------------------------------------

    def expand(self, pattern: str) -> bool:
        """Every file a glob matches (a folder it matches is walked); False if none."""
        before = len(self.files) + self.repeats
        parts = pattern.replace(os.altsep or os.sep, os.sep).split(os.sep)
        first = next(i for i, part in enumerate(parts) if glob.has_magic(part))
        root = os.sep.join(parts[:first]) or (os.sep if pattern.startswith(os.sep) else "")
        status = self._stat(root or os.curdir, quiet=True)
        if status is None or not stat.S_ISDIR(status.st_mode):
            return False
        matches: dict[str, os.stat_result] = {}
        self._match(root, status, parts[first:], frozenset(), matches)
        for path in sorted(matches):
            status = matches[path]
            if stat.S_ISDIR(status.st_mode):
                self._walk(path, status, frozenset())
            elif stat.S_ISREG(status.st_mode):
                self._add(path, status)
            else:
                self._problem(path, f"{_kind(status.st_mode)}, not a file to read: skipped")
        return len(self.files) + self.repeats > before

    def _match(
        self,
        directory: str,
        status: os.stat_result,
        parts: list[str],
        chain: frozenset[Identity],
        matches: dict[str, os.stat_result],
    ) -> None:
        """Collect in *matches* the paths under *directory* that *parts* match."""
        if not parts:
            if directory:
                matches.setdefault(directory, status)
            return
        identity = _identity(status)
        if (identity, len(parts)) in self._walked:  # (reached by another path: done)
            return
        self._walked.add((identity, len(parts)))
        chain = chain | {identity}
        part, rest = parts[0], parts[1:]
        if part == "**":
            self._match(directory, status, rest, chain, matches)
            for path in self._entries(directory or os.curdir):
                entry = self._stat(path, quiet=True)  # (a broken link is no folder)
                if entry is None or not stat.S_ISDIR(entry.st_mode):
                    continue
                if not self._looped(path, entry, chain):
                    self._match(self._relative(path, directory), entry, parts, chain, matches)
            return
        if glob.has_magic(part):
            paths = [
                self._relative(path, directory)
                for path in self._entries(directory or os.curdir, part.startswith("."))
                if fnmatch.fnmatch(os.path.basename(path), part)
            ]
        else:
            path = os.path.join(directory, part)
            paths = [path] if os.path.lexists(path) else []
        for path in paths:
            entry = self._stat(path, quiet=bool(rest))  # (a match is named, a way through not)
            if entry is None:
                continue
            if not rest:
                matches.setdefault(path, entry)
            elif stat.S_ISDIR(entry.st_mode):  # (a part of fixed depth cannot loop)
                self._match(path, entry, rest, chain, matches)

    @staticmethod
    def _relative(path: str, directory: str) -> str:
        """*path* as the glob would spell it: without ``./`` when the glob had none."""
        return os.path.basename(path) if not directory else path
