"""The national timeline: records per quarter, as a chart and a table."""

from django.views.generic import TemplateView

from ..models import DataVersion
from ..timeline import published_timeline


class TimelineView(TemplateView):
    template_name = "jurisdictions/timeline.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            timeline=published_timeline(DataVersion.of(self.request)),
            timeline_open=True,
            section="timeline",
            **kwargs,
        )
