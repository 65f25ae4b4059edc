"""The data dictionary: every public table and its columns, defined once.

The CSV of each list, the tables of the dataset zip, the `/data/` page and the
admin export all read these definitions, so a column cannot be exported
without being documented, nor documented without being exported.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .choices import DatePrecision, PublicationStatus
from .models import Case as CourtCase
from .models import (
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    Role,
    SchoolDistrictResolution,
    Source,
)

# Raise the major number when a column is renamed or removed, the minor number
# when one is added, so scripts reading the dataset can tell what changed.
SCHEMA_VERSION = "1.1"

PUBLISHED = PublicationStatus.PUBLISHED


@dataclass(frozen=True, eq=False)
class Linked:
    """A many-to-many relation, read for a whole chunk of rows in one query.

    `visible` returns the target rows that may be shown, so a draft sponsor or
    target never leaks through a published record.
    """

    relation: Any  # the model's ManyToManyDescriptor, e.g. Ordinance.provisions
    fields: tuple[str, ...]
    visible: Any = None

    def fetch(self, ids):
        """Map each owner id to its list of `fields` tuples."""
        m2m = self.relation.field
        owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        rows = m2m.remote_field.through.objects.filter(**{f"{owner}__in": ids})
        if self.visible is not None:
            rows = rows.filter(**{f"{target}__in": self.visible()})
        values = rows.order_by("pk").values_list(
            f"{owner}_id", *(f"{target}__{name}" for name in self.fields)
        )
        found = {}
        for owner_id, *parts in values:
            found.setdefault(owner_id, []).append(parts)
        return found


@dataclass(frozen=True)
class Column:
    """One CSV column: a stable snake_case name and what it holds.

    The value comes from `lookup` (a field path or an expression), or from the
    `part`-th field of a `linked` relation, joined with ";".
    """

    name: str
    description: str
    lookup: Any = None
    linked: Linked | None = None
    part: int = 0
    link: str = ""  # URL name of the record's page; the value is its slug

    @property
    def source(self):
        return self.name if self.lookup is None else self.lookup


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    records: Any  # returns the published rows, in their usual order

    def column_names(self):
        return [column.name for column in self.columns]


def published_slug(relation, empty=""):
    """The related record's slug, or `empty` when there is none or it is a draft."""
    visible = When(
        **{f"{relation}__publication_status": PUBLISHED}, then=f"{relation}__slug"
    )
    return Case(visible, default=Value(empty), output_field=CharField())


def published_ordinance_slug(relation, empty=""):
    """Like published_slug(), for an ordinance, whose jurisdiction must show too."""
    visible = When(
        **{
            f"{relation}__publication_status": PUBLISHED,
            f"{relation}__jurisdiction__publication_status": PUBLISHED,
        },
        then=f"{relation}__slug",
    )
    return Case(visible, default=Value(empty), output_field=CharField())


def confirmed_reaffirms_slug(empty=""):
    """The slug of the resolution a resolution reaffirms, when an editor has
    confirmed the link and it is published; else `empty`."""
    visible = When(
        reaffirms_confirmed=True,
        reaffirms__publication_status=PUBLISHED,
        reaffirms__district__publication_status=PUBLISHED,
        then="reaffirms__slug",
    )
    return Case(visible, default=Value(empty), output_field=CharField())


def interpolate_lazy(message, **values):
    """`message % values`, worked out in the language active when it is shown.

    Descriptions are defined at import and shown on the /data/ page in the
    page's language, so they stay lazy; `%` on a lazy string would fix its
    language at import.
    """
    return lazy(lambda: message % values, str)()


def precision_column(date_field):
    return Column(
        f"{date_field}_precision",
        interpolate_lazy(
            _(
                "How much of `%(date_field)s` the sources give: day, month or "
                "year (a month or year is written as its first day)."
            ),
            date_field=date_field,
        ),
    )


def title_held(person, day, as_given):
    """Person.role_on(day).title, else `as_given`: speaker_title() in SQL.

    The published role of `person` that covers `day`, the latest begun: a
    day-precise end is the successor's first day and is excluded; a month-
    or year-precise end covers its whole month or year.
    """
    # Trunc needs its argument's type, which an OuterRef alone lacks.
    day_ref = ExpressionWrapper(OuterRef(day), output_field=DateField())
    covering = (
        Role.objects.published()
        .filter(person=OuterRef(person))
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=day_ref))
        .filter(
            Q(ended_on__isnull=True)
            | Q(ended_on_precision=DatePrecision.DAY, ended_on__gt=day_ref)
            | Q(
                ended_on_precision=DatePrecision.MONTH,
                ended_on__gte=TruncMonth(day_ref),
            )
            | Q(
                ended_on_precision=DatePrecision.YEAR,
                ended_on__gte=TruncYear(day_ref),
            )
        )
        .order_by(F("started_on").desc(nulls_last=True), "title")
        .values("title")[:1]
    )
    return Case(
        When(
            **{f"{day}__isnull": False},
            then=Coalesce(Subquery(covering), as_given),
        ),
        default=as_given,
        output_field=CharField(),
    )


def sources_of(relation):
    linked = Linked(relation, ("id", "url"))
    return (
        Column(
            "source_ids",
            _("Ids of the sources cited (`id` in sources.csv), separated by “;”."),
            linked=linked,
            part=0,
        ),
        Column(
            "source_urls",
            _(
                "Web addresses of the sources cited, separated by “;” (print "
                "sources have none)."
            ),
            linked=linked,
            part=1,
        ),
    )


def curated_columns(relation, url_name=""):
    columns = (
        Column(
            "last_verified_on",
            _(
                "Date (YYYY-MM-DD) an editor last checked the record against its "
                "sources; empty if never."
            ),
        ),
        Column(
            "updated_at",
            _("When the record last changed (ISO 8601, UTC)."),
            "updated_at",
        ),
        *sources_of(relation),
    )
    if url_name:
        columns += (
            Column(
                "url",
                _("Address of the record's page on this site."),
                "slug",
                link=url_name,
            ),
        )
    return columns


def slug_column(description):
    return Column("slug", description)


JURISDICTIONS = Table(
    name="jurisdictions",
    title=_("Jurisdictions"),
    description=_(
        "States, counties, cities, school districts and other local "
        "governments, with their stance on cooperation with federal immigration "
        "enforcement."
    ),
    records=lambda: Jurisdiction.objects.published(),
    columns=(
        slug_column(
            _(
                "Unique, stable identifier of the jurisdiction; part of its page "
                "address."
            )
        ),
        Column("name", _("Name, e.g. “Los Angeles”.")),
        Column(
            "kind",
            _("One of state, county, city, school_district, other."),
        ),
        Column("state", _("Two-letter USPS code of the state (its own for a state).")),
        Column(
            "parent_slug",
            _(
                "Slug of the jurisdiction this one lies in (city → county → state); "
                "empty if none."
            ),
            published_slug("parent"),
        ),
        Column(
            "geoid",
            _(
                "Census GEOID: 2 digits for a state, 5 for a county, 7 for a place; "
                "NCES-based 7 digits for a school district. Empty if unknown."
            ),
        ),
        Column("population", _("Population; empty if unknown.")),
        Column("website", _("Official website; empty if unknown.")),
        Column(
            "stance",
            _("One of sanctuary, limited, cooperative, anti_sanctuary, unknown."),
        ),
        Column("stance_note", _("Why the tracker gives this stance, in brief.")),
        Column("summary", _("What the jurisdiction has done, in brief.")),
        *curated_columns(Jurisdiction.sources, "jurisdictions:jurisdiction-detail"),
    ),
)

ORDINANCES = Table(
    name="ordinances",
    title=_("Ordinances and other instruments"),
    description=_(
        "Local and state legal instruments: ordinances, executive orders "
        "and directives, council resolutions, state laws and policies."
    ),
    records=lambda: Ordinance.objects.published(),
    columns=(
        slug_column(
            _("Unique, stable identifier of the instrument; part of its page address.")
        ),
        Column("title", _("Title of the instrument.")),
        Column(
            "jurisdiction_slug",
            _("Slug of the jurisdiction that adopted it."),
            "jurisdiction__slug",
        ),
        Column(
            "jurisdiction_name",
            _("Name of the jurisdiction that adopted it."),
            "jurisdiction__name",
        ),
        Column("state", _("Two-letter USPS code of the state."), "jurisdiction__state"),
        Column(
            "number",
            _(
                "Official number the instrument was given, e.g. 188441 for "
                "Ordinance No. 188441; not the council file number."
            ),
        ),
        Column(
            "council_file",
            _(
                "The council's file number for the matter; empty when no source "
                "gives it."
            ),
        ),
        Column(
            "instrument",
            _("One of ordinance, executive_order, resolution, state_law, policy."),
        ),
        Column(
            "status",
            _(
                "One of proposed, passed, awaiting_signature, in_effect, vetoed, "
                "repealed, enjoined, unknown (a source names it without its state)."
            ),
        ),
        Column("introduced_on", _("Date introduced (YYYY-MM-DD); empty if unknown.")),
        precision_column("introduced_on"),
        Column("passed_on", _("Date passed (YYYY-MM-DD); empty if unknown.")),
        precision_column("passed_on"),
        Column("signed_on", _("Date signed (YYYY-MM-DD); empty if unknown.")),
        precision_column("signed_on"),
        Column(
            "effective_on", _("Date it took effect (YYYY-MM-DD); empty if unknown.")
        ),
        precision_column("effective_on"),
        Column(
            "urgency_clause",
            _(
                "true when it passed with an urgency clause (in effect without the "
                "usual wait), false when it did not; empty when no source says."
            ),
        ),
        Column(
            "based_on_slug",
            _(
                "Slug of an earlier instrument this one codifies or builds on; empty "
                "if none."
            ),
            published_ordinance_slug("based_on"),
        ),
        Column(
            "provisions",
            _("What it does: slugs from provisions.csv, separated by “;”."),
            linked=Linked(Ordinance.provisions, ("slug",)),
        ),
        Column(
            "sponsors",
            _("Slugs of its sponsors (people.csv), separated by “;”."),
            linked=Linked(
                Ordinance.sponsors, ("slug",), lambda: Person.objects.published()
            ),
        ),
        Column("summary", _("What it does, in brief.")),
        Column("text_url", _("Link to the official text; empty if none.")),
        *curated_columns(Ordinance.sources, "jurisdictions:ordinance-detail"),
    ),
)

ORDINANCE_ACTIONS = Table(
    name="ordinance_actions",
    title=_("Ordinance actions"),
    description=_(
        "Each step in the life of a published instrument: introduced, "
        "passed, signed, vetoed, enjoined and so on."
    ),
    records=lambda: OrdinanceAction.objects.filter(
        ordinance__in=Ordinance.objects.published()
    ).order_by("ordinance__slug", *OrdinanceAction._meta.ordering),
    columns=(
        Column(
            "ordinance_slug",
            _("Slug of the instrument (ordinances.csv)."),
            "ordinance__slug",
        ),
        Column("date", _("Date of the step (YYYY-MM-DD); empty if unknown.")),
        precision_column("date"),
        Column(
            "action",
            _(
                "One of introduced, committee, passed_first_reading, passed, signed, "
                "issued, effective, vetoed, repealed, enjoined, other."
            ),
        ),
        Column("body", _("Who acted, e.g. “City Council”.")),
        Column("votes_for", _("Votes in favour; empty if unknown or not a vote.")),
        Column("votes_against", _("Votes against; empty if unknown or not a vote.")),
        Column("votes_abstain", _("Abstentions; empty if unknown or not a vote.")),
        Column(
            "votes_absent",
            _("Members absent or not voting; empty if unknown or not a vote."),
        ),
        Column("note", _("Anything else the sources say about the step.")),
        *sources_of(OrdinanceAction.sources),
    ),
)

RESOLUTIONS = Table(
    name="resolutions",
    title=_("School district resolutions"),
    description=_(
        "Resolutions of school boards about immigration enforcement on their campuses."
    ),
    records=lambda: SchoolDistrictResolution.objects.published(),
    columns=(
        slug_column(
            _("Unique, stable identifier of the resolution; part of its page address.")
        ),
        Column("title", _("Title of the resolution.")),
        Column(
            "district_slug",
            _("Slug of the school district (jurisdictions.csv)."),
            "district__slug",
        ),
        Column("district_name", _("Name of the school district."), "district__name"),
        Column("state", _("Two-letter USPS code of the state."), "district__state"),
        Column("number", _("Official number, e.g. Res-035-24/25.")),
        Column("adopted_on", _("Date adopted (YYYY-MM-DD); empty if unknown.")),
        precision_column("adopted_on"),
        Column(
            "reaffirms_slug",
            _(
                "Slug of an earlier resolution this one reaffirms (in this file), "
                "once an editor has confirmed the link from its text; empty if none "
                "or unconfirmed."
            ),
            confirmed_reaffirms_slug(),
        ),
        Column("status", _("One of proposed, adopted, rescinded.")),
        Column("is_emergency", _("true for an emergency resolution, else false.")),
        Column(
            "protected_groups",
            _(
                "Groups it protects, separated by “;”: undocumented_students, "
                "immigrant_families, lgbtq_students, staff."
            ),
        ),
        Column(
            "provisions",
            _("What it does: slugs from provisions.csv, separated by “;”."),
            linked=Linked(SchoolDistrictResolution.provisions, ("slug",)),
        ),
        Column("votes_for", _("Votes in favour; empty if unknown.")),
        Column("votes_against", _("Votes against; empty if unknown.")),
        Column("summary", _("What it does, in brief.")),
        *curated_columns(
            SchoolDistrictResolution.sources, "jurisdictions:resolution-detail"
        ),
    ),
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

PEOPLE = Table(
    name="people",
    title=_("People"),
    description=_(
        "Officials and other actors who sponsored, said or did something "
        "the tracker records."
    ),
    records=lambda: Person.objects.published(),
    columns=(
        slug_column(
            _("Unique, stable identifier of the person; part of its page address.")
        ),
        Column("name", _("Full name.")),
        Column("title", _("Office or role, e.g. “Council member”.")),
        Column(
            "jurisdiction_slug",
            _(
                "Slug of the jurisdiction they serve (jurisdictions.csv); empty if "
                "none."
            ),
            published_slug("jurisdiction"),
        ),
        Column("is_federal", _("true for a federal official, else false.")),
        *curated_columns(Person.sources, "jurisdictions:person-detail"),
    ),
)

QUOTES = Table(
    name="quotes",
    title=_("Quotes"),
    description=_(
        "Words of local officials, each tied to the jurisdiction, "
        "instrument or resolution it is about."
    ),
    records=lambda: Quote.objects.published(),
    columns=(
        Column("person_slug", _("Slug of the speaker (people.csv)."), "person__slug"),
        Column("text", _("The words as the source gives them.")),
        Column(
            "is_paraphrase",
            _(
                "true when the source reports what was said without quoting it "
                "verbatim, else false."
            ),
        ),
        Column(
            "speaker_role",
            _(
                "The title the speaker held on `said_on`: their dated role when one "
                "is recorded for that day, else the title the source gives; empty "
                "if neither."
            ),
            title_held("person", "said_on", F("speaker_role")),
        ),
        Column("said_on", _("Date (YYYY-MM-DD); empty if unknown.")),
        precision_column("said_on"),
        Column(
            "subject_table",
            _(
                "Which table the quote is about: ordinances, resolutions or "
                "jurisdictions."
            ),
            Case(
                When(ordinance__isnull=False, then=Value("ordinances")),
                When(resolution__isnull=False, then=Value("resolutions")),
                default=Value("jurisdictions"),
                output_field=CharField(),
            ),
        ),
        Column(
            "subject_slug",
            _("Slug of the record the quote is about, in `subject_table`."),
            Coalesce("ordinance__slug", "resolution__slug", "jurisdiction__slug"),
        ),
        Column(
            "last_verified_on",
            _("Date (YYYY-MM-DD) an editor last checked the quote; empty if never."),
        ),
        Column(
            "updated_at",
            _("When the quote last changed (ISO 8601, UTC)."),
            "updated_at",
        ),
        *sources_of(Quote.sources),
    ),
)

PROVISIONS = Table(
    name="provisions",
    title=_("Policy provisions"),
    description=_(
        "The taxonomy of what a policy does, used by the `provisions` "
        "columns of ordinances.csv and resolutions.csv."
    ),
    records=lambda: PolicyProvision.objects.all(),
    columns=(
        Column("slug", _("Unique, stable identifier of the provision.")),
        Column("name", _("Name of the provision.")),
        Column(
            "category",
            _(
                "One of resources, information_sharing, detainers, facility_access, "
                "training, education, declaration, other."
            ),
        ),
        Column("description", _("What counts as this provision.")),
    ),
)


def cited_sources():
    """Sources cited by at least one published record or one of its steps."""
    citing = [
        (Jurisdiction.sources, Jurisdiction.objects.published()),
        (Ordinance.sources, Ordinance.objects.published()),
        (
            SchoolDistrictResolution.sources,
            SchoolDistrictResolution.objects.published(),
        ),
        (FederalStatement.sources, FederalStatement.objects.published()),
        (ListEntry.sources, ListEntry.objects.published()),
        (CourtCase.sources, CourtCase.objects.published()),
        (Person.sources, Person.objects.published()),
        (Quote.sources, Quote.objects.published()),
        (
            OrdinanceAction.sources,
            OrdinanceAction.objects.filter(ordinance__in=Ordinance.objects.published()),
        ),
    ]
    # One list of cited ids, each citation table read once: an EXISTS per
    # table, OR-ed, is tested source by source and costs PostgreSQL several
    # times as much.
    cited = []
    for relation, records in citing:
        m2m = relation.field
        cited.append(
            m2m.remote_field.through.objects.filter(
                **{f"{m2m.m2m_field_name()}__in": records}
            ).values(m2m.m2m_reverse_name())
        )
    return Source.objects.filter(pk__in=cited[0].union(*cited[1:], all=True)).order_by(
        "pk"
    )


SOURCES = Table(
    name="sources",
    title=_("Sources"),
    description=_("Every citation behind a published record."),
    records=cited_sources,
    columns=(
        Column(
            "id",
            _(
                "Identifier of the source, used by the `source_ids` columns; stable "
                "across releases."
            ),
        ),
        Column("title", _("Title of the article, document or page.")),
        Column("publisher", _("Who published it.")),
        Column("url", _("Web address; empty for a print source.")),
        Column("published_on", _("Publication date (YYYY-MM-DD); empty if unknown.")),
        Column("accessed_on", _("Date an editor read it (YYYY-MM-DD).")),
        Column("archive_url", _("Link to an archived copy; empty if none.")),
        Column("note", _("Editor's note on the source.")),
    ),
)

LIST_TABLES = (JURISDICTIONS, ORDINANCES, RESOLUTIONS, STATEMENTS, CASES)
DATASET_TABLES = (
    JURISDICTIONS,
    ORDINANCES,
    ORDINANCE_ACTIONS,
    RESOLUTIONS,
    STATEMENTS,
    LIST_ENTRIES,
    CASES,
    PEOPLE,
    QUOTES,
    PROVISIONS,
    SOURCES,
)
TABLES_BY_MODEL = {
    Jurisdiction: JURISDICTIONS,
    Ordinance: ORDINANCES,
    SchoolDistrictResolution: RESOLUTIONS,
    FederalStatement: STATEMENTS,
    ListEntry: LIST_ENTRIES,
    CourtCase: CASES,
    Person: PEOPLE,
    Quote: QUOTES,
    OrdinanceAction: ORDINANCE_ACTIONS,
    PolicyProvision: PROVISIONS,
    Source: SOURCES,
}
