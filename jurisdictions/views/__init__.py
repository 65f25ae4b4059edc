"""The public site's views."""

from .details import (
    JurisdictionDetailView,
    OrdinanceDetailView,
    PersonDetailView,
    ResolutionDetailView,
    StatementDetailView,
)
from .lists import (
    JurisdictionListView,
    OrdinanceListView,
    ResolutionListView,
    StatementListView,
)
from .pages import HomeView, ProvisionListView

__all__ = [
    "HomeView",
    "JurisdictionDetailView",
    "JurisdictionListView",
    "OrdinanceDetailView",
    "OrdinanceListView",
    "PersonDetailView",
    "ProvisionListView",
    "ResolutionDetailView",
    "ResolutionListView",
    "StatementDetailView",
    "StatementListView",
]
