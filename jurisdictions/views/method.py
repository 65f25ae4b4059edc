"""How we know: the publication rule and the counts behind it."""

from django.views.generic import TemplateView

from ..choices import Stance
from ..method import method_counts


class MethodView(TemplateView):
    """The publication rule, counts of published and held-back records from
    the database, and the questions research has left open."""

    template_name = "jurisdictions/method.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=method_counts(), none_found=Stance.NONE_FOUND.label, **kwargs
        )
