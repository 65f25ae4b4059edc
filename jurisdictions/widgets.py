"""The filter forms' widgets.

Django draws a choice widget's options from a dict built per option
(`optgroups()`) and a template loop over them: the ~90 options of a list's
filter form took a fifth of the page's time. These widgets write the same
markup (tests compare it with Django's own widgets and templates) in Python,
options and all.
"""

import re

from django import forms
from django.forms.widgets import ChoiceWidget
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe
from markupsafe import Markup, escape


class SlugListInput(forms.TextInput):
    """A text box for one or more slugs: `?target=a&target=b` or `a, b`.

    Filters that name one row among tens of thousands take typed slugs, never a
    <select> that would list every row.
    """

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [
            slug
            for value in values
            if value
            for slug in re.split(r"[\s,]+", value)
            if slug
        ]

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().format_value(value)


def html_attrs(attrs):
    """Django's attrs.html: a bare name for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class SharedChoices(BaseChoiceIterator):
    """Choices that every copy of a filter, and of its form field, shares.

    Each request's FilterSet and form deep-copy their filters and fields,
    choices and all: ~850 copies a list page for the states alone. These are
    a tuple nothing changes, so a copy is the same object. (Callable choices
    would be copied by reference too, but the API schema then lists no enum.)
    """

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def shared(choices):
    """Whether `choices` are SharedChoices, or django-filter's wrapper of them."""
    return isinstance(choices, SharedChoices) or isinstance(
        getattr(choices, "choices", None), SharedChoices
    )


# The options' markup of shared choices, by what it is drawn from
# (InlineOptions.options).
DRAWN = {}
DRAWN_MAX = 256


class InlineOptions:
    """Writes a choice widget's options as Django's templates would.

    Flat choices only: the filter forms have no option groups.
    """

    def get_context(self, name, value, attrs):
        # Widget.get_context: ChoiceWidget's would build optgroups() too.
        context = super(ChoiceWidget, self).get_context(name, value, attrs)
        widget = context["widget"]
        widget["options"] = self.options(name, widget["value"], attrs)
        return context

    def options(self, name, value, attrs):
        """The options' markup, drawn once per process for shared choices.

        Choices every request shares (SharedChoices: the states, statuses,
        sort keys, the provisions at a data version) keep their markup, keyed
        by everything it is drawn from: the same few hundred options were
        drawn again for every list page.
        """
        if not shared(self.choices):
            return Markup("".join(self.options_html(name, value, attrs)))
        # django-filter's wrapper adds its empty and null options: the key
        # holds the choices as iterated.
        key = (type(self), name, repr(self.attrs), repr(attrs), tuple(value),
               tuple(self.choices))  # fmt: skip
        markup = DRAWN.get(key)
        if markup is None:
            markup = Markup("".join(self.options_html(name, value, attrs)))
            if len(DRAWN) >= DRAWN_MAX:
                DRAWN.clear()  # many distinct choices: start over
            DRAWN[key] = markup
        return markup

    def options_html(self, name, value, attrs):
        # The rules of ChoiceWidget.optgroups() and create_option(): each
        # option takes the widget's attributes (checkboxes do), its own id
        # in their place and, when chosen, `checked` or `selected` last.
        shared = {}
        if self.option_inherits_attrs:
            shared = self.build_attrs(self.attrs, attrs)
        if shared.keys() & self.checked_attribute.keys():
            raise ValueError(f"{type(self).__name__} sets which options are chosen.")
        pieces = [(key, html_attrs({key: v})) for key, v in shared.items()]
        chosen = html_attrs(self.checked_attribute)
        selected_any = False
        for index, (option_value, label) in enumerate(self.choices):
            if isinstance(label, list | tuple):
                raise ValueError(f"{type(self).__name__} takes no option groups.")
            if option_value is None:
                option_value = ""
            selected = (not selected_any or self.allow_multiple_selected) and str(
                option_value
            ) in value
            selected_any |= selected
            option_id = None
            if "id" in shared:
                option_id = self.id_for_label(shared["id"], str(index))
            option_attrs = "".join(
                html_attrs({"id": option_id}) if key == "id" else piece
                for key, piece in pieces
            )
            if selected:
                option_attrs += chosen
            yield self.option_html(name, option_value, label, option_attrs, option_id)


# Named as Django's widgets: a field's CSS class comes from its widget's name
# (BoundField.widget_type: "field--selectmultiple").


class Select(InlineOptions, forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        """Django's select.html, written here (the form drew nine widgets
        through templates)."""
        widget = self.get_context(name, value, attrs)["widget"]
        return mark_safe(
            f'<select name="{escape(widget["name"])}"{html_attrs(widget["attrs"])}>'
            f"{widget['options']}\n</select>"
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # What Select.get_context adds.
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    def option_html(self, name, value, label, attrs, option_id):
        value, label = escape(value), escape(label)
        return f'\n  <option value="{value}"{attrs}>{label}</option>'


class SelectMultiple(Select, forms.SelectMultiple):
    allow_multiple_selected = True


class CheckboxSelectMultiple(InlineOptions, forms.CheckboxSelectMultiple):
    def render(self, name, value, attrs=None, renderer=None):
        """Django's multiple_input.html, written here."""
        widget = self.get_context(name, value, attrs)["widget"]
        found = widget["attrs"]
        id_ = f' id="{escape(found["id"])}"' if found.get("id") else ""
        css = f' class="{escape(found["class"])}"' if found.get("class") else ""
        return mark_safe(f"<div{id_}{css}>{widget['options']}\n</div>")

    def option_html(self, name, value, label, attrs, option_id):
        label_for = f' for="{escape(option_id)}"' if option_id else ""
        name, value, label = escape(name), escape(value), escape(label)
        return (
            f'<div>\n    <label{label_for}><input type="{self.input_type}" '
            f'name="{name}" value="{value}"{attrs}> {label}</label></div>'
        )
