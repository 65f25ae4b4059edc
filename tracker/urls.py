from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from .baseline import baseline
from .health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path(
        "favicon.ico",
        # Resolved per request: the hashed name exists only after collectstatic.
        RedirectView.as_view(url=lazy(static, str)("favicon.ico"), permanent=False),
    ),
    path("api/v1/", include("jurisdictions.api.urls")),
    path("", include("jurisdictions.urls")),
]

if settings.BENCH:
    # Only under bench settings: the baseline that `make bench` measures against.
    urlpatterns.insert(0, path("bench/baseline", baseline))

handler400 = "tracker.errors.bad_request"
