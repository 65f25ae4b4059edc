from django.urls import path

from . import dataset, exports, feeds, views

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
    path("places/", views.PlaceSearchView.as_view(), name="place-search"),
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
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/<slug:slug>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("provisions/", views.ProvisionListView.as_view(), name="provision-list"),
    path("stances/", views.StanceCriteriaView.as_view(), name="stance-criteria"),
    path("method/", views.MethodView.as_view(), name="method"),
    path("states/", views.StateListView.as_view(), name="state-list"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
]

# Data out (issue 5): each list's CSV and Atom twins, the feed of every update,
# and the whole dataset. Owned by the data-export work; the views live in
# exports.py, feeds.py and dataset.py.
urlpatterns += [
    path("jurisdictions.csv", exports.jurisdiction_csv, name="jurisdiction-csv"),
    path("ordinances.csv", exports.ordinance_csv, name="ordinance-csv"),
    path("resolutions.csv", exports.resolution_csv, name="resolution-csv"),
    path("statements.csv", exports.statement_csv, name="statement-csv"),
    path("cases.csv", exports.case_csv, name="case-csv"),
    path("states.csv", views.state_csv, name="state-csv"),
    path("jurisdictions.atom", feeds.JurisdictionFeed(), name="jurisdiction-atom"),
    path("ordinances.atom", feeds.OrdinanceFeed(), name="ordinance-atom"),
    path("resolutions.atom", feeds.ResolutionFeed(), name="resolution-atom"),
    path("statements.atom", feeds.StatementFeed(), name="statement-atom"),
    path("cases.atom", feeds.CaseFeed(), name="case-atom"),
    path(
        "jurisdictions/<slug:slug>.atom",
        feeds.PlaceFeed(),
        name="jurisdiction-feed",
    ),
    path("feeds/updates.atom", feeds.UpdatesFeed(), name="updates-feed"),
    path("data/", dataset.data_page, name="data"),
    path("data/sanctuary-tracker.zip", dataset.dataset_zip, name="dataset-zip"),
]

# What changed (issue 30, part B): the log of published changes and its twins.
urlpatterns += [
    path("changes/", views.ChangeListView.as_view(), name="change-list"),
    path("changes.csv", exports.change_csv, name="change-csv"),
    path("changes.atom", feeds.ChangeLogFeed(), name="change-atom"),
]

# Readers' corrections (issue 30, part A): each public record's path + correct/.
urlpatterns += [
    route
    for prefix, kind in [
        ("jurisdictions", "jurisdiction"),
        ("ordinances", "ordinance"),
        ("resolutions", "resolution"),
        ("statements", "statement"),
        ("cases", "case"),
        ("people", "person"),
    ]
    for route in (
        path(
            f"{prefix}/<slug:slug>/correct/",
            views.CorrectionView.as_view(kind=kind),
            name=f"{kind}-correct",
        ),
        path(
            f"{prefix}/<slug:slug>/correct/thanks/",
            views.CorrectionThanksView.as_view(kind=kind),
            name=f"{kind}-correct-thanks",
        ),
    )
]
