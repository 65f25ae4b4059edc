"""The filter forms' own widget: Django's draw every other field."""

from django import forms


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
