"""Calendar days as every stage reads them: whether a year, month and day name a real one."""
from __future__ import annotations

import datetime


def is_calendar_day(year: int, month: int, day: int) -> bool:
    """Whether the calendar has this day ("February 29, 2019" and "31.04.2020" it has not)."""
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
