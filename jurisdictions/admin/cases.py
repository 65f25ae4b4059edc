from django.contrib import admin

from ..models import Case
from .attention import PendingFilter
from .curation import CURATION_FIELDS, CuratedAdmin, newest_first
from .forms import CaseAdminForm


@admin.register(Case)
class CaseAdmin(CuratedAdmin):
    form = CaseAdminForm
    list_display = [
        "title",
        "court",
        "docket",
        "status",
        "filed_on",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = ["publication_status", "status", PendingFilter, "court"]
    search_fields = [
        "title",
        "slug",
        "docket",
        "court",
        "judge",
        "plaintiff_parties",
        "defendant_parties",
    ]
    date_hierarchy = "filed_on"
    ordering = [newest_first("filed_on"), "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "plaintiffs",
        "defendants",
        "challenged",
        "statements",
        "sources",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "court", "docket", "judge"]}),
        (
            "Status and dates",
            {
                "fields": [
                    "status",
                    "filed_on",
                    "filed_on_precision",
                    "decided_on",
                    "decided_on_precision",
                    "outcome",
                ]
            },
        ),
        (
            "Parties",
            {
                "fields": [
                    "plaintiffs",
                    "plaintiff_parties",
                    "defendants",
                    "defendant_parties",
                ]
            },
        ),
        ("What it concerns", {"fields": ["summary", "challenged", "statements"]}),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]
