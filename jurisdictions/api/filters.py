"""The lists' FilterSets plus `updated_since`, which only API clients need.

Clients that mirror the data fetch what changed since their last sync; the
HTML lists, their CSV and feeds have no use for it.
"""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..filters import (
    CaseFilter,
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)


class UpdatedSinceField(IsoDateTimeField):
    def to_python(self, value):
        value = super().to_python(value)
        try:
            # Offsets can push a date-time at either end of the calendar out
            # of range once the database converts it to UTC.
            value and value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(
                "Enter a date-time between the years 1 and 9999.", code="invalid"
            ) from None
        return value


# Both "2025-08-05" and "2025-08-05T12:00:00Z" are accepted, which the
# `date-time` format would not promise.
@extend_schema_field(OpenApiTypes.STR)
class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = UpdatedSinceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text",
            "Only records changed at or after this ISO 8601 date or date-time "
            "(UTC unless it names an offset), e.g. 2025-08-05 or "
            "2025-08-05T12:00:00Z.",
        )
        super().__init__(*args, **kwargs)


def document_as_slugs(filterset_class, *names):
    """Type slug filters as strings, which drf-spectacular cannot infer.

    Their values name rows through relations or filter methods, so the
    schema generator finds no model field to read a type from.
    """
    for name in names:
        extend_schema_field(OpenApiTypes.STR)(filterset_class.base_filters[name])
    return filterset_class


class JurisdictionApiFilter(JurisdictionFilter):
    updated_since = UpdatedSinceFilter()


class OrdinanceApiFilter(OrdinanceFilter):
    updated_since = UpdatedSinceFilter()


class ResolutionApiFilter(ResolutionFilter):
    updated_since = UpdatedSinceFilter()


class StatementApiFilter(StatementFilter):
    updated_since = UpdatedSinceFilter()


class CaseApiFilter(CaseFilter):
    updated_since = UpdatedSinceFilter()


document_as_slugs(JurisdictionApiFilter, "provision", "listed")
document_as_slugs(OrdinanceApiFilter, "jurisdiction", "provision")
document_as_slugs(ResolutionApiFilter, "district", "provision")
document_as_slugs(StatementApiFilter, "speaker", "target")
document_as_slugs(CaseApiFilter, "jurisdiction")
