"""scmpfeeds on Dask: read collections of files into bags and dedupe them in parallel.

Install with ``pip install 'scmpfeeds[dask]'``.

>>> import scmpfeeds.dask as sd                                      # doctest: +SKIP
>>> bag = sd.read("archive/**/*.md")                                # doctest: +SKIP
>>> unique = sd.dedupe(bag).compute()                               # doctest: +SKIP

:func:`read` turns files of any of the three formats into a :class:`dask.bag.Bag`
of :class:`~scmpfeeds.Article` (each file's format is detected, as by
:func:`scmpfeeds.parse`).  :func:`dedupe` is :func:`scmpfeeds.dedupe` as a
distributed reduction: ``foldby`` on the article key with the associative
:func:`scmpfeeds.merge_articles`.  Its result, computed, equals the in-memory
``dedupe`` of the same articles in the same order.

For a ``dask.distributed`` cluster nothing changes but the client::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")   # every worker needs scmpfeeds installed
    unique = sd.dedupe(sd.read(paths)).compute()

Articles, problems and errors pickle, so any scheduler can move them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

try:
    import dask.bag as db
    from dask.delayed import delayed
except ImportError as exc:  # pragma: no cover - the tests run with dask installed
    raise ImportError("scmpfeeds.dask needs Dask: pip install 'scmpfeeds[dask]'") from exc

from ._dedupe import Keep, Key, article_key, merge_articles
from ._model import Article, Problem
from ._source import warn_problem
from .detect import Format
from .errors import ParseError
from .files import Planned, Twins, find_files, plan, read_planned

__all__ = ["Bag", "dedupe", "expand_paths", "read"]

if TYPE_CHECKING:
    #: A :class:`dask.bag.Bag`.  Dask's own classes carry no type annotations, so
    #: for a type checker it is ``Any`` (``bag.compute()`` is then no untyped call).
    Bag = Any
else:
    Bag = db.Bag

Problems = Literal["warn", "keep", "raise"]

#: How many bytes of files a partition of :func:`read` holds, by default (16 MiB).
PARTITION_BYTES = 16 << 20


def expand_paths(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> list[str]:
    """The files of a collection, as :func:`scmpfeeds.find_files` finds them.

    A path that does not exist, or a glob that matches nothing, is warned about
    (a :class:`~scmpfeeds.ParseWarning`) and left out; :func:`read` reports
    them as it reports every other problem.
    """
    return find_files(paths_or_glob)


def _read_files(
    files: Iterable[Planned],
    fmt: Format | None,
    problems: Problems,
    encoding: str | None,
    cst_as_china: bool = False,
) -> list[Any]:
    """Read one partition's files (runs on a worker), as :func:`scmpfeeds.read` does."""
    out: list[Any] = []
    for planned in files:
        kept: list[Problem] = []
        report = kept.append if problems == "keep" else warn_problem
        out.extend(
            read_planned(
                planned,
                strict=problems == "raise",
                format=fmt,
                encoding=encoding,
                on_problem=report,
                cst_as_china=cst_as_china,
            )
        )
        out.extend(kept)
    return out


def read(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: Format | None = None,
    problems: Problems = "warn",
    files_per_partition: int | None = None,
    partition_bytes: int = PARTITION_BYTES,
    encoding: str | None = None,
    twins: Twins = "json",
    cst_as_china: bool = False,
) -> Bag:
    """A bag of the articles in the files, in file order.

    Files are found and read as :func:`scmpfeeds.read` finds and reads them
    (directories, globs, compressed files, formats judged by content), so the
    bag holds the same articles.  *problems* says what happens to what cannot
    be read, a file of no known format included: ``"warn"`` emits a
    :class:`~scmpfeeds.ParseWarning` on the worker, ``"keep"`` puts each
    :class:`~scmpfeeds.Problem` in the bag after its file's articles (select them
    with ``bag.filter(lambda x: isinstance(x, Problem))``), ``"raise"`` reads
    strictly and fails the computation on the first one.

    A partition holds files of about *partition_bytes* in all (16 MiB, as read
    from disk: a few hundred daily files of the archive, a few seconds of work),
    so that many small files do not become as many tiny tasks; one larger file
    is a partition of its own.  ``files_per_partition`` fixes the number of files
    in each instead.  *twins* and
    *cst_as_china* are as for :func:`scmpfeeds.read`: the link archive's dumps
    beside their JSON twins are read once, and its ``sources.json`` names the
    outlets.
    """
    found: list[Problem] = []
    if problems == "raise":
        files = plan(paths_or_glob, twins=twins, on_problem=_raise).files
    elif problems == "keep":
        files = plan(paths_or_glob, twins=twins, on_problem=found.append).files
    else:  # a missing path is warned about here, on the client
        files = plan(paths_or_glob, twins=twins).files
    if not files and not found:
        raise FileNotFoundError(f"no files match {paths_or_glob!r}")
    if files_per_partition is not None:
        step = files_per_partition
        groups = [list(files[i : i + step]) for i in range(0, len(files), step)]
    else:
        groups = _by_size(list(files), partition_bytes)
    parts = [
        delayed(_read_files)(group, format, problems, encoding, cst_as_china) for group in groups
    ]
    if found:
        parts.insert(0, delayed(list)(found))
    return db.from_delayed(parts)


def _by_size(files: list[Planned], limit: int) -> list[list[Planned]]:
    """The files in order, in groups of about *limit* bytes (a larger file alone)."""
    groups: list[list[Planned]] = []
    size = limit
    for planned in files:
        try:
            length = os.path.getsize(planned.path)
        except OSError:  # (standard input, a file gone: read_file says what it is)
            length = 0
        if size + length > limit and (size > 0 or length > limit):
            groups.append([])
            size = 0
        groups[-1].append(planned)
        size += length
    return groups


def _raise(problem: Problem) -> None:
    raise ParseError(problem.message, source=problem.source)


# -- dedupe ------------------------------------------------------------------------------------

Numbered = tuple[tuple[int, int], Article]


def _number(partition: list[Any], index: int) -> list[Numbered]:
    return [((index, j), article) for j, article in enumerate(partition)]


def _key(item: Numbered) -> Key:
    return article_key(item[1])


def _combiner(keep: Keep) -> Any:
    def combine(a: Numbered, b: Numbered) -> Numbered:
        # Partial results always cover consecutive records of a key, so the
        # earlier position is the earlier record.
        (first_at, first), (_, second) = (a, b) if a[0] <= b[0] else (b, a)
        if keep == "first":
            return first_at, first
        if keep == "last":
            return first_at, second
        return first_at, merge_articles(first, second)

    return combine


def _in_order(pairs: list[tuple[Any, Numbered]]) -> list[Article]:
    return [article for _, article in sorted((numbered for _, numbered in pairs), key=_position)]


def _position(item: Numbered) -> tuple[int, int]:
    return item[0]


def dedupe(bag: Bag, *, keep: Keep = "merge") -> Bag:
    """:func:`scmpfeeds.dedupe` on a bag of articles, as a distributed ``foldby``.

    The result is one partition holding one record per key, each where its key
    first appeared; ``.compute()`` gives the same list as the in-memory dedupe.
    """
    if keep not in ("first", "merge", "last"):
        raise ValueError(f"keep must be 'first', 'merge' or 'last', not {keep!r}")
    articles = bag.filter(_is_article)
    numbered = db.from_delayed(
        [delayed(_number)(part, i) for i, part in enumerate(articles.to_delayed())]
    )
    combine = _combiner(keep)
    folded = numbered.foldby(_key, combine, combine=combine)
    return folded.repartition(1).map_partitions(_in_order)


def _is_article(item: Any) -> bool:
    return isinstance(item, Article)
