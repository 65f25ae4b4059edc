"""How we know: the counts the /method/ page shows, read from the database.

Published records are those `.published()` gives (what the public pages
show); held-back records are `.drafts()`. A draft is counted here, never
named.
"""

from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _

from .choices import Confidence, SourceKind
from .models import (
    Case,
    FederalStatement,
    Finding,
    Jurisdiction,
    Ordinance,
    SchoolDistrictResolution,
    Source,
)

# The kinds of record the page counts, in its order.
KINDS = (
    ("places", Jurisdiction, _("Places")),
    (
        "instruments",
        Ordinance,
        _("Instruments (ordinances, state laws, orders and policies)"),
    ),
    ("resolutions", SchoolDistrictResolution, _("School-district resolutions")),
    ("statements", FederalStatement, _("Federal statements")),
    ("cases", Case, _("Court cases")),
    ("findings", Finding, _("Findings of no instrument")),
)
# Pages that can carry a record to publication: primary or established. A
# lead, an advocacy group, an encyclopedia or an unclassified page cannot.
ESTABLISHED = (
    SourceKind.GOVERNMENT,
    SourceKind.COURT,
    SourceKind.NEWS,
    SourceKind.TRACKER,
)


@dataclass(frozen=True)
class KindCounts:
    """One kind of record: how many are published and held back, and why."""

    key: str
    label: str
    published: int
    drafts: int
    # Published records never checked (no `last_verified_on`), and the
    # oldest check among the others.
    unverified: int
    oldest_verified: object
    # Held back, by reason; a draft can count under both.
    below_high: int
    no_established: int
    # Held back for neither reason: waiting for an editor.
    other: int
    # Marked published, yet hidden because its place or speaker is a draft.
    hidden: int


@dataclass(frozen=True)
class MethodCounts:
    kinds: list
    # [(SourceKind value, label, pages)] in SourceKind's order.
    sources: list

    def total(self, field):
        return sum(getattr(kind, field) for kind in self.kinds)

    @property
    def published(self):
        return self.total("published")

    @property
    def drafts(self):
        return self.total("drafts")

    @property
    def below_high(self):
        return self.total("below_high")

    @property
    def no_established(self):
        return self.total("no_established")

    @property
    def other(self):
        return self.total("other")

    @property
    def hidden(self):
        return self.total("hidden")

    @property
    def unverified(self):
        return self.total("unverified")

    @property
    def source_pages(self):
        return sum(count for _, _, count in self.sources)

    @property
    def oldest(self):
        """The kind whose oldest check is the oldest of all, or None."""
        checked = [kind for kind in self.kinds if kind.oldest_verified is not None]
        return min(checked, key=lambda kind: kind.oldest_verified, default=None)

    def of(self, key):
        return next(kind for kind in self.kinds if kind.key == key)

    @property
    def findings(self):
        return self.of("findings")


def owner_field(model):
    """The name of `model`'s side of its sources' through table."""
    return model.sources.field.m2m_field_name()


def cites_established(model):
    """Q: the record cites at least one primary or established page."""
    through = model.sources.through.objects.filter(source__kind__in=ESTABLISHED)
    return Q(pk__in=through.values(f"{owner_field(model)}_id"))


def kind_counts(key, model, label):
    """One query: every count of one kind of record."""
    published = Q(pk__in=model.objects.published().values("pk"))
    drafts = Q(pk__in=model.objects.drafts().values("pk"))
    below_high = ~Q(confidence=Confidence.HIGH)
    no_established = ~cites_established(model)
    counts = model.objects.order_by().aggregate(
        total=Count("pk"),
        published=Count("pk", filter=published),
        unverified=Count("pk", filter=published & Q(last_verified_on__isnull=True)),
        oldest_verified=Min("last_verified_on", filter=published),
        drafts=Count("pk", filter=drafts),
        below_high=Count("pk", filter=drafts & below_high),
        no_established=Count("pk", filter=drafts & no_established),
        other=Count("pk", filter=drafts & ~below_high & ~no_established),
    )
    total = counts.pop("total")
    return KindCounts(
        key=key,
        label=label,
        hidden=total - counts["published"] - counts["drafts"],
        **counts,
    )


def source_counts():
    """One query: [(kind, label, pages)] of the pages published records cite."""
    cited = Q()
    for _key, model, _label in KINDS:
        through = model.sources.through.objects.filter(
            **{f"{owner_field(model)}__in": model.objects.published().values("pk")}
        )
        cited |= Q(pk__in=through.values("source_id"))
    pages = dict(
        Source.objects.filter(cited)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return [(value, label, pages.get(value, 0)) for value, label in SourceKind.choices]


def method_counts():
    """Every count /method/ shows: one query per kind of record, one for sources."""
    return MethodCounts(
        kinds=[kind_counts(*kind) for kind in KINDS],
        sources=source_counts(),
    )
