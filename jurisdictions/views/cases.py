"""Court cases: their public list and their pages."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ..choices import CaseStatus, USState
from ..facets import ChoiceFacet, PartyStateFacet
from ..filters import CaseFilter
from ..models import Case, Jurisdiction
from .details import PublicDetailView, published_ordinances, published_statements
from .lists import PHRASES, PublicListView


class CaseListView(PublicListView):
    filterset_class = CaseFilter
    # The columns the rows show.
    queryset = Case.objects.published().only(
        "slug", "title", "court", "docket", "status", "filed_on", "filed_on_precision"
    )
    noun = _("Court cases")
    url_name = "case"
    section = "cases"
    phrases = {
        **PHRASES,
        "state": _("with a party in {}"),
        "jurisdiction": _("involving {}"),
        "court": _("heard in {}"),
        "date_after": _("filed since {}"),
        "date_before": _("filed until {}"),
    }
    facets = (
        ChoiceFacet("status", _("Status"), "status", CaseStatus.choices),
        PartyStateFacet("state", _("Party in state"), "state", USState.choices),
    )
    reads = (Case, Case.plaintiffs.through, Case.defendants.through, Jurisdiction)


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
