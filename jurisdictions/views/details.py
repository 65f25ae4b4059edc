"""Detail pages; every related record they show is published too."""

import functools

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.utils.translation import gettext, ngettext
from django.views.generic import DetailView

from .. import changelog, designations, force
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


def vote_parts(record):
    """A vote's tally and its other counts, e.g. ("12–0", ["3 absent"]);
    None when no vote is recorded."""
    if record.votes_for is None and record.votes_against is None:
        return None
    tally = f"{record.votes_for or 0}–{record.votes_against or 0}"
    others = []
    # Resolutions record only the votes for and against.
    if count := getattr(record, "votes_abstain", None):
        others.append(
            ngettext("%(count)s abstaining", "%(count)s abstaining", count)
            % {"count": count}
        )
    if count := getattr(record, "votes_absent", None):
        others.append(
            ngettext("%(count)s absent", "%(count)s absent", count) % {"count": count}
        )
    return tally, others


def votes(record):
    """A vote's counts, e.g. "12–0, 3 absent"; empty when none is recorded."""
    if not (parts := vote_parts(record)):
        return ""
    tally, others = parts
    return ", ".join([tally, *others])


def vote_phrase(record):
    """The counts as a timeline reads them: "12–0 vote, 3 absent"."""
    if not (parts := vote_parts(record)):
        return ""
    tally, others = parts
    return ", ".join([gettext("%(tally)s vote") % {"tally": tally}, *others])


# A key no row has: compiled into a relation's SQL in place of a record's.
NO_ROW = -1


@functools.cache
def listed_sql(model, name, using):
    """(related model, SQL, parameters, position of the record's key among
    them) of `model`'s many-to-many relation `name` on database `using`."""
    queryset = getattr(model(pk=NO_ROW), name).all()
    sql, params = queryset.query.get_compiler(using).as_sql()
    if params.count(NO_ROW) != 1:
        raise ValueError(f"{name}: cannot find the record's key in {sql}")
    return queryset.model, sql, params, params.index(NO_ROW)


def listed_rows(record, name):
    """Every row of `record`'s many-to-many relation `name`, in its order.

    What `list(record.<name>.all())` gives, run as raw SQL compiled once per
    process: building and compiling the query made an ordinance page ~20%
    slower (docs/PERFORMANCE.md). Only for relations to reference tables,
    which have no drafts.
    """
    using = record._state.db
    model, sql, params, position = listed_sql(type(record), name, using)
    params = (*params[:position], record.pk, *params[position + 1 :])
    return list(model._default_manager.raw(sql, params, using=using))


def with_flags(queryset, optional):
    """`queryset` with has_<to_attr> for each of the `optional` Prefetch()es:
    whether the record has any row in that relation."""
    flags = {}
    for prefetch in optional:
        field = queryset.model._meta.get_field(prefetch.prefetch_through)
        if field.many_to_one and field.concrete:
            # A foreign key of the record's own: is it set?
            flags[f"has_{prefetch.to_attr}"] = ExpressionWrapper(
                Q(**{f"{field.attname}__isnull": False}), output_field=BooleanField()
            )
        else:
            # Any row, drafts too: the visibility rules joined into each
            # EXISTS took PostgreSQL ~3 ms to plan. The Prefetch applies them.
            rows = field.related_model._base_manager.filter(
                **{back_lookup(field): OuterRef("pk")}
            )
            flags[f"has_{prefetch.to_attr}"] = Exists(rows)
    return queryset.annotate(**flags)


class PublicDetailView(DetailView):
    """A published record's page.

    Each subclass's `queryset` gets the flags of its `optional` relations
    (with_flags()) when the class is declared.
    """

    section = ""
    # Relations every record shows in full, as listed_<name> (listed_rows()).
    listed = ("sources",)
    # Relations most records have no rows in (a statement answering them,
    # quotes, sponsors, ...): Prefetch()es with a `to_attr`. The record's own
    # query asks whether each has any row, and only those that do cost a
    # query; the others are empty lists. At 200,000 ordinances, a typical
    # ordinance page: 8 queries -> 3.
    optional = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "queryset" in cls.__dict__:
            cls.queryset = with_flags(cls.queryset, cls.optional)

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
        return super().get_context_data(
            section=self.section,
            # Its published changes (one query); None for a person.
            record_changes=changelog.record_changes(self.object),
            **kwargs,
        )


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
        # What a court blocked, and what rescinds, supersedes or amends it
        # (or it does to another): few instruments have any.
        force.blocks_prefetch(to_attr="listed_blocks", sources=True),
        force.changes_prefetch("changed_by", to_attr="listed_changed_by"),
        force.changes_prefetch("changes_made", to_attr="listed_changes_made"),
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
            # The stance each member's own instruments give, in this query:
            # the page costs the same for 3 members or 300.
            .annotate(evidence=designations.member_evidence())
            .order_by("jurisdiction__name", "jurisdiction__state", "listed_on"),
            to_attr="members",
        ),
    )

    def get_context_data(self, **kwargs):
        members = self.object.members
        # On a withdrawn list no one is a current member (is_current).
        listed = [m for m in members if m.removed_on is None]
        removed = [m for m in members if m.removed_on is not None]
        return super().get_context_data(
            listed_members=listed,
            removed_members=removed,
            comparison=designations.compare(listed, removed) if members else None,
            **kwargs,
        )
