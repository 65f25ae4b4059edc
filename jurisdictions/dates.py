"""How a record's date is written: to the precision its source gives it.

A date known only to the month or year is stored as its first day and reads
"February 2025" or "2025", never as that invented day; a day reads
"5 Mar 2025", as Django's |date:"j M Y" writes it. This module holds the one
rule: pages wrap its words in a <time> (time_element(), the `record_date`
tag), the API, the feeds and the admin write the words alone (date_text()),
and the CSV writes the same English words in SQL from english_words()
(force.sql.sql_date(): PostgreSQL's COPY cannot call Python).
"""

import dataclasses
import datetime
import functools

from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop

from .choices import DatePrecision

# A date given to the month ("March 2025", "marzo de 2025").
MONTH_YEAR = gettext_noop("%(month)s %(year)s")
UNDATED = gettext_noop("date not given")


@dataclasses.dataclass(frozen=True)
class DateWords:
    """A language's words for dates, read once per language."""

    # {month: abbreviated name}: "Dec" (English), "dic" (Spanish).
    months: dict
    # {month: full name}: "December", "diciembre".
    month_names: dict
    # MONTH_YEAR translated: "%(month)s de %(year)s" in Spanish.
    month_year: str
    # What a page shows where the source gives no date (HTML).
    undated: str


@functools.cache
def date_words(language):
    """The date words of `language`: built once per language rather than
    once per date, and never at import, which would fix them in English."""
    with translation.override(language):
        # English abbreviations are capitalised ("Dec"); Spanish ones are not.
        capitalise = (language or "en").startswith("en")
        return DateWords(
            months={
                number: str(name).title() if capitalise else str(name)
                for number, name in MONTHS_3.items()
            },
            month_names={number: str(name) for number, name in MONTHS.items()},
            month_year=gettext(MONTH_YEAR),
            undated=f'<span class="undated">{escape(gettext(UNDATED))}</span>',
        )


def english_words():
    """The date words of every download, written in English (the CSV)."""
    return date_words("en")


def date_text(day, precision=DatePrecision.DAY, words=None):
    """`day` at its `precision` in the active language (or in `words`):
    "5 Mar 2025", "March 2025", "2025". Any other precision (an empty one
    too) reads as a day."""
    words = words or date_words(translation.get_language())
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return words.month_year % {
            "month": words.month_names[day.month],
            "year": day.year,
        }
    return f"{day.day} {words.months[day.month]} {day.year}"


def machine_date(day, precision=DatePrecision.DAY):
    """`day` as a <time>'s datetime attribute gives it at its `precision`:
    "2025-03-05", "2025-03", "2025"."""
    if precision == DatePrecision.YEAR:
        return f"{day.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def time_element(value, precision=DatePrecision.DAY):
    """A <time> for a date (HTML), or says plainly that the source gives none.

    `precision` is the date's `<field>_precision`. A moment reads as the day
    it was where the site is, as the |date filter gives it.
    """
    words = date_words(translation.get_language())
    if not value:
        return mark_safe(words.undated)
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    text = date_text(value, precision, words)
    return mark_safe(
        f'<time datetime="{machine_date(value, precision)}">{escape(text)}</time>'
    )
