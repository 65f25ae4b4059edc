"""The tracker's records, split by what they hold."""

from .base import (
    Curated,
    CuratedQuerySet,
    PolicyProvision,
    Source,
    validate_protected_groups,
)
from .cases import Case, CaseQuerySet
from .changes import DataVersion, TableVersion
from .corrections import (
    Correction,
    CorrectionQuerySet,
    CorrectionStatus,
    correction_id,
    correction_note,
)
from .federal import (
    FederalStatement,
    ListEntry,
    ListEntryQuerySet,
    StatementQuerySet,
)
from .findings import Finding, FindingQuerySet
from .force import InstrumentChange, ProvisionBlock, ProvisionBlockQuerySet
from .instruments import Ordinance, OrdinanceAction, OrdinanceQuerySet
from .places import (
    Jurisdiction,
    JurisdictionQuerySet,
    Person,
    PersonQuerySet,
)
from .quotes import Quote, QuoteQuerySet
from .resolutions import ResolutionQuerySet, SchoolDistrictResolution
from .roles import Role, RoleQuerySet

__all__ = [
    "Case",
    "CaseQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "CorrectionStatus",
    "correction_id",
    "correction_note",
    "ListEntry",
    "ListEntryQuerySet",
    "Role",
    "RoleQuerySet",
    "Curated",
    "CuratedQuerySet",
    "DataVersion",
    "FederalStatement",
    "Finding",
    "FindingQuerySet",
    "InstrumentChange",
    "ProvisionBlock",
    "ProvisionBlockQuerySet",
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
    "TableVersion",
    "validate_protected_groups",
]
