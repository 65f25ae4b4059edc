"""Quotes: what a person said about an ordinance, resolution or jurisdiction."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..choices import PublicationStatus
from .base import (
    PUBLISHED,
    Curated,
    CuratedQuerySet,
    choice_constraint,
    precision_constraints,
    precision_field,
)
from .instruments import Ordinance
from .places import Jurisdiction, Person
from .resolutions import SchoolDistrictResolution


class QuoteQuerySet(CuratedQuerySet):
    def published(self):
        return (
            super()
            .published()
            .filter(person__publication_status=PUBLISHED)
            .filter(
                Q(ordinance__isnull=True)
                | Q(
                    ordinance__publication_status=PUBLISHED,
                    ordinance__jurisdiction__publication_status=PUBLISHED,
                )
            )
            .filter(
                Q(resolution__isnull=True)
                | Q(
                    resolution__publication_status=PUBLISHED,
                    resolution__district__publication_status=PUBLISHED,
                )
            )
            .filter(
                Q(jurisdiction__isnull=True)
                | Q(jurisdiction__publication_status=PUBLISHED)
            )
        )


class Quote(Curated):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField(help_text="The words as the source gives them.")
    is_paraphrase = models.BooleanField(
        default=False,
        help_text="The source reports what was said without quoting it verbatim.",
    )
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = precision_field("said_on")
    speaker_role = models.CharField(
        max_length=200,
        blank=True,
        help_text="The speaker's title as the source gives it; pages show the "
        "dated role held on the day when one is recorded.",
    )
    ordinance = models.ForeignKey(
        Ordinance,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
    )
    resolution = models.ForeignKey(
        SchoolDistrictResolution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
    )

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Curated.Meta):
        ordering = [F("said_on").desc(nulls_last=True), "pk"]
        constraints = [
            choice_constraint(
                "publication_status", PublicationStatus, "quote_pubstatus_valid"
            ),
            *precision_constraints("quote", "said_on"),
            models.CheckConstraint(
                condition=Q(
                    ordinance__isnull=False,
                    resolution__isnull=True,
                    jurisdiction__isnull=True,
                )
                | Q(
                    ordinance__isnull=True,
                    resolution__isnull=False,
                    jurisdiction__isnull=True,
                )
                | Q(
                    ordinance__isnull=True,
                    resolution__isnull=True,
                    jurisdiction__isnull=False,
                ),
                name="quote_belongs_to_one_record",
                violation_error_message="A quote belongs to exactly one ordinance, "
                "resolution or jurisdiction.",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.person}: {text}"

    def get_absolute_url(self):
        return self.subject.get_absolute_url()

    @property
    def subject(self):
        return self.ordinance or self.resolution or self.jurisdiction

    def speaker_title(self):
        """The speaker's title on the day (Person.title_on)."""
        return self.person.title_on(self.said_on, self.speaker_role)
