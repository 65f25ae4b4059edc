"""The editors' review of readers' corrections (issue 30).

A correction's page shows the reader's words as text (nothing in them is
made a link) and links to the record's change form with ?correction=<id>,
which shows the suggestion and its source beside the record. Saving the
record with "Save and accept" accepts it: the correction's source is added
to the record's sources, and the record's history note names the correction
(correction_note). Declining happens on the correction's own page and needs
a reason. A reader who left an address gets one mail with the decision.
"""

import logging

from django import forms
from django.contrib import admin, messages
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext

from ..models import Correction, CorrectionStatus, Source, correction_note
from ..models.corrections import RECORD_FIELDS

logger = logging.getLogger(__name__)
ACCEPT = "_accept_correction"


def record_change_url(correction):
    record = correction.record
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return f"{url}?correction={correction.pk}"


def send_decision(correction, site):
    """One mail to the reader, in the language they wrote in; a failure is
    logged and the decision stands. `site` is the site's address
    ("https://tracker.example.org")."""
    if not correction.email:
        return True
    with translation.override(correction.language):
        if correction.status == CorrectionStatus.ACCEPTED:
            body = gettext(
                "Thank you for your correction to “%(record)s”. The editors "
                "checked it against its source and changed the record: "
                "%(url)s"
            )
        else:
            body = gettext(
                "Thank you for your correction to “%(record)s”. The editors "
                "checked it and did not change the record, for this reason:"
                "\n\n%(note)s"
            )
        body = body % {
            "record": correction.record,
            "url": site + correction.record.get_absolute_url(),
            "note": correction.note,
        }
        if correction.status == CorrectionStatus.ACCEPTED and correction.note:
            body += "\n\n" + correction.note
        subject = gettext("Your correction to Sanctuary Tracker")
    try:
        send_mail(subject, body, None, [correction.email])
    except Exception:
        logger.exception("Could not mail the decision on correction %s", correction.pk)
        return False
    return True


def decide(correction, status, request, note=None):
    correction.status = status
    correction.reviewer = request.user
    correction.decided_on = timezone.localdate()
    if note is not None:
        correction.note = note
    correction.save(update_fields=["status", "reviewer", "decided_on", "note"])
    site = request.build_absolute_uri("/").rstrip("/")
    transaction.on_commit(lambda: send_decision(correction, site))


def cited_source(correction):
    """The Source for the correction's URL: the one already recorded, or new."""
    source, _ = Source.objects.get_or_create(
        url=correction.source_url,
        defaults={
            "title": correction.source_url[:500],
            "accessed_on": timezone.localdate(),
            "note": f"Cited in reader's correction #{correction.pk}.",
        },
    )
    return source


class CorrectionReviewMixin:
    """For a record's admin: ?correction=<id> shows the suggestion beside the
    record, and "Save and accept" accepts it with the save."""

    def reviewed_correction(self, request, object_id):
        """The new correction of this record that the URL names, or None."""
        try:
            pk = int(request.GET.get("correction", ""))
        except ValueError:
            return None
        model = f"jurisdictions.{self.model.__name__}"
        field = next((f for f, m in RECORD_FIELDS.items() if m == model), None)
        if field is None or not request.user.has_perm(
            "jurisdictions.change_correction"
        ):
            return None
        return (
            Correction.objects.new().filter(pk=pk, **{f"{field}_id": object_id}).first()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        correction = self.reviewed_correction(request, object_id)
        if correction is not None:
            extra_context = {
                **(extra_context or {}),
                "correction": correction,
                "accept_name": ACCEPT,
            }
            if request.method == "POST" and ACCEPT in request.POST:
                request.accepting = correction
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if correction := getattr(request, "accepting", None):
            obj._change_reason = correction_note(correction.pk)
        super().save_model(request, obj, form, change)

    def related_saved(self, request, form, change):
        super().related_saved(request, form, change)
        if correction := getattr(request, "accepting", None):
            # After the form's own sources are saved, or they would replace it.
            form.instance.sources.add(cited_source(correction))
            decide(correction, CorrectionStatus.ACCEPTED, request)
            self.message_user(
                request,
                f"Reader's correction #{correction.pk} accepted; its source is "
                "now among the record's sources.",
                messages.SUCCESS,
            )


class KindFilter(admin.SimpleListFilter):
    title = "kind of record"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(field, field.capitalize()) for field in RECORD_FIELDS]

    def queryset(self, request, queryset):
        if self.value() in RECORD_FIELDS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


class DecisionForm(forms.ModelForm):
    status = forms.ChoiceField(
        label="Decision",
        choices=[
            (CorrectionStatus.NEW, "Not decided yet"),
            (CorrectionStatus.DECLINED, "Decline"),
        ],
        help_text="To accept, open the record with the suggestion beside it "
        "(the link above) and choose “Save and accept”.",
    )

    class Meta:
        model = Correction
        fields = ["status", "note"]

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == CorrectionStatus.DECLINED
            and not (data.get("note") or "").strip()
        ):
            self.add_error("note", "Say why the correction is declined.")
        return data


SUGGESTION = [
    "record_column",
    "wrong_text",
    "right_text",
    "source_text",
    "email",
    "language",
    "created_at",
]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind_column", "status", "created_at", "decided_on"]
    list_filter = ["status", KindFilter, "language"]
    list_select_related = list(RECORD_FIELDS)
    search_fields = [
        "wrong",
        "right",
        "source_url",
        "jurisdiction__name",
        "ordinance__title",
        "resolution__title",
        "statement__title",
        "case__title",
        "person__name",
    ]
    date_hierarchy = "created_at"
    # What the reader sent, never edited; the decision's who and when are set
    # by the review.
    readonly_fields = [*SUGGESTION, "reviewer", "decided_on"]
    fieldsets = [
        ("The reader's suggestion", {"fields": SUGGESTION}),
        ("Decision", {"fields": ["status", "note", "reviewer", "decided_on"]}),
    ]

    def has_add_permission(self, request):
        # Readers send corrections through the public form only.
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        # decided_on, not status: an invalid post has set the status already.
        if obj is not None and obj.decided_on is None:
            kwargs["form"] = DecisionForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.decided_on is not None:
            # Decided: the decision stands as the reader was told.
            return [*self.readonly_fields, "status", "note"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if obj.status == CorrectionStatus.DECLINED and "status" in form.changed_data:
            decide(obj, CorrectionStatus.DECLINED, request, obj.note)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description="kind")
    def kind_column(self, obj):
        return obj.kind

    @admin.display(description="record")
    def record_column(self, obj):
        if obj.status != CorrectionStatus.NEW:
            return str(obj.record)
        return format_html(
            '{} — <a href="{}">open the record with this suggestion beside it</a>',
            obj.record,
            record_change_url(obj),
        )

    # The reader's words and address are shown as text, escaped, never as links.
    @admin.display(description="what is wrong")
    def wrong_text(self, obj):
        return obj.wrong

    @admin.display(description="what is right")
    def right_text(self, obj):
        return obj.right

    @admin.display(description="source (as the reader typed it; not a link)")
    def source_text(self, obj):
        return obj.source_url
