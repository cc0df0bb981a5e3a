from collections.abc import Callable, Iterable

from scmpfeeds._model import Article

def merged(
    articles: Iterable[Article],
    article_key: Callable[[Article], object],
    merge_articles: Callable[[Article, Article], Article],
    article_class: type[Article],
) -> list[Article]: ...
