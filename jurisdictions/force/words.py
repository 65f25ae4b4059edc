"""What of an instrument still binds, in words (Python): the templates,
filled in the active language, plainly (the API, the feeds) or by a page's
`Words` with links and <time>s."""

from django.utils.translation import gettext, gettext_noop

from ..choices import (
    IN_FORCE_STATUSES,
    ChangeKind,
    OrdinanceStatus,
    PublicationStatus,
)
from ..dates import date_text

PUBLISHED = PublicationStatus.PUBLISHED

# One blocked clause, by (standing, dated): standing while not lifted,
# dated when the source gives the day (or month, or year) it was blocked.
BLOCK_TEMPLATES = {
    (True, True): gettext_noop("%(clause)s (blocked by %(by)s since %(since)s)"),
    (True, False): gettext_noop("%(clause)s (blocked by %(by)s)"),
    (False, True): gettext_noop(
        "%(clause)s (blocked by %(by)s from %(since)s until %(until)s)"
    ),
    (False, False): gettext_noop("%(clause)s (blocked by %(by)s until %(until)s)"),
}
A_COURT = gettext_noop("a court")
IN_EFFECT_EXCEPT = gettext_noop("In effect except: %(blocks)s.")
# Standing blocks of an instrument no longer (or not yet) in force.
BLOCKED = gettext_noop("Blocked: %(blocks)s.")
NOT_RECORDED = gettext_noop(
    "In effect in part; which provisions a court blocked is not recorded."
)
NO_LONGER = gettext_noop("No longer blocked: %(blocks)s.")
ITEM_SEPARATOR = "; "
SENTENCE_SEPARATOR = " "

# What another instrument did to this one, and what this one did to
# another: (with its date, without one) by ChangeKind.
CHANGED_BY = {
    ChangeKind.RESCINDS: (
        gettext_noop("Rescinded by %(record)s on %(date)s."),
        gettext_noop("Rescinded by %(record)s."),
    ),
    ChangeKind.SUPERSEDES: (
        gettext_noop("Superseded by %(record)s on %(date)s."),
        gettext_noop("Superseded by %(record)s."),
    ),
    ChangeKind.AMENDS: (
        gettext_noop("Amended by %(record)s on %(date)s."),
        gettext_noop("Amended by %(record)s."),
    ),
}
CHANGES_MADE = {
    ChangeKind.RESCINDS: (
        gettext_noop("Rescinds %(record)s (from %(date)s)."),
        gettext_noop("Rescinds %(record)s."),
    ),
    ChangeKind.SUPERSEDES: (
        gettext_noop("Supersedes %(record)s (from %(date)s)."),
        gettext_noop("Supersedes %(record)s."),
    ),
    ChangeKind.AMENDS: (
        gettext_noop("Amends %(record)s (from %(date)s)."),
        gettext_noop("Amends %(record)s."),
    ),
}
ENDING = (ChangeKind.RESCINDS, ChangeKind.SUPERSEDES)


class Words:
    """Fills the templates as plain text in the active language (the API and
    the feeds); a page's subclass links records and marks dates up."""

    def fill(self, template, **parts):
        return gettext(template) % parts

    def join(self, items, separator):
        return separator.join(items)

    def text(self, value):
        """A record's own words (a clause, a court's name)."""
        return value

    def record(self, record):
        """A published record by name (a case's or an instrument's title)."""
        return record.title

    def date(self, day, precision):
        """A date at its precision (jurisdictions/dates.py)."""
        return date_text(day, precision)


PLAIN = Words()


def block_order(block):
    """ProvisionBlock's own order: blocked on, undated last, then entry."""
    return (block.blocked_on is None, block.blocked_on, block.pk)


def blocked_by(block, words):
    """The case that blocked it when published, else the court, else "a court"."""
    case = block.case
    if case is not None and case.is_published:
        return words.record(case)
    if block.court:
        return words.text(block.court)
    return words.fill(A_COURT)


def block_item(block, words=PLAIN):
    standing, dated = block.lifted_on is None, block.blocked_on is not None
    parts = {"clause": words.text(block.clause), "by": blocked_by(block, words)}
    if dated:
        parts["since"] = words.date(block.blocked_on, block.blocked_on_precision)
    if not standing:
        parts["until"] = words.date(block.lifted_on, block.lifted_on_precision)
    return words.fill(BLOCK_TEMPLATES[(standing, dated)], **parts)


def blocks_note(status, blocks, words=PLAIN):
    """What binds of an instrument in `status` whose court `blocks` (with
    their cases) are these: "In effect except: …", then the blocks since
    lifted; empty when it has none and is not in effect in part."""
    blocks = sorted(blocks, key=block_order)
    standing = [block_item(b, words) for b in blocks if b.lifted_on is None]
    lifted = [block_item(b, words) for b in blocks if b.lifted_on is not None]
    sentences = []
    if standing:
        template = IN_EFFECT_EXCEPT if status in IN_FORCE_STATUSES else BLOCKED
        sentences.append(
            words.fill(template, blocks=words.join(standing, ITEM_SEPARATOR))
        )
    elif status == OrdinanceStatus.ENJOINED_IN_PART:
        sentences.append(words.fill(NOT_RECORDED))
    if lifted:
        sentences.append(
            words.fill(NO_LONGER, blocks=words.join(lifted, ITEM_SEPARATOR))
        )
    return words.join(sentences, SENTENCE_SEPARATOR)


def in_force_note(ordinance, words=PLAIN):
    """blocks_note() of an ordinance whose `blocks` are prefetched (blocks())."""
    return blocks_note(ordinance.status, ordinance.blocks.all(), words)


def standing_provisions(ordinance):
    """The slugs of the provisions a standing court order blocks, in order."""
    blocks = sorted(ordinance.blocks.all(), key=block_order)
    return [b.provision.slug for b in blocks if b.lifted_on is None]


def is_public(ordinance):
    return ordinance.is_published and ordinance.jurisdiction.is_published


def change_order(change):
    return (change.on is None, change.on, change.pk)


def public_changes(changes, other):
    """The `changes` whose `other` instrument ("acting" or "target") is
    published, in date order: a draft is never named, nor hinted at."""
    return sorted(
        (change for change in changes if is_public(getattr(change, other))),
        key=change_order,
    )


def change_sentence(change, other, words=PLAIN):
    templates = (CHANGED_BY if other == "acting" else CHANGES_MADE)[change.kind]
    record = words.record(getattr(change, other))
    if change.on is None:
        return words.fill(templates[1], record=record)
    return words.fill(
        templates[0], record=record, date=words.date(change.on, change.on_precision)
    )


def change_sentences(changed_by, changes_made, words=PLAIN):
    """[(sentence, change)]: "Rescinded by …" for each published instrument
    acting on this one, then "Rescinds …" for each it acts on."""
    return [
        *(
            (change_sentence(c, "acting", words), c)
            for c in public_changes(changed_by, "acting")
        ),
        *(
            (change_sentence(c, "target", words), c)
            for c in public_changes(changes_made, "target")
        ),
    ]


def ended_by(changed_by):
    """The first published instrument that rescinds or supersedes, or None."""
    ending = [c for c in public_changes(changed_by, "acting") if c.kind in ENDING]
    return ending[0].acting if ending else None


def amended_by(changed_by):
    """The published instruments that amend it, in date order."""
    return [
        c.acting
        for c in public_changes(changed_by, "acting")
        if c.kind == ChangeKind.AMENDS
    ]
