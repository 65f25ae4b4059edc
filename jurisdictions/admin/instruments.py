from django import forms
from django.contrib import admin
from django.db import models

from ..models import Ordinance, OrdinanceAction, Quote, SchoolDistrictResolution
from ..models.instruments import ACTION_FIELDS
from ..resources import OrdinanceResource
from .curation import (
    CURATION_FIELDS,
    INLINE_CURATION_FIELDS,
    CuratedAdmin,
    CuratedImportAdmin,
    CuratedInline,
    HistoryAdmin,
    newest_first,
)
from .forms import OrdinanceAdminForm, ResolutionAdminForm


class ActionInline(admin.TabularInline):
    model = OrdinanceAction
    extra = 0
    fields = ACTION_FIELDS
    verbose_name = "step (with its vote)"
    verbose_name_plural = "steps in its life (with votes)"
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}
    }


QUOTE_FIELDS = [
    "person",
    "speaker_role",
    "text",
    "is_paraphrase",
    ("said_on", "said_on_precision"),
]


class QuoteInline(CuratedInline, admin.StackedInline):
    model = Quote
    extra = 0
    fields = [*QUOTE_FIELDS, *INLINE_CURATION_FIELDS]
    autocomplete_fields = ["person", "sources"]


@admin.register(Ordinance)
class OrdinanceAdmin(CuratedImportAdmin):
    form = OrdinanceAdminForm
    resource_classes = [OrdinanceResource]
    list_display = [
        "title",
        "jurisdiction",
        "instrument",
        "status",
        "main_date",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = [
        "publication_status",
        "instrument",
        "status",
        "jurisdiction__kind",
        "jurisdiction__state",
        "provisions",
    ]
    list_select_related = ["jurisdiction"]
    search_fields = ["title", "slug", "number", "council_file", "jurisdiction__name"]
    date_hierarchy = "main_date"
    ordering = [newest_first("main_date"), "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["jurisdiction", "based_on", "sponsors", "sources"]
    inlines = [ActionInline, QuoteInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "jurisdiction",
                    "instrument",
                    "number",
                    "council_file",
                ]
            },
        ),
        (
            "Status and dates",
            {
                "fields": [
                    "status",
                    ("introduced_on", "introduced_on_precision"),
                    ("passed_on", "passed_on_precision"),
                    ("signed_on", "signed_on_precision"),
                    ("effective_on", "effective_on_precision"),
                    "urgency_clause",
                ]
            },
        ),
        (
            "Content",
            {"fields": ["summary", "text_url", "based_on", "provisions", "sponsors"]},
        ),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]


@admin.register(OrdinanceAction)
class OrdinanceActionAdmin(HistoryAdmin):
    list_display = [
        "ordinance",
        "action",
        "date",
        "body",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "votes_absent",
    ]
    list_filter = ["action"]
    list_select_related = ["ordinance"]
    search_fields = ["ordinance__title", "body", "note"]
    date_hierarchy = "date"
    ordering = [newest_first("date"), "pk"]
    autocomplete_fields = ["ordinance", "sources"]
    show_facets = admin.ShowFacets.ALWAYS


class ResolutionQuoteInline(QuoteInline):
    fk_name = "resolution"


@admin.register(SchoolDistrictResolution)
class SchoolDistrictResolutionAdmin(CuratedAdmin):
    form = ResolutionAdminForm
    list_display = [
        "title",
        "district",
        "number",
        "status",
        "adopted_on",
        "is_emergency",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = [
        "publication_status",
        "status",
        "is_emergency",
        "district__state",
        "provisions",
    ]
    list_select_related = ["district"]
    search_fields = ["title", "slug", "number", "district__name"]
    date_hierarchy = "adopted_on"
    ordering = [newest_first("adopted_on"), "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["district", "reaffirms", "sources"]
    inlines = [ResolutionQuoteInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "district", "number"]}),
        (
            "Adoption",
            {
                "fields": [
                    "status",
                    ("adopted_on", "adopted_on_precision"),
                    "is_emergency",
                    "votes_for",
                    "votes_against",
                ]
            },
        ),
        ("Reaffirms", {"fields": ["reaffirms", "reaffirms_confirmed"]}),
        (
            "Content",
            {"fields": ["summary", "protected_groups", "provisions"]},
        ),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]


@admin.register(Quote)
class QuoteAdmin(CuratedAdmin):
    list_display = [
        "__str__",
        "person",
        "said_on",
        "subject",
        "publication_status",
        "sources_column",
    ]
    list_filter = ["publication_status", "is_paraphrase"]
    list_select_related = ["person", "ordinance", "resolution", "jurisdiction"]
    search_fields = ["text", "person__name"]
    date_hierarchy = "said_on"
    ordering = [newest_first("said_on"), "pk"]
    autocomplete_fields = [
        "person",
        "ordinance",
        "resolution",
        "jurisdiction",
        "sources",
    ]
    fieldsets = [
        (None, {"fields": QUOTE_FIELDS}),
        (
            "About (exactly one)",
            {"fields": ["ordinance", "resolution", "jurisdiction"]},
        ),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]

    @admin.display(description="about")
    def subject(self, quote):
        return quote.subject
