from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..choices import PublicationStatus, StatementKind
from .base import PUBLISHED, Curated, CuratedQuerySet, choice_constraint
from .instruments import Ordinance
from .places import Jurisdiction, Person


class StatementQuerySet(CuratedQuerySet):
    def published(self):
        return (
            super()
            .published()
            .filter(Q(speaker__isnull=True) | Q(speaker__publication_status=PUBLISHED))
        )


class FederalStatement(Curated):
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
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jurisdictions:statement-detail", kwargs={"slug": self.slug})
