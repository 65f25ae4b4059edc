"""The evidence of one place, in Python: its own published instruments in
force, less the provisions a court blocks, weighed by the criteria."""

from dataclasses import dataclass

from ..choices import (
    JurisdictionKind,
    ProvisionCategory,
    Stance,
)
from ..models import (
    Finding,
    Ordinance,
    SchoolDistrictResolution,
)
from ..models.base import (
    DIRECTION_CATEGORIES,
    PUBLISHED,
)
from .criteria import DECIDING, IN_FORCE, REASONS, STANCE_OF_REASON, reason_for


def in_force(instrument):
    return instrument.is_published and instrument.status in IN_FORCE[type(instrument)]


def binding_provisions(instrument):
    """The instrument's provisions less those a standing court order blocks
    (from prefetched `provisions` and, for an ordinance, `blocks`)."""
    blocked = set()
    if isinstance(instrument, Ordinance):
        blocked = {
            b.provision_id for b in instrument.blocks.all() if b.lifted_on is None
        }
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
