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
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from . import force
from .choices import CaseStatus, Direction, JurisdictionKind
from .citations import linked_source
from .dates import time_element
from .models import Jurisdiction, Ordinance
from .stances import directions, in_force

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
            carried = directions(instrument)
            if Direction.LIMITS in carried:
                found.limiting.append(instrument)
            if Direction.MANDATES in carried:
                found.mandating.append(instrument)
            if not carried:
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
    # Published findings of no instrument of its own (sources prefetched).
    findings: list = field(default_factory=list)

    def sentences(self):
        """The answer's paragraphs (HTML), in the active language: each a
        whole sentence, so a translation may order its parts freely."""
        return list(sentences(self))


# Their blocks and changes are prefetched by force.fetch().
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
        state = (
            Jurisdiction.objects.published()
            .filter(kind=JurisdictionKind.STATE, state=place.state)
            .prefetch_related(STATE_LAW)
            .first()
        )
    else:
        prefetch_related_objects([state], STATE_LAW)
    if state is not None:
        force.fetch(state.published_ordinances, changes=False)
    return state


def answer(place, ancestors, instruments, listings, cases, findings=()):
    """The answer for `place`: `ancestors` are its published ones,
    `instruments` its own published ones (provisions, sources and an
    ordinance's blocks prefetched), `listings` its current list entries,
    `cases` its published cases (sources prefetched), `findings` its
    published findings of no instrument (sources prefetched)."""
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
        findings=list(findings),
    )


def cited(records):
    """Each record linked, with its first linked source: "A (source); B"."""
    return mark_safe(
        "; ".join(
            render_to_string("jurisdictions/includes/_cited.html", {"record": record})
            for record in records
        )
    )


def sentence(text, **parts):
    """A translated sentence with its `parts` (text escaped, HTML kept)."""
    return mark_safe(
        text % {name: conditional_escape(part) for name, part in parts.items()}
    )


def listing(entry, source):
    """A federal list entry: its list linked, when it was listed, its source."""
    parts = {
        "list": format_html(
            '<a href="{}">{}</a>', entry.list.get_absolute_url(), entry.list.title
        ),
        "date": time_element(entry.listed_on),
    }
    if source is None:
        return sentence(gettext("%(list)s (listed %(date)s)"), **parts)
    parts["source"] = format_html(
        '<a href="{}">{}<span class="visually-hidden">: {}</span></a>',
        source.url,
        gettext("source"),
        source.title,
    )
    return sentence(gettext("%(list)s (listed %(date)s, %(source)s)"), **parts)


def source_named(source):
    """A source by title and publisher, linked when it has an address."""
    if source.url:
        title = format_html('<a href="{}">{}</a>', source.url, source.title)
    else:
        title = conditional_escape(source.title)
    if source.publisher:
        return format_html("{} ({})", title, source.publisher)
    return title


def finding_sentence(place, finding):
    """A published finding of no law, in words: "No state law found in the
    sources checked", then those sources (linked) and when they were checked."""
    if place.kind == JurisdictionKind.STATE:
        finding_text = gettext("No state law found in the sources checked")
    else:
        finding_text = gettext("No local law found in the sources checked")
    sources = [source_named(source) for source in finding.sources.all()]
    parts = {"finding": finding_text}
    if sources:
        parts["sources"] = mark_safe("; ".join(sources))
    if finding.last_verified_on:
        parts["date"] = time_element(finding.last_verified_on)
    if sources and finding.last_verified_on:
        text = gettext("%(finding)s: %(sources)s; checked on %(date)s.")
    elif sources:
        text = gettext("%(finding)s: %(sources)s.")
    elif finding.last_verified_on:
        text = gettext("%(finding)s; checked on %(date)s.")
    else:
        text = gettext("%(finding)s.")
    return sentence(text, **parts)


def sentences(answer):
    """The paragraphs of `answer`, in order."""
    own, name = answer.own, answer.place.name
    if own.limiting:
        yield sentence(
            ngettext(
                "%(name)s’s own instrument in force limits cooperation with "
                "federal immigration enforcement: %(records)s.",
                "%(name)s’s own instruments in force limit cooperation with "
                "federal immigration enforcement: %(records)s.",
                len(own.limiting),
            ),
            name=name,
            records=cited(own.limiting),
        )
    if own.mandating:
        yield sentence(
            ngettext(
                "%(name)s’s own instrument in force requires cooperation or "
                "bans sanctuary policies: %(records)s.",
                "%(name)s’s own instruments in force require cooperation or "
                "ban sanctuary policies: %(records)s.",
                len(own.mandating),
            ),
            name=name,
            records=cited(own.mandating),
        )
    if own.other and not own.limiting and not own.mandating:
        yield sentence(
            ngettext(
                "%(name)s’s own instrument in force states a position but "
                "neither limits nor requires cooperation: %(records)s.",
                "%(name)s’s own instruments in force state a position but "
                "neither limit nor require cooperation: %(records)s.",
                len(own.other),
            ),
            name=name,
            records=cited(own.other),
        )
    if not own:
        if answer.recorded:
            yield sentence(
                ngettext(
                    "None of %(name)s’s own %(count)s recorded instrument is in force.",
                    "None of %(name)s’s own %(count)s recorded instruments is "
                    "in force.",
                    answer.recorded,
                ),
                name=name,
                count=answer.recorded,
            )
        elif not answer.findings:
            yield sentence(gettext("No instrument of its own is recorded."))
    if not own.limiting and not own.mandating:
        # Researched: no law either way found in the sources checked.
        for finding in answer.findings:
            yield finding_sentence(answer.place, finding)
    if state := answer.state:
        law = answer.state_law
        if law.limiting:
            yield sentence(
                gettext(
                    "%(state)s state law in force limits cooperation: %(records)s."
                ),
                state=state.name,
                records=cited(law.limiting),
            )
        if law.mandating:
            yield sentence(
                gettext(
                    "%(state)s state law in force requires cooperation or bans "
                    "sanctuary policies: %(records)s."
                ),
                state=state.name,
                records=cited(law.mandating),
            )
        if not law.limiting and not law.mandating:
            yield sentence(
                gettext(
                    'No <a href="%(url)s">%(state)s</a> state law in force on '
                    "cooperation is recorded."
                ),
                url=state.get_absolute_url(),
                state=state.name,
            )
    if answer.listings:
        yield sentence(
            ngettext(
                "A federal list names it: %(lists)s, a designation by the federal "
                "government rather than a policy of its own.",
                "Federal lists name it: %(lists)s, a designation by the federal "
                "government rather than a policy of its own.",
                len(answer.listings),
            ),
            lists=mark_safe(
                "; ".join(listing(entry, source) for entry, source in answer.listings)
            ),
        )
    if cases := answer.open_cases:
        yield sentence(
            ngettext(
                "It is a party to %(count)s open court case: %(records)s.",
                "It is a party to %(count)s open court cases: %(records)s.",
                len(cases),
            ),
            count=len(cases),
            records=cited(cases),
        )
