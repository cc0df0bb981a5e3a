"""Date parsing shared by the formats: fast standard-library paths first,
python-dateutil only when they fail.

Every function returns a timezone-aware :class:`~datetime.datetime` or raises
``ValueError`` with a message that quotes the input.
"""

from __future__ import annotations

from datetime import datetime, timezone

from dateutil import parser as _dateutil_parser

__all__ = ["parse_iso_datetime"]


def parse_iso_datetime(text: str) -> datetime:
    """Parse an ISO 8601 date-time such as ``2024-06-07T22:00:09+00:00``.

    A ``T`` or a space may separate date and time; fractions of a second and
    the offset are optional.  A value without an offset is read as UTC.
    """
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        # Python 3.10 rejects "Z" and fractions that are not 3 or 6 digits long.
        try:
            value = _dateutil_parser.isoparse(text)
        except (ValueError, OverflowError):
            raise ValueError(f"not an ISO 8601 date: {text!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value
