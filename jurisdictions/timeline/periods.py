"""The national timeline's periods: quarters, and years for narrow screens."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self):
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self):
        following = self.next()
        return following.start - datetime.timedelta(days=1)

    @property
    def label(self):
        """E.g. "2025 Q1", in the active language: read at each use, never kept."""
        return gettext("%(year)s Q%(number)s") % {
            "year": self.year,
            "number": self.number,
        }

    def next(self):
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def __str__(self):
        return self.label


@dataclass(frozen=True, order=True)
class Year:
    """A year: the period of the chart narrow screens show, where forty
    quarters' bars would be hairlines. It reads as a Quarter does."""

    year: int
    number = 1  # a year starts its own label on the axis, as a Q1 does

    @property
    def start(self):
        return datetime.date(self.year, 1, 1)

    @property
    def end(self):
        return datetime.date(self.year, 12, 31)

    @property
    def label(self):
        return str(self.year)

    def next(self):
        return Year(self.year + 1)

    def __str__(self):
        return self.label


def by_year(counts):
    """timeline_counts() added up per Year."""
    years = {}
    for key, by in counts.items():
        for quarter, n in by.items():
            year = years.setdefault(key, {})
            year[Year(quarter.year)] = year.get(Year(quarter.year), 0) + n
    return years


def quarter_of(day):
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters(start, end):
    """Every quarter from `start`'s to `end`'s (dates), both included."""
    quarter, last = quarter_of(start), quarter_of(end)
    found = []
    while quarter <= last:
        found.append(quarter)
        quarter = quarter.next()
    return found
