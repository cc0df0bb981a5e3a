"""Benchmark ``dedupe`` on 1,000,000 articles against a bare dict-by-key pass.

The list holds ``--unique`` distinct stories (the seeds' and the 58 days' articles
given fresh IDs) and as many repeats again: the repeats are equal records, as
overlapping daily scrapes give.  The same records are timed in two orders:
shuffled (each repeat far from the record it repeats, the worst case for the
CPU's caches) and as daily scrapes give them (each repeat about 50 records after
the previous reading).  The floor keeps the first record of each key in a dict
and nothing more.

Run it with ``nox -s bench`` or ``python benchmarks/bench_dedupe.py``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from functools import partial
from operator import itemgetter
from pathlib import Path

from _common import median_time

import scmpfeeds
from scmpfeeds import Article, Key, article_key
from scmpfeeds._model import _unchecked_article

ROOT = Path(__file__).resolve().parent.parent / "tests"


def build(unique: int, total: int) -> list[Article]:
    days = ROOT / "realdata" / "markdown" / "scmp-china-2023"
    paths = [*sorted((ROOT / "fixtures").glob("*.txt")), *sorted(days.glob("*.md"))]
    stories = [a for path in paths for a in scmpfeeds.iter_articles(path)]
    fields = [f.name for f in scmpfeeds.Article.__attrs_attrs__]
    made = []
    for n in range(unique):
        story = stories[n % len(stories)]
        values = {name: getattr(story, name) for name in fields}
        values["id"] = 10_000_000 + n
        made.append(_unchecked_article(**values))
    rng = random.Random(7)
    # Repeats are equal copies, not the same objects: a re-read file gives new records.
    copies = [_unchecked_article(**{n: getattr(a, n) for n in fields}) for a in made]
    articles = made + [rng.choice(copies) for _ in range(total - unique)]
    rng.shuffle(articles)
    return articles


def in_daily_order(articles: list[Article]) -> list[Article]:
    """The same records in the order overlapping daily scrapes give them.

    A story's n-th reading goes 50 places after its first, as if each day's
    scrape held 100 stories and half of them were the day before's.
    """
    readings: Counter[int | None] = Counter()
    placed = []
    for article in articles:
        assert article.id is not None
        placed.append((article.id + 50 * readings[article.id], article))
        readings[article.id] += 1
    placed.sort(key=itemgetter(0))
    return [article for _, article in placed]


def bare_dict_pass(articles: list[Article]) -> list[Article]:
    seen: dict[Key, Article] = {}
    for article in articles:
        key = article_key(article) if article.id is None else article.id
        if key not in seen:
            seen[key] = article
    return list(seen.values())


def lookup_and_compare(articles: list[Article]) -> list[Article]:
    """What any merge must do at least: find each repeat's record and compare the two.

    Not a dedupe (nothing is merged); it shows what the comparison alone costs.
    """
    seen: dict[Key, Article] = {}
    differ = 0
    for article in articles:
        key = article_key(article) if article.id is None else article.id
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = article
        elif earlier is not article and not earlier == article:  # noqa: SIM201
            differ += 1
    assert differ == 0
    return list(seen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--unique", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    args, _ = parser.parse_known_args()

    shuffled = build(args.unique, args.total)
    for order, articles in (("shuffled", shuffled), ("daily order", in_daily_order(shuffled))):
        assert len(scmpfeeds.dedupe(articles)) == len(bare_dict_pass(articles)) == args.unique
        print(
            f"dedupe, {order}: {len(articles):,} articles, {args.unique:,} distinct, "
            f"median of {args.repeat}"
        )
        floor = median_time(partial(bare_dict_pass, articles), args.repeat)
        print(f"  bare dict pass (floor)        {floor * 1e3:9.1f} ms")
        compare = median_time(partial(lookup_and_compare, articles), args.repeat)
        print(
            f"  lookup + compare, no merge    {compare * 1e3:9.1f} ms  "
            f"{compare / floor:5.2f}x floor"
        )
        keeps: tuple[scmpfeeds.Keep, ...] = ("first", "merge", "last")
        for keep in keeps:
            ours = median_time(partial(scmpfeeds.dedupe, articles, keep=keep), args.repeat)
            print(
                f"  dedupe(keep={keep!r:8})         {ours * 1e3:9.1f} ms  "
                f"{ours / floor:5.2f}x floor"
            )


if __name__ == "__main__":
    main()
