"""What a writer's format cannot hold, counted and said once.

Every writer writes every article it is given, as exactly as its format allows.
What the format cannot hold (fractions of a second in an RSS date, authors in a
markdown dump) is not a reason to drop an article: the writer writes the rest of
it and counts the loss.  At the end of the run it says, once for each kind of
loss, how many articles it touched: to ``on_loss`` when given, else as one
:class:`~scmpfeeds.RenderWarning` each.  ``strict=True`` turns the first loss
into a :class:`~scmpfeeds.RenderError` instead.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import attrs

from ._model import Article
from .errors import RenderError, RenderWarning

__all__ = ["Loss", "Losses", "OnLoss"]


@attrs.frozen(kw_only=True)
class Loss:
    """One kind of loss of one writer: what its format could not hold, and how often.

    ``str(loss)`` is the sentence the command line prints.
    """

    #: The format written: ``"RSS"``, ``"a markdown dump"``, ``"CSV"``, ``"Parquet"``.
    format: str
    #: What the format cannot hold, and what was written instead.
    what: str
    #: How many articles it touched.
    count: int

    def __str__(self) -> str:
        return f"{self.format} cannot hold {self.what} ({self.count} article(s))"


#: What a writer calls with each :class:`Loss` once it is done.
OnLoss = Callable[[Loss], None]


def warn_loss(loss: Loss) -> None:
    """The default: each loss as one :class:`~scmpfeeds.RenderWarning`."""
    warnings.warn(str(loss), RenderWarning, stacklevel=3)


class Losses:
    """The losses of one writer's run, counted by kind, in the order first met."""

    def __init__(self, format: str, *, strict: bool, on_loss: OnLoss | None) -> None:
        self.format = format
        self.strict = strict
        self.on_loss = on_loss or warn_loss
        self.counts: dict[str, int] = {}

    def add(self, what: str, article: Article) -> None:
        """Count one article that lost *what* (``"fractions of a second in dates: …"``)."""
        if self.strict:
            link = article.link if article.link is not None else article.title
            raise RenderError(f"{self.format} cannot hold {what}: article {link!r}")
        self.counts[what] = self.counts.get(what, 0) + 1

    def report(self) -> None:
        """Say each kind of loss once."""
        for what, count in self.counts.items():
            self.on_loss(Loss(format=self.format, what=what, count=count))
