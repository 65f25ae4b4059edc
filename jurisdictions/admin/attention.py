"""The editors' queue ("Needs attention") and the changelist filters it links to.

Each count on the page and the changelist its link opens are built from the
same condition (below), so the list shows exactly the rows counted.
"""

import copy
import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from ..choices import (
    IN_FORCE_STATUSES,
    STATUS_AFTER_CHANGE,
    CaseStatus,
    Direction,
    OrdinanceStatus,
    PublicationStatus,
)
from ..models import (
    Case,
    Correction,
    Curated,
    InstrumentChange,
    Jurisdiction,
    ListEntry,
    Ordinance,
    ProvisionBlock,
)
from ..models.base import DIRECTION_CATEGORIES
from ..stances import blocked

DRAFT = PublicationStatus.DRAFT
PUBLISHED = PublicationStatus.PUBLISHED
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
    """Places whose stance is not the one their own instruments suggest, as
    the database keeps it (Jurisdiction.evidence_stance): a comparison of two
    columns, not a weighing of every instrument in force."""
    return ~Q(stance=F("evidence_stance"))


def published_in_force():
    """Instruments whose provisions count toward their place's stance."""
    return Q(publication_status=PUBLISHED, status__in=IN_FORCE_STATUSES)


def carries(direction):
    """Instruments carrying a provision of `direction` that counts toward a
    stance: of one of its categories, and not blocked by a standing court
    order (stances.py)."""
    # One set of keys for the whole table (a hashed subquery on PostgreSQL):
    # a correlated EXISTS per instrument took 0.5 s at 200,000 instruments.
    through = Ordinance.provisions.through
    return Q(
        pk__in=through.objects.filter(
            policyprovision__category__in=DIRECTION_CATEGORIES[direction],
        )
        .exclude(blocked("ordinance_id", "policyprovision_id"))
        .values("ordinance_id")
    )


def direction_uncounted():
    """Published instruments in force that limit or mandate cooperation, as
    their editors recorded, but carry no provision of that direction that
    counts: the stance criteria never see what they do."""
    return published_in_force() & (
        (Q(direction=Direction.LIMITS) & ~carries(Direction.LIMITS))
        | (Q(direction=Direction.MANDATES) & ~carries(Direction.MANDATES))
    )


def in_part_unblocked():
    """Published instruments "in effect in part" with no standing court block:
    nothing records which part is out of force."""
    return Q(
        publication_status=PUBLISHED, status=OrdinanceStatus.ENJOINED_IN_PART
    ) & ~Q(Exists(ProvisionBlock.objects.standing().filter(ordinance=OuterRef("pk"))))


def ended_unrecorded(today):
    """Instruments a rescission or supersession dated `today` or earlier has
    ended, whose status says neither (one dated ahead takes effect when an
    editor saves it, or applies it, once its day has come)."""
    return Q(
        Exists(
            InstrumentChange.objects.filter(
                target=OuterRef("pk"), kind__in=STATUS_AFTER_CHANGE, on__lte=today
            )
        )
    ) & ~Q(status__in=STATUS_AFTER_CHANGE.values())


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


class CountlessChoicesFilter(admin.ChoicesFieldListFilter):
    """A field's choices, like Django's own filter, without facet counts: each
    filter's counts are one more query over the table on every page."""

    def choices(self, changelist):
        uncounted = copy.copy(changelist)
        uncounted.add_facets = False
        yield from super().choices(uncounted)


class DirectionFilter(CountlessFilter):
    """What an instrument does to cooperation, or that nobody recorded it."""

    title = "direction"
    parameter_name = "direction"

    def lookups(self, request, model_admin):
        return [*Direction.choices, ("unrecorded", "Not recorded")]

    def queryset(self, request, queryset):
        if self.value() == "unrecorded":
            return queryset.filter(direction="")
        if self.value() in Direction.values:
            return queryset.filter(direction=self.value())
        return queryset


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


class ForceFilter(CountlessFilter):
    title = "record of force"
    parameter_name = "force"

    def lookups(self, request, model_admin):
        return [
            ("direction_uncounted", "Direction without a provision that counts"),
            ("in_part_unblocked", "In effect in part, no standing block"),
            ("ended_unrecorded", "Rescinded or superseded, status not set"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "direction_uncounted":
            return queryset.filter(direction_uncounted())
        if self.value() == "in_part_unblocked":
            return queryset.filter(in_part_unblocked())
        if self.value() == "ended_unrecorded":
            return queryset.filter(ended_unrecorded(timezone.localdate()))
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
        Ordinance,
        "Instruments in force that limit or mandate cooperation with no "
        "provision of that kind counting toward a stance",
        lambda today: direction_uncounted(),
        "force=direction_uncounted",
    ),
    Review(
        Ordinance,
        "Instruments in effect in part with no standing court block",
        lambda today: in_part_unblocked(),
        "force=in_part_unblocked",
    ),
    Review(
        Ordinance,
        "Instruments rescinded or superseded by now whose status does not say so",
        ended_unrecorded,
        "force=ended_unrecorded",
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

    def corrections(self):
        """Readers' corrections no editor has decided (issue 30): one query."""
        site = self.admin_site
        if not (
            site.is_registered(Correction)
            and site.get_model_admin(Correction).has_view_permission(self.request)
        ):
            return []
        count = Correction.objects.new().count()
        url = changelist(Correction, "status__exact=new")
        return [Item("New readers' corrections", count, url)]

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
        reviewed += self.corrections()
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
