"""Reading collections: files, directories, globs and standard input, in one way.

:func:`read` is what the command line and :mod:`scmpfeeds.dask` use, so the
three agree on which files a collection holds and what happens to each:

* a **file** is read whatever its name or suffix;
* a **directory** is walked recursively, in sorted order (a folder's files
  before its subfolders), and every file in it is a candidate; names that
  start with ``.`` (``.git``, ``.DS_Store``) are passed over, as shell globs do;
* a **glob** (``archive/**/*.md``; ``**`` crosses directories) is expanded in
  sorted order, and a directory it matches is walked;
* ``-`` is standard input.

Walks and globs follow symbolic links, and read each real file once however
many paths lead to it; a link to a folder that holds it (a loop) is reported
and not followed, as are a folder that cannot be listed and anything in a
folder that is not a regular file (a FIFO, a socket, a device), which is never
opened.  A file named explicitly is read as named: a FIFO given by name is read
as ``cat`` reads it.

Each file is then judged by its **content**, never its suffix: gzip, bzip2 and
xz compression are undone transparently, and the format is detected as by
:func:`scmpfeeds.parse`.  A path that does not exist, a glob that matches
nothing, a file that cannot be read, and a file of no known format are each a
:class:`~scmpfeeds.Problem` naming the file (``FILE: message``), with its own
message: ``empty file``, ``binary data``, ``an HTML page``, ``JSON data`` or
``unknown format``.

In strict mode the first problem raises :class:`~scmpfeeds.ParseError` instead.

The link archive is read as it is published: a markdown dump beside its JSON
twin is read once, and its ``sources.json`` names the outlets (see :func:`plan`).
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal, Union

import attrs

from ._archive import Sources, dump_header, find_sources, load_sources, twin_key
from ._compression import MAGIC_NUMBERS, Decompressing
from ._finding import Finder
from ._model import Article, Problem
from ._source import Report, _Replay, check_not_a_document, seekable, warn_problem
from .detect import Format, _articles, _resolve
from .errors import ParseError

__all__ = [
    "TWINS",
    "Paths",
    "Plan",
    "Planned",
    "Twins",
    "find_files",
    "plan",
    "read",
    "read_file",
    "read_planned",
]


#: What :func:`read` and :func:`find_files` take: one path, glob or ``-``, or many.
Paths = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]

STDIN = "-"


def _as_list(paths: Paths) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def find_files(paths: Paths, *, on_problem: Report | None = None) -> list[str]:
    """The files a collection holds, in order (see the module documentation).

    A path that does not exist, a glob that matches no file, a folder that cannot
    be listed, a symbolic link that makes a loop and anything met in a folder
    that is not a regular file (a FIFO, a socket) are reported to *on_problem*
    (by default as a :class:`~scmpfeeds.ParseWarning`) and left out.  Each real
    file that walks and globs reach is listed once, however many paths (through
    symbolic links) lead to it.
    """
    return _find(paths, on_problem or warn_problem).files


def _find(paths: Paths, report: Report) -> Finder:
    finder = Finder(report)
    for path in _as_list(paths):
        check_not_a_document(path)
        if path == STDIN:
            finder.add_named(path)
        elif os.path.isdir(path):
            finder.walk(path)
        elif os.path.exists(path):
            finder.add_named(path)
        elif glob.has_magic(path):
            if not finder.expand(path):
                report(Problem(lineno=None, message="no file matches this pattern", source=path))
        elif os.path.islink(path):
            report(Problem(lineno=None, message="a broken symbolic link", source=path))
        else:
            report(Problem(lineno=None, message="no such file or directory", source=path))
    return finder


class _Named:
    """A binary file object with the name problems should carry."""

    def __init__(self, file: Any, name: str) -> None:
        self._file = file
        self.name = name

    def read(self, size: int = -1, /) -> bytes:
        data: bytes = self._file.read(size)
        return data

    def seekable(self) -> bool:
        return seekable(self._file)

    def tell(self) -> int:
        return int(self._file.tell())

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        return int(self._file.seek(offset, whence))


class _FileContent(bytes):
    """The whole content of a small file, with the file's name for problems."""

    name: str


# A file up to this size is read at once, and parsed as bytes: cheaper, for the
# many small files of a collection, than streaming it through file wrappers.
_WHOLE_FILE_LIMIT = 1 << 20


def _open(path: str, label: str) -> tuple[Any, IO[bytes]]:
    """Open *path* (or standard input) and undo any compression.

    Returns what to read (a file, or a small file's content) and the file to close.
    """
    raw: IO[bytes] = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    data = raw.read(8 if path == STDIN else max(_WHOLE_FILE_LIMIT + 1, 8))  # (8: any magic)
    if path != STDIN and len(data) <= _WHOLE_FILE_LIMIT and not data.startswith(MAGIC_NUMBERS):
        content = _FileContent(data)
        content.name = label
        return content, raw
    if data.startswith(MAGIC_NUMBERS):
        return Decompressing(data, raw, label), raw
    return _Named(_Replay(data, raw), label), raw


def read_file(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    strict: bool = False,
    encoding: str | None = None,
    on_problem: Report | None = None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """Yield the articles of one file (``-`` for standard input), judged by content.

    Compression is undone and the format detected (unless *format* says it).
    Every problem, including a file that cannot be read or is of no known
    format, goes to *on_problem* with the file's name (by default as a
    :class:`~scmpfeeds.ParseWarning`); ``strict=True`` raises
    :class:`~scmpfeeds.ParseError` at the first one instead.
    """
    name = os.fspath(path)
    label = "<stdin>" if name == STDIN else name
    report = on_problem or warn_problem

    def problem(message: str, lineno: int | None = None, colno: int | None = None) -> None:
        if strict:
            raise ParseError(message, lineno=lineno, colno=colno, source=label)
        report(Problem(lineno=lineno, colno=colno, message=message, source=label))

    try:
        file, closing = _open(name, label)
    except OSError as exc:
        problem(f"cannot read: {exc.strerror or exc}")
        return
    decompressing = file if isinstance(file, Decompressing) else None
    try:
        found, file = _resolve(file, format, encoding)
        yield from _articles(found, file, strict, report, encoding, cst_as_china)
    except ParseError as exc:
        damage, given = _damage(decompressing)
        if strict:
            if damage is not None:  # (the cause of what the parser met)
                raise ParseError(damage, source=label) from None
            raise
        if damage is None or given:  # (else "empty file": the damage says why)
            problem(exc.msg, exc.lineno, exc.colno)
    except OSError as exc:
        problem(f"cannot read: {exc.strerror or exc}")
    finally:
        if name != STDIN:
            closing.close()
    # What decompressed before a break was read; now the break is said.
    if (damage := _damage(decompressing)[0]) is not None:
        problem(damage)


def _damage(file: Decompressing | None) -> tuple[str | None, int]:
    """What broke a compressed file's reading, and how many bytes came before."""
    return (None, 0) if file is None else (file.damage, file.given)


def read(
    paths: Paths,
    *,
    format: Format | None = None,
    strict: bool = False,
    encoding: str | None = None,
    on_problem: Report | None = None,
    twins: Twins = "json",
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """Yield the articles of every file in *paths*: files, directories, globs, ``-``.

    Unlike the parsers, a ``str`` here is a path or a glob, never a document.
    Files are found by :func:`find_files` and read by :func:`read_file`; every
    file that is skipped or cannot be read is a :class:`~scmpfeeds.Problem` that
    names it, passed to *on_problem* (by default emitted as a
    :class:`~scmpfeeds.ParseWarning`).

    The link archive is read as it is published (see :func:`plan`): a markdown
    dump beside its JSON twin is read once, from the twin by default (*twins*:
    ``"json"``, ``"markdown"`` or ``"both"``), and the archive's ``sources.json``,
    in a folder being read or above it, names each article's outlet.
    *cst_as_china* is as for :func:`scmpfeeds.parse`.

    >>> from scmpfeeds import read, samples
    >>> problems = []
    >>> articles = list(read(samples.DIRECTORY, on_problem=problems.append))
    >>> len(articles), problems
    (128, [])
    """
    report = on_problem or warn_problem
    found = plan(paths, twins=twins, on_problem=_raise_missing if strict else report)
    for planned in found.files:
        yield from read_planned(
            planned,
            format=format,
            strict=strict,
            encoding=encoding,
            on_problem=report,
            cst_as_china=cst_as_china,
        )


#: Which of a markdown dump and its JSON twin :func:`read` reads.
Twins = Literal["json", "markdown", "both"]
TWINS: tuple[Twins, ...] = ("json", "markdown", "both")


@attrs.frozen
class Planned:
    """One file of a collection, with what the archive around it says."""

    path: str
    #: The markdown dump this JSON file is the twin of, read in its place: its
    #: ``# Source:`` header names the feed, which JSON entries do not.
    twin: str | None = None
    #: The archive's ``sources.json`` that names the outlets, if there is one.
    sources: Sources | None = None


@attrs.frozen
class Plan:
    """The files of a collection, in order, and what was made of the archive's own."""

    files: tuple[Planned, ...]
    #: How many markdown dumps were found beside their JSON twin.
    twins: int = 0
    #: Which of each pair was read.
    read: Twins = "json"
    #: The ``sources.json`` files that name the outlets.
    sources: tuple[str, ...] = ()
    #: How many paths (through symbolic links) led to a file or folder found before.
    repeats: int = 0

    def notes(self) -> list[str]:
        """What was made of the archive, in a line each (for the command line)."""
        notes = []
        if self.twins:
            which = {
                "json": "read from their JSON twins, which carry more (--twins both reads both)",
                "markdown": "read, their JSON twins left (--twins both reads both)",
                "both": "read, and their JSON twins too",
            }[self.read]
            notes.append(f"{self.twins} markdown dump(s) beside their JSON twin: {which}")
        for path in self.sources:
            notes.append(f"outlets named from {path}")
        if self.repeats:
            notes.append(
                f"{self.repeats} path(s) led to a file or folder already found"
                " (through symbolic links): each read once"
            )
        return notes


def plan(paths: Paths, *, twins: Twins = "json", on_problem: Report | None = None) -> Plan:
    """The files of a collection as :func:`read` reads them: :func:`find_files`, with the
    link archive's own files understood.

    * **Twins.** A markdown dump (``X.md``) and its JSON twin (``X.json``) in one
      folder hold the same items.  By default (``twins="json"``) the twin is read
      and the dump is not: the JSON carries more (authors, thumbnails, the
      archiver's own fields) and is all the archive holds since mid-2025; the
      dump's ``# Source:`` header still names the feed.  ``"markdown"`` reads the
      dumps instead, ``"both"`` reads both.
    * **sources.json.** The archive's list of feeds, in a folder being read or in
      a folder above it (the nearest wins), names each article's outlet
      (:attr:`~scmpfeeds.Article.feed_title`, where the file gives none) and adds
      its categories to ``extra`` (``feed category``, ``feed subcategory``).  It
      is understood, not read as a file of articles; so is a file named
      ``sources*.json`` given in *paths* that is such a list.
    """
    if twins not in TWINS:
        raise ValueError(f"twins must be one of {', '.join(TWINS)}, not {twins!r}")
    finder = _find(paths, on_problem or warn_problem)
    found = finder.files
    given: Sources | None = None
    used: dict[str, None] = {}
    files: list[str] = []
    for path in found:
        name = os.path.basename(path)
        listed = path != STDIN and name.startswith("sources") and name.endswith(".json")
        if listed and (table := load_sources(path)) is not None:
            given = given or table
            used[table.path] = None
            continue
        files.append(path)
    pairs = _pairs(files)
    cache: dict[str, Sources | None] = {}
    planned: list[Planned] = []
    for path in files:
        twin, kind = pairs.get(path, (None, None))
        if kind is not None and twins != "both" and kind != twins:
            continue  # (its twin is read in its place)
        sources = None if path == STDIN else find_sources(os.path.dirname(path), cache)
        sources = sources or given
        if sources is not None:
            used[sources.path] = None
        read_for = twin if kind == "json" and twins == "json" else None
        planned.append(Planned(path, read_for, sources))
    return Plan(tuple(planned), len(pairs) // 2, twins, tuple(used), finder.repeats)


def _pairs(files: list[str]) -> dict[str, tuple[str, str]]:
    """Each markdown dump and JSON file that has a twin: its twin, and what it is."""
    groups: dict[str, dict[str, str]] = {}
    for path in files:
        if path != STDIN and (key := twin_key(path)) is not None:
            groups.setdefault(key[0], {}).setdefault(key[1], path)
    pairs: dict[str, tuple[str, str]] = {}
    for group in groups.values():
        if len(group) == 2:
            pairs[group["markdown"]] = (group["json"], "markdown")
            pairs[group["json"]] = (group["markdown"], "json")
    return pairs


def read_planned(
    planned: Planned,
    *,
    format: Format | None = None,
    strict: bool = False,
    encoding: str | None = None,
    on_problem: Report | None = None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """:func:`read_file`, with what the archive around the file says of its feed."""
    articles = read_file(
        planned.path,
        format=format,
        strict=strict,
        encoding=encoding,
        on_problem=on_problem,
        cst_as_china=cst_as_china,
    )
    if planned.twin is None and planned.sources is None:
        yield from articles
        return
    name, language = dump_header(planned.twin) if planned.twin else (None, None)
    for article in articles:
        if (name and article.feed_title is None) or (language and article.language is None):
            article = attrs.evolve(
                article,
                feed_title=article.feed_title or name,
                language=article.language or language,
            )
        yield article if planned.sources is None else planned.sources.name(article)


def _raise_missing(problem: Problem) -> None:
    raise ParseError(problem.message, source=problem.source)
