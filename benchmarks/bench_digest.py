"""Benchmark ``parse_bilingual_digest`` against the floor: decoding and splitting the lines.

The corpus is seed 001 with its headlines, entries and articles repeated, each
copy with fresh article IDs and titles, until it holds ``--articles`` articles.
A real digest is a page of a few hundred kB, and the library refuses one of more
than ``MAX_DIGEST`` characters (8 MiB); the benchmark measures how the parser
scales well past that, so it lifts the limit for its own process
(:func:`lift_size_limit`).

Run it with ``nox -s bench`` or ``python benchmarks/bench_digest.py``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from _common import median_time

import scmpfeeds
import scmpfeeds.digest._reader

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "001_71277cbba28fab39.txt"


def lift_size_limit() -> None:
    """Let this process parse digests of any size (the largest corpus is 280 MB)."""
    scmpfeeds.digest._reader.MAX_DIGEST = 2**40


def build_digest(articles: int) -> bytes:
    """Return seed 001 grown to at least *articles* articles that all agree across sections."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    section = lines.index("摘要")
    headlines = lines[3:section]
    entry_end = next(i for i in range(section + 1, len(lines)) if lines[i + 1].startswith("http"))
    entries = lines[section + 1 : entry_end]
    texts = lines[entry_end:]
    out_headlines: list[str] = []
    out_entries: list[str] = []
    out_texts: list[str] = []
    copy = 0
    while len(out_headlines) < articles:
        copy += 1
        tag = f" (copy {copy})"
        out_headlines += [h + tag for h in headlines]
        for i in range(0, len(entries), 3):
            number, title = entries[i].split(". ", 1)
            n = int(number) + (copy - 1) * len(headlines)
            out_entries += [f"{n}. {title}{tag}", entries[i + 1], entries[i + 2]]
        for i, line in enumerate(texts):
            if i + 1 < len(texts) and texts[i + 1].startswith("http"):
                out_texts.append(line + tag)
            elif line.startswith("http"):
                out_texts.append(_shift_id(line, copy * 10**7))
            else:
                out_texts.append(line)
    document = lines[:3] + out_headlines + ["摘要"] + out_entries + out_texts
    return "\n".join(document).encode("utf-8")


def _shift_id(line: str, shift: int) -> str:
    match = re.search(r"/article/(\d+)/", line)
    assert match is not None
    return f"{line[: match.start(1)]}{int(match[1]) + shift}{line[match.end(1) :]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=9)
    args, _ = parser.parse_known_args()

    lift_size_limit()
    data = build_digest(args.articles)
    digest = scmpfeeds.parse_bilingual_digest(data, strict=True)
    count = len(digest.articles)
    del digest  # its articles would be walked by every full garbage collection while timing
    print(f"digest: {count} articles, {len(data) / 1e6:.1f} MB, median of {args.repeat} runs")
    floor = median_time(lambda: data.decode("utf-8").splitlines(), args.repeat)
    ours = median_time(lambda: scmpfeeds.parse_bilingual_digest(data), args.repeat)
    print(f"  decode + splitlines (floor)   {floor * 1e3:9.1f} ms")
    ratio = ours / floor
    print(
        f"  parse_bilingual_digest        {ours * 1e3:9.1f} ms  {ratio:5.2f}x floor (target <= 3x)"
    )


if __name__ == "__main__":
    main()
