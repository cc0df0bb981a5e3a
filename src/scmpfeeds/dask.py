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

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import dask.bag as db
from dask.delayed import delayed

from ._model import Article, Problem
from ._source import warn_problem
from .dedupe import Keep, article_key, merge_articles
from .detect import Format, iter_articles

__all__ = ["dedupe", "expand_paths", "read"]

_SUFFIXES = (".md", ".markdown", ".txt", ".xml", ".rss")
Problems = Literal["warn", "keep", "raise"]


def expand_paths(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> list[str]:
    """Turn a glob, a directory, a path or a list of them into a sorted list of files.

    Directories are walked for files ending in ``.md``, ``.markdown``, ``.txt``,
    ``.xml`` or ``.rss``; a glob may use ``**``.
    """
    items = [paths_or_glob] if isinstance(paths_or_glob, (str, os.PathLike)) else paths_or_glob
    found: list[str] = []
    for item in items:
        text = os.fspath(item)
        if os.path.isdir(text):
            found += sorted(
                str(p)
                for p in Path(text).rglob("*")
                if p.suffix.lower() in _SUFFIXES and p.is_file()
            )
        elif glob.has_magic(text):
            found += sorted(glob.glob(text, recursive=True))
        else:
            found.append(text)
    return found


def _read_files(paths: Iterable[str], fmt: Format | None, problems: Problems) -> list[Any]:
    """Read one partition's files (runs on a worker)."""
    out: list[Any] = []
    for path in paths:
        kept: list[Problem] = []
        report = kept.append if problems == "keep" else warn_problem
        out.extend(
            iter_articles(Path(path), strict=problems == "raise", format=fmt, on_problem=report)
        )
        out.extend(kept)
    return out


def read(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: Format | None = None,
    problems: Problems = "warn",
    files_per_partition: int = 1,
) -> db.Bag:
    """A bag of the articles in the files (see :func:`expand_paths`), in file order.

    *problems* says what happens to what cannot be read: ``"warn"`` emits a
    :class:`~scmpfeeds.ParseWarning` on the worker, ``"keep"`` puts each
    :class:`~scmpfeeds.Problem` in the bag after its file's articles (select them
    with ``bag.filter(lambda x: isinstance(x, Problem))``), ``"raise"`` reads
    strictly and fails the computation on the first one.
    """
    files = expand_paths(paths_or_glob)
    if not files:
        raise FileNotFoundError(f"no files match {paths_or_glob!r}")
    groups = [
        files[i : i + files_per_partition] for i in range(0, len(files), files_per_partition)
    ]
    parts = [delayed(_read_files)(group, format, problems) for group in groups]
    return db.from_delayed(parts)


# -- dedupe ------------------------------------------------------------------------------------

Numbered = tuple[tuple[int, int], Article]


def _number(partition: list[Any], index: int) -> list[Numbered]:
    return [((index, j), article) for j, article in enumerate(partition)]


def _key(item: Numbered) -> int | str:
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


def dedupe(bag: db.Bag, *, keep: Keep = "merge") -> db.Bag:
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
