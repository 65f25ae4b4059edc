"""A public field's value in words, as a change reads it: choice labels,
dates at their precision, a linked record by its public name."""

import datetime

from django.db import models
from django.utils.translation import gettext

from ..choices import DatePrecision, ProtectedGroup
from ..dates import date_text

# Choice labels read inside a sentence in lower case; a state is a name.
PROPER_NAMES = {"state"}


def related(kind, name):
    """The model a public field `name` of `kind` links to, or None."""
    field = kind.model._meta.get_field(name)
    return field.related_model if field.many_to_one else None


def is_prose(kind, name):
    """Whether the field holds prose, which a change names without quoting:
    the record's page has the text."""
    return isinstance(kind.model._meta.get_field(name), models.TextField)


def words(kind, name, row, names):
    """The value of field `name` in a history `row` (a dict), in words.

    `names` maps (model, pk) to the public name of each linked record fetched
    for the page; a linked record that is not published is not named.
    """
    field = kind.model._meta.get_field(name)
    value = row[field.attname]
    if value is None or value == "" or value == []:
        return gettext("none")
    if field.many_to_one:
        found = names.get((field.related_model, value))
        return found if found is not None else gettext("a record not published")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.date):
        precision = row.get(f"{name}_precision") or DatePrecision.DAY
        return date_text(value, precision)
    if isinstance(value, list):
        # The one list a public field holds: a resolution's protected groups.
        labels = dict(ProtectedGroup.choices)
        return ", ".join(str(labels.get(item, item)).lower() for item in value)
    if field.choices:
        label = str(dict(field.flatchoices).get(value, value))
        return label if name in PROPER_NAMES else label.lower()
    return str(value)
