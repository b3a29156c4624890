"""Dates as record pages print them, with how precise they are."""
import datetime
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})$"),  # September 19, 1952
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})$"),  # 19 September 1952
    re.compile(r"^(?P<year>\d{4})-(?P<monthnum>\d{2})-(?P<day>\d{2})$"),  # 1952-09-19
    re.compile(rf"^{_MONTH},?\s+(?P<year>\d{{4}})$"),  # April 1950
    re.compile(r"^(?P<year>\d{4})$"),  # 1936
]


def parse_date(text):
    """(date, precision) for a printed date, or None if ``text`` is not a date.

    A month-only date is stored as the month's first day, a year-only one as 1 January,
    with the precision saying so.
    """
    text = (text or "").strip().strip("()").strip()
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        if parts.get("monthnum"):
            month = int(parts["monthnum"])
        elif parts.get("month"):
            month = MONTHS.get(parts["month"].lower())
            if month is None:
                return None
        else:
            month = None
        day = int(parts["day"]) if parts.get("day") else None
        try:
            if day is not None:
                return datetime.date(year, month, day), "day"
            if month is not None:
                return datetime.date(year, month, 1), "month"
            return datetime.date(year, 1, 1), "year"
        except ValueError:
            return None
    return None


_TIME = re.compile(r"\b(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d)\b")


def parse_times(text):
    """The (start, end) times named in a closing line such as "started at 10:30, ended at 12:30"."""
    times = []
    for match in _TIME.finditer(text):
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        if hour < 24:
            times.append(datetime.time(hour, minute))
    start = times[0] if times else None
    end = times[1] if len(times) > 1 else None
    return start, end
