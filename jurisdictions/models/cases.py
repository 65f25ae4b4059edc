from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..choices import CaseStatus, PublicationStatus
from .base import (
    BySlug,
    Curated,
    CuratedQuerySet,
    choice_constraint,
    date_order_constraint,
    precision_constraints,
    precision_field,
)
from .federal import FederalStatement
from .instruments import Ordinance
from .places import Jurisdiction


class CaseQuerySet(CuratedQuerySet):
    def pending(self):
        return self.filter(status=CaseStatus.PENDING)


class Case(BySlug, Curated):
    """A lawsuit or court ruling about sanctuary policy.

    Its parties may be jurisdictions the tracker holds (linked) and others
    named in words ("United States", a governor); a draft party is simply not
    shown, while the case stays public.
    """

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    court = models.CharField(
        max_length=200, help_text="E.g. “U.S. District Court, C.D. California”."
    )
    docket = models.CharField(
        max_length=100, blank=True, help_text="Leave empty when no source gives it."
    )
    filed_on = models.DateField(null=True, blank=True)
    filed_on_precision = precision_field("filed_on")
    status = models.CharField(
        max_length=30, choices=CaseStatus, default=CaseStatus.UNKNOWN
    )
    decided_on = models.DateField(
        null=True, blank=True, help_text="The day of the ruling the status reflects."
    )
    decided_on_precision = precision_field("decided_on")
    outcome = models.TextField(
        blank=True, help_text="What was decided, in plain words."
    )
    judge = models.CharField(max_length=200, blank=True)
    plaintiffs = models.ManyToManyField(
        Jurisdiction, blank=True, related_name="cases_as_plaintiff"
    )
    defendants = models.ManyToManyField(
        Jurisdiction, blank=True, related_name="cases_as_defendant"
    )
    plaintiff_parties = models.CharField(
        max_length=500,
        blank=True,
        help_text="Plaintiffs as the docket names them, e.g. “United States”.",
    )
    defendant_parties = models.CharField(
        max_length=500,
        blank=True,
        help_text="Defendants as the docket names them, officials included.",
    )
    challenged = models.ManyToManyField(
        Ordinance,
        blank=True,
        related_name="cases",
        help_text="Instruments the case challenges.",
    )
    statements = models.ManyToManyField(
        FederalStatement,
        blank=True,
        related_name="cases",
        help_text="Federal statements or actions the case answers or brings.",
    )
    summary = models.TextField(blank=True)

    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Kept up to date by a database trigger."
    )

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["sources", "plaintiffs", "defendants", "challenged", "statements"],
        excluded_fields=["search_vector"],
    )

    class Meta(Curated.Meta):
        ordering = [F("filed_on").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["filed_on"]),
            models.Index(fields=["title"]),
        ]
        constraints = [
            choice_constraint("status", CaseStatus, "case_status_valid"),
            choice_constraint(
                "publication_status", PublicationStatus, "case_pubstatus_valid"
            ),
            date_order_constraint("filed_on", "decided_on", "case_filed_le_decided"),
            *precision_constraints("case", "filed_on", "decided_on"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jurisdictions:case-detail", kwargs={"slug": self.slug})
