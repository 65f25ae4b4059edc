"""Court cases: their public list and their pages."""

from django.db.models import Prefetch

from ..choices import CaseStatus, USState
from ..facets import ChoiceFacet, PartyStateFacet
from ..filters import CaseFilter
from ..models import Case, Jurisdiction
from .details import PublicDetailView, published_ordinances, published_statements
from .lists import PHRASES, PublicListView


class CaseListView(PublicListView):
    filterset_class = CaseFilter
    queryset = Case.objects.published()
    row_fields = (
        "slug",
        "title",
        "court",
        "docket",
        "status",
        "filed_on",
        "filed_on_precision",
    )
    noun = "Court cases"
    url_name = "case"
    section = "cases"
    phrases = {
        **PHRASES,
        "state": "with a party in {}",
        "jurisdiction": "involving {}",
        "court": "heard in {}",
        "date_after": "filed since {}",
        "date_before": "filed until {}",
    }
    facets = (
        ChoiceFacet("status", "Status", "status", CaseStatus.choices),
        PartyStateFacet("state", "Party in state", "state", USState.choices),
    )


def published_places():
    return Jurisdiction.objects.published()


class CaseDetailView(PublicDetailView):
    section = "cases"
    queryset = Case.objects.published()
    # A draft party, instrument or statement is left out; the case stays.
    optional = (
        Prefetch(
            "plaintiffs", queryset=published_places(), to_attr="listed_plaintiffs"
        ),
        Prefetch(
            "defendants", queryset=published_places(), to_attr="listed_defendants"
        ),
        Prefetch(
            "challenged", queryset=published_ordinances(), to_attr="listed_challenged"
        ),
        Prefetch(
            "statements", queryset=published_statements(), to_attr="listed_statements"
        ),
    )
