"""The editors' queue ("Needs attention") and the changelist filters it links to.

Each count on the page and the changelist its link opens are built from the
same condition (below), so the list shows exactly the rows counted.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from ..choices import CaseStatus, PublicationStatus
from ..models import Case, Curated, Jurisdiction, ListEntry
from ..stances import differing

DRAFT = PublicationStatus.DRAFT
STALE_AFTER = datetime.timedelta(days=180)
PENDING_TOO_LONG = datetime.timedelta(days=365)


def stale(today):
    """Records not verified in the last 180 days, or never."""
    return Q(last_verified_on__isnull=True) | Q(
        last_verified_on__lt=today - STALE_AFTER
    )


def pending_too_long(today):
    """Cases pending, filed more than a year ago."""
    return Q(status=CaseStatus.PENDING, filed_on__lt=today - PENDING_TOO_LONG)


def sourced(model):
    """Records citing at least one source."""
    field = model._meta.get_field("sources")
    through = field.remote_field.through
    return Q(Exists(through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})))


def stance_differs():
    """Places whose stance is not the one their own instruments suggest."""
    return Q(pk__in=differing())


class CountlessFilter(admin.SimpleListFilter):
    """A filter without facet counts: each count is a query over the whole
    table on every changelist page, and the queue page shows these counts."""

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "All",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }


class VerifiedFilter(CountlessFilter):
    title = "last verified"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [
            ("stale", "More than 180 days ago, or never"),
            ("recent", "In the last 180 days"),
        ]

    def queryset(self, request, queryset):
        condition = stale(timezone.localdate())
        if self.value() == "stale":
            return queryset.filter(condition)
        if self.value() == "recent":
            return queryset.exclude(condition)
        return queryset


class SourcedFilter(CountlessFilter):
    title = "sources"
    parameter_name = "sourced"

    def lookups(self, request, model_admin):
        return [("no", "No source"), ("yes", "At least one source")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.exclude(sourced(queryset.model))
        if self.value() == "yes":
            return queryset.filter(sourced(queryset.model))
        return queryset


class StanceEvidenceFilter(CountlessFilter):
    title = "stance differs from the evidence"
    parameter_name = "stance_differs"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(stance_differs())
        if self.value() == "no":
            return queryset.exclude(stance_differs())
        return queryset


class PendingFilter(CountlessFilter):
    title = "pending for long"
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("over_a_year", "Pending, filed more than a year ago")]

    def queryset(self, request, queryset):
        if self.value() == "over_a_year":
            return queryset.filter(pending_too_long(timezone.localdate()))
        return queryset


@dataclass
class Item:
    label: str
    count: int
    url: str


@dataclass
class Review:
    """Records of one model to review, and the changelist query showing them."""

    model: type
    label: str
    condition: object  # today -> Q
    query: str


REVIEWS = (
    Review(
        Jurisdiction,
        "Jurisdictions whose stance differs from the evidence",
        lambda today: stance_differs(),
        "stance_differs=yes",
    ),
    Review(
        Case,
        "Cases pending, filed more than a year ago",
        pending_too_long,
        "pending=over_a_year",
    ),
    Review(
        ListEntry,
        "List entries without a source",
        lambda today: ~sourced(ListEntry),
        "sourced=no",
    ),
)


def changelist(model, query):
    opts = model._meta
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{query}"


class NeedsAttentionView(TemplateView):
    """What editors should look at next, each count linking to its rows."""

    template_name = "admin/attention.html"
    admin_site = None

    def curated_models(self):
        """Curated models the user may view here, by name."""
        models = [
            model
            for model in apps.get_app_config("jurisdictions").get_models()
            if issubclass(model, Curated)
            and self.admin_site.is_registered(model)
            and self.admin_site.get_model_admin(model).has_view_permission(self.request)
        ]
        return sorted(models, key=lambda m: str(m._meta.verbose_name_plural))

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        drafts, unverified, reviewed = [], [], []
        for model in self.curated_models():
            reviews = [review for review in REVIEWS if review.model is model]
            # One query per model: its drafts, its stale records, its reviews.
            counts = model._default_manager.aggregate(
                drafts=Count("pk", filter=Q(publication_status=DRAFT)),
                stale=Count("pk", filter=stale(today)),
                **{
                    f"review_{n}": Count("pk", filter=review.condition(today))
                    for n, review in enumerate(reviews)
                },
            )
            name = str(model._meta.verbose_name_plural).capitalize()
            drafts.append(
                Item(
                    name,
                    counts["drafts"],
                    changelist(model, f"publication_status__exact={DRAFT}"),
                )
            )
            unverified.append(
                Item(name, counts["stale"], changelist(model, "verified=stale"))
            )
            reviewed += [
                Item(
                    review.label, counts[f"review_{n}"], changelist(model, review.query)
                )
                for n, review in enumerate(reviews)
            ]
        return super().get_context_data(
            **self.admin_site.each_context(self.request),
            title="Needs attention",
            sections=[
                ("Drafts awaiting publication", drafts),
                ("Not verified in the last 180 days, or never", unverified),
                ("To review", reviewed),
            ],
            **kwargs,
        )
