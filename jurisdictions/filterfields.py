"""The pieces the list FilterSets (filters.py) are built from.

Typed-slug and choice filters, sorting with empty dates last, the provision
checkboxes, the filter form's renderer and the search used where PostgreSQL's
full-text search is not available.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe
from markupsafe import escape

from . import summaries, widgets
from .models import PolicyProvision
from .widgets import SharedChoices, html_attrs

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
    def clean(self, value):
        if value and len(value) > SLUGS_MAX:
            raise ValidationError(
                "Name at most %(max)d slugs at once.",
                code="too_many",
                params={"max": SLUGS_MAX},
            )
        return super().clean(value)


class SlugFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the given slugs; an unknown (or unpublished) slug is an error."""

    field_class = SlugListField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", widgets.SlugListInput)
        # Slugs are looked up through foreign keys, which never repeat a row;
        # DISTINCT would only slow down counting and sorting the list.
        kwargs.setdefault("distinct", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "No published record has the slug “%(value)s”."},
        )
        super().__init__(*args, **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """Any of the given values of a choices field, rendered as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", widgets.CheckboxSelectMultiple)
        # A row's own column (or one behind a foreign key) cannot repeat it.
        kwargs.setdefault("distinct", False)
        if isinstance(kwargs.get("choices"), list | tuple):
            kwargs["choices"] = SharedChoices(kwargs["choices"])
        super().__init__(*args, **kwargs)


class SortFilter(django_filters.OrderingFilter):
    """Sort by the given fields, empty dates last in either direction."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "Default order")
        kwargs.setdefault("widget", widgets.Select)
        super().__init__(*args, **kwargs)
        self.extra["choices"] = SharedChoices(self.extra["choices"])

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
    """The provision checkboxes' (slug, name) choices at data `version`.

    Read once per process and data version: a list page's form read the
    provisions table with a query of its own (7% of a searched page). The
    field still validates against its queryset.
    """
    return summaries.per_version(
        "provision-choices",
        version,
        lambda key: SharedChoices(PolicyProvision.objects.values_list("slug", "name")),
    )


class ProvisionFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the given provision slugs, as checkboxes: the taxonomy is short.

    The FilterSet's `filter_provision` method applies it.
    """

    field_class = ProvisionField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Provision")
        kwargs.setdefault("queryset", PolicyProvision.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("method", "filter_provision")
        kwargs.setdefault("widget", widgets.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)


def sort_by_title_or(date_field):
    """The `ordering` filter of a list of titled, dated records."""
    return SortFilter(
        fields=(("title", "title"), (date_field, "date"), ("updated_at", "updated")),
        field_labels={"title": "Title", date_field: "Date", "updated_at": "Updated"},
        label="Sort by",
    )


class FilterBoundField(BoundField):
    """Writes its field group in Python: the markup of Django's field.html.

    Three to five templates a field (the group, its error list, attributes)
    took a tenth of a list page; tests/test_widgets.py compares the result
    with Django's template for every field of the four forms.
    """

    def as_field_group(self):
        label = self.label_html() if self.label else ""
        if self.use_fieldset:
            aria = self.aria_describedby
            aria = f' aria-describedby="{escape(aria)}"' if aria else ""
            opening, closing = f"\n  <fieldset{aria}>\n  {label}\n", "</fieldset>"
        else:
            opening, closing = f"\n  {label}\n", ""
        help_text = ""
        if self.help_text:
            id_attr = f' id="{escape(self.auto_id)}_helptext"' if self.auto_id else ""
            help_text = f'<div class="helptext"{id_attr}>{self.help_text}</div>'
        errors = str(self.errors) if self.errors else ""
        return mark_safe(f"{opening}\n{help_text}\n{errors}\n{self}\n{closing}".strip())

    def label_html(self):
        """What label_tag() (legend_tag() for a fieldset) gives, as label.html."""
        text = escape(self.label)
        suffix = self.field.label_suffix
        if suffix is None:
            suffix = self.form.label_suffix
        if suffix and text and self.label[-1] not in ":?.!":
            text += escape(suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if not id_:
            return text
        attrs = {}
        if for_id := widget.id_for_label(id_):
            attrs["for"] = for_id
        if self.field.required and hasattr(self.form, "required_css_class"):
            attrs["class"] = self.form.required_css_class
        tag = "legend" if self.use_fieldset else "label"
        return f"<{tag}{html_attrs(attrs)}>{text}</{tag}>"


class FilterForm(forms.Form):
    """The public filter forms, rendered by Jinja2: Django's templates took a
    third of a list page's time drawing the ~90 options of its widgets (whose
    options widgets.py now writes)."""

    default_renderer = Jinja2()
    bound_field_class = FilterBoundField

    def field_groups(self):
        """Every field's group in its <div>: the template's loop over the
        fields resolved three variables a field."""
        return mark_safe(
            "".join(
                f'\n  <div class="field field--{field.widget_type}'
                f'{" field--error" if field.errors else ""}">\n'
                f"    {field.as_field_group()}\n  </div>"
                for field in self
            )
        )
