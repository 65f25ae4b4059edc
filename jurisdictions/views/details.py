"""Detail pages; every related record they show is published too."""

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.views.generic import DetailView

from ..models import (
    Case,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    Quote,
    Role,
    SchoolDistrictResolution,
)


def published_ordinances():
    return Ordinance.objects.published().select_related("jurisdiction")


def published_statements():
    return FederalStatement.objects.published().select_related("speaker")


def published_roles():
    return Role.objects.published()


def published_quotes():
    # Each speaker's roles give the title held on the day (speaker_title()).
    return (
        Quote.objects.published()
        .select_related("person")
        .prefetch_related(Prefetch("person__roles", queryset=published_roles()))
    )


def votes(record):
    """A vote's counts, e.g. "12–0, 3 absent"; empty when none is recorded."""
    if record.votes_for is None and record.votes_against is None:
        return ""
    counts = [f"{record.votes_for or 0}–{record.votes_against or 0}"]
    # Resolutions record only the votes for and against.
    for field, word in (("votes_abstain", "abstaining"), ("votes_absent", "absent")):
        if count := getattr(record, field, None):
            counts.append(f"{count} {word}")
    return ", ".join(counts)


def vote_phrase(record):
    """The counts as a timeline reads them: "12–0 vote, 3 absent"."""
    if not (counts := votes(record)):
        return ""
    tally, *others = counts.split(", ")
    return ", ".join([f"{tally} vote", *others])


# A key no row has: compiled into a relation's SQL in place of a record's.
NO_ROW = -1
# (model, relation, database) -> (related model, SQL, parameters, position
# of the record's key among them); see listed_rows().
LISTED_SQL = {}


def listed_rows(record, name):
    """Every row of `record`'s many-to-many relation `name`, in its order.

    The related manager's own query (`record.<name>.all()`), compiled once
    per model, relation and database and run as a raw query with each
    record's key: building and compiling it through the ORM was two thirds
    of its cost, and a page's sources and provisions a third of the page.
    Only for relations to reference tables, which have no drafts.
    """
    using = record._state.db
    key = (type(record), name, using)
    if key not in LISTED_SQL:
        queryset = getattr(type(record)(pk=NO_ROW), name).all()
        sql, params = queryset.query.get_compiler(using).as_sql()
        if params.count(NO_ROW) != 1:
            raise ValueError(f"{name}: cannot find the record's key in {sql}")
        LISTED_SQL[key] = (queryset.model, sql, params, params.index(NO_ROW))
    model, sql, params, position = LISTED_SQL[key]
    params = (*params[:position], record.pk, *params[position + 1 :])
    return list(model._default_manager.raw(sql, params, using=using))


class PublicDetailView(DetailView):
    section = ""
    # Relations every record shows in full, as listed_<name> (listed_rows()).
    listed = ("sources",)
    # Relations most records have no rows in (a statement answering them,
    # quotes, sponsors, ...): Prefetch()es with a `to_attr`. The record's own
    # query asks whether each has any row, and only those that do cost a
    # query; the others are empty lists. At 200,000 ordinances, a typical
    # ordinance page: 8 queries -> 3.
    optional = ()

    def get_queryset(self):
        # Built once per view and database: the EXISTS expressions were 15%
        # of a page, compiling them each time another 10%.
        queryset = super().get_queryset()
        flagged = type(self).__dict__.get("flagged_querysets")
        if flagged is None:
            flagged = type(self).flagged_querysets = {}
        if queryset.db not in flagged:
            flagged[queryset.db] = queryset.annotate(**self.flags(queryset))
        return flagged[queryset.db].all()

    def flags(self, queryset):
        """{has_<to_attr>: SQL} for each optional relation, compiled once.

        Each is an ORM expression (below) whose SQL, written for the records'
        table, is the same for every record.
        """
        expressions = self.optional_expressions(queryset)
        query = queryset.annotate(**expressions).query
        compiler = query.get_compiler(queryset.db)
        return {
            name: RawSQL(*compiler.compile(query.annotations[name]), BooleanField())
            for name in expressions
        }

    def optional_expressions(self, queryset):
        """{has_<to_attr>: whether the record has rows in that relation}."""
        model = queryset.model
        exists = {}
        for prefetch in self.optional:
            field = model._meta.get_field(prefetch.prefetch_through)
            if field.many_to_one and field.concrete:
                # A foreign key of the record's own: is it set?
                exists[f"has_{prefetch.to_attr}"] = ExpressionWrapper(
                    Q(**{f"{field.attname}__isnull": False}),
                    output_field=BooleanField(),
                )
                continue
            # Any row, drafts too: the visibility rules joined into each
            # EXISTS took PostgreSQL ~3 ms to plan. The Prefetch applies them.
            rows = field.related_model._base_manager.filter(
                **{back_lookup(field): OuterRef("pk")}
            )
            exists[f"has_{prefetch.to_attr}"] = Exists(rows)
        return exists

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        present = []
        for prefetch in self.optional:
            if getattr(record, f"has_{prefetch.to_attr}"):
                present.append(prefetch)
            else:
                field = record._meta.get_field(prefetch.prefetch_through)
                setattr(record, prefetch.to_attr, None if field.many_to_one else [])
        prefetch_related_objects([record], *present)
        for name in self.listed:
            setattr(record, f"listed_{name}", listed_rows(record, name))
        return record

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


def back_lookup(field):
    """The lookup, on the model a relation `field` leads to, back to its model."""
    if field.auto_created and not field.concrete:
        return field.field.name  # a reverse relation: its field's name
    return field.related_query_name()


class OrdinanceDetailView(PublicDetailView):
    section = "ordinances"
    queryset = Ordinance.objects.published().select_related("jurisdiction")
    listed = ("provisions", "sources")
    optional = (
        # A draft basis is prefetched as None, so the page never links to it.
        Prefetch("based_on", queryset=published_ordinances(), to_attr="basis"),
        Prefetch(
            "basis_for", queryset=published_ordinances(), to_attr="later_instruments"
        ),
        Prefetch(
            "actions",
            queryset=OrdinanceAction.objects.prefetch_related("sources"),
            to_attr="listed_actions",
        ),
        Prefetch(
            "sponsors", queryset=Person.objects.published(), to_attr="listed_sponsors"
        ),
        Prefetch(
            "federal_responses", queryset=published_statements(), to_attr="responses"
        ),
        Prefetch("quotes", queryset=published_quotes(), to_attr="listed_quotes"),
        Prefetch("cases", queryset=Case.objects.published(), to_attr="listed_cases"),
    )

    def get_object(self, queryset=None):
        ordinance = super().get_object(queryset)
        for action in ordinance.listed_actions:
            action.vote_counts = votes(action)
        return ordinance


def published_resolutions():
    return SchoolDistrictResolution.objects.published().select_related("district")


class ResolutionDetailView(PublicDetailView):
    section = "resolutions"
    queryset = published_resolutions()
    listed = ("provisions", "sources")
    optional = (
        Prefetch("quotes", queryset=published_quotes(), to_attr="listed_quotes"),
        # A draft target is prefetched as None; an unconfirmed link is
        # dropped in get_object().
        Prefetch("reaffirms", queryset=published_resolutions(), to_attr="reaffirmed"),
        Prefetch(
            "reaffirmed_by",
            queryset=published_resolutions().filter(reaffirms_confirmed=True),
            to_attr="reaffirmed_later",
        ),
    )

    def get_object(self, queryset=None):
        resolution = super().get_object(queryset)
        if not resolution.reaffirms_confirmed:
            # One source infers the link; an editor has not read the text.
            resolution.reaffirmed = None
        return resolution


class StatementDetailView(PublicDetailView):
    section = "statements"
    queryset = (
        FederalStatement.objects.published()
        .select_related("speaker")
        .prefetch_related(
            Prefetch("targets", queryset=Jurisdiction.objects.published()),
            # The title the speaker held that day (speaker_title()).
            Prefetch("speaker__roles", queryset=published_roles()),
        )
    )
    optional = (
        Prefetch("responds_to", queryset=published_ordinances(), to_attr="answered"),
        # A federal list's members; other statements have none.
        Prefetch(
            "entries",
            queryset=ListEntry.objects.published()
            .select_related("jurisdiction")
            .prefetch_related("sources")
            .order_by("jurisdiction__name", "jurisdiction__state", "listed_on"),
            to_attr="members",
        ),
    )

    def get_context_data(self, **kwargs):
        members = self.object.members
        return super().get_context_data(
            # On a withdrawn list no one is a current member (is_current).
            listed_members=[m for m in members if m.removed_on is None],
            removed_members=[m for m in members if m.removed_on is not None],
            **kwargs,
        )
