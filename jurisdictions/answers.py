"""The answer first: what a place's page says before its facts.

"Is my place a sanctuary?" answered in a few sentences, each built only from
published records and linking each record and its source: the place's own
instruments in force, the state law in force where it lies, the federal lists
naming it now and its open court cases. Where nothing is recorded the answer
says so; it never guesses, and a federal designation never stands in for the
place's own policy.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects

from .choices import CaseStatus, JurisdictionKind
from .models import Jurisdiction, Ordinance
from .models.base import BINDING_LIMITS, MANDATES
from .stances import in_force
from .templatetags.records import linked_source

# A case still being decided: the court has not ended it.
OPEN_CASES = frozenset(
    {
        CaseStatus.PENDING,
        CaseStatus.PRELIMINARY_INJUNCTION,
        CaseStatus.DISMISSED_APPEALED,
    }
)


@dataclass
class Instruments:
    """Instruments in force, by what they do to cooperation."""

    limiting: list = field(default_factory=list)
    mandating: list = field(default_factory=list)
    other: list = field(default_factory=list)

    @classmethod
    def of(cls, instruments):
        found = cls()
        for instrument in instruments:
            if not in_force(instrument):
                continue
            categories = {p.category for p in instrument.provisions.all()}
            if categories & set(BINDING_LIMITS):
                found.limiting.append(instrument)
            if categories & set(MANDATES):
                found.mandating.append(instrument)
            if not categories & set(BINDING_LIMITS + MANDATES):
                found.other.append(instrument)
        return found

    def __bool__(self):
        return bool(self.limiting or self.mandating or self.other)


@dataclass
class Answer:
    place: Jurisdiction
    # Every published instrument of the place's own, and those in force.
    recorded: int
    own: Instruments
    # The place's state (None for a state itself, or when not published).
    state: Jurisdiction | None
    state_law: Instruments
    # (current list entry, its first source with a URL, else its list's)
    listings: list
    open_cases: list


STATE_LAW = Prefetch(
    "ordinances",
    queryset=Ordinance.objects.published().prefetch_related("provisions", "sources"),
    to_attr="published_ordinances",
)


def published_state(place, ancestors):
    """The published state `place` lies in (None for a state), with its
    instruments; from the place's published `ancestors` when it is among them."""
    if place.kind == JurisdictionKind.STATE:
        return None
    state = next((a for a in ancestors if a.kind == JurisdictionKind.STATE), None)
    if state is None:
        return (
            Jurisdiction.objects.published()
            .filter(kind=JurisdictionKind.STATE, state=place.state)
            .prefetch_related(STATE_LAW)
            .first()
        )
    prefetch_related_objects([state], STATE_LAW)
    return state


def answer(place, ancestors, instruments, listings, cases):
    """The answer for `place`: `ancestors` are its published ones,
    `instruments` its own published ones (provisions and sources prefetched),
    `listings` its current list entries, `cases` its published cases (sources
    prefetched)."""
    state = published_state(place, ancestors)
    return Answer(
        place=place,
        recorded=len(instruments),
        own=Instruments.of(instruments),
        state=state,
        state_law=Instruments.of(state.published_ordinances if state else ()),
        listings=[
            (entry, linked_source(entry) or linked_source(entry.list))
            for entry in listings
        ],
        open_cases=[case for case in cases if case.status in OPEN_CASES],
    )
