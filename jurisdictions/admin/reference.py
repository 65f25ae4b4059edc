from django.contrib import admin

from ..models import PolicyProvision, Source
from ..resources import SourceResource
from .attention import CountlessChoicesFilter
from .curation import CsvImportMixin, HistoryAdmin, newest_first


@admin.register(Source)
class SourceAdmin(CsvImportMixin, HistoryAdmin):
    resource_classes = [SourceResource]
    list_display = ["title", "publisher", "kind", "url", "published_on", "accessed_on"]
    list_filter = [
        # Without counts: each filter's counts cost a query on every page.
        ("kind", CountlessChoicesFilter),
        ("url", admin.EmptyFieldListFilter),
        ("archive_url", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"
    ordering = [newest_first("published_on"), "title"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(PolicyProvision)
class PolicyProvisionAdmin(HistoryAdmin):
    list_display = ["name", "name_es", "category"]
    list_filter = ["category"]
    search_fields = ["name", "name_es", "slug", "description", "description_es"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "description"]}),
        ("Spanish (español)", {"fields": ["name_es", "description_es"]}),
    ]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    show_facets = admin.ShowFacets.ALWAYS
