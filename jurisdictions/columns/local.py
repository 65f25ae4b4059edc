"""Table definitions of places and their instruments: jurisdictions,
ordinances, ordinance actions and school district resolutions.
"""

from django.utils.translation import gettext_lazy as _

from .. import force
from ..force import sql as force_sql
from ..models import (
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    SchoolDistrictResolution,
)
from .base import (
    Column,
    Grouped,
    Linked,
    Table,
    confirmed_reaffirms_slug,
    curated_columns,
    precision_column,
    published_ordinance_slug,
    published_slug,
    slug_column,
    sources_of,
)

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
            _(
                "One of sanctuary, limited, cooperative, anti_sanctuary, "
                "none_found (researched: no law of its own either way found in the "
                "sources checked), unknown (not yet researched, or its laws "
                "conflict)."
            ),
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
            "issued_by",
            _(
                "The body or office that issued it when it is not the place's "
                "legislature, e.g. “Sheriff's Department”; empty otherwise."
            ),
        ),
        Column(
            "status",
            _(
                "One of proposed, passed, awaiting_signature, in_effect, "
                "enjoined_in_part (in effect except the provisions a court "
                "blocked), vetoed, repealed, rescinded, superseded, enjoined, "
                "unknown (a source names it without its state)."
            ),
        ),
        Column(
            "blocked_provisions",
            _(
                "Slugs of the provisions (provisions.csv) a court order still "
                "blocks, separated by “;”; they do not count toward a stance."
            ),
            force.sql_standing_provisions(),
            grouped=Grouped(
                force_sql.blocks_by_ordinance, force_sql.copied_standing_provisions
            ),
        ),
        Column(
            "in_force_note",
            _(
                "What still binds, in words, as its page says: each clause a court "
                "blocked, by which case or court and since when, and each block "
                "since lifted; empty when no court has blocked any of it."
            ),
            force.sql_in_force_note(),
            grouped=Grouped(
                force_sql.blocks_by_ordinance, force_sql.copied_in_force_note
            ),
        ),
        Column(
            "ended_by",
            _(
                "Slug of the published instrument that rescinds or supersedes it "
                "(the first, by date); empty if none."
            ),
            force.sql_ended_by(),
            grouped=Grouped(force_sql.changes_by_ordinance, force_sql.copied_ended_by),
        ),
        Column(
            "amended_by",
            _("Slugs of the published instruments that amend it, separated by “;”."),
            force.sql_amended_by(),
            grouped=Grouped(
                force_sql.changes_by_ordinance, force_sql.copied_amended_by
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
                "issued, effective, became_law_unsigned, vetoed, repealed, "
                "rescinded, superseded, enjoined, enjoined_in_part, other."
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
