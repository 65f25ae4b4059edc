"""The editors' admin site: Django's, with the "Needs attention" queue."""

from django.contrib import admin
from django.urls import path


class TrackerAdminSite(admin.AdminSite):
    index_template = "admin/tracker_index.html"

    def get_urls(self):
        # Imported here: the admin modules register on this site while it
        # is being made, so they cannot be imported before it exists.
        from jurisdictions.admin.attention import NeedsAttentionView

        queue = NeedsAttentionView.as_view(admin_site=self)
        return [
            path("attention/", self.admin_view(queue), name="attention"),
            *super().get_urls(),
        ]
