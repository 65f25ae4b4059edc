"""A person's dated positions: what a quote or statement calls them on its day."""

import datetime

from django.db import models
from django.db.models import F
from simple_history.models import HistoricalRecords

from ..choices import DatePrecision, PublicationStatus
from .base import (
    PUBLISHED,
    Curated,
    CuratedQuerySet,
    choice_constraint,
    date_order_constraint,
    precision_constraints,
    precision_field,
)
from .places import Jurisdiction, Person


def period_end(day, precision):
    """The last day a date of `precision` may stand for: 2024-12 → 31 Dec 2024."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        following = day.replace(day=28) + datetime.timedelta(days=4)
        return following - datetime.timedelta(days=following.day)
    return day


class RoleQuerySet(CuratedQuerySet):
    def published(self):
        return super().published().filter(person__publication_status=PUBLISHED)


class Role(Curated):
    """A person's dated position: what a quote or statement calls them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200, help_text="E.g. “Mayor of Los Angeles”.")
    body = models.CharField(
        max_length=200,
        blank=True,
        help_text="The office or body, e.g. “Executive Office of the President”.",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text="The place the role serves, when the tracker holds it.",
    )
    started_on = models.DateField(
        null=True, blank=True, help_text="Leave empty when no source gives it."
    )
    started_on_precision = precision_field("started_on")
    ended_on = models.DateField(
        null=True, blank=True, help_text="Empty while the role is held."
    )
    ended_on_precision = precision_field("ended_on")
    note = models.TextField(blank=True)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Curated.Meta):
        ordering = ["person", F("started_on").desc(nulls_last=True), "title"]
        constraints = [
            choice_constraint(
                "publication_status", PublicationStatus, "role_pubstatus_valid"
            ),
            date_order_constraint("started_on", "ended_on", "role_start_le_end"),
            *precision_constraints("role", "started_on", "ended_on"),
        ]

    def __str__(self):
        return f"{self.person}: {self.title}"

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    def covers(self, day):
        """Whether the role was held on `day`.

        A role ends the day its successor begins (a president's term ends at
        noon on the day the next one's begins), so a day-precise end day is
        excluded; a month- or year-precise end covers its whole period.
        """
        if self.started_on and self.started_on > day:
            return False
        if self.ended_on is None:
            return True
        if self.ended_on_precision == DatePrecision.DAY:
            return day < self.ended_on
        return day <= period_end(self.ended_on, self.ended_on_precision)
