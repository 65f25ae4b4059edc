"""The tracker's records, split by what they hold."""

from .base import (
    Curated,
    CuratedQuerySet,
    PolicyProvision,
    Source,
    validate_protected_groups,
)
from .changes import DataVersion
from .federal import FederalStatement, StatementQuerySet
from .instruments import (
    Ordinance,
    OrdinanceAction,
    OrdinanceQuerySet,
    Quote,
    QuoteQuerySet,
    ResolutionQuerySet,
    SchoolDistrictResolution,
)
from .places import Jurisdiction, JurisdictionQuerySet, Person, PersonQuerySet

__all__ = [
    "Curated",
    "CuratedQuerySet",
    "DataVersion",
    "FederalStatement",
    "Jurisdiction",
    "JurisdictionQuerySet",
    "Ordinance",
    "OrdinanceAction",
    "OrdinanceQuerySet",
    "Person",
    "PersonQuerySet",
    "PolicyProvision",
    "Quote",
    "QuoteQuerySet",
    "ResolutionQuerySet",
    "SchoolDistrictResolution",
    "Source",
    "StatementQuerySet",
    "validate_protected_groups",
]
