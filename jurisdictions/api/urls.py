from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("jurisdictions", views.JurisdictionViewSet, basename="jurisdiction")
router.register("ordinances", views.OrdinanceViewSet, basename="ordinance")
router.register("resolutions", views.ResolutionViewSet, basename="resolution")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("cases", views.CaseViewSet, basename="case")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so a content
    # security policy without 'unsafe-inline' scripts still allows it.
    path(
        "docs/",
        # Swagger UI draws its icons from data: URLs; only this page allows them.
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    *router.urls,
]
