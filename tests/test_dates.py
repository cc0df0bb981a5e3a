"""The shared date parsing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given

from scmpfeeds._dates import parse_iso_datetime, parse_rfc822_datetime

from .strategies import aware_datetimes

HKT = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-07T22:00:09+00:00", datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc)),
        ("2023-03-15 23:55:52+00:00", datetime(2023, 3, 15, 23, 55, 52, tzinfo=timezone.utc)),
        (
            "2024-12-20T23:16:44.043092+00:00",
            datetime(2024, 12, 20, 23, 16, 44, 43092, tzinfo=timezone.utc),
        ),
        ("2024-06-08T06:00:09+08:00", datetime(2024, 6, 8, 6, 0, 9, tzinfo=HKT)),
        ("2024-06-07T22:00:09Z", datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc)),
        ("2024-06-07T22:00:09.5Z", datetime(2024, 6, 7, 22, 0, 9, 500000, tzinfo=timezone.utc)),
        ("2024-06-07T22:00:09", datetime(2024, 6, 7, 22, 0, 9, tzinfo=timezone.utc)),
        ("2024-06-07", datetime(2024, 6, 7, tzinfo=timezone.utc)),
    ],
)
def test_iso_dates(text: str, expected: datetime) -> None:
    value = parse_iso_datetime(text)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["", "yesterday", "2024-13-01T00:00:00Z", "2024-06-07T25:00"])
def test_bad_iso_dates(text: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        parse_iso_datetime(text)


@given(aware_datetimes())
def test_isoformat_round_trips(value: datetime) -> None:
    parsed = parse_iso_datetime(value.isoformat())
    assert parsed == value
    assert parsed.utcoffset() == value.utcoffset()


@given(aware_datetimes())
def test_rfc822_round_trips_with_its_offset(value: datetime) -> None:
    value = value.replace(microsecond=0)
    text = value.strftime("%a, %d %b %Y %H:%M:%S %z")
    parsed = parse_rfc822_datetime(text)
    assert parsed == value
    assert parsed.utcoffset() == value.utcoffset()
    # The same date with extra spaces takes the general path and agrees.
    assert parse_rfc822_datetime(f"  {text} ") == parsed


def test_cst_is_us_central_by_default_and_china_time_when_asked() -> None:
    text = "Sun, 06 Oct 2019 16:28:27 CST"
    assert parse_rfc822_datetime(text).isoformat() == "2019-10-06T16:28:27-06:00"
    china = parse_rfc822_datetime(text, cst_as_china=True)
    assert china.isoformat() == "2019-10-06T16:28:27+08:00"
    # Numeric offsets, HKT, GMT and Z are the same either way.
    for other in ("+0800", "HKT", "GMT", "Z", "-0500"):
        dated = f"Sun, 06 Oct 2019 16:28:27 {other}"
        assert parse_rfc822_datetime(dated, cst_as_china=True) == parse_rfc822_datetime(dated)
    # The dateutil fallback takes the same reading.
    odd = "6 October 2019 4:28 PM CST"
    assert parse_rfc822_datetime(odd, cst_as_china=True).utcoffset() == timedelta(hours=8)
    assert parse_rfc822_datetime(odd).utcoffset() == timedelta(hours=-6)


def test_parse_rss_reads_cst_the_chinese_way_when_asked() -> None:
    from scmpfeeds import parse_rss

    data = (
        b"<rss><channel><item><title>t</title><pubDate>Sun, 06 Oct 2019 16:28:27 CST"
        b"</pubDate></item></channel></rss>"
    )
    assert parse_rss(data).articles[0].published.isoformat() == "2019-10-06T16:28:27-06:00"  # type: ignore[union-attr]
    china = parse_rss(data, cst_as_china=True).articles[0].published
    assert china is not None
    assert china.isoformat() == "2019-10-06T16:28:27+08:00"
