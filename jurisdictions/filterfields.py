"""The pieces the list FilterSets (filters.py) are built from.

Typed-slug and choice filters, sorting with empty dates last and the provision
checkboxes. Django's own widgets draw them (templates/includes/_filter_form.html).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import PolicyProvision


class SlugListInput(forms.TextInput):
    """A text box for one or more slugs or names: `?target=a&target=b` or
    `a, b` (names hold spaces, so only commas separate; runs of spaces
    read as one).

    Filters that name one row among tens of thousands take typed slugs or
    names, never a <select> that would list every row.
    """

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [
            slug
            for value in values
            if value
            for slug in (" ".join(part.split()) for part in value.split(","))
            if slug
        ]

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().format_value(value)


# Django checks each named slug one by one before the query: 70,000 slugs in
# one request cost seconds of a worker's time.
SLUGS_MAX = 100


class SlugListField(django_filters.fields.ModelMultipleChoiceField):
    """Rows named by slug or, where the queryset has `named()`, by name."""

    def clean(self, value):
        if value and len(value) > SLUGS_MAX:
            raise ValidationError(
                gettext("Name at most %(max)d slugs or names at once."),
                code="too_many",
                params={"max": SLUGS_MAX},
            )
        return super().clean(value)

    def _check_values(self, value):
        """Each value's row: a published slug's, else the one row of that name.

        A name that fits several rows is an error listing them, never a pick.
        """
        value = list(dict.fromkeys(value))
        for item in value:
            # As Django's own check does: PostgreSQL refuses NUL in text.
            self.validate_no_null_characters(item)
        by_slug = {row.slug: row for row in self.queryset.filter(slug__in=value)}
        rows, errors = [], []
        for item in value:
            if item in by_slug:
                rows.append(by_slug[item])
                continue
            named = (
                self.queryset.named(item) if hasattr(self.queryset, "named") else None
            )
            found = list(named[: AMBIGUOUS_SHOWN + 1]) if named is not None else []
            if len(found) == 1:
                rows.append(found[0])
            elif not found:
                errors.append(
                    ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
                )
            else:
                errors.append(ambiguous(item, found, named))
        if errors:
            raise ValidationError(errors)
        return rows


# The choices an ambiguous name lists before "and N more".
AMBIGUOUS_SHOWN = 10


def ambiguous(name, found, named):
    choices = [f"{row} ({row.slug})" for row in found[:AMBIGUOUS_SHOWN]]
    if len(found) > AMBIGUOUS_SHOWN:
        choices.append(
            gettext("and %(count)d more") % {"count": named.count() - AMBIGUOUS_SHOWN}
        )
    return ValidationError(
        gettext(
            "“%(value)s” names %(count)d records: %(choices)s. Type the slug of "
            "the one you mean."
        ),
        code="ambiguous",
        params={
            "value": name,
            "count": len(found) if len(found) <= AMBIGUOUS_SHOWN else named.count(),
            "choices": "; ".join(choices),
        },
    )


class SlugFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the given slugs (or names, SlugListField); an unknown,
    unpublished or ambiguous one is an error."""

    field_class = SlugListField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", SlugListInput)
        # Slugs are looked up through foreign keys, which never repeat a row;
        # DISTINCT would only slow down counting and sorting the list.
        kwargs.setdefault("distinct", False)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "No published record has the slug “%(value)s”, nor that name."
                )
            },
        )
        super().__init__(*args, **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """Any of the given values of a choices field, rendered as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        # A row's own column (or one behind a foreign key) cannot repeat it.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class SortFilter(django_filters.OrderingFilter):
    """Sort by the given fields, empty dates last in either direction."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("Default order"))
        kwargs.setdefault("widget", forms.Select)
        super().__init__(*args, **kwargs)

    def build_choices(self, fields, labels):
        # django-filter formats each descending label once, at import, in
        # English; these stay lazy, read in the page's language.
        labels = dict(labels)
        for field, param in fields.items():
            label = labels.setdefault(field, pretty_name(param))
            labels.setdefault(f"-{param}", descending(label))
        return super().build_choices(fields, labels)

    def filter(self, qs, value):
        # "?ordering=title," validates as ["title", ""]; like django-filter's
        # own OrderingFilter, skip the empty pieces.
        value = [param for param in value or () if param]
        if not value:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            field = F(self.param_map[param.lstrip("-")])
            if descending:
                ordering.append(field.desc(nulls_last=True))
            else:
                ordering.append(field.asc(nulls_last=True))
        return qs.order_by(*ordering, "pk")


def descending_label(label):
    return gettext("%(label)s (descending)") % {"label": label}


descending = lazy(descending_label, str)


class ProvisionField(django_filters.fields.ModelMultipleChoiceField):
    """The provision checkboxes: the list view gives their choices, each name
    in the page's language (counting.provision_names); the field validates
    against its queryset."""


class ProvisionFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the given provision slugs, as checkboxes: the taxonomy is short.

    The FilterSet's `filter_provision` method applies it.
    """

    field_class = ProvisionField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Provision"))
        kwargs.setdefault("queryset", PolicyProvision.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("method", "filter_provision")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)


def sort_by_title_or(date_field):
    """The `ordering` filter of a list of titled, dated records."""
    return SortFilter(
        fields=(("title", "title"), (date_field, "date"), ("updated_at", "updated")),
        field_labels={
            "title": _("Title"),
            date_field: _("Date"),
            "updated_at": _("Updated"),
        },
        label=_("Sort by"),
    )


class FilterForm(forms.Form):
    """The public filter forms: templates/includes/_filter_form.html draws each
    field's group (label, help text, errors, Django's widget) in a <div>."""
