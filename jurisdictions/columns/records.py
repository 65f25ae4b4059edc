"""Table definitions of people, quotes, policy provisions and the sources
cited behind published records.
"""

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import Case as CourtCase
from ..models import (
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
    Source,
)
from .base import (
    Column,
    Table,
    curated_columns,
    precision_column,
    published_slug,
    slug_column,
    sources_of,
    title_held,
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
