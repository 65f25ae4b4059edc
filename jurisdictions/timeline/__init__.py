"""Timelines: the national one (instruments, federal actions and cases per
quarter, as a chart and its table) and a place's own (its dated events).

The national one: timeline_counts() counts with one grouped query per model
(counts.py); timeline_chart() draws them (chart.py); published_timeline()
keeps the counts per data version (published.py). A place's: place.py.
"""

from .chart import nice_scale, timeline_chart
from .counts import provision_slugs, timeline_counts
from .periods import Quarter, Year, quarter_of, quarters
from .place import Event, case_events, party_cases, timeline
from .published import published_timeline
from .series import FEDERAL_START, SERIES, START, Series

__all__ = [
    "FEDERAL_START",
    "SERIES",
    "START",
    "Event",
    "Quarter",
    "Series",
    "Year",
    "case_events",
    "nice_scale",
    "party_cases",
    "provision_slugs",
    "published_timeline",
    "quarter_of",
    "quarters",
    "timeline",
    "timeline_chart",
    "timeline_counts",
]
