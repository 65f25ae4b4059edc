"""What research found where it found no instrument: "no state law found in
the sources checked", dated, with the pages that say so."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import Curated, CuratedQuerySet
from .places import Jurisdiction


class FindingQuerySet(CuratedQuerySet):
    def published(self):
        return super().published().filter(jurisdiction__publication_status="published")


class Finding(Curated):
    """A dated search that found no instrument of a place's own either way.

    It is a finding, not a gap: a published one turns a place's stance from
    "Unknown" (not researched) into "No law found" while no instrument of its
    own in force decides otherwise. Its sources are the pages that say so;
    `last_verified_on` is when they were checked.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="findings"
    )
    summary = models.TextField(
        help_text="What was searched and what the pages say, in your own words."
    )

    objects = FindingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Curated.Meta):
        ordering = ["jurisdiction__name", "-last_verified_on", "pk"]

    def __str__(self):
        return f"No instrument found: {self.jurisdiction}"

    def get_absolute_url(self):
        return reverse(
            "jurisdictions:jurisdiction-detail",
            kwargs={"slug": self.jurisdiction.slug},
        )
