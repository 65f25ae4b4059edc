"""The pieces the list FilterSets (filters.py) are built from.

Typed-slug and choice filters, sorting with empty dates last and the provision
checkboxes. Django's own widgets draw them (templates/includes/_filter_form.html).
"""

import unicodedata

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import ModelChoiceIterator
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from . import summaries, widgets
from .models import PolicyProvision

# Django checks each named slug one by one before the query: 70,000 slugs in
# one request cost seconds of a worker's time.
SLUGS_MAX = 100


class EmptyAsList:
    """A model choice field left empty cleans to [], not `queryset.none()`:
    asking whether that is empty compiles a whole SELECT to find out (twice a
    list page)."""

    def clean(self, value):
        if not value and not self.required:
            return []
        return super().clean(value)


class SlugListField(EmptyAsList, django_filters.fields.ModelMultipleChoiceField):
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
        kwargs.setdefault("widget", widgets.SlugListInput)
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


class ProvisionChoices(ModelChoiceIterator):
    """The checkboxes from one plain query.

    Django's iterator reads the choices with QuerySet.iterator(), which on
    PostgreSQL opens a server-side cursor: three round trips for eight rows.
    """

    def __iter__(self):
        for provision in self.queryset.all():
            yield self.choice(provision)


class ProvisionField(EmptyAsList, django_filters.fields.ModelMultipleChoiceField):
    iterator = ProvisionChoices


def provision_choices(version):
    """The provision checkboxes' (slug, name) choices at data `version`, each
    name in the active language (PolicyProvision.local_name).

    Read once per process, data version and language: a list page's form
    read the provisions table with a query of its own (7% of a searched
    page). The field still validates against its queryset.
    """
    return tuple(provision_names(version).items())


def provision_names(version):
    """{slug: name in the active language} of every provision, by name, at
    data `version`: the checkboxes', facets' and summaries' labels."""
    return summaries.per_version(
        f"provision-names:{get_language()}", version, lambda key: local_names()
    )


def local_names():
    """{slug: name in the active language}, in alphabetical order of names."""
    provisions = list(PolicyProvision.objects.only("slug", "name", "name_es"))
    names = {provision.slug: provision.local_name for provision in provisions}
    if any(names[provision.slug] != provision.name for provision in provisions):
        # Translated names, in their own order (the query's is the English).
        names = dict(sorted(names.items(), key=lambda item: sort_key(item[1])))
    return names


def sort_key(text):
    """Text as alphabetical order reads it: accents and case aside."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
