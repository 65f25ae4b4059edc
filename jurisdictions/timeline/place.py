"""A place's timeline: its records, cases and list entries as dated events,
newest first; and the cases the place is a party to (its page and its feed)."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext

from ..choices import DatePrecision
from ..models import Case


@dataclass
class Event:
    date: datetime.date | None
    kind: str
    title: str
    url: str
    detail: str = ""
    precision: str = DatePrecision.DAY  # the date's (dates.py)
    withdrawn_on: datetime.date | None = None  # a withdrawn list or policy's


def party_cases(place):
    """The place's published cases, each flagged with the side it is on
    (`as_plaintiff`, `as_defendant`).

    One query, however many cases: the page's timeline and the place's feed
    read them.
    """
    sides = {
        "as_plaintiff": Case.plaintiffs.through,
        "as_defendant": Case.defendants.through,
    }
    flags = {
        side: Exists(through.objects.filter(case=OuterRef("pk"), jurisdiction=place))
        for side, through in sides.items()
    }
    return (
        Case.objects.published()
        .annotate(**flags)
        .filter(Q(as_plaintiff=True) | Q(as_defendant=True))
    )


def case_events(cases):
    """A case's filing and, once decided, its ruling."""
    for case in cases:
        url = case.get_absolute_url()
        if case.as_plaintiff and case.as_defendant:
            side = gettext("as plaintiff and defendant, %(court)s")
        elif case.as_plaintiff:
            side = gettext("as plaintiff, %(court)s")
        else:
            side = gettext("as defendant, %(court)s")
        yield Event(
            date=case.filed_on,
            kind=gettext("Case filed"),
            title=case.title,
            url=url,
            detail=side % {"court": case.court},
            precision=case.filed_on_precision,
        )
        if case.decided_on:
            yield Event(
                date=case.decided_on,
                kind=gettext("Court ruling"),
                title=case.title,
                url=url,
                detail=case.get_status_display(),
                precision=case.decided_on_precision,
            )


def timeline(events):
    """Newest first; undated events after every dated one."""
    events = list(events)
    dated = sorted((e for e in events if e.date), key=lambda e: e.date, reverse=True)
    return dated + [e for e in events if not e.date]
