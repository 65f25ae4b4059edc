"""Findings of no instrument: a dated search that found no law of a place's
own either way, with the pages that say so. Curated like every public record:
editors draft them, chief editors publish them."""

from django.contrib import admin

from ..models import Finding
from .curation import (
    CURATION_FIELDS,
    INLINE_CURATION_FIELDS,
    CuratedAdmin,
    CuratedInline,
    newest_first,
)

FINDING_HELP = (
    "A published finding turns the place's evidence from “Unknown” (not "
    "researched) to “No law found” while no instrument of its own in force "
    "decides otherwise. Cite the pages checked and set “last verified on” to "
    "the day they were checked."
)


class FindingInline(CuratedInline, admin.StackedInline):
    model = Finding
    extra = 0
    fields = ["summary", "last_verified_on", *INLINE_CURATION_FIELDS]
    verbose_name = "finding of no instrument"
    verbose_name_plural = "findings of no instrument (searches that found none)"


@admin.register(Finding)
class FindingAdmin(CuratedAdmin):
    list_display = [
        "jurisdiction",
        "last_verified_on",
        "confidence",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = ["publication_status", "jurisdiction__kind", "jurisdiction__state"]
    list_select_related = ["jurisdiction"]
    search_fields = ["jurisdiction__name", "jurisdiction__slug", "summary"]
    ordering = ["jurisdiction__name", newest_first("last_verified_on"), "pk"]
    autocomplete_fields = ["jurisdiction", "sources"]
    fieldsets = [
        (None, {"fields": ["jurisdiction", "summary"], "description": FINDING_HELP}),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]
