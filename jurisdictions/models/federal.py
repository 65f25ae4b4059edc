from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..choices import PublicationStatus, StatementKind
from .base import (
    PUBLISHED,
    BySlug,
    Curated,
    CuratedQuerySet,
    choice_constraint,
    date_order_constraint,
    precision_constraints,
    precision_field,
)
from .instruments import Ordinance
from .places import Jurisdiction, Person


class StatementQuerySet(CuratedQuerySet):
    def published(self):
        return (
            super()
            .published()
            .filter(Q(speaker__isnull=True) | Q(speaker__publication_status=PUBLISHED))
        )


class FederalStatement(BySlug, Curated):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(
        max_length=300, help_text="A short headline for lists and feeds."
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    speaker_role = models.CharField(
        max_length=200,
        blank=True,
        help_text="Role when speaking, e.g. “Border czar (designate)”.",
    )
    made_on = models.DateField(null=True, blank=True)
    made_on_precision = precision_field("made_on")
    withdrawn_on = models.DateField(
        null=True,
        blank=True,
        help_text="For a list or policy its author took back: the day it was "
        "withdrawn (or first seen gone).",
    )
    withdrawal_note = models.TextField(
        blank=True, help_text="How and why it was withdrawn, with its sources."
    )
    venue = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Fox News interview”."
    )
    kind = models.CharField(max_length=30, choices=StatementKind)
    quote = models.TextField(blank=True, help_text="Exact words only, without quotes.")
    summary = models.TextField(blank=True)
    targets = models.ManyToManyField(
        Jurisdiction,
        blank=True,
        related_name="federal_statements",
        help_text="Jurisdictions named; empty for a general statement.",
    )
    responds_to = models.ManyToManyField(
        Ordinance, blank=True, related_name="federal_responses"
    )

    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Kept up to date by a database trigger."
    )

    objects = StatementQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["sources", "targets", "responds_to"],
        excluded_fields=["search_vector"],
    )

    class Meta(Curated.Meta):
        ordering = [F("made_on").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["made_on"]),
            # The default order has its own index (migration 0008).
            models.Index(fields=["title"]),
        ]
        constraints = [
            choice_constraint("kind", StatementKind, "statement_kind_valid"),
            choice_constraint(
                "publication_status", PublicationStatus, "statement_pubstatus_valid"
            ),
            *precision_constraints("statement", "made_on"),
            date_order_constraint(
                "made_on", "withdrawn_on", "statement_made_le_withdrawn"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jurisdictions:statement-detail", kwargs={"slug": self.slug})

    @property
    def is_list(self):
        return self.kind == StatementKind.DESIGNATION

    @property
    def is_withdrawn(self):
        return self.withdrawn_on is not None

    def speaker_title(self):
        """The speaker's title on the day (Person.title_on)."""
        if self.speaker is None:
            return self.speaker_role
        return self.speaker.title_on(self.made_on, self.speaker_role)


class ListEntryQuerySet(CuratedQuerySet):
    def published(self):
        return (
            super()
            .published()
            .filter(
                list__publication_status=PUBLISHED,
                jurisdiction__publication_status=PUBLISHED,
            )
            .filter(
                Q(list__speaker__isnull=True)
                | Q(list__speaker__publication_status=PUBLISHED)
            )
        )

    def current(self):
        """Entries not removed, on lists not withdrawn."""
        return self.filter(removed_on__isnull=True, list__withdrawn_on__isnull=True)

    def removed(self):
        return self.filter(removed_on__isnull=False)


class ListEntry(Curated):
    """A jurisdiction's dated membership of a federal list.

    Being listed is the federal government's claim about a place, never
    evidence of its own policy: it does not set a stance (see stances.py).
    """

    list = models.ForeignKey(
        FederalStatement,
        on_delete=models.CASCADE,
        related_name="entries",
        limit_choices_to={"kind": StatementKind.DESIGNATION},
        help_text="A federal statement of kind “designation”.",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="list_entries"
    )
    listed_on = models.DateField(help_text="The day the list named the place.")
    removed_on = models.DateField(
        null=True, blank=True, help_text="Empty while the place is on the list."
    )
    removal_note = models.TextField(
        blank=True, help_text="Why it was removed, as the sources say."
    )

    objects = ListEntryQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Curated.Meta):
        ordering = ["list", "jurisdiction__name", "listed_on"]
        verbose_name = "list entry"
        verbose_name_plural = "list entries"
        constraints = [
            choice_constraint(
                "publication_status", PublicationStatus, "list_entry_pubstatus_valid"
            ),
            date_order_constraint(
                "listed_on", "removed_on", "list_entry_listed_le_removed"
            ),
            models.UniqueConstraint(
                fields=["list", "jurisdiction", "listed_on"],
                name="list_entry_unique",
                violation_error_message="This place is already on this list from "
                "that day.",
            ),
        ]

    def __str__(self):
        return f"{self.jurisdiction} on {self.list}"

    def get_absolute_url(self):
        return self.list.get_absolute_url()

    @property
    def is_current(self):
        return self.removed_on is None and self.list.withdrawn_on is None

    def clean(self):
        if self.list_id and self.list.kind != StatementKind.DESIGNATION:
            raise ValidationError(
                {"list": "Choose a federal list (a statement of kind designation)."}
            )
