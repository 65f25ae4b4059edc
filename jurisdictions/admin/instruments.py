from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone

from ..models import (
    InstrumentChange,
    Ordinance,
    OrdinanceAction,
    Quote,
    SchoolDistrictResolution,
)
from ..models.instruments import ACTION_FIELDS
from ..resources import OrdinanceResource
from .attention import DirectionFilter, ForceFilter
from .curation import (
    CURATION_FIELDS,
    INLINE_CURATION_FIELDS,
    CuratedAdmin,
    CuratedImportAdmin,
    CuratedInline,
    HistoryAdmin,
    newest_first,
)
from .force import (
    ChangedByInline,
    ChangesMadeInline,
    ProvisionBlockInline,
    apply_changes,
    due_changes,
    saved_objects,
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
        "direction",
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
        DirectionFilter,
        ForceFilter,
        "jurisdiction__kind",
        "jurisdiction__state",
        "provisions",
    ]
    list_select_related = ["jurisdiction"]
    search_fields = [
        "title",
        "slug",
        "number",
        "council_file",
        "issued_by",
        "jurisdiction__name",
    ]
    date_hierarchy = "main_date"
    ordering = [newest_first("main_date"), "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["jurisdiction", "based_on", "sponsors", "sources"]
    actions = [*CuratedImportAdmin.actions, "apply_due_changes"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "jurisdiction",
                    "instrument",
                    "issued_by",
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
            {
                "fields": [
                    "summary",
                    "text_url",
                    "based_on",
                    "direction",
                    "provisions",
                    "sponsors",
                ]
            },
        ),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]

    def get_inlines(self, request, obj):
        if obj is None:
            # A block names a saved provision, and nothing acts on a new
            # instrument yet.
            return [ActionInline, ChangesMadeInline, QuoteInline]
        return [
            ActionInline,
            ProvisionBlockInline,
            ChangesMadeInline,
            ChangedByInline,
            QuoteInline,
        ]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is InstrumentChange:
            # Inside the admin's transaction: the other instrument's status
            # and history change with this save or not at all.
            apply_changes(self, request, saved_objects(formset))

    @admin.action(
        description="Set the status a rescission or supersession whose date "
        "has come leaves the selected instruments in",
        permissions=["change"],
    )
    def apply_due_changes(self, request, queryset):
        changes = due_changes(queryset, timezone.localdate())
        if not apply_changes(self, request, changes):
            self.message_user(
                request,
                "Nothing changed: no rescission or supersession of the selected "
                "instruments, dated today or earlier, is missing from their "
                "status.",
            )


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
