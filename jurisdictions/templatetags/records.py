"""Tags the public templates use for every record, row after row."""

import datetime
import functools

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def record_date(date):
    """A <time> for a date, or says plainly that the source gives none.

    A tag rather than an included template: lists draw one per row.
    """
    if not date:
        return mark_safe('<span class="undated">date not given</span>')
    if isinstance(date, datetime.datetime):
        # The day it was where the site is, as the |date filter gives it.
        date = timezone.localtime(date).date()
    return format_html(
        '<time datetime="{}">{}</time>', date.isoformat(), format_date(date, "j M Y")
    )


@functools.cache
def choice_labels(model, name):
    return dict(model._meta.get_field(name).flatchoices)


@register.filter
def label(record, name):
    """`record|label:"status"` reads as get_status_display() without rebuilding
    the choices on each call, as Django's method does, 50 times a list."""
    value = getattr(record, name)
    return choice_labels(type(record), name).get(value, value)
