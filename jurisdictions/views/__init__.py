"""The public site's views."""

from .cases import CaseDetailView, CaseListView
from .changes import ChangeListView
from .corrections import CorrectionThanksView, CorrectionView
from .details import (
    OrdinanceDetailView,
    ResolutionDetailView,
    StatementDetailView,
)
from .lists import (
    JurisdictionListView,
    OrdinanceListView,
    ResolutionListView,
    StatementListView,
)
from .method import MethodView
from .pages import HomeView, ProvisionListView, StanceCriteriaView
from .place_search import PlaceSearchView
from .places import JurisdictionDetailView, PersonDetailView
from .states import StateListView, state_csv
from .timeline import TimelineView

__all__ = [
    "CaseDetailView",
    "CaseListView",
    "ChangeListView",
    "CorrectionThanksView",
    "CorrectionView",
    "HomeView",
    "JurisdictionDetailView",
    "JurisdictionListView",
    "MethodView",
    "OrdinanceDetailView",
    "OrdinanceListView",
    "PersonDetailView",
    "PlaceSearchView",
    "ProvisionListView",
    "ResolutionDetailView",
    "ResolutionListView",
    "StanceCriteriaView",
    "StateListView",
    "StatementDetailView",
    "StatementListView",
    "TimelineView",
    "state_csv",
]
