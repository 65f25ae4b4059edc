"""The kinds of public record whose published edits the log shows, and which
of each record's fields a reader sees (only those are ever compared or shown:
editor notes, confidence, verification dates and flags never are)."""

import dataclasses
import functools

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..choices import PublicationStatus
from ..models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    SchoolDistrictResolution,
)
from ..models.places import JURISDICTION_FIELDS

PUBLISHED = PublicationStatus.PUBLISHED

# How each public field reads in a change ("status: passed → in effect"), in
# the page's language; the same words as the record pages' own labels.
LABELS = {
    "name": _("name"),
    "kind": _("kind"),
    "state": _("state"),
    "parent": _("part of"),
    "geoid": "GEOID",
    "population": _("population"),
    "website": _("website"),
    "stance": _("stance"),
    "stance_note": _("why this stance"),
    "summary": _("summary"),
    "earlier_report": _("corrected record note"),
    "title": _("title"),
    "jurisdiction": _("jurisdiction"),
    "number": _("number"),
    "council_file": _("council file"),
    "instrument": _("instrument"),
    "issued_by": _("issued by"),
    "status": _("status"),
    "introduced_on": _("introduced on"),
    "passed_on": _("passed on"),
    "signed_on": _("signed on"),
    "effective_on": _("effective on"),
    "urgency_clause": _("urgency clause"),
    "based_on": _("based on"),
    "text_url": _("official text"),
    "district": _("school district"),
    "adopted_on": _("adopted on"),
    "is_emergency": _("emergency resolution"),
    "protected_groups": _("protects"),
    "votes_for": _("votes for"),
    "votes_against": _("votes against"),
    "speaker": _("speaker"),
    "speaker_role": _("speaker's role"),
    "made_on": _("made on"),
    "withdrawn_on": _("withdrawn on"),
    "withdrawal_note": _("withdrawal note"),
    "venue": _("where"),
    "quote": _("quote"),
    "court": _("court"),
    "docket": _("docket"),
    "filed_on": _("filed on"),
    "decided_on": _("decided on"),
    "outcome": _("outcome"),
    "judge": _("judge"),
    "plaintiff_parties": _("plaintiffs as named"),
    "defendant_parties": _("defendants as named"),
    # Links (links.py), as each record's page heads them.
    "sources": _("sources"),
    "provisions": _("provisions"),
    "sponsors": _("sponsors"),
    "targets": _("jurisdictions named"),
    "plaintiffs": _("plaintiffs"),
    "defendants": _("defendants"),
    "challenged": _("instruments challenged"),
    "statements": _("federal statements answered or brought"),
}


def in_state(lookup):
    return lambda states: Q(**{f"{lookup}__in": states})


def targets_in(states):
    """A statement aimed at a published place in any of `states`."""
    return Q(
        Exists(
            FederalStatement.targets.through.objects.filter(
                federalstatement=OuterRef("pk"),
                jurisdiction__state__in=states,
                jurisdiction__publication_status=PUBLISHED,
            )
        )
    )


def parties_in(states):
    """A case with a published plaintiff or defendant in any of `states`."""
    lookups = {
        "case": OuterRef("pk"),
        "jurisdiction__state__in": states,
        "jurisdiction__publication_status": PUBLISHED,
    }
    return Q(Exists(Case.plaintiffs.through.objects.filter(**lookups))) | Q(
        Exists(Case.defendants.through.objects.filter(**lookups))
    )


@dataclasses.dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    # The fields its page shows, in the page's order. A date's precision
    # (`<date>_precision`) goes with its date.
    fields: tuple
    detail: str
    # The condition, on the record, of the `state` filter.
    in_states: object
    # What names the record: its title, or a place's name, kind and state.
    title_fields: tuple = ("title",)
    # The links its page shows (many-to-many fields whose history is kept).
    links: tuple = ("sources",)

    @property
    def history(self):
        return self.model.history.model

    @functools.cached_property
    def compared(self):
        """Every column a published change compares: the public fields and
        the precision of each public date."""
        names = []
        for name in self.fields:
            field = self.model._meta.get_field(name)
            names.append(field.attname)
            if any(f.name == f"{name}_precision" for f in self.model._meta.fields):
                names.append(f"{name}_precision")
        return tuple(names)

    def title(self, values):
        if self.model is Jurisdiction:
            return Jurisdiction.display_name(
                values["name"], values["kind"], values["state"]
            )
        return values["title"]

    def url(self, slug):
        head, tail = url_parts(self.detail, get_language())
        return f"{head}{slug}{tail}"


@functools.cache
def url_parts(name, language):
    """A detail page's path around its slug: one reverse() per language, not
    one per change (a CSV may hold many thousands)."""
    placeholder = "slug-placeholder"
    head, _, tail = reverse(name, kwargs={"slug": placeholder}).rpartition(placeholder)
    return head, tail


KINDS = (
    Kind(
        key="jurisdiction",
        label=_("Jurisdiction"),
        model=Jurisdiction,
        # A place's own fields but its slug (its address, not what it says).
        fields=(
            *(name for name in JURISDICTION_FIELDS if name != "slug"),
            "earlier_report",
        ),
        detail="jurisdictions:jurisdiction-detail",
        in_states=in_state("state"),
        title_fields=("name", "kind", "state"),
    ),
    Kind(
        key="ordinance",
        label=_("Ordinance or state law"),
        model=Ordinance,
        fields=(
            "title",
            "jurisdiction",
            "number",
            "council_file",
            "instrument",
            "issued_by",
            "status",
            "introduced_on",
            "passed_on",
            "signed_on",
            "effective_on",
            "urgency_clause",
            "based_on",
            "summary",
            "text_url",
            "earlier_report",
        ),
        detail="jurisdictions:ordinance-detail",
        in_states=in_state("jurisdiction__state"),
        links=("provisions", "sponsors", "sources"),
    ),
    Kind(
        key="resolution",
        label=_("School district resolution"),
        model=SchoolDistrictResolution,
        fields=(
            "title",
            "district",
            "number",
            "adopted_on",
            "status",
            "is_emergency",
            "protected_groups",
            "votes_for",
            "votes_against",
            "summary",
            "earlier_report",
        ),
        detail="jurisdictions:resolution-detail",
        in_states=in_state("district__state"),
        links=("provisions", "sources"),
    ),
    Kind(
        key="statement",
        label=_("Federal statement"),
        model=FederalStatement,
        fields=(
            "title",
            "kind",
            "speaker",
            "speaker_role",
            "made_on",
            "venue",
            "quote",
            "summary",
            "withdrawn_on",
            "withdrawal_note",
            "earlier_report",
        ),
        detail="jurisdictions:statement-detail",
        in_states=targets_in,
        links=("targets", "sources"),
    ),
    Kind(
        key="case",
        label=_("Court case"),
        model=Case,
        fields=(
            "title",
            "court",
            "docket",
            "filed_on",
            "status",
            "decided_on",
            "judge",
            "plaintiff_parties",
            "defendant_parties",
            "outcome",
            "summary",
            "earlier_report",
        ),
        detail="jurisdictions:case-detail",
        in_states=parties_in,
        links=("plaintiffs", "defendants", "challenged", "statements", "sources"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
KINDS_BY_MODEL = {kind.model: kind for kind in KINDS}
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]
