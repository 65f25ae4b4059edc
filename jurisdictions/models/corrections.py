"""Readers' corrections (issue 30).

An accepted correction leaves its id in the history note of the record it
changed, as ``Reader's correction #<id>``: the public log of changes reads
that note only to say "from a reader's correction", never to show it.

A correction names its record by one nullable foreign key per kind of public
record, exactly one of them set (a CHECK constraint): unlike a generic
relation, the database keeps each link valid, a record with corrections
cannot be deleted by accident (PROTECT), and the admin filters and joins on
plain columns.

Corrections are readers' words, not published data: their table carries no
data-version trigger (triggers/versioning.py), so a new suggestion leaves
every cached public page in place.
"""

import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from .base import choice_constraint, http_url_validator

CORRECTION_NOTE = "Reader's correction #{id}"
_NOTE = re.compile(r"Reader's correction #(\d+)\b")

# The longest text a reader may send in each box, and the longest source URL.
TEXT_LIMIT = 4000
URL_LIMIT = 1000
# Addresses are kept this long after the decision (erase_correction_addresses).
KEEP_ADDRESS = datetime.timedelta(days=30)


def correction_note(correction_id: int) -> str:
    """The history note an accepted correction leaves on the record."""
    return CORRECTION_NOTE.format(id=correction_id)


def correction_id(note: str | None) -> int | None:
    """The id of the correction a history note names, or None."""
    match = _NOTE.search(note or "")
    return int(match.group(1)) if match else None


# Seen by editors only, in the admin's English.
class CorrectionStatus(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


# The kinds of record a reader may correct: the foreign key each uses, and
# the model it leads to.
RECORD_FIELDS = {
    "jurisdiction": "jurisdictions.Jurisdiction",
    "ordinance": "jurisdictions.Ordinance",
    "resolution": "jurisdictions.SchoolDistrictResolution",
    "statement": "jurisdictions.FederalStatement",
    "case": "jurisdictions.Case",
    "person": "jurisdictions.Person",
}


def one_record():
    """Exactly one of the record fields is set."""
    return models.CheckConstraint(
        condition=Q.create(
            [
                Q(**{f"{other}__isnull": other != field for other in RECORD_FIELDS})
                for field in RECORD_FIELDS
            ],
            connector=Q.OR,
        ),
        name="correction_one_record",
        violation_error_message="A correction concerns exactly one record.",
    )


def text_limit(field):
    return models.CheckConstraint(
        condition=Q(LessThanOrEqual(Length(field), TEXT_LIMIT)),
        name=f"correction_{field}_length",
    )


def record_field(model):
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )


class CorrectionQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=CorrectionStatus.NEW)

    def addresses_to_erase(self, today):
        """Decided at least KEEP_ADDRESS ago, still holding an address."""
        return self.exclude(email="").filter(
            decided_on__isnull=False, decided_on__lte=today - KEEP_ADDRESS
        )


class Correction(models.Model):
    """A reader's suggested correction to one public record."""

    jurisdiction = record_field(RECORD_FIELDS["jurisdiction"])
    ordinance = record_field(RECORD_FIELDS["ordinance"])
    resolution = record_field(RECORD_FIELDS["resolution"])
    statement = record_field(RECORD_FIELDS["statement"])
    case = record_field(RECORD_FIELDS["case"])
    person = record_field(RECORD_FIELDS["person"])
    wrong = models.TextField(
        "what is wrong", max_length=TEXT_LIMIT, help_text="The reader's words."
    )
    right = models.TextField(
        "what is right", max_length=TEXT_LIMIT, help_text="The reader's words."
    )
    source_url = models.URLField(
        "source URL",
        max_length=URL_LIMIT,
        validators=[http_url_validator],
        help_text="Where the reader read it. Check it before trusting it.",
    )
    email = models.EmailField(
        "e-mail",
        blank=True,
        help_text="Never shown publicly; erased 30 days after the decision.",
    )
    language = models.CharField(
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language of the page the reader wrote from; the "
        "decision mail is written in it.",
    )
    status = models.CharField(
        max_length=10,
        choices=CorrectionStatus,
        default=CorrectionStatus.NEW,
        db_index=True,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(null=True, blank=True)
    note = models.TextField(
        blank=True,
        help_text="Why it was declined (required then), or what was changed. "
        "Sent to the reader when they left an address.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            one_record(),
            choice_constraint("status", CorrectionStatus, "correction_status_valid"),
            models.CheckConstraint(
                condition=Q(source_url__regex=r"^https?://"),
                name="correction_source_url_http",
            ),
            text_limit("wrong"),
            text_limit("right"),
            # Decided exactly when no longer new.
            models.CheckConstraint(
                condition=Q(status=CorrectionStatus.NEW, decided_on__isnull=True)
                | (~Q(status=CorrectionStatus.NEW) & Q(decided_on__isnull=False)),
                name="correction_decided_when_not_new",
            ),
            models.CheckConstraint(
                condition=~Q(status=CorrectionStatus.DECLINED) | ~Q(note=""),
                name="correction_declined_with_reason",
                violation_error_message="Say why the correction is declined.",
            ),
        ]

    def __str__(self):
        return f"Correction #{self.pk} to {self.record}"

    def get_absolute_url(self):
        return self.record.get_absolute_url()

    @property
    def kind(self):
        """The name of the record field set, e.g. "ordinance"."""
        for field in RECORD_FIELDS:
            if getattr(self, f"{field}_id") is not None:
                return field
        return None

    @property
    def record(self):
        return getattr(self, self.kind) if self.kind else None

    @record.setter
    def record(self, record):
        for field, label in RECORD_FIELDS.items():
            if label.split(".")[1] == type(record).__name__:
                setattr(self, field, record)
            else:
                setattr(self, field, None)
