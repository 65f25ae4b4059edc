from django.contrib import admin

from ..models import FederalStatement
from .curation import CURATION_FIELDS, CuratedAdmin, newest_first


@admin.register(FederalStatement)
class FederalStatementAdmin(CuratedAdmin):
    list_display = [
        "title",
        "speaker",
        "kind",
        "made_on",
        "venue",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = ["publication_status", "kind", "speaker__is_federal"]
    list_select_related = ["speaker"]
    search_fields = ["title", "slug", "quote", "summary", "speaker__name"]
    date_hierarchy = "made_on"
    ordering = [newest_first("made_on"), "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["speaker", "targets", "responds_to", "sources"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind"]}),
        (
            "Who, when, where",
            {"fields": ["speaker", "speaker_role", "made_on", "venue"]},
        ),
        ("What", {"fields": ["quote", "summary", "targets", "responds_to"]}),
        ("Curation", {"fields": CURATION_FIELDS}),
    ]
