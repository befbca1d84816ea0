"""A stored time shown in the reader's time zone, without ever failing.

Converting to local time asks the system (``localtime``), which refuses some times even within
Python's dates: before 1970 on Windows, past year 3000 there, or a moment near year 1 or 9999
shifted by the local offset. A session's time is checked to lie in 1970-9000 when it is read, but
the list must never break on one entry, so a time the system cannot convert is shown in its own zone.
"""

from __future__ import annotations

from datetime import datetime

SHOWN = "%Y-%m-%d %H:%M"


def local(moment: datetime) -> datetime:
    """``moment`` in the local time zone, or as it is if the system cannot convert it."""
    try:
        return moment.astimezone()
    except (OverflowError, OSError, ValueError):
        return moment


def shown_time(moment: datetime) -> str:
    """``2026-11-26 07:40`` in local time (see :func:`local`)."""
    return local(moment).strftime(SHOWN)
