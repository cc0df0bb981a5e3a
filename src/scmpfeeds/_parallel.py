"""Reading a collection's files in worker processes, for the command line's ``-j N``.

The files are cut into groups of about :data:`GROUP_BYTES` (as on disk, in
order); each worker reads a group and gives back what the parent would have
written for it (JSON Lines or CSV, as bytes) with the problems it met and its
counts, or, when the parent must see every article first (``--dedupe``, RSS, a
markdown dump, Parquet), the articles.  The parent writes the groups in their
order, so the output is byte for byte what one process writes, and the problems
come in the same order, each naming its file.

Handing articles back costs what reading them costs (pickling 45,000 articles
takes as long as parsing them), which is why the workers write: and why
:func:`scmpfeeds.read` has no ``jobs=``, since it must give articles.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime

import attrs

from ._archive import Sources, load_sources
from ._losses import Loss
from ._model import Article, Problem
from .detect import Format
from .errors import ParseError
from .files import Planned, read_planned
from .records import write_csv, write_jsonl

__all__ = ["GROUP_BYTES", "Options", "Result", "in_workers"]

#: About how much of the input (as on disk) one worker reads at a time.
GROUP_BYTES = 4 << 20


@attrs.frozen
class Options:
    """What every worker needs to know to read and write as the parent would."""

    format: Format | None
    strict: bool
    encoding: str | None
    cst_as_china: bool
    since: datetime | None
    until: datetime | None
    #: ``"jsonl"`` or ``"csv"``: write the group; None: give its articles back.
    write: str | None
    #: The folder where a worker leaves what it wrote, for the parent to copy.
    spill: str | None = None


@attrs.frozen
class Result:
    """One group's work: its output (or articles), problems and counts, in order."""

    files: int
    problems: list[Problem]
    #: Problems of strict mode: (source, line, message) of the error a file stopped at.
    stopped: list[tuple[str | None, int | None, str]]
    left_out: dict[str, int]
    articles: int
    #: The file holding what the group wrote (the parent copies it, then removes it):
    #: far cheaper than sending it back through a pipe.
    written: str | None = None
    losses: list[Loss] = attrs.Factory(list)
    kept: list[Article] = attrs.Factory(list)


# A group as it travels: (path, twin, sources path) for each file.
_Task = tuple[Options, list[tuple[str, str | None, str | None]]]

_SOURCES: dict[str, Sources | None] = {}  # (each worker loads a sources.json once)


def in_workers(files: Sequence[Planned], options: Options, jobs: int) -> Iterator[Result]:
    """The results of reading *files* with *jobs* worker processes, group by group, in order.

    At most twice as many groups as workers are in flight, so that a slow
    consumer does not make the finished ones pile up.
    """
    groups = _groups(files)
    if not groups:
        return
    # On Linux the workers are forked from this process, which has imported all they
    # need (a fresh interpreter costs a quarter of a second); this runs before any
    # thread is started, as the pool forks them all at its first task.  Elsewhere
    # (macOS's system libraries are not safe to fork) they are spawned.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: list[Future[Result]] = []
        tasks = iter(groups)
        for task in tasks:
            pending.append(pool.submit(_work, (options, task)))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            result = pending.pop(0).result()
            for task in tasks:
                pending.append(pool.submit(_work, (options, task)))
                break
            yield result


def _groups(files: Sequence[Planned]) -> list[list[tuple[str, str | None, str | None]]]:
    groups: list[list[tuple[str, str | None, str | None]]] = []
    size = GROUP_BYTES
    for planned in files:
        try:
            length = os.path.getsize(planned.path)
        except OSError:
            length = 0
        if size + length > GROUP_BYTES and size > 0:
            groups.append([])
            size = 0
        sources = None if planned.sources is None else planned.sources.path
        groups[-1].append((planned.path, planned.twin, sources))
        size += length
    return groups


def _work(task: _Task) -> Result:
    """Read one group as the parent would (in a worker process)."""
    options, group = task
    problems: list[Problem] = []
    stopped: list[tuple[str | None, int | None, str]] = []
    left_out: dict[str, int] = {}
    kept: list[Article] = []
    for path, twin, sources_path in group:
        sources = None
        if sources_path is not None:
            if sources_path not in _SOURCES:
                _SOURCES[sources_path] = load_sources(sources_path)
            sources = _SOURCES[sources_path]
        articles = read_planned(
            Planned(path, twin, sources),
            format=options.format,
            strict=options.strict,
            encoding=options.encoding,
            on_problem=problems.append,
            cst_as_china=options.cst_as_china,
        )
        try:
            for article in articles:
                if _wanted(article, options, left_out):
                    kept.append(article)
        except ParseError as exc:  # strict: the file stops at its first problem
            stopped.append((exc.source, exc.lineno, exc.msg))
            problems.append(Problem(lineno=exc.lineno, message=exc.msg, source=exc.source))
    if options.write is None:
        return Result(len(group), problems, stopped, left_out, len(kept), kept=kept)
    losses: list[Loss] = []
    handle, written = tempfile.mkstemp(dir=options.spill, suffix=f".{options.write}")
    with open(handle, "w", encoding="utf-8", newline="") as out:
        if options.write == "jsonl":
            write_jsonl(kept, out)
        else:
            write_csv(kept, out, on_loss=losses.append, header=False)
    return Result(len(group), problems, stopped, left_out, len(kept), written, losses)


def _wanted(article: Article, options: Options, left_out: dict[str, int]) -> bool:
    """Whether *article* is within ``--since``/``--until`` (counted as the parent counts)."""
    if options.since is None and options.until is None:
        return True
    from .cli import _left_out  # (the command line's rule, in its one home)

    reason = _left_out(article, options.since, options.until)
    if reason is not None:
        left_out[reason] = left_out.get(reason, 0) + 1
    return reason is None


def merged_losses(results: list[list[Loss]]) -> list[Loss]:
    """The losses of several groups as one run's: each kind once, counts summed, in the
    order first met."""
    counts: dict[tuple[str, str], int] = {}
    for losses in results:
        for loss in losses:
            key = (loss.format, loss.what)
            counts[key] = counts.get(key, 0) + loss.count
    return [Loss(format=f, what=w, count=n) for (f, w), n in counts.items()]
