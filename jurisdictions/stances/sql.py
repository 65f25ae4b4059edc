"""The criteria in SQL: the evidence stance of each place in a query, which
the database stores for every place (stored.py)."""

from django.db.models import (
    Case,
    CharField,
    Exists,
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

from ..choices import (
    JurisdictionKind,
    Stance,
)
from ..models import (
    Finding,
    Ordinance,
    ProvisionBlock,
    SchoolDistrictResolution,
)
from ..models.base import (
    BINDING_LIMITS,
    MANDATES,
    PUBLISHED,
)
from .criteria import IN_FORCE, stance_for

# In SQL: each category a place's instruments in force carry sets one bit of
# a mask, and being a school district one more; the mask selects the stance.
# The mask-to-stance table is stance_for() over every set of categories, so
# the SQL cannot disagree with the criteria (criteria.py).
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
    """SQL: NONE_FOUND_BIT for a published place with a published finding,
    else 0 (a finding of a draft place counts nowhere: Finding.published())."""
    return Case(
        When(
            Q(publication_status=PUBLISHED)
            & Exists(
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

    Two subqueries per place. Jurisdiction.evidence_stance stores it, and
    the triggers of stored.py refresh it for the places a write touches.
    """
    return StanceOfMask(
        category_mask(Ordinance, "jurisdiction")
        .bitor(category_mask(SchoolDistrictResolution, "district"))
        .bitor(kind_bit())
        .bitor(finding_bit())
    )
