"""A record's public links in its history: provisions, sponsors, sources, the
places a statement names, a case's parties.

Each history row holds every link of the record as it stood, one row per
link in simple_history's Historical<Model>_<field> tables (one row per save:
saves.py). A change compares the links of two history rows on what a reader
can see: a link to a record that is not published now is not public, and
neither is its coming or going.
"""

import dataclasses

from django.db.models import Exists, F, OuterRef, Value
from django.utils.translation import gettext, ngettext
from simple_history.utils import get_m2m_reverse_field_name

from ..models import Curated
from .kinds import PUBLISHED
from .saves import link_history


def field(kind, name):
    return kind.model._meta.get_field(name)


def target_column(kind, name):
    """The column of a link's table naming the linked record."""
    return f"{get_m2m_reverse_field_name(field(kind, name))}_id"


def public_links(kind, name, **rows):
    """The links of field `name` that the history rows `rows` (a lookup)
    hold, to records readers can see."""
    related = field(kind, name).related_model
    rows = link_history(kind.history, field(kind, name)).objects.filter(**rows)
    if issubclass(related, Curated):
        target = get_m2m_reverse_field_name(field(kind, name))
        rows = rows.filter(**{f"{target}__publication_status": PUBLISHED})
    return rows


def same(kind):
    """Inside a query of the row before (P), whose outer query is the row
    (R): whether P's public links are R's, field by field. Each side's links
    are found by history id, each found in the other's (one level down, P is
    OuterRef; two levels, R): the row before is looked up once, by the
    query around these (log.unchanged), not once for each comparison."""
    conditions = []
    for name in kind.links:
        column = target_column(kind, name)
        before = OuterRef("history_id")
        now = OuterRef(OuterRef("history_id"))
        for mine, theirs in ((before, OuterRef(now)), (now, OuterRef(before))):
            others = public_links(kind, name, history_id=theirs).values(column)
            conditions.append(
                ~Exists(
                    public_links(kind, name, history_id=mine).exclude(
                        **{f"{column}__in": others}
                    )
                )
            )
    return conditions


def read(kind, history_ids):
    """{history id: {field: frozenset of linked pks}} of the public links of
    the rows `history_ids`, in one query."""
    sets = {
        history_id: {name: set() for name in kind.links} for history_id in history_ids
    }
    queries = [
        public_links(kind, name, history_id__in=history_ids)
        .order_by()
        .annotate(
            row=F("history_id"), link=Value(name), target=F(target_column(kind, name))
        )
        .values_list("row", "link", "target")
        for name in kind.links
    ]
    if queries and history_ids:
        for history_id, name, target in queries[0].union(*queries[1:], all=True):
            sets[history_id][name].add(target)
    return {
        history_id: {name: frozenset(pks) for name, pks in links.items()}
        for history_id, links in sets.items()
    }


@dataclasses.dataclass
class LinkChange:
    """Records linked or unlinked in one field: "sources: added “…”". `old`
    and `new` name every public link before and after (the CSV's columns)."""

    label: str
    added: list
    removed: list
    old: str
    new: str

    def __str__(self):
        parts = []
        if self.added:
            parts.append(
                ngettext("added %(names)s", "added %(names)s", len(self.added))
                % {"names": quoted(self.added)}
            )
        if self.removed:
            parts.append(
                ngettext("removed %(names)s", "removed %(names)s", len(self.removed))
                % {"names": quoted(self.removed)}
            )
        return gettext("%(field)s: %(changes)s") % {
            "field": self.label,
            "changes": gettext(" and ").join(parts),
        }


def quoted(names):
    return ", ".join(gettext("“%(name)s”") % {"name": name} for name in names)


def differences(kind, before, after):
    """[(field, old pks, new pks)] of the fields whose public links differ
    between two rows (each row's "links", read()), in `kind.links` order."""
    return [
        (name, before["links"][name], after["links"][name])
        for name in kind.links
        if before["links"][name] != after["links"][name]
    ]


def wanted(kind, before, after):
    """{model: pks} of the records the changed links of two rows name."""
    names = {}
    for name, old, new in differences(kind, before, after):
        names.setdefault(field(kind, name).related_model, set()).update(old, new)
    return names


def public_name(record):
    """A linked record's name as its pages show it (a provision's in the
    page's language)."""
    return getattr(record, "local_name", None) or str(record)


def change(kind, label, name, old, new, names):
    """The LinkChange of field `name` from the pks `old` to `new`; `names`
    maps (model, pk) to each public record's name (log.linked_names)."""
    related = field(kind, name).related_model

    def named(pks):
        return sorted(names[(related, pk)] for pk in pks if (related, pk) in names)

    def listed(pks):
        return "; ".join(named(pks)) or gettext("none")

    return LinkChange(
        label, named(new - old), named(old - new), listed(old), listed(new)
    )
