"""Now, for everything that compares with the present (a passed embargo, a send date)."""

from __future__ import annotations

import datetime as dt
import os


def current_time() -> dt.datetime:
    """Now, time-zone aware; SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return dt.datetime.fromtimestamp(int(fixed), dt.UTC)
    return dt.datetime.now(dt.UTC)
