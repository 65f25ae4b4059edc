from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .. import stances
from ..models import (
    Jurisdiction,
    Ordinance,
    Person,
    Quote,
    Role,
    SchoolDistrictResolution,
)
from ..resources import JurisdictionResource
from .attention import StanceEvidenceFilter
from .curation import (
    CURATION_FIELDS,
    INLINE_CURATION_FIELDS,
    CuratedAdmin,
    CuratedImportAdmin,
    CuratedInline,
    newest_first,
)
from .findings import FindingInline
from .forms import JurisdictionAdminForm


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
    fields = [
        "person",
        "speaker_role",
        "text",
        "is_paraphrase",
        ("said_on", "said_on_precision"),
        *INLINE_CURATION_FIELDS,
    ]
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
        "evidence_column",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = [
        "publication_status",
        "kind",
        "stance",
        StanceEvidenceFilter,
        "state",
    ]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "geoid"]
    ordering = ["name", "state"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "sources"]
    inlines = [
        JurisdictionOrdinanceInline,
        JurisdictionResolutionInline,
        FindingInline,
        JurisdictionQuoteInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "state", "parent"]}),
        ("Census", {"fields": ["geoid", "population", "website"]}),
        ("Stance", {"fields": ["stance", "evidence", "stance_note", "summary"]}),
        ("Named in federal statements", {"fields": ["statements"]}),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if StanceEvidenceFilter.parameter_name in request.GET:
            # The editors' work list: its rows are what count, and the facet
            # counts, one more pass over every place per filter, would triple
            # its time (0.1 s to 0.3 s with 50,000 places).
            changelist.add_facets = False
        return changelist

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "statements", "evidence"]

    @admin.display(description="evidence suggests", ordering="evidence_stance")
    def evidence_column(self, jurisdiction):
        """The stored evidence stance, beside the stance an editor set."""
        return jurisdiction.get_evidence_stance_display()

    @admin.display(description="evidence suggests")
    def evidence(self, jurisdiction):
        """The stance its own instruments in force suggest; never saved."""
        if jurisdiction.pk is None:
            return "Nothing yet: a new place has no instrument."
        found = stances.evidence_for(jurisdiction)
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (
                    reverse(
                        f"admin:jurisdictions_{i._meta.model_name}_change", args=[i.pk]
                    ),
                    i,
                )
                for i in found.instruments
            ),
        )
        return format_html(
            "<strong>{}</strong>. {}<br>Instruments in force behind it: {}.<br>"
            "Provision kinds in force: {}. The stance above is yours to set: "
            "saving never changes it.",
            found.get_stance_display(),
            found.criterion,
            links or "none",
            ", ".join(found.category_labels()) or "none",
        )

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


ROLE_FIELDS = [
    "title",
    "body",
    "jurisdiction",
    ("started_on", "started_on_precision"),
    ("ended_on", "ended_on_precision"),
    "note",
]


class RoleInline(CuratedInline, admin.StackedInline):
    model = Role
    extra = 0
    fields = [*ROLE_FIELDS, *INLINE_CURATION_FIELDS]
    autocomplete_fields = ["jurisdiction", "sources"]
    verbose_name_plural = "roles (dated: quotes and statements show the one held "
    "on their day)"


@admin.register(Role)
class RoleAdmin(CuratedAdmin):
    list_display = [
        "title",
        "person",
        "body",
        "jurisdiction",
        "started_on",
        "ended_on",
        "publication_status",
        "sources_column",
        "updated_at",
    ]
    list_filter = [
        "publication_status",
        "person__is_federal",
        "started_on_precision",
        "ended_on_precision",
    ]
    list_select_related = ["person", "jurisdiction"]
    search_fields = ["title", "body", "note", "person__name", "jurisdiction__name"]
    date_hierarchy = "started_on"
    ordering = ["person__name", newest_first("started_on"), "title"]
    autocomplete_fields = ["person", "jurisdiction", "sources"]
    fieldsets = [
        (None, {"fields": ["person", *ROLE_FIELDS]}),
        ("Curation", {"fields": [*CURATION_FIELDS, "earlier_report"]}),
    ]


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
    inlines = [RoleInline]
    fields = [
        "name",
        "slug",
        "title",
        "jurisdiction",
        "is_federal",
        *CURATION_FIELDS,
        "earlier_report",
    ]
