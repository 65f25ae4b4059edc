from django.urls import path

from . import views

app_name = "jurisdictions"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "jurisdictions/", views.JurisdictionListView.as_view(), name="jurisdiction-list"
    ),
    path(
        "jurisdictions/<slug:slug>/",
        views.JurisdictionDetailView.as_view(),
        name="jurisdiction-detail",
    ),
    path("ordinances/", views.OrdinanceListView.as_view(), name="ordinance-list"),
    path(
        "ordinances/<slug:slug>/",
        views.OrdinanceDetailView.as_view(),
        name="ordinance-detail",
    ),
    path("resolutions/", views.ResolutionListView.as_view(), name="resolution-list"),
    path(
        "resolutions/<slug:slug>/",
        views.ResolutionDetailView.as_view(),
        name="resolution-detail",
    ),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path(
        "statements/<slug:slug>/",
        views.StatementDetailView.as_view(),
        name="statement-detail",
    ),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
]
