"""The editors' workspace; each module registers the admins for its models."""

from django.contrib import admin

from . import (
    cases,
    corrections,
    federal,
    findings,
    force,
    instruments,
    places,
    reference,
)

admin.site.site_header = "Sanctuary Tracker editors"
admin.site.site_title = "Sanctuary Tracker editors"
admin.site.index_title = "Records"

__all__ = [
    "cases",
    "corrections",
    "federal",
    "findings",
    "force",
    "instruments",
    "places",
    "reference",
]
