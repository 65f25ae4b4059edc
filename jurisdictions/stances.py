"""Stances from evidence: what a place's own instruments in force say.

A stance is the place's own position, read from the provisions of its own
instruments in force by the criteria below (the /stances/ page states them
to readers). Editors set each place's stance; the tracker suggests one from
the evidence and flags every place whose stance differs, but never sets it.

A federal designation (a list entry, a statement naming the place) is the
federal government's claim about a place, not an instrument of its own: it
never enters the computation.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .choices import (
    IN_FORCE_STATUSES,
    JurisdictionKind,
    ProvisionCategory,
    ResolutionStatus,
    Stance,
)
from .models import (
    Finding,
    Jurisdiction,
    Ordinance,
    PolicyProvision,
    ProvisionBlock,
    SchoolDistrictResolution,
)
from .models.base import (
    BINDING_LIMITS,
    DIRECTION_CATEGORIES,
    MANDATES,
    PUBLISHED,
    SUPPORTING,
)

# An instrument is in force when it is published and in one of these states;
# an ordinance in effect in part binds except for its blocked provisions.
IN_FORCE = {
    Ordinance: IN_FORCE_STATUSES,
    SchoolDistrictResolution: (ResolutionStatus.ADOPTED,),
}
BINDING = frozenset(BINDING_LIMITS)
MANDATE = frozenset(MANDATES)
# One of these must be among a sanctuary's binding limits; protections for
# students and families count as one only for a school district.
CORE = frozenset({ProvisionCategory.RESOURCES})
SCHOOL_CORE = CORE | {ProvisionCategory.EDUCATION}

# What a reader is told each stance means.
CRITERIA = {
    Stance.SANCTUARY: _(
        "The place’s own instruments in force carry binding limits of at least "
        "two different kinds, and one of them is a bar on using local resources "
        "for immigration enforcement or, for a school district, protections for "
        "students and families. None of its instruments in force requires "
        "cooperation or bans sanctuary policies."
    ),
    Stance.LIMITED: _(
        "The place’s own instruments in force carry at least one binding limit "
        "on cooperation with federal immigration enforcement, but do not meet "
        "the criterion for “Sanctuary”. None of its instruments in force "
        "requires cooperation or bans sanctuary policies."
    ),
    Stance.COOPERATIVE: _(
        "An instrument of the place’s own in force requires cooperation with "
        "federal immigration enforcement, such as honouring detainer requests "
        "or entering a 287(g) agreement. None of its instruments in force bans "
        "sanctuary policies or carries a binding limit."
    ),
    Stance.ANTI_SANCTUARY: _(
        "An instrument of the place’s own in force bans sanctuary policies, or "
        "penalises officials who adopt them. None of its instruments in force "
        "carries a binding limit on cooperation."
    ),
    Stance.NONE_FOUND: _(
        "Researched, and no instrument of the place’s own in force either "
        "limits or mandates cooperation: the sources checked, with the date "
        "they were checked, say so. A finding, not a gap; it gives way to any "
        "instrument found later."
    ),
    Stance.UNKNOWN: _(
        "No instrument of the place’s own in force carries a binding limit or a "
        "mandate (a symbolic declaration, staff training or funding for legal "
        "defence does not decide a stance on its own), or its instruments in "
        "force carry both binding limits and mandates, which conflict: an editor "
        "must weigh them."
    ),
}
# The criterion applied to one place, by the reason reason_for() gives.
REASONS = {
    **{stance: text for stance, text in CRITERIA.items() if stance != Stance.UNKNOWN},
    "none": _(
        "No instrument of its own in force carries a binding limit or a mandate; "
        "symbolic declarations, training or legal-defence funding alone do not "
        "decide a stance."
    ),
    "conflict": _(
        "Its instruments in force carry both binding limits and mandates, which "
        "conflict: an editor must judge."
    ),
}
STANCE_OF_REASON = {
    **{stance: stance for stance in Stance.values if stance != Stance.UNKNOWN},
    "none": Stance.UNKNOWN,
    "conflict": Stance.UNKNOWN,
}
# The categories whose instruments are "behind" each reason.
DECIDING = {
    Stance.SANCTUARY: BINDING,
    Stance.LIMITED: BINDING,
    Stance.COOPERATIVE: frozenset({ProvisionCategory.COOPERATION_MANDATE}),
    Stance.ANTI_SANCTUARY: frozenset({ProvisionCategory.SANCTUARY_BAN}),
    "conflict": BINDING | MANDATE,
    # Nothing decides: the instruments that carry anything at all.
    "none": frozenset(ProvisionCategory.values),
    Stance.NONE_FOUND: frozenset(ProvisionCategory.values),
}
# The provision groups the criteria page explains, in its order (title and
# intro translated when the page is drawn).
GROUPS = (
    (
        gettext_noop("Binding limits"),
        gettext_noop(
            "Rules that bind the place’s own officers, limiting what they do "
            "for federal immigration enforcement."
        ),
        BINDING_LIMITS,
    ),
    (
        gettext_noop("Mandates"),
        gettext_noop(
            "Rules that require cooperation with federal immigration "
            "enforcement, or forbid limiting it."
        ),
        MANDATES,
    ),
    (
        gettext_noop("Supporting provisions"),
        gettext_noop(
            "Provisions that state a position or support residents without "
            "binding officers. They are recorded, but alone they decide no stance."
        ),
        SUPPORTING,
    ),
)


def reason_for(categories, school_district=False, none_found=False):
    """Which criterion a set of provision categories in force meets (for a
    school district when `school_district`; a place with a published finding
    of no instrument when `none_found`)."""
    reason = reason_of_categories(categories, school_district)
    if reason == "none" and none_found:
        return Stance.NONE_FOUND
    return reason


def reason_of_categories(categories, school_district):
    limits = categories & BINDING
    if limits and categories & MANDATE:
        return "conflict"
    if ProvisionCategory.SANCTUARY_BAN in categories:
        return Stance.ANTI_SANCTUARY
    if ProvisionCategory.COOPERATION_MANDATE in categories:
        return Stance.COOPERATIVE
    if len(limits) >= 2 and limits & (SCHOOL_CORE if school_district else CORE):
        return Stance.SANCTUARY
    if limits:
        return Stance.LIMITED
    return "none"


def stance_for(categories, school_district=False, none_found=False):
    return STANCE_OF_REASON[
        reason_for(frozenset(categories), school_district, none_found)
    ]


def in_force(instrument):
    return instrument.is_published and instrument.status in IN_FORCE[type(instrument)]


def binding_provisions(instrument):
    """The instrument's provisions less those a standing court order blocks
    (from prefetched `provisions` and, for an ordinance, `blocks`)."""
    blocked = (
        {
            block.provision_id
            for block in getattr(instrument, "blocks", None).all()
            if block.lifted_on is None
        }
        if isinstance(instrument, Ordinance)
        else set()
    )
    return [p for p in instrument.provisions.all() if p.pk not in blocked]


def directions(instrument):
    """The directions (Direction.LIMITS, Direction.MANDATES: both, one or
    neither) an instrument's binding provisions carry; the /states/ table and
    a place's answer sort its instruments by them."""
    categories = {provision.category for provision in binding_provisions(instrument)}
    return {
        direction
        for direction, carried in DIRECTION_CATEGORIES.items()
        if categories & set(carried)
    }


@dataclass(frozen=True)
class Evidence:
    """The stance a place's own instruments in force suggest, and why."""

    stance: str
    reason: str
    # In force, carrying the provisions that decided the stance.
    instruments: tuple
    # Every provision category carried by an instrument in force.
    categories: frozenset

    @property
    def criterion(self):
        return REASONS[self.reason]

    def get_stance_display(self):
        return Stance(self.stance).label

    def category_labels(self):
        return [
            str(ProvisionCategory(c).label)
            for c in ProvisionCategory.values
            if c in self.categories
        ]


def weigh(instruments, school_district=False, none_found=False):
    """The evidence of a place's `instruments` (provisions and blocks
    prefetched) that are in force; `school_district` when the place is one,
    `none_found` when it has a published finding of no instrument."""
    carried = []
    for instrument in instruments:
        if in_force(instrument):
            categories = {p.category for p in binding_provisions(instrument)}
            carried.append((instrument, categories))
    categories = frozenset().union(*(found for _, found in carried))
    reason = reason_for(categories, school_district, none_found)
    return Evidence(
        stance=STANCE_OF_REASON[reason],
        reason=reason,
        instruments=tuple(i for i, found in carried if found & DECIDING[reason]),
        categories=categories,
    )


def evidence_for(place):
    """The evidence of `place`'s own published instruments in force."""
    ordinances = Ordinance.objects.filter(
        jurisdiction=place,
        status__in=IN_FORCE[Ordinance],
        publication_status=PUBLISHED,
    )
    resolutions = SchoolDistrictResolution.objects.filter(
        district=place,
        status__in=IN_FORCE[SchoolDistrictResolution],
        publication_status=PUBLISHED,
    )
    return weigh(
        [
            *ordinances.prefetch_related("provisions", "blocks"),
            *resolutions.prefetch_related("provisions"),
        ],
        school_district=place.kind == JurisdictionKind.SCHOOL_DISTRICT,
        none_found=Finding.objects.published().filter(jurisdiction=place).exists(),
    )


# In SQL: each category a place's instruments in force carry sets one bit of
# a mask, and being a school district one more; the mask selects the stance.
# The mask-to-stance table is stance_for() over every set of categories, so
# the SQL cannot disagree with the criteria above.
WEIGHED = (*BINDING_LIMITS, *MANDATES)
BITS = {category: 1 << n for n, category in enumerate(WEIGHED)}
SCHOOL_DISTRICT_BIT = 1 << len(WEIGHED)
NONE_FOUND_BIT = SCHOOL_DISTRICT_BIT << 1
STANCE_OF_MASK = {
    mask: stance
    for mask in range(NONE_FOUND_BIT << 1)
    if (
        stance := stance_for(
            (c for c, bit in BITS.items() if mask & bit),
            school_district=bool(mask & SCHOOL_DISTRICT_BIT),
            none_found=bool(mask & NONE_FOUND_BIT),
        )
    )
    != Stance.UNKNOWN
}


def kind_bit():
    """SQL: SCHOOL_DISTRICT_BIT for a school district, else 0."""
    return Case(
        When(kind=JurisdictionKind.SCHOOL_DISTRICT, then=Value(SCHOOL_DISTRICT_BIT)),
        default=Value(0),
        output_field=IntegerField(),
    )


def finding_bit():
    """SQL: NONE_FOUND_BIT for a place with a published finding, else 0."""
    return Case(
        When(
            Exists(
                Finding.objects.filter(
                    jurisdiction=OuterRef("pk"), publication_status=PUBLISHED
                )
            ),
            then=Value(NONE_FOUND_BIT),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def blocked(ordinance_field, provision_field):
    """SQL: a standing court block of the provision in `provision_field` of
    the ordinance in `ordinance_field` (both outer references)."""
    return Exists(
        ProvisionBlock.objects.standing().filter(
            ordinance=OuterRef(ordinance_field), provision=OuterRef(provision_field)
        )
    )


def bit(category_field, unless=None):
    """SQL: the bit of the weighed category in `category_field`, else 0 (and
    0 when the condition `unless` holds)."""
    skip = [When(unless, then=Value(0))] if unless is not None else []
    return Case(
        *skip,
        *(When(**{category_field: c}, then=Value(b)) for c, b in BITS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def category_mask(model, place_field):
    """SQL, per place: the OR of the bits of the categories `model`'s rows in
    force carry (the sum of the distinct bits is their OR)."""
    owner = model.provisions.field.m2m_field_name()
    rows = model.provisions.through.objects.filter(
        **{
            f"{owner}__{place_field}": OuterRef("pk"),
            f"{owner}__status__in": IN_FORCE[model],
            f"{owner}__publication_status": PUBLISHED,
            "policyprovision__category__in": list(BITS),
        }
    )
    if model is Ordinance:
        rows = rows.exclude(blocked(f"{owner}_id", "policyprovision_id"))
    rows = (
        rows.order_by()
        .values(f"{owner}__{place_field}")
        .annotate(bits=Sum(bit("policyprovision__category"), distinct=True))
        .values("bits")
    )
    return Coalesce(Subquery(rows), Value(0), output_field=IntegerField())


def grouped_mask(relation, blocks=False):
    """SQL aggregate, in a query grouped by place: category_mask() over the
    instruments in force its `relation` (a FilteredRelation) joins, less
    provisions a standing court order blocks when `blocks`."""
    unless = (
        blocked(f"{relation}__pk", f"{relation}__provisions__pk") if blocks else None
    )
    return Coalesce(
        Sum(bit(f"{relation}__provisions__category", unless), distinct=True),
        Value(0),
        output_field=IntegerField(),
    )


class StanceOfMask(Func):
    """CASE <mask> WHEN … THEN <stance> … ELSE 'unknown' END.

    A simple CASE evaluates the mask once; Case(When(...)) would repeat it
    in every condition.
    """

    arity = 1
    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        mask, params = compiler.compile(self.source_expressions[0])
        whens = " ".join(f"WHEN {int(m)} THEN %s" for m in STANCE_OF_MASK)
        return (
            f"CASE ({mask}) {whens} ELSE %s END",
            (*params, *STANCE_OF_MASK.values(), Stance.UNKNOWN),
        )


def evidence_stance():
    """SQL: the stance a jurisdiction's own instruments in force suggest.

    Two subqueries per place: for a page of places. A filter over every
    place reads differing() instead.
    """
    return StanceOfMask(
        category_mask(Ordinance, "jurisdiction")
        .bitor(category_mask(SchoolDistrictResolution, "district"))
        .bitor(kind_bit())
        .bitor(finding_bit())
    )


def differing():
    """The keys of the places whose stance is not the one the evidence suggests.

    One query grouped by place, joining only instruments in force, reads
    them all once: the subqueries of evidence_stance(), run for each of
    50,000 places, took four times as long.
    """
    in_force = {
        f"in_force_{relation}": FilteredRelation(
            relation,
            condition=Q(
                **{
                    f"{relation}__status__in": IN_FORCE[model],
                    f"{relation}__publication_status": PUBLISHED,
                }
            ),
        )
        for relation, model in (
            ("ordinances", Ordinance),
            ("resolutions", SchoolDistrictResolution),
        )
    }
    mask = (
        grouped_mask("in_force_ordinances", blocks=True)
        .bitor(grouped_mask("in_force_resolutions"))
        .bitor(kind_bit())
        .bitor(finding_bit())
    )
    return (
        Jurisdiction.objects.order_by()
        .annotate(**in_force)
        .alias(grouped_evidence=StanceOfMask(mask))
        .exclude(stance=F("grouped_evidence"))
        .values("pk")
    )


def provision_groups():
    """(title, intro, [(category label, [provisions])]) for the criteria page."""
    by_category = {}
    for provision in PolicyProvision.objects.order_by("name"):
        by_category.setdefault(provision.category, []).append(provision)
    return [
        (
            gettext(title),
            gettext(intro),
            [(ProvisionCategory(c).label, by_category.get(c, [])) for c in categories],
        )
        for title, intro, categories in GROUPS
    ]
