"""The record of force on a page: what still binds of an instrument in effect
in part, and the instruments that rescind, supersede or amend it, in the
words its CSV, API and feeds use (jurisdictions/force), records linked."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .. import force
from .records import record_date

register = template.Library()


class HtmlWords(force.Words):
    """force.Words for a page: records linked, dates as <time>, all escaped."""

    def fill(self, template, **parts):
        escaped = {name: conditional_escape(part) for name, part in parts.items()}
        return mark_safe(conditional_escape(gettext(template)) % escaped)

    def join(self, items, separator):
        return mark_safe(separator.join(conditional_escape(item) for item in items))

    def record(self, record):
        return format_html(
            '<a href="{}">{}</a>', record.get_absolute_url(), record.title
        )

    def date(self, day, precision):
        return record_date(day, precision)


HTML_WORDS = HtmlWords()


@register.simple_tag
def force_note(status, blocks):
    """What still binds of an instrument in `status` with these court
    `blocks`, as its CSV, API and feed say it, cases linked."""
    return force.blocks_note(status, blocks, HTML_WORDS)


@register.simple_tag
def change_notes(changed_by, changes_made):
    """[(sentence, change)]: "Rescinded by …", "Rescinds …", records linked;
    changes by or of a draft are left out."""
    return force.change_sentences(changed_by, changes_made, HTML_WORDS)
