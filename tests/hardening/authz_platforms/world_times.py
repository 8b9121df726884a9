"""The moments the authorization worlds use (ICML 2021: deadline 21 June, 18–24 July)."""

from datetime import UTC, datetime

SLOT = datetime(2021, 7, 19, 16, tzinfo=UTC)
SLOT_LATER = datetime(2021, 7, 21, 16, tzinfo=UTC)
SLOT_EARLY = datetime(2021, 7, 20, 8, tzinfo=UTC)
DURING = datetime(2021, 7, 19, 10, tzinfo=UTC)  # mid-conference: ad-hoc mentoring runs
