"""Table definitions of federal records and court cases: federal statements,
court cases and federal list entries.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import Case as CourtCase
from ..models import FederalStatement, Jurisdiction, ListEntry, Ordinance
from .base import (
    Column,
    Linked,
    Table,
    curated_columns,
    precision_column,
    slug_column,
    title_held,
)

STATEMENTS = Table(
    name="statements",
    title=_("Federal statements"),
    description=_(
        "What federal officials said or did about sanctuary "
        "jurisdictions: statements, threats, designations, lawsuits, funding actions."
    ),
    records=lambda: FederalStatement.objects.published(),
    columns=(
        slug_column(
            _("Unique, stable identifier of the statement; part of its page address.")
        ),
        Column("title", _("A short headline.")),
        Column(
            "speaker_slug",
            _("Slug of the official (people.csv); empty if none is named."),
            Coalesce("speaker__slug", Value("")),
        ),
        Column(
            "speaker_name",
            _("Name of the official; empty if none is named."),
            Coalesce("speaker__name", Value("")),
        ),
        Column(
            "speaker_role",
            _(
                "The title the official held on `made_on`, as the page shows it: "
                "their dated role when one is recorded for that day, else the title "
                "the source gives (e.g. “Border czar (designate)”)."
            ),
            title_held("speaker", "made_on", F("speaker_role")),
        ),
        Column("made_on", _("Date (YYYY-MM-DD); empty if unknown.")),
        precision_column("made_on"),
        Column("venue", _("Where it was said, e.g. “Fox News interview”.")),
        Column(
            "kind",
            _(
                "One of statement, threat, policy_announcement, appointment, "
                "designation, lawsuit, funding_action."
            ),
        ),
        Column("quote", _("The exact words, without quotation marks.")),
        Column("summary", _("What was said or done, in brief.")),
        Column(
            "withdrawn_on",
            _(
                "For a list or policy its author took back, the day it was withdrawn "
                "(YYYY-MM-DD); empty if it stands. A withdrawn list has no current "
                "members."
            ),
        ),
        Column(
            "withdrawal_note", _("How and why it was withdrawn; empty if it stands.")
        ),
        Column(
            "targets",
            _(
                "Slugs of the jurisdictions named (jurisdictions.csv), separated by "
                "“;”; empty for a general statement."
            ),
            linked=Linked(
                FederalStatement.targets,
                ("slug",),
                lambda: Jurisdiction.objects.published(),
            ),
        ),
        Column(
            "responds_to",
            _(
                "Slugs of the instruments it responds to (ordinances.csv), separated "
                "by “;”."
            ),
            linked=Linked(
                FederalStatement.responds_to,
                ("slug",),
                lambda: Ordinance.objects.published(),
            ),
        ),
        *curated_columns(FederalStatement.sources, "jurisdictions:statement-detail"),
    ),
)

CASES = Table(
    name="cases",
    title=_("Court cases"),
    description=_(
        "Lawsuits and court rulings about sanctuary policies: their "
        "court, parties, status and the instruments and federal actions they concern."
    ),
    records=lambda: CourtCase.objects.published(),
    columns=(
        slug_column(
            _("Unique, stable identifier of the case; part of its page address.")
        ),
        Column("title", _("Name of the case, e.g. “United States v. City of …”.")),
        Column("court", _("The court, e.g. “U.S. District Court, C.D. California”.")),
        Column("docket", _("Docket number; empty when no source gives it.")),
        Column(
            "filed_on",
            _(
                "Date filed (YYYY-MM-DD; the first of the month or year when only "
                "those are known, see `filed_on_precision`); empty if unknown."
            ),
        ),
        precision_column("filed_on"),
        Column(
            "status",
            _(
                "One of pending, dismissed, dismissed_appealed, decided_for_plaintiff, "
                "decided_for_defendant, preliminary_injunction, settled, unknown."
            ),
        ),
        Column(
            "decided_on",
            _(
                "Date of the ruling the status reflects (YYYY-MM-DD, as `filed_on`); "
                "empty if none or unknown."
            ),
        ),
        precision_column("decided_on"),
        Column("outcome", _("What was decided, in plain words.")),
        Column("judge", _("The judge; empty if unknown.")),
        Column(
            "plaintiffs",
            _(
                "Slugs of the plaintiffs the tracker holds (jurisdictions.csv), "
                "separated by “;”."
            ),
            linked=Linked(
                CourtCase.plaintiffs,
                ("slug",),
                lambda: Jurisdiction.objects.published(),
            ),
        ),
        Column(
            "plaintiff_parties",
            _("Plaintiffs as the docket names them, e.g. “United States”."),
        ),
        Column(
            "defendants",
            _(
                "Slugs of the defendants the tracker holds (jurisdictions.csv), "
                "separated by “;”."
            ),
            linked=Linked(
                CourtCase.defendants,
                ("slug",),
                lambda: Jurisdiction.objects.published(),
            ),
        ),
        Column(
            "defendant_parties",
            _("Defendants as the docket names them, officials included."),
        ),
        Column(
            "challenged",
            _(
                "Slugs of the instruments the case challenges (ordinances.csv), "
                "separated by “;”."
            ),
            linked=Linked(
                CourtCase.challenged,
                ("slug",),
                lambda: Ordinance.objects.published(),
            ),
        ),
        Column(
            "statements",
            _(
                "Slugs of the federal statements or actions it answers or brings "
                "(statements.csv), separated by “;”."
            ),
            linked=Linked(
                CourtCase.statements,
                ("slug",),
                lambda: FederalStatement.objects.published(),
            ),
        ),
        Column("summary", _("What the case is about, in brief.")),
        Column(
            "earlier_report",
            _(
                "What an earlier source reported that the record corrects; empty if "
                "nothing."
            ),
        ),
        *curated_columns(CourtCase.sources, "jurisdictions:case-detail"),
    ),
)

LIST_ENTRIES = Table(
    name="list_entries",
    title=_("Federal list entries"),
    description=_(
        "Each place's dated membership of a federal list (a statement of "
        "kind designation in statements.csv): when the list named it and, if it was "
        "taken off, when and why. Being listed is the federal government's claim, "
        "not evidence of the place's own policy."
    ),
    records=lambda: ListEntry.objects.published().order_by(
        "list__slug", "jurisdiction__slug", "listed_on"
    ),
    columns=(
        Column(
            "list_slug",
            _("Slug of the list (statements.csv, kind designation)."),
            "list__slug",
        ),
        Column(
            "jurisdiction_slug",
            _("Slug of the place listed (jurisdictions.csv)."),
            "jurisdiction__slug",
        ),
        Column("listed_on", _("Date the list named the place (YYYY-MM-DD).")),
        Column(
            "removed_on",
            _(
                "Date the place was taken off the list (YYYY-MM-DD); empty while it "
                "is on it. A place is a current member when this is empty and the "
                "list's `withdrawn_on` (statements.csv) is empty too."
            ),
        ),
        Column("removal_note", _("Why it was taken off, as the sources say.")),
        *curated_columns(ListEntry.sources),
    ),
)
