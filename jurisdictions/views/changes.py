"""What changed: every published change, newest first (issue 30)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..changelog import ChangeLog
from ..counting import ListCounts
from ..filters import ChangeFilter
from .lists import PHRASES, PublicListView


class ChangeListView(PublicListView):
    filterset_class = ChangeFilter
    template_name = "jurisdictions/change_list.html"
    context_object_name = "changes"
    noun = _("Changes")
    url_name = "change"
    section = "changes"
    phrases = {
        **PHRASES,
        "kind": _("to {}"),
        "state": _("in {}"),
        "date_after": _("made since {}"),
        "date_before": _("made until {}"),
    }

    def get_queryset(self):
        return ChangeLog()

    def get_template_names(self):
        # The log holds several models: no name follows from one.
        return [self.template_name]

    @cached_property
    def counts(self):
        # No summary adds changes up: the paginator counts them, capped.
        return ListCounts(total=None, facets={})
