"""The shared model: equality, hashing, conversion, pickling."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given

from scmpfeeds import Article, Feed, Media, Problem
from scmpfeeds._model import _ArticleSlots, _MediaSlots, _unchecked_article, _unchecked_media

from .strategies import dump_articles

LINK = "https://www.scmp.com/news/china/article/3265321/slug?utm_source=rss_feed"
WHEN = datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc)


def test_url_and_id_default_from_the_link() -> None:
    article = Article(title="T", link=LINK)
    assert article.url == "https://www.scmp.com/news/china/article/3265321/slug"
    assert article.id == 3265321
    assert (article.summary, article.published, article.authors, article.extra) == (
        "",
        None,
        (),
        (),
    )


def test_provenance_takes_no_part_in_equality_or_hashing() -> None:
    one = Article(title="T", link=LINK, source="a.md", lineno=3)
    two = Article(title="T", link=LINK, source="b.xml", lineno=99)
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1


def test_articles_are_frozen() -> None:
    article = Article(title="T", link=LINK)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.title = "other"  # type: ignore[misc]


def test_naive_dates_are_refused() -> None:
    with pytest.raises(ValueError, match="published must be a timezone-aware datetime"):
        Article(title="T", link=LINK, published=datetime(2024, 1, 1))


def test_to_dict_is_json_ready() -> None:
    article = Article(
        title="T",
        link=LINK,
        published=WHEN,
        media=(Media(url="https://img.example/a.jpg", width=10),),
        extra=(("user", "x"), ("user", "y")),
        source="a.md",
        lineno=3,
    )
    assert article.to_dict() == {
        "id": 3265321,
        "url": "https://www.scmp.com/news/china/article/3265321/slug",
        "link": LINK,
        "title": "T",
        "summary": "",
        "published": "2024-06-07T22:00:09+00:00",
        "feed_url": None,
        "feed_title": None,
        "language": None,
        "authors": [],
        "media": [
            {
                "url": "https://img.example/a.jpg",
                "kind": "image",
                "duration": None,
                "type": None,
                "width": 10,
                "height": None,
                "length": None,
                "medium": None,
            }
        ],
        "body": [],
        "title_zh": None,
        "digest_date": None,
        "summary_zh": None,
        "extra": [["user", "x"], ["user", "y"]],
        "source": "a.md",
        "lineno": 3,
    }


def test_everything_pickles() -> None:
    article = Article(title="T", link=LINK, published=WHEN, source="a.md", lineno=3)
    problem = Problem(lineno=3, message="m", text="## x", source="a.md")
    feed = Feed(title="F", articles=(article,), problems=(problem,))
    again = pickle.loads(pickle.dumps(feed))
    assert again == feed
    assert again.articles[0].lineno == 3


def test_problem_str() -> None:
    assert str(Problem(lineno=7, message="bad", source="x.md")) == "x.md:7: bad"
    assert str(Problem(lineno=None, message="bad")) == "<input>: bad"


@given(dump_articles())
def test_the_parsers_fast_constructor_builds_equal_articles(article: Article) -> None:
    values = {field.name: getattr(article, field.name) for field in attrs.fields(Article)}
    values.update(source="src", lineno=5)
    fast = _unchecked_article(**values)
    assert fast == article
    assert attrs.asdict(fast) == {**attrs.asdict(article), "source": "src", "lineno": 5}
    assert type(fast) is Article
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("cls", "slots"), [(Article, _ArticleSlots), (Media, _MediaSlots)], ids=["Article", "Media"]
)
def test_fast_constructors_slot_bases_hold_every_field_in_order(cls: Any, slots: Any) -> None:
    # The fast constructors fill an instance of the slot base and then set its
    # __class__; Python allows that only while the class adds no slots of its own.
    assert slots.__slots__ == (*(field.name for field in attrs.fields(cls)), "__weakref__")
    assert cls.__slots__ == ()
    assert cls.__mro__[1] is slots


def test_the_fast_media_constructor_builds_equal_media() -> None:
    image = Media(url="https://cdn.i-scmp.com/a.jpg", type="image/jpeg", width=4095, length="4095")
    fast = _unchecked_media(
        url="https://cdn.i-scmp.com/a.jpg",
        kind="image",
        type="image/jpeg",
        width=4095,
        length="4095",
    )
    assert fast == image
    assert type(fast) is Media
    assert attrs.asdict(fast) == attrs.asdict(image)
