"""The national timeline's series: what each bar counts, and since when."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models.base import BINDING_LIMITS, MANDATES
from .periods import quarter_of

START = datetime.date(2017, 1, 1)
# The tracker follows federal actions and court cases from November 2024;
# their bars start with that quarter.
FEDERAL_START = datetime.date(2024, 10, 1)


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
