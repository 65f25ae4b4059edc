"""What every curated record's admin shares: drafts, publishing, history, versions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_m2m_reverse_field_name

from ..changelog import saves
from ..choices import PublicationStatus
from ..exports import export_csv_action
from ..models import Curated
from .attention import CountlessChoicesFilter, SourcedFilter, VerifiedFilter
from .corrections import CorrectionReviewMixin
from .forms import CuratedAdminForm, CuratedInlineForm

PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT
PUBLISH_PERMISSION = "jurisdictions.can_publish"
CURATION_FIELDS = [
    "publication_status",
    "published_at",
    "last_verified_on",
    "confidence",
    "editor_notes",
    "sources",
    "version",
    "updated_at",
    "loaded_version",
]
INLINE_CURATION_FIELDS = [
    "publication_status",
    "confidence",
    "sources",
    "loaded_version",
]


def newest_first(date_field):
    """Order by a date, newest first, with undated records last on every database."""
    return F(date_field).desc(nulls_last=True)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def keep_publication_rules(request, obj):
    """Let only publishers change the status; stamp `published_at` when it changes."""
    before = (
        type(obj)
        ._base_manager.filter(pk=obj.pk)
        .values("publication_status", "published_at")
        .first()
        if obj.pk is not None
        else None
    ) or {"publication_status": DRAFT, "published_at": None}
    if not can_publish(request.user):
        # The field is read-only for them, but a revert to an old version
        # would otherwise carry that version's status along.
        obj.publication_status = before["publication_status"]
    if obj.publication_status == before["publication_status"]:
        obj.published_at = before["published_at"]
    else:
        obj.published_at = timezone.now() if obj.is_published else None


def require_pk(model, value):
    """Raise Http404 unless `value` (from a URL) can be a primary key of `model`."""
    try:
        model._meta.pk.to_python(unquote(value))
    except ValidationError:
        raise Http404(f"No {model._meta.verbose_name} has the key “{value}”.") from None


class HistoryAdmin(SimpleHistoryAdmin):
    """History with who, when and what, and a revert that keeps the version check."""

    # Django 6 makes https the default for a URL typed without a scheme.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def history_view(self, request, object_id, extra_context=None):
        require_pk(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history looks both up without checking them: "2/change" or
        # "abc" would be a 500, not a 404.
        require_pk(self.model, object_id)
        require_pk(self.model.history.model, version_id)
        request.reverting_to = version_id
        # The version check locks the row; the lock must last until the save.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def save_model(self, request, obj, form, change):
        # One history row for the record and its links (changelog.saves),
        # written once they are all saved.
        saves.hold(obj, update=change)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.related_saved(request, form, change)
        saves.release(form.instance)

    def related_saved(self, request, form, change):
        """After the form's links and inlines are saved, before the save's
        history row is written: what a subclass adds to the record."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        version_id = getattr(request, "reverting_to", None)
        if obj is None or version_id is None:
            return form
        if isinstance(obj, Curated):
            # The revert page shows an old version, but the editor is replacing
            # the record as it stands now: that is the version to check against.
            obj.version = (
                self.model._base_manager.filter(pk=obj.pk)
                .values_list("version", flat=True)
                .first()
            )
        # The old version's links (sources, targets…) come back with it.
        record = self.model.history.get(pk=version_id)
        revert_initial = {
            field.name: list(
                getattr(record, field.name).values_list(
                    get_m2m_reverse_field_name(field), flat=True
                )
            )
            for field in record._history_m2m_fields
            if field.name in form.base_fields
        }
        return type(form.__name__, (form,), {"revert_initial": revert_initial})


class CuratedAdmin(CorrectionReviewMixin, HistoryAdmin):
    """Admin for a record that editors draft and chief editors publish."""

    form = CuratedAdminForm
    show_facets = admin.ShowFacets.ALWAYS
    actions = ["publish", "return_to_draft", export_csv_action]
    history_list_display = ["version"]
    list_per_page = 100

    def get_queryset(self, request):
        # A subquery, not Count() over a join: a join would GROUP BY every
        # column of every list, facet and date-hierarchy query.
        sources = self.model._meta.get_field("sources")
        owner = sources.m2m_field_name()
        count = (
            sources.remote_field.through.objects.filter(**{owner: OuterRef("pk")})
            .order_by()
            .values(owner)
            .annotate(n=Count("*"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(source_count=Coalesce(Subquery(count), 0))
        )

    def get_list_filter(self, request):
        # Every curated record has a confidence, can go stale or lack a
        # source; the Needs attention page (attention.py) links to the last
        # two. None counts its rows: that would cost a query on every page.
        return [
            *super().get_list_filter(request),
            ("confidence", CountlessChoicesFilter),
            VerifiedFilter,
            SourcedFilter,
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            *super().get_readonly_fields(request, obj),
            "published_at",
            "version",
            "updated_at",
        ]
        if not can_publish(request.user):
            readonly.append("publication_status")
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # The provision taxonomy is short and fixed: boxes beat a search field.
        if db_field.name == "provisions":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def view_on_site(self, obj):
        # A draft's public page is a 404.
        return obj.get_absolute_url() if obj.is_published else None

    def save_model(self, request, obj, form, change):
        keep_publication_rules(request, obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.model, Curated):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            keep_publication_rules(request, obj)
            saves.hold(obj, update=obj not in formset.new_objects)
            obj.save()
        formset.save_m2m()
        for obj in instances:
            saves.release(obj)
        return None

    @admin.display(description="sources", ordering="source_count")
    def sources_column(self, obj):
        return obj.source_count

    @admin.action(description="Publish the selected records", permissions=["publish"])
    def publish(self, request, queryset):
        published, unsourced = [], []
        for obj in queryset.filter(publication_status=DRAFT):
            if not obj.source_count:
                unsourced.append(obj)
                continue
            obj.publication_status = PUBLISHED
            obj.published_at = timezone.now()
            obj._change_reason = "Published"
            obj.save(update_fields=["publication_status", "published_at", "updated_at"])
            self.log_change(request, obj, "Published.")
            published.append(obj)
        self.report(request, "Published", published)
        if unsourced:
            self.message_user(
                request,
                f"Not published, because a published record needs at least one "
                f"source: {', '.join(map(str, unsourced))}. Add a source to each, "
                "then publish again.",
                messages.ERROR,
            )

    @admin.action(
        description="Return the selected records to draft", permissions=["publish"]
    )
    def return_to_draft(self, request, queryset):
        drafted = []
        for obj in queryset.filter(publication_status=PUBLISHED):
            obj.publication_status = DRAFT
            obj.published_at = None
            obj._change_reason = "Returned to draft"
            obj.save(update_fields=["publication_status", "published_at", "updated_at"])
            self.log_change(request, obj, "Returned to draft.")
            drafted.append(obj)
        self.report(request, "Returned to draft", drafted)

    def report(self, request, verb, objects):
        opts = self.model._meta
        name = opts.verbose_name if len(objects) == 1 else opts.verbose_name_plural
        self.message_user(request, f"{verb}: {len(objects)} {name}.")


class CsvImportMixin(ImportMixin):
    """Take CSV files from anyone who may add and change the model's records."""

    import_formats = [CSV]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def process_result(self, result, request):
        # The data can change between the preview and the confirmation; the
        # import then rolls back, and must not report rows as imported.
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        rows = sorted(
            {number for number, _ in result.row_errors()}
            | {row.number for row in result.invalid_rows}
        )
        self.message_user(
            request,
            "Nothing was imported: since the preview, row "
            f"{', '.join(map(str, rows))} stopped passing the checks (someone may "
            "have changed the records it names). Import the file again to see why.",
            messages.ERROR,
        )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_import")
        )


class CuratedImportAdmin(CsvImportMixin, CuratedAdmin):
    pass


class CuratedInline:
    """Mixin for inlines of curated records: version check and publish rules."""

    form = CuratedInlineForm
    autocomplete_fields = ["sources"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            readonly.append("publication_status")
        return readonly
