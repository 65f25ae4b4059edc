"""Tags the public templates use for records: their dates, marks and links.

The lists draw their rows in their own templates, with {% for %}."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..citations import linked_source
from ..dates import time_element

register = template.Library()


# A <time> for a date, or says plainly that the source gives none, at the
# precision the source gives (jurisdictions/dates.py holds the rule). A tag
# rather than an included template: lists draw one per row.
record_date = register.simple_tag(time_element, name="record_date")


@register.simple_tag
def withdrawn_mark(statement):
    """Says a withdrawn list or policy is withdrawn, wherever it is named."""
    if statement.withdrawn_on is None:
        return ""
    text = gettext("withdrawn %(date)s")
    return format_html(
        ' <span class="status status--withdrawn">{}</span>',
        mark_safe(
            conditional_escape(text) % {"date": record_date(statement.withdrawn_on)}
        ),
    )


# The first of a record's sources that has a URL (prefetched), or None.
register.filter("linked_source", linked_source)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(code, name, URL)] of this page in each language, query string kept:
    the header's switcher and the head's hreflang alternates."""
    request = context.get("request")
    # Error pages (Django's handlers pass `exception`, or no request) offer
    # each home page rather than echo an address that found nothing.
    if request is None or "exception" in context:
        here = reverse("jurisdictions:home")
    else:
        here = request.get_full_path()
    return [
        (code, name, translate_url(here, code)) for code, name in settings.LANGUAGES
    ]
