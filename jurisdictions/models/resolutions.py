"""School-district resolutions."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..choices import (
    JurisdictionKind,
    ProtectedGroup,
    PublicationStatus,
    ResolutionStatus,
)
from .base import (
    PUBLISHED,
    BySlug,
    Curated,
    CuratedQuerySet,
    PolicyProvision,
    choice_constraint,
    precision_constraints,
    precision_field,
    validate_protected_groups,
)
from .places import Jurisdiction


class ResolutionQuerySet(CuratedQuerySet):
    def published(self):
        return super().published().filter(district__publication_status=PUBLISHED)

    def adopted(self):
        return self.filter(status=ResolutionStatus.ADOPTED)


class SchoolDistrictResolution(BySlug, Curated):
    district = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="resolutions",
        limit_choices_to={"kind": JurisdictionKind.SCHOOL_DISTRICT},
        help_text="A jurisdiction of kind “school district”.",
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    number = models.CharField(
        max_length=100, blank=True, help_text="E.g. Res-035-24/25."
    )
    adopted_on = models.DateField(null=True, blank=True)
    adopted_on_precision = precision_field("adopted_on")
    status = models.CharField(
        max_length=20, choices=ResolutionStatus, default=ResolutionStatus.PROPOSED
    )
    reaffirms = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reaffirmed_by",
        help_text="An earlier resolution this one restates or reaffirms.",
    )
    reaffirms_confirmed = models.BooleanField(
        "link confirmed",
        default=False,
        help_text="An editor has read the text and confirmed the link; until "
        "then the public pages do not show it.",
    )
    is_emergency = models.BooleanField("emergency resolution", default=False)
    protected_groups = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_protected_groups],
        help_text="Groups the resolution protects: " + ", ".join(ProtectedGroup.values),
    )
    provisions = models.ManyToManyField(
        PolicyProvision, blank=True, related_name="resolutions"
    )
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)

    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Kept up to date by a database trigger."
    )

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["sources", "provisions"], excluded_fields=["search_vector"]
    )

    class Meta(Curated.Meta):
        ordering = [F("adopted_on").desc(nulls_last=True), "title"]
        verbose_name = "school district resolution"
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["adopted_on"]),
            # The default order has its own index (migration 0008).
            models.Index(fields=["title"]),
        ]
        constraints = [
            choice_constraint("status", ResolutionStatus, "resolution_status_valid"),
            choice_constraint(
                "publication_status", PublicationStatus, "resolution_pubstatus_valid"
            ),
            *precision_constraints("resolution", "adopted_on"),
            models.CheckConstraint(
                condition=Q(reaffirms__isnull=True) | ~Q(reaffirms=F("pk")),
                name="resolution_not_reaffirming_itself",
                violation_error_message="A resolution cannot reaffirm itself.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jurisdictions:resolution-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.district_id and self.district.kind != JurisdictionKind.SCHOOL_DISTRICT:
            raise ValidationError(
                {"district": "Choose a school district: “%(name)s” is a %(kind)s."},
                params={
                    "name": self.district,
                    "kind": self.district.get_kind_display(),
                },
            )

    def get_protected_groups_display(self):
        labels = dict(ProtectedGroup.choices)
        return [labels.get(value, value) for value in self.protected_groups]
