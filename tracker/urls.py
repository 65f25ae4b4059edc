from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

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
]
# The public site in English at / and in Spanish at /es/.
urlpatterns += i18n_patterns(
    path("", include("jurisdictions.urls")), prefix_default_language=False
)

handler400 = "tracker.errors.bad_request"
