"""Date parsing shared by the formats: fast standard-library paths first,
python-dateutil only when they fail.

Every function returns a timezone-aware :class:`~datetime.datetime` or raises
``ValueError`` with a message that quotes the input.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone

from dateutil import parser as _dateutil_parser

__all__ = ["from_isoformat", "parse_iso_datetime", "parse_rfc822_datetime"]

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH_DIGITS = {name.title(): f"{number:02d}" for name, number in _MONTHS.items()}
# RFC 822 zone names, and HKT, SCMP's own: Hong Kong Time is UTC+8 (general feed
# parsers read an unknown name as UTC, an eight-hour error).
_ZONE_HOURS = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "HKT": 8,
}  # fmt: skip
_ZONES = {name: timezone(timedelta(hours=hours)) for name, hours in _ZONE_HOURS.items()}
_ZONES.update({"UT": timezone.utc, "UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc})
# CST is US Central Time in RFC 822, and China Standard Time (UTC+8) in most data
# from China: the second reading is an option (cst_as_china), never the default.
_CHINA_ZONES = {**_ZONES, "CST": timezone(timedelta(hours=8))}
_OFFSETS: dict[str, timezone] = {}

# [Day, ] DD Mon YYYY HH:MM[:SS] [zone]; the day name and the zone are optional.
_RFC822_RE = re.compile(
    r"\s*(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{4}|\d{2})"
    r"\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,5}))?\s*"
)


# A UTC offset with fractions of a second, which datetime.fromisoformat() drops.
_FINE_OFFSET_RE = re.compile(r"([+-])(\d\d):(\d\d):(\d\d)\.(\d{1,6})$")
#: The longest ISO 8601 date-time fromisoformat reads whole:
#: ``YYYY-MM-DDTHH:MM:SS.ffffff+HH:MM``; a longer one has seconds in its offset.
ISO_WHOLE = 32


def from_isoformat(text: str) -> datetime:
    """``datetime.fromisoformat``, which gives back what ``isoformat()`` wrote, even an
    offset with fractions of a second (which fromisoformat reads without them)."""
    value = datetime.fromisoformat(text)
    if len(text) > ISO_WHOLE and (fine := _FINE_OFFSET_RE.search(text)) is not None:
        sign, hours, minutes, seconds, fraction = fine.groups()
        offset = timedelta(
            hours=int(hours),
            minutes=int(minutes),
            seconds=int(seconds),
            microseconds=int(fraction.ljust(6, "0")),
        )
        value = value.replace(tzinfo=timezone(-offset if sign == "-" else offset))
    return value


def parse_iso_datetime(text: str) -> datetime:
    """Parse an ISO 8601 date-time such as ``2024-06-07T22:00:09+00:00``.

    A ``T`` or a space may separate date and time; fractions of a second and
    the offset are optional.  A value without an offset is read as UTC.
    """
    try:
        value = from_isoformat(text)
    except ValueError:
        # Python 3.10 rejects "Z" and fractions that are not 3 or 6 digits long.
        try:
            value = _dateutil_parser.isoparse(text)
        except (ValueError, OverflowError):
            raise ValueError(f"not an ISO 8601 date: {text!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def _offset(sign: str, hours: str, minutes: str) -> timezone:
    key = sign + hours + minutes
    zone = _OFFSETS.get(key)
    if zone is None:
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        zone = _OFFSETS[key] = timezone(-delta if sign == "-" else delta)
    return zone


def parse_rfc822_datetime(text: str, *, cst_as_china: bool = False) -> datetime:
    """Parse an RSS date such as ``Thu, 16 Apr 2026 07:00:36 +0000``.

    Numeric offsets are preserved; ``GMT``, ``UT``, ``UTC``, ``Z``, the US zone
    names of RFC 822 and ``HKT`` (UTC+8) are known; a date without a zone is
    read as UTC.  Dates the fast path cannot read go to python-dateutil.

    ``CST`` is US Central Time (−06:00), as RFC 822 defines it; with
    *cst_as_china* it is China Standard Time (+08:00).
    """
    zones = _CHINA_ZONES if cst_as_china else _ZONES
    # The shape SCMP always writes, "Thu, 16 Apr 2026 07:00:36 +0000", rearranged
    # by position into ISO 8601 for the C parser; anything else takes the regex.
    if len(text) == 31 and text[25] == " " and (month_number := _MONTH_DIGITS.get(text[8:11])):
        iso = f"{text[12:16]}-{month_number}-{text[5:7]}T{text[17:25]}{text[26:29]}:{text[29:31]}"
        try:
            return datetime.fromisoformat(iso)
        except ValueError:
            pass
    match = _RFC822_RE.fullmatch(text)
    if match is not None:
        day, month_name, year, hour, minute, second, sign, zh, zm, name = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is not None:
            if sign is not None:
                zone = _offset(sign, zh, zm)
            elif name is not None:
                found = zones.get(name.upper())
                if found is None:
                    raise ValueError(f"unknown time zone {name!r} in date {text!r}")
                zone = found
            else:
                zone = timezone.utc
            number = int(year)
            if len(year) == 2:  # RFC 2822: 00-49 are 2000-2049, 50-99 are 1950-1999
                number += 2000 if number < 50 else 1900
            try:
                return datetime(
                    number, month, int(day), int(hour), int(minute), int(second or 0), tzinfo=zone
                )
            except ValueError:
                raise ValueError(f"not a valid date: {text!r}") from None
    return _dateutil_fallback(text, zones)


def _dateutil_fallback(text: str, zones: dict[str, timezone]) -> datetime:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = _dateutil_parser.parse(text, tzinfos=zones)
        except (ValueError, OverflowError, TypeError):
            raise ValueError(f"not a date: {text!r}") from None
    if any(w.category is _dateutil_parser.UnknownTimezoneWarning for w in caught):
        raise ValueError(f"unknown time zone in date {text!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value
