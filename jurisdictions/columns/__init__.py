"""The data dictionary: every public table and its columns, defined once.

The CSV of each list, the tables of the dataset zip, the `/data/` page and the
admin export all read these definitions, so a column cannot be exported
without being documented, nor documented without being exported.

This package holds them by kind: `base` the column machinery, `local` the
places and their instruments, `federal` the federal records and court cases,
`records` the people, quotes, provisions and sources. The table lists below
gather them.
"""

from ..models import Case as CourtCase
from ..models import (
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
    Source,
)
from .base import (
    PUBLISHED,
    Column,
    Grouped,
    Linked,
    Table,
    confirmed_reaffirms_slug,
    curated_columns,
    interpolate_lazy,
    precision_column,
    published_ordinance_slug,
    published_slug,
    slug_column,
    sources_of,
    title_held,
)
from .federal import CASES, LIST_ENTRIES, STATEMENTS
from .local import JURISDICTIONS, ORDINANCE_ACTIONS, ORDINANCES, RESOLUTIONS
from .records import PEOPLE, PROVISIONS, QUOTES, SOURCES, cited_sources

# Raise the major number when a column is renamed or removed, the minor number
# when one is added, so scripts reading the dataset can tell what changed.
SCHEMA_VERSION = "1.2"

LIST_TABLES = (JURISDICTIONS, ORDINANCES, RESOLUTIONS, STATEMENTS, CASES)
DATASET_TABLES = (
    JURISDICTIONS,
    ORDINANCES,
    ORDINANCE_ACTIONS,
    RESOLUTIONS,
    STATEMENTS,
    LIST_ENTRIES,
    CASES,
    PEOPLE,
    QUOTES,
    PROVISIONS,
    SOURCES,
)
TABLES_BY_MODEL = {
    Jurisdiction: JURISDICTIONS,
    Ordinance: ORDINANCES,
    SchoolDistrictResolution: RESOLUTIONS,
    FederalStatement: STATEMENTS,
    ListEntry: LIST_ENTRIES,
    CourtCase: CASES,
    Person: PEOPLE,
    Quote: QUOTES,
    OrdinanceAction: ORDINANCE_ACTIONS,
    PolicyProvision: PROVISIONS,
    Source: SOURCES,
}

__all__ = [
    "CASES",
    "DATASET_TABLES",
    "JURISDICTIONS",
    "LIST_ENTRIES",
    "LIST_TABLES",
    "ORDINANCES",
    "ORDINANCE_ACTIONS",
    "PEOPLE",
    "PROVISIONS",
    "PUBLISHED",
    "QUOTES",
    "RESOLUTIONS",
    "SCHEMA_VERSION",
    "SOURCES",
    "STATEMENTS",
    "TABLES_BY_MODEL",
    "Column",
    "Grouped",
    "Linked",
    "Table",
    "cited_sources",
    "confirmed_reaffirms_slug",
    "curated_columns",
    "interpolate_lazy",
    "precision_column",
    "published_ordinance_slug",
    "published_slug",
    "slug_column",
    "sources_of",
    "title_held",
]
