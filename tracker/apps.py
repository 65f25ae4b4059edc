from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    """Django's admin, on the editors' site (with its Needs attention queue)."""

    default_site = "tracker.admin.TrackerAdminSite"
