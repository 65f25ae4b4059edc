"""The filter forms' own widget: Django's draw every other field."""

import re

from django import forms


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
