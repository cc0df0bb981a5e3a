from collections.abc import Iterable

from scmpfeeds._model import Article

def lines(articles: Iterable[Article]) -> bytes: ...
