"""The fuzz harnesses (fuzz/) run, and find what they are meant to find.

A short run of each target on its seeds and a few hundred mutations keeps the
harnesses working; the long campaign is ``nox -s fuzz`` (see fuzz/run.py).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pytest

import scmpfeeds
from scmpfeeds import Article

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ))

import targets  # noqa: E402
from run import mutate, run_mutate  # noqa: E402


@pytest.mark.parametrize("name", sorted(targets.TARGETS))
def test_every_target_passes_on_its_seeds_and_mutations(name: str) -> None:
    pool = targets.seeds(name)
    assert pool, f"{name} has no seeds"
    for data in pool:
        targets.TARGETS[name](data)
    rng = random.Random(7)
    for _ in range(60):
        targets.TARGETS[name](mutate(rng.choice(pool), pool, rng))


def test_the_simple_engine_counts_and_reports(tmp_path: Path) -> None:
    runs, seconds, findings = run_mutate("markdown", 0.5, seed=3)
    assert runs > 10
    assert seconds >= 0.5
    assert findings == []


def test_a_target_finds_a_writer_that_loses_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """The positive control: a writer made to drop the last article is caught."""
    real = scmpfeeds.write_jsonl

    def lossy(articles: Iterable[Article], out: IO[str]) -> int:
        return real(list(articles)[:-1], out)

    monkeypatch.setattr(targets, "write_jsonl", lossy)
    seed = targets.seeds("writers")[0]
    with pytest.raises(targets.Finding, match="jsonl: 21 articles written, 20 read back"):
        targets.TARGETS["writers"](seed)
