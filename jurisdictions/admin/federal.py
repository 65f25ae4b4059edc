from django import forms
from django.contrib import admin
from django.db import models

from ..models import FederalStatement, ListEntry
from .curation import (
    CURATION_FIELDS,
    INLINE_CURATION_FIELDS,
    CuratedAdmin,
    CuratedInline,
    newest_first,
)
from .forms import ListEntryAdminForm, ListEntryInlineForm, StatementAdminForm


class ListEntryInline(CuratedInline, admin.TabularInline):
    model = ListEntry
    form = ListEntryInlineForm
    extra = 0
    fields = [
        "jurisdiction",
        "listed_on",
        "removed_on",
        "removal_note",
        *INLINE_CURATION_FIELDS,
    ]
    autocomplete_fields = ["jurisdiction", "sources"]
    verbose_name = "member"
    verbose_name_plural = "members (dated; a removed place keeps its row)"
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}
    }


@admin.register(FederalStatement)
class FederalStatementAdmin(CuratedAdmin):
    form = StatementAdminForm
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
            {
                "fields": [
                    "speaker",
                    "speaker_role",
                    ("made_on", "made_on_precision"),
                    "venue",
                ]
            },
        ),
        ("What", {"fields": ["quote", "summary", "targets", "responds_to"]}),
        (
            "Withdrawal (a list or policy its author took back)",
            {"fields": ["withdrawn_on", "withdrawal_note"]},
        ),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]

    def get_inlines(self, request, obj):
        # Only a saved list has members: a statement's kind is settled first.
        return [ListEntryInline] if obj is not None and obj.is_list else []


class MembershipFilter(admin.SimpleListFilter):
    title = "membership"
    parameter_name = "membership"

    def lookups(self, request, model_admin):
        return [
            ("current", "Current"),
            ("removed", "Removed"),
            ("withdrawn", "On a withdrawn list"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "removed":
            return queryset.removed()
        if self.value() == "withdrawn":
            return queryset.filter(list__withdrawn_on__isnull=False)
        return queryset


@admin.register(ListEntry)
class ListEntryAdmin(CuratedAdmin):
    form = ListEntryAdminForm
    list_display = [
        "jurisdiction",
        "list",
        "listed_on",
        "removed_on",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = [
        "publication_status",
        MembershipFilter,
        ("list", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["jurisdiction", "list"]
    search_fields = [
        "jurisdiction__name",
        "jurisdiction__slug",
        "list__title",
        "list__slug",
        "removal_note",
    ]
    date_hierarchy = "listed_on"
    ordering = ["list__title", "jurisdiction__name", "listed_on"]
    autocomplete_fields = ["list", "jurisdiction", "sources"]
    fieldsets = [
        (None, {"fields": ["list", "jurisdiction", "listed_on"]}),
        ("Removal", {"fields": ["removed_on", "removal_note"]}),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]
