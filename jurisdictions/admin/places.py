from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..forms import JurisdictionAdminForm
from ..models import (
    Jurisdiction,
    Ordinance,
    Person,
    Quote,
    SchoolDistrictResolution,
)
from ..resources import JurisdictionResource
from .curation import (
    CURATION_FIELDS,
    INLINE_CURATION_FIELDS,
    CuratedAdmin,
    CuratedImportAdmin,
    CuratedInline,
)


class ReadOnlyInline(admin.TabularInline):
    """A list of related records, each linking to its own change page."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JurisdictionOrdinanceInline(ReadOnlyInline):
    model = Ordinance
    fields = ["title", "instrument", "status", "main_date", "publication_status"]
    readonly_fields = fields
    verbose_name_plural = "ordinances and other instruments"


class JurisdictionResolutionInline(ReadOnlyInline):
    model = SchoolDistrictResolution
    fk_name = "district"
    fields = ["title", "number", "status", "adopted_on", "publication_status"]
    readonly_fields = fields


class JurisdictionQuoteInline(CuratedInline, admin.StackedInline):
    model = Quote
    fk_name = "jurisdiction"
    extra = 0
    fields = ["person", "text", "is_paraphrase", "said_on", *INLINE_CURATION_FIELDS]
    autocomplete_fields = ["person", "sources"]
    verbose_name_plural = "quotes about the jurisdiction itself"


@admin.register(Jurisdiction)
class JurisdictionAdmin(CuratedImportAdmin):
    form = JurisdictionAdminForm
    resource_classes = [JurisdictionResource]
    list_display = [
        "name",
        "kind",
        "state",
        "parent",
        "stance",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = ["publication_status", "kind", "stance", "state"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "geoid"]
    ordering = ["name", "state"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "sources"]
    inlines = [
        JurisdictionOrdinanceInline,
        JurisdictionResolutionInline,
        JurisdictionQuoteInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "state", "parent"]}),
        ("Census", {"fields": ["geoid", "population", "website"]}),
        ("Stance", {"fields": ["stance", "stance_note", "summary"]}),
        ("Named in federal statements", {"fields": ["statements"]}),
        ("Curation", {"fields": CURATION_FIELDS}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "statements"]

    @admin.display(description="statements")
    def statements(self, jurisdiction):
        if jurisdiction.pk is None:
            return "-"
        statements = jurisdiction.federal_statements.order_by(
            F("made_on").desc(nulls_last=True), "title"
        )
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("admin:jurisdictions_federalstatement_change", args=[s.pk]),
                    s,
                    s.made_on or "undated",
                )
                for s in statements
            ),
        )
        return format_html("<ul>{}</ul>", links) if links else "None"


@admin.register(Person)
class PersonAdmin(CuratedAdmin):
    list_display = [
        "name",
        "title",
        "jurisdiction",
        "is_federal",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = ["publication_status", "is_federal"]
    list_select_related = ["jurisdiction"]
    search_fields = ["name", "slug", "title"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["jurisdiction", "sources"]
    fields = [
        "name",
        "slug",
        "title",
        "jurisdiction",
        "is_federal",
        *CURATION_FIELDS,
    ]
