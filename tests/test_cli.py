"""The command line, end to end through a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scmpfeeds import parse_markdown_dump

from .conftest import FIXTURES

SEED_000 = FIXTURES / "000_f7b80165825318c2.txt"
SEED_003 = FIXTURES / "003_e1ca8efa5881fe9e.txt"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scmpfeeds", *args],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


def json_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_parse_writes_one_json_object_per_article() -> None:
    result = run("parse", str(SEED_000), str(SEED_003))
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    expected = [*parse_markdown_dump(SEED_000).articles, *parse_markdown_dump(SEED_003).articles]
    assert rows == [a.to_dict() for a in expected]
    assert len(rows) == 35
    assert rows[0]["published"] == "2024-06-07T22:00:09+00:00"
    assert result.stderr == "scmpfeeds parse: 2 file(s), 35 article(s), 0 problem(s)\n"


def test_problems_go_to_stderr_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    text = SEED_003.read_text(encoding="utf-8").replace(
        " - date published: 2023-11-12T21:30:12+00:00\n", ""
    )
    bad.write_text(text, encoding="utf-8")
    result = run("parse", str(bad))
    assert result.returncode == 1
    assert len(json_lines(result.stdout)) == 13
    assert result.stderr.splitlines() == [
        f"{bad}:10: article has no ' - date published:' line",
        "scmpfeeds parse: 1 file(s), 13 article(s), 1 problem(s)",
    ]


def test_strict_stops_the_file_at_its_first_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("## only a heading\n" + SEED_003.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("parse", "--strict", str(bad), str(SEED_000))
    assert result.returncode == 1
    assert len(json_lines(result.stdout)) == 21  # nothing from bad.md, all of seed 000
    assert result.stderr.splitlines()[0] == (
        f"{bad}:1: article has no link line (' - [URL](URL)')"
    )


def test_stdin_and_missing_files() -> None:
    result = run("parse", "-", "no-such-file.md", stdin=SEED_003.read_bytes())
    assert result.returncode == 1
    assert len(json_lines(result.stdout)) == 14
    assert result.stderr.splitlines() == [
        "no-such-file.md: cannot read: No such file or directory",
        "scmpfeeds parse: 2 file(s), 14 article(s), 1 problem(s)",
    ]


def test_demo_runs_on_the_bundled_sample() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    assert len(rows) == 21
    assert rows[0]["id"] == 3265321
    assert result.stderr.endswith("1 file(s), 21 article(s), 0 problem(s)\n")


@pytest.mark.parametrize("args", [(), ("parse",), ("frobnicate",), ("parse", "--nope", "x")])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: scmpfeeds")


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("scmpfeeds ")
