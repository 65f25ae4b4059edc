"""The national timeline: instruments, federal actions and cases per quarter.

`timeline_counts()` counts with one grouped query per model; `timeline_chart()`
turns the counts into the chart's geometry and links, so the template only
prints numbers (the strict CSP allows no inline style, and SVG attributes
computed in a template would be unreadable).
"""

import datetime
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import TruncQuarter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import Case, FederalStatement, Ordinance, PolicyProvision
from .models.base import BINDING_LIMITS, MANDATES
from .summaries import CACHE_SECONDS, remembered, summary_key

START = datetime.date(2017, 1, 1)
# The tracker follows federal actions and court cases from November 2024;
# their bars start with that quarter.
FEDERAL_START = datetime.date(2024, 10, 1)


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


@dataclass(frozen=True)
class Series:
    key: str
    label: str  # the legend's and the table's (lazy: the page's language)
    # What a bar counts, "instrument(s) limiting cooperation": an
    # ngettext_lazy() without its number, which noun() supplies.
    nouns: str
    url_name: str
    # Instruments: the provision categories that put one in this series; its
    # link filters the list by every provision of these categories.
    categories: tuple = ()
    since: datetime.date = START

    def noun(self, n):
        """The noun for `n` records, in the active language (the lazy plural
        picks its form from the number it is formatted with)."""
        return self.nouns % n

    def describe(self, quarter, n):
        """E.g. "2025 Q1: 1 instrument limiting cooperation"."""
        return gettext("%(quarter)s: %(n)s %(noun)s") % {
            "quarter": quarter.label,
            "n": n,
            "noun": self.noun(n),
        }

    def tracked(self, period):
        """Whether the series is counted in `period` (a Quarter or a Year):
        a year counts from the quarter the series starts in."""
        return period.end >= self.since

    @property
    def since_label(self):
        """The first quarter counted, for a series counted after START."""
        return quarter_of(self.since).label if self.since > START else ""


SERIES = (
    Series(
        "limits",
        _("Limiting cooperation"),
        ngettext_lazy(
            "instrument limiting cooperation", "instruments limiting cooperation"
        ),
        "jurisdictions:ordinance-list",
        BINDING_LIMITS,
    ),
    Series(
        "mandates",
        _("Mandating cooperation"),
        ngettext_lazy(
            "instrument mandating cooperation", "instruments mandating cooperation"
        ),
        "jurisdictions:ordinance-list",
        MANDATES,
    ),
    Series(
        "federal",
        _("Federal actions"),
        ngettext_lazy("federal action", "federal actions"),
        "jurisdictions:statement-list",
        since=FEDERAL_START,
    ),
    Series(
        "cases",
        _("Court cases filed"),
        ngettext_lazy("court case filed", "court cases filed"),
        "jurisdictions:case-list",
        since=FEDERAL_START,
    ),
)


def provides(categories):
    """Whether an ordinance has a provision of one of `categories`.

    IN rather than EXISTS: PostgreSQL hashes the set once, where EXISTS probed
    the provisions of every ordinance (1 s against 0.26 s at 200,000).
    """
    return Q(
        pk__in=Ordinance.provisions.through.objects.filter(
            policyprovision__category__in=categories
        ).values("ordinance_id")
    )


def per_quarter(rows):
    return {quarter_of(row.pop("quarter")): row for row in rows}


def timeline_counts(today=None):
    """{series key: {Quarter: published records}}, up to `today`'s quarter.

    Three queries: the ordinances by quarter (limits and mandates counted
    together; an instrument doing both counts in each), the federal
    statements and the cases. Each counts by the date its list filters
    `date_after`/`date_before` on, so a bar's link lists its number of rows.
    """
    end = quarter_of(today or timezone.localdate()).end
    ordinances = per_quarter(
        Ordinance.objects.published()
        .filter(main_date__range=(START, end))
        .annotate(quarter=TruncQuarter("main_date"))
        .order_by()
        .values("quarter")
        .annotate(
            **{
                series.key: Count("pk", filter=provides(series.categories))
                for series in SERIES
                if series.categories
            }
        )
    )
    counts = {
        "limits": {q: row["limits"] for q, row in ordinances.items()},
        "mandates": {q: row["mandates"] for q, row in ordinances.items()},
    }
    for key, queryset, field in (
        ("federal", FederalStatement.objects.published(), "made_on"),
        ("cases", Case.objects.published(), "filed_on"),
    ):
        rows = per_quarter(
            queryset.filter(**{f"{field}__range": (FEDERAL_START, end)})
            .annotate(quarter=TruncQuarter(field))
            .order_by()
            .values("quarter")
            .annotate(n=Count("pk"))
        )
        counts[key] = {q: row["n"] for q, row in rows.items()}
    return counts


# The chart's drawing area, in viewBox units; CSS scales it to the page.
WIDTH, HEIGHT = 960, 320
# The chart by year, for narrow screens: drawn near a phone's width, so its
# text keeps its size.
NARROW_WIDTH = 360
# The y axis is labelled on both sides: a phone shows one end at a time.
LEFT, RIGHT, TOP, BOTTOM = 40, 40, 34, 36
GROUP_SHARE = 0.8  # of each quarter's slot the bars fill


def nice_scale(largest):
    """(top of the y axis, tick step): round numbers, at most four steps."""
    for magnitude in (10**e for e in range(0, 7)):
        for step in (1, 2, 5):
            step *= magnitude
            if math.ceil(largest / step) <= 4:
                return max(step, math.ceil(largest / step) * step), step
    raise ValueError(largest)


def num(value):
    """A coordinate as SVG reads it: two decimals at most, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def list_url(series, quarter, urls, provisions):
    """The list of the records a bar counts: the series' provisions (the
    ordinance list's `provision` filter keeps any of them) in the quarter."""
    query = urlencode(
        (
            *(
                ("provision", slug)
                for category, slug in provisions
                if category in series.categories
            ),
            # A year counts a series from the day it starts being followed.
            ("date_after", max(quarter.start, series.since).isoformat()),
            ("date_before", quarter.end.isoformat()),
        )
    )
    return f"{urls[series.url_name]}?{query}"


def provision_slugs():
    """(category, slug) of every provision, for the instrument bars' links."""
    return list(
        PolicyProvision.objects.order_by("slug").values_list("category", "slug")
    )


def timeline_chart(counts, today=None, provisions=None, yearly=False):
    """The chart's context: viewBox, bars, axis ticks, legend and table rows.

    `counts` is what timeline_counts() returns, `provisions` provision_slugs();
    `yearly` draws a bar group per year, NARROW_WIDTH wide.
    """
    today = today or timezone.localdate()
    if yearly:
        shown = [Year(year) for year in range(START.year, today.year + 1)]
        counts, width = by_year(counts), NARROW_WIDTH
    else:
        shown, width = quarters(START, today), WIDTH
    urls = {s.url_name: reverse(s.url_name) for s in SERIES}
    if provisions is None:
        provisions = provision_slugs()
    largest = max((n for by in counts.values() for n in by.values()), default=0)
    top, step = nice_scale(largest)
    plot_width = width - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / len(shown)
    bar_width = slot * GROUP_SHARE / len(SERIES)

    def x_of(index):
        return LEFT + index * slot

    rows = []
    for index, quarter in enumerate(shown):
        tracked = [s for s in SERIES if s.tracked(quarter)]
        # The quarter's bars, centred in its slot.
        first = x_of(index) + (slot - bar_width * len(tracked)) / 2
        bars, cells = [], []
        for series in SERIES:
            if not series.tracked(quarter):
                cells.append({"series": series, "tracked": False})
                continue
            n = counts.get(series.key, {}).get(quarter, 0)
            href = list_url(series, quarter, urls, provisions) if n else ""
            title = series.describe(quarter, n)
            noun = series.noun(n)
            cells.append(
                {
                    "series": series,
                    "tracked": True,
                    "n": n,
                    "href": href,
                    "noun": noun,
                }
            )
            if n:
                height = plot_height * n / top
                bars.append(
                    {
                        "series": series,
                        "n": n,
                        "href": href,
                        "title": title,
                        "x": num(first + bar_width * tracked.index(series)),
                        "y": num(baseline - height),
                        "width": num(bar_width),
                        "height": num(height),
                    }
                )
        rows.append({"quarter": quarter, "bars": bars, "cells": cells})

    years = []
    for index, quarter in enumerate(shown):
        if quarter.number == 1 or index == 0:
            in_year = sum(1 for q in shown[index:] if q.year == quarter.year)
            years.append(
                {
                    "year": quarter.year,
                    # By year, every other year is named: four digits would
                    # not fit beside each other in a phone's slots.
                    "label": ""
                    if yearly and (quarter.year - START.year) % 2
                    else quarter.year,
                    "x": num(x_of(index)),
                    "label_x": num(x_of(index) + slot * in_year / 2),
                }
            )
    ticks = [
        {"value": value, "y": num(baseline - plot_height * value / top)}
        for value in range(0, top + 1, step)
    ]
    # The line stands where federal counting starts, inside its period.
    federal = next(p for p in shown if p.start <= FEDERAL_START <= p.end)
    federal_x = x_of(shown.index(federal)) + slot * (
        (FEDERAL_START - federal.start) / (federal.end - federal.start)
    )
    totals = {
        s.key: sum(counts.get(s.key, {}).get(q, 0) for q in shown) for s in SERIES
    }
    return {
        "yearly": yearly,
        "width": width,
        "height": HEIGHT,
        "left": LEFT,
        "right": width - RIGHT,
        "top": TOP,
        "baseline": num(baseline),
        "year_label_y": num(baseline + 22),
        "tick_label_x": LEFT - 6,
        "right_tick_label_x": width - RIGHT + 6,
        "ticks": ticks,
        "max": top,
        "years": years,
        "federal_x": num(federal_x),
        "federal_start": quarter_of(FEDERAL_START),
        "series": SERIES,
        "rows": rows,
        "first": shown[0],
        "last": shown[-1],
        "totals": [(s, totals[s.key]) for s in SERIES],
        "is_empty": largest == 0,
    }


def published_timeline(version, today=None):
    """timeline_chart() of the published records, counted once per data
    `version` (DataVersion.of(request)) and quarter, in the cache."""
    today = today or timezone.localdate()
    key = summary_key("timeline", version, f"{today.year}q{quarter_of(today).number}")
    counts, provisions = remembered(
        key, lambda: (timeline_counts(today), provision_slugs()), CACHE_SECONDS
    )
    chart = timeline_chart(counts, today, provisions)
    chart["by_year"] = timeline_chart(counts, today, provisions, yearly=True)
    return chart
