"""A federal list beside the evidence: the stance each member's own
instruments give.

Being on a federal list is the federal government's designation, never
evidence of a place's policy (stances.py). A list's page shows, beside each
member, the stance its own published instruments in force give, and how many
members have each, so a reader can see how the designation compares.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import pgettext_lazy

from .choices import Stance
from .models import Jurisdiction
from .stances import evidence_stance

# The evidence stance as a list's page words it: "unknown" there means no
# instrument of the place's own decides a stance.
EVIDENCE_LABELS = {
    **dict(Stance.choices),
    Stance.UNKNOWN: pgettext_lazy("evidence stance", "None recorded"),
}


def member_evidence():
    """SQL, on a ListEntry queryset: the evidence stance of the entry's
    place (stances.evidence_stance()), in the entry's own query."""
    return Subquery(
        Jurisdiction.objects.filter(pk=OuterRef("jurisdiction"))
        .annotate(evidence=evidence_stance())
        .values("evidence")[:1]
    )


@dataclass(frozen=True)
class StanceTotal:
    stance: str
    label: str
    current: int
    removed: int


@dataclass(frozen=True)
class Comparison:
    """How many current and removed members have each evidence stance."""

    rows: list
    current: int
    removed: int


def label(stance):
    return EVIDENCE_LABELS.get(stance, stance)


def compare(current, removed):
    """The totals per evidence stance of `current` and `removed` entries,
    each annotated with `evidence` (member_evidence()); every stance, in
    Stance's order, with its zeros. Each entry gets `evidence_label`."""
    for entry in (*current, *removed):
        entry.evidence_label = label(entry.evidence)
    rows = [
        StanceTotal(
            stance=value,
            label=label(value),
            current=sum(1 for entry in current if entry.evidence == value),
            removed=sum(1 for entry in removed if entry.evidence == value),
        )
        for value in Stance.values
    ]
    return Comparison(rows=rows, current=len(current), removed=len(removed))
