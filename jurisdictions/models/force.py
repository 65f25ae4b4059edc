"""What limits or ends an instrument's force: a court blocking some of its
provisions, another instrument rescinding, superseding or amending it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..choices import STATUS_AFTER_CHANGE, ChangeKind
from .base import (
    PolicyProvision,
    Source,
    choice_constraint,
    date_order_constraint,
    precision_constraints,
    precision_field,
)
from .cases import Case
from .instruments import Ordinance, OrdinanceAction


class ProvisionBlockQuerySet(models.QuerySet):
    def standing(self):
        """Blocks not lifted: their provisions do not count toward a stance."""
        return self.filter(lifted_on__isnull=True)


class ProvisionBlock(models.Model):
    """A court order blocking one provision of an instrument, from a date and,
    once lifted, until one. The instrument stays in force for the rest."""

    ordinance = models.ForeignKey(
        Ordinance, on_delete=models.CASCADE, related_name="blocks"
    )
    provision = models.ForeignKey(
        PolicyProvision,
        on_delete=models.PROTECT,
        related_name="blocks",
        help_text="The provision of the instrument the court blocked.",
    )
    clause = models.CharField(
        max_length=300,
        help_text="The blocked part in words, e.g. “the ban on officials who "
        "‘endorse’ sanctuary policies”.",
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
        help_text="The case whose order blocked it.",
    )
    court = models.CharField(
        max_length=200,
        blank=True,
        help_text="The court, when the case has no record of its own.",
    )
    blocked_on = models.DateField(null=True, blank=True)
    blocked_on_precision = precision_field("blocked_on")
    lifted_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the block ended (reversed or dissolved); empty while it "
        "stands.",
    )
    lifted_on_precision = precision_field("lifted_on")
    sources = models.ManyToManyField(Source, blank=True, related_name="blocks")

    objects = ProvisionBlockQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta:
        ordering = [F("blocked_on").asc(nulls_last=True), "pk"]
        constraints = [
            date_order_constraint("blocked_on", "lifted_on", "block_from_le_until"),
            *precision_constraints("provision_block", "blocked_on", "lifted_on"),
        ]

    def __str__(self):
        return f"{self.ordinance}: {self.clause}"

    def get_absolute_url(self):
        return self.ordinance.get_absolute_url()

    def clean(self):
        super().clean()
        if (
            self.ordinance_id
            and self.provision_id
            and not self.ordinance.provisions.filter(pk=self.provision_id).exists()
        ):
            raise ValidationError(
                {"provision": "Block only a provision the instrument carries."}
            )


class InstrumentChange(models.Model):
    """One instrument rescinding, superseding or amending another on a date.

    A rescission or supersession ends the other's force on that date: its
    status follows (take_effect), and its history shows the step. The acting
    instrument gains no provisions from it: a rescission of a mandate bars
    nothing by itself.
    """

    acting = models.ForeignKey(
        Ordinance,
        on_delete=models.CASCADE,
        related_name="changes_made",
        help_text="The instrument that rescinds, supersedes or amends.",
    )
    target = models.ForeignKey(
        Ordinance,
        on_delete=models.CASCADE,
        related_name="changed_by",
        help_text="The instrument it acts on.",
    )
    kind = models.CharField(max_length=20, choices=ChangeKind)
    on = models.DateField(
        "effective on",
        null=True,
        blank=True,
        help_text="When it takes effect; empty when no source gives it.",
    )
    on_precision = precision_field("on")
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = [F("on").asc(nulls_last=True), "pk"]
        constraints = [
            choice_constraint("kind", ChangeKind, "instrument_change_kind_valid"),
            *precision_constraints("instrument_change", "on"),
            models.CheckConstraint(
                condition=~Q(acting=F("target")),
                name="instrument_change_not_itself",
                violation_error_message="An instrument cannot act on itself.",
            ),
            models.UniqueConstraint(
                fields=["acting", "target", "kind"],
                name="instrument_change_unique",
            ),
        ]

    def __str__(self):
        return f"{self.acting} {self.get_kind_display().lower()} {self.target}"

    @property
    def ends_force(self):
        return self.kind in STATUS_AFTER_CHANGE

    def later_ending(self, today):
        """A rescission or supersession of the same instrument dated after
        this one and by `today`: that one decides its status, not this one."""
        return (
            InstrumentChange.objects.filter(
                target=self.target_id,
                kind__in=STATUS_AFTER_CHANGE,
                on__gt=self.on,
                on__lte=today,
            )
            .exclude(pk=self.pk)
            .first()
        )

    def take_effect(self, today):
        """Give the target the status this change leaves it in, with a step in
        its life, once the date has come and no later change has decided it.
        Return whether anything changed."""
        status = STATUS_AFTER_CHANGE.get(self.kind)
        if status is None or self.on is None or self.on > today:
            return False
        if self.later_ending(today) is not None:
            return False
        target = self.target
        if target.status == status:
            return False
        target.status = status
        target._change_reason = f"{self.get_kind_display()} by {self.acting}"
        target.save()
        # The step names nothing: a draft acting instrument must stay unseen,
        # and the page names a published one from the change itself.
        OrdinanceAction.objects.get_or_create(
            ordinance=target,
            action=status,
            date=self.on,
            defaults={"date_precision": self.on_precision},
        )
        return True
