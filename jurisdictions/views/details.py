"""Detail pages; every related record they show is published too."""

import datetime
from dataclasses import dataclass

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

from ..choices import OrdinanceStatus, ResolutionStatus
from ..models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    Quote,
    SchoolDistrictResolution,
)

# Ancestors are fetched with the page itself up to this depth (school district
# → city → county → state is three); a deeper chain costs a query per level.
ANCESTOR_DEPTH = 4
# A state may hold thousands of places; the page lists the first ones.
CHILDREN_SHOWN = 100
IN_FORCE = {OrdinanceStatus.PASSED, OrdinanceStatus.IN_EFFECT, ResolutionStatus.ADOPTED}


def published_ordinances():
    return Ordinance.objects.published().select_related("jurisdiction")


def published_statements():
    return FederalStatement.objects.published().select_related("speaker")


def published_quotes():
    return Quote.objects.published().select_related("person")


@dataclass
class Event:
    date: datetime.date | None
    kind: str
    title: str
    url: str
    detail: str = ""


def timeline(events):
    """Newest first; undated events after every dated one."""
    events = list(events)
    dated = sorted((e for e in events if e.date), key=lambda e: e.date, reverse=True)
    return dated + [e for e in events if not e.date]


def votes(record):
    if record.votes_for is None and record.votes_against is None:
        return ""
    return f"{record.votes_for or 0}–{record.votes_against or 0} vote"


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


class JurisdictionDetailView(PublicDetailView):
    section = "jurisdictions"
    queryset = (
        Jurisdiction.objects.published()
        .select_related("__".join(["parent"] * ANCESTOR_DEPTH))
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Jurisdiction.objects.published()[: CHILDREN_SHOWN + 1],
                to_attr="published_children",
            ),
            Prefetch(
                "ordinances",
                queryset=Ordinance.objects.published().prefetch_related(
                    "provisions", "actions"
                ),
                to_attr="published_ordinances",
            ),
            Prefetch(
                "resolutions",
                queryset=SchoolDistrictResolution.objects.published().prefetch_related(
                    "provisions"
                ),
                to_attr="published_resolutions",
            ),
            Prefetch(
                "federal_statements",
                queryset=published_statements(),
                to_attr="published_statements",
            ),
        )
    )

    def get_context_data(self, **kwargs):
        place = self.object
        instruments = [*place.published_ordinances, *place.published_resolutions]
        quotes = (
            published_quotes()
            .select_related("ordinance", "resolution", "jurisdiction")
            .filter(
                Q(jurisdiction=place)
                | Q(ordinance__jurisdiction=place)
                | Q(resolution__district=place)
            )
        )
        return super().get_context_data(
            ancestors=[a for a in place.ancestors() if a.is_published],
            children=place.published_children[:CHILDREN_SHOWN],
            more_children=len(place.published_children) > CHILDREN_SHOWN,
            provisions_in_force=self.provisions(instruments, in_force=True),
            other_provisions=self.provisions(instruments, in_force=False),
            timeline=timeline(self.events()),
            quotes=quotes,
            **kwargs,
        )

    @staticmethod
    def provisions(instruments, in_force):
        """Map each provision to the instruments carrying it, in force or not."""
        found = {}
        for instrument in instruments:
            if (instrument.status in IN_FORCE) != in_force:
                continue
            for provision in instrument.provisions.all():
                found.setdefault(provision, []).append(instrument)
        return sorted(found.items(), key=lambda item: item[0].name)

    def events(self):
        place = self.object
        for ordinance in place.published_ordinances:
            for action in ordinance.actions.all():
                yield Event(
                    date=action.date,
                    kind=action.get_action_display(),
                    title=ordinance.title,
                    url=ordinance.get_absolute_url(),
                    detail=", ".join(
                        part for part in (action.body, votes(action)) if part
                    ),
                )
        for resolution in place.published_resolutions:
            yield Event(
                date=resolution.adopted_on,
                kind=f"Resolution {resolution.get_status_display().lower()}",
                title=resolution.title,
                url=resolution.get_absolute_url(),
                detail=votes(resolution),
            )
        for statement in place.published_statements:
            yield Event(
                date=statement.made_on,
                kind=f"Federal {statement.get_kind_display().lower()}",
                title=statement.title,
                url=statement.get_absolute_url(),
                detail=str(statement.speaker or ""),
            )


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
    )


class ResolutionDetailView(PublicDetailView):
    section = "resolutions"
    queryset = SchoolDistrictResolution.objects.published().select_related("district")
    listed = ("provisions", "sources")
    optional = (
        Prefetch("quotes", queryset=published_quotes(), to_attr="listed_quotes"),
    )


class StatementDetailView(PublicDetailView):
    section = "statements"
    queryset = (
        FederalStatement.objects.published()
        .select_related("speaker")
        .prefetch_related(
            Prefetch("targets", queryset=Jurisdiction.objects.published()),
        )
    )
    optional = (
        Prefetch("responds_to", queryset=published_ordinances(), to_attr="answered"),
    )


class PersonDetailView(PublicDetailView):
    queryset = Person.objects.published().prefetch_related(
        Prefetch("jurisdiction", queryset=Jurisdiction.objects.published()),
        Prefetch("statements", queryset=FederalStatement.objects.published()),
        Prefetch("sponsored", queryset=published_ordinances()),
        Prefetch(
            "quotes",
            queryset=published_quotes().select_related(
                "ordinance", "resolution", "jurisdiction"
            ),
        ),
    )
