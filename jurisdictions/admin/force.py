"""What limits or ends an instrument's force, as editors record it: a court
blocking some of its provisions, another instrument rescinding, superseding
or amending it. Saving a rescission or supersession whose date has come sets
the other instrument's status (InstrumentChange.take_effect)."""

from django import forms
from django.contrib import admin
from django.db import models, router, transaction
from django.db.models import Q
from django.utils import timezone

from ..choices import STATUS_AFTER_CHANGE
from ..force import date_text
from ..models import InstrumentChange, PolicyProvision, ProvisionBlock
from .curation import HistoryAdmin, newest_first
from .places import ReadOnlyInline

SMALL_TEXT = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}
}


def due_changes(targets, today):
    """The rescission or supersession that decides the status of each of
    `targets` (a queryset) today: the latest dated today or earlier."""
    changes = (
        InstrumentChange.objects.filter(
            target__in=targets, kind__in=STATUS_AFTER_CHANGE, on__lte=today
        )
        .select_related("acting", "target")
        .order_by("on", "pk")
    )
    return list({change.target_id: change for change in changes}.values())


def apply_changes(model_admin, request, changes):
    """Let each rescission or supersession in `changes` whose date has come
    set its target's status, with a step in its life and a history record,
    in one transaction; tell the editor what changed and what waits.
    Return how many statuses changed."""
    today = timezone.localdate()
    applied = 0
    with transaction.atomic(using=router.db_for_write(InstrumentChange)):
        for change in changes:
            if not change.ends_force:
                continue
            target = change.target
            if change.on is None:
                model_admin.message_user(
                    request,
                    f"“{change}” has no date, so the status of “{target}” is "
                    "unchanged: set it on its own page.",
                )
            elif change.on > today:
                model_admin.message_user(
                    request,
                    f"“{change}” takes effect on "
                    f"{date_text(change.on, change.on_precision)}; the status of "
                    f"“{target}” stays as it is until then, and Needs attention "
                    "lists it once the day has come.",
                )
            elif (later := change.later_ending(today)) is not None:
                model_admin.message_user(
                    request,
                    f"The status of “{target}” is unchanged: “{later}”, dated "
                    "later, decides it.",
                )
            elif change.take_effect(today):
                applied += 1
                message = (
                    f"Status of “{target}” set to “{target.get_status_display()}”: "
                    f"“{change.acting}” {change.get_kind_display().lower()} it "
                    f"from {date_text(change.on, change.on_precision)}."
                )
                model_admin.log_change(request, target, message)
                model_admin.message_user(request, message)
    return applied


def saved_objects(formset):
    """The rows a saved formset added or changed."""
    return [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]


# What a court block says, in the inline and on its own page.
BLOCK_FIELDS = [
    "provision",
    "clause",
    ("case", "court"),
    ("blocked_on", "blocked_on_precision"),
    ("lifted_on", "lifted_on_precision"),
    "sources",
]


class ProvisionBlockInline(admin.StackedInline):
    """Court blocks of the instrument's provisions (shown once it is saved:
    a block names one of its saved provisions)."""

    model = ProvisionBlock
    extra = 0
    fields = BLOCK_FIELDS
    autocomplete_fields = ["case", "sources"]
    verbose_name = "court block of one provision"
    verbose_name_plural = (
        "court blocks of its provisions (a standing block takes that provision "
        "out of the stance; the instrument stays in force for the rest)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # The instrument's saved provisions, and any a stored block names
            # (the model's check then explains what is wrong with it).
            field = formset.form.base_fields["provision"]
            field.queryset = PolicyProvision.objects.filter(
                Q(ordinances=obj) | Q(blocks__ordinance=obj)
            ).distinct()
        return formset


class ChangesMadeInline(admin.TabularInline):
    """Other instruments this one rescinds, supersedes or amends."""

    model = InstrumentChange
    fk_name = "acting"
    extra = 0
    fields = ["kind", "target", "on", "on_precision", "note"]
    autocomplete_fields = ["target"]
    formfield_overrides = SMALL_TEXT
    verbose_name = "change it makes to another instrument"
    verbose_name_plural = (
        "changes it makes to other instruments (a rescission or supersession "
        "sets the other's status once its date has come)"
    )


class ChangedByInline(ReadOnlyInline):
    """Instruments that rescind, supersede or amend this one."""

    model = InstrumentChange
    fk_name = "target"
    fields = ["acting", "kind", "on", "on_precision"]
    readonly_fields = fields
    verbose_name = "change made to it by another instrument"
    verbose_name_plural = "changes made to it by other instruments"


@admin.register(InstrumentChange)
class InstrumentChangeAdmin(HistoryAdmin):
    list_display = ["acting", "kind", "target", "on", "on_precision"]
    list_filter = ["kind"]
    list_select_related = ["acting", "target"]
    search_fields = ["acting__title", "target__title", "note"]
    date_hierarchy = "on"
    ordering = [newest_first("on"), "pk"]
    autocomplete_fields = ["acting", "target"]
    fields = ["acting", "kind", "target", ("on", "on_precision"), "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        apply_changes(self, request, [obj])


@admin.register(ProvisionBlock)
class ProvisionBlockAdmin(HistoryAdmin):
    list_display = [
        "ordinance",
        "provision",
        "clause",
        "case",
        "court",
        "blocked_on",
        "lifted_on",
    ]
    list_filter = [("lifted_on", admin.EmptyFieldListFilter)]
    list_select_related = ["ordinance", "provision", "case"]
    search_fields = ["ordinance__title", "clause", "court", "case__title"]
    date_hierarchy = "blocked_on"
    ordering = [newest_first("blocked_on"), "pk"]
    autocomplete_fields = ["ordinance", "case", "sources"]
    fields = ["ordinance", *BLOCK_FIELDS]
