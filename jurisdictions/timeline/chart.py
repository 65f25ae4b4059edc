"""The national timeline's chart: its geometry, links and table rows.

timeline_chart() turns the counts into numbers the template only prints (the
strict CSP allows no inline style, and SVG attributes computed in a template
would be unreadable).
"""

import math
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from .counts import provision_slugs
from .periods import Year, by_year, quarter_of, quarters
from .series import FEDERAL_START, SERIES, START

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
