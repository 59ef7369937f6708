"""ISO dates at a precision (``YYYY``, ``YYYY-MM``, ``YYYY-Www``, ``YYYY-MM-DD``) as periods.

Sorting, filters and merging all need the first and last day a date covers.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_FORMS = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("week", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("year", re.compile(r"^(\d{4})$")),
)
PRECISION_RANK = {"year": 0, "month": 1, "week": 2, "day": 3}


def precision_of(value: str) -> str:
    """The precision of an ISO date string; ValueError when it is none of the forms."""
    for precision, pattern in _FORMS:
        if pattern.match(value):
            bounds(value)  # validates the calendar values too
            return precision
    raise ValueError(f"not an ISO date: {value!r}")


def bounds(value: str) -> tuple[date, date]:
    """First and last day of the period an ISO date string names."""
    for precision, pattern in _FORMS:
        m = pattern.match(value)
        if not m:
            continue
        nums = [int(g) for g in m.groups()]
        if precision == "day":
            d = date(*nums)
            return d, d
        if precision == "week":
            start = date.fromisocalendar(nums[0], nums[1], 1)
            return start, date.max if start > date.max - timedelta(days=6) else start + timedelta(days=6)
        if precision == "month":
            return date(nums[0], nums[1], 1), date(nums[0], nums[1], calendar.monthrange(nums[0], nums[1])[1])
        return date(nums[0], 1, 1), date(nums[0], 12, 31)
    raise ValueError(f"not an ISO date: {value!r}")


def format_date(d: date, precision: str) -> str:
    """A date written at the given precision."""
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "week":
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{d.year:04d}"


def contains(outer: str, inner: str) -> bool:
    """True when the period ``inner`` lies within the period ``outer``."""
    o0, o1 = bounds(outer)
    i0, i1 = bounds(inner)
    return o0 <= i0 and i1 <= o1


def overlaps(value: str, since: date | None, until: date | None) -> bool:
    """True when the period overlaps the inclusive range [since, until]."""
    start, end = bounds(value)
    return (since is None or end >= since) and (until is None or start <= until)
