from typing import Any

from scmpfeeds._model import Article

def blocks(
    reader: Any, text: str, pos: int, end: int, lineno: int, out: list[Article]
) -> tuple[int, int]: ...
def scan(text: str, pos: int, end: int) -> tuple[tuple[str | None, ...], int] | None: ...
