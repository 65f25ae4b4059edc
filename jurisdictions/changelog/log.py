"""Published changes: what readers saw change in a record, and when.

A record's public history is the sequence of its history rows saved while it
was published; each change is one such row compared with the published row
before it, on the fields and links the record's page shows (links to records
published now: links.py). The row where a record was
first published is a single "first published" entry: what editors did to the
draft before is not public. A record that is not published now has no public
changes at all (a change made while published, then taken back to draft,
shows again only once the record is published again).

The log of every change pages in the database: for each kind of record, one
query picks the rows that change a public field or link (compared in SQL
with the published row before each), newest first down the index on the history's
date, no more than the page needs; Python merges the kinds, then puts the
page's changes in words, reading the rows it compares, their links and the
records' names (a few queries a page).
"""

import dataclasses
import datetime
import heapq
import itertools

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext

from ..counting import CappedPaginator
from ..models.corrections import correction_id
from . import links
from .kinds import KINDS, KINDS_BY_KEY, KINDS_BY_MODEL, LABELS, PUBLISHED
from .versions import changed, changed_fields, linked_names, read_versions
from .words import is_prose, words

DELETED = "-"
# The rows a record page reads (its newest changes); older ones are in the CSV.
RECORD_ROWS = 200
# Rows of the log put in words at a time when it is read whole (CSV).
CHUNK_SIZE = 500
# Pages stop here, as every list's do.
COUNT_CAP = CappedPaginator.COUNT_CAP


@dataclasses.dataclass
class FieldChange:
    label: str
    # In words; None for prose, which a change names without quoting.
    old: str | None
    new: str | None

    def __str__(self):
        if self.old is None:
            return gettext("%(field)s: revised") % {"field": self.label}
        return gettext("%(field)s: %(old)s → %(new)s") % {
            "field": self.label,
            "old": self.old,
            "new": self.new,
        }


@dataclasses.dataclass
class Change:
    """One published change of one record."""

    kind: object
    record_id: int
    history_id: int
    changed_at: datetime.datetime
    title: str
    url: str
    first_published: bool
    from_correction: bool
    fields: list

    @property
    def anchor(self):
        return f"change-{self.kind.key}-{self.history_id}"

    @property
    def day(self):
        return timezone.localtime(self.changed_at).date()

    def sentence(self):
        """What changed in words: "status: passed → in effect"."""
        if self.first_published:
            return gettext("first published")
        return "; ".join(str(field) for field in self.fields)


def day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def as_text(expression):
    # NULL compares equal to NULL here, and to nothing else: no value of these
    # nullable columns (dates, numbers, flags, keys) reads as this mark.
    return Coalesce(
        Cast(expression, TextField()), Value("\u2205"), output_field=TextField()
    )


def unchanged(kind):
    """The published row before each row (`previous`), if its public fields
    and links are the same: a save that changed nothing a reader sees."""
    same = []
    for name in kind.compared:
        field = kind.history._meta.get_field(name)
        if field.null:
            same.append(Exact(as_text(F(name)), as_text(OuterRef(name))))
        else:
            same.append(Q(**{name: OuterRef(name)}))
    return Exists(
        kind.history.objects.filter(
            *same, *links.same(kind), history_id=OuterRef("previous")
        )
    )


def previous_published(kind):
    """The history id of the published row before each row of the record."""
    earlier = Q(history_date__lt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")
    )
    rows = kind.history.objects.filter(
        earlier, id=OuterRef("id"), publication_status=PUBLISHED
    ).exclude(history_type=DELETED)
    return Subquery(
        rows.order_by("-history_date", "-history_id").values("history_id")[:1]
    )


def change_rows(kind, states=(), after=None, before=None):
    """The history rows of `kind` that are published changes, as dicts:
    log_kind (the kind's key), history_id, id (the record's), history_date
    and previous (the history id of the published row before, or None)."""
    records = kind.model.objects.published()
    if states:
        records = records.filter(kind.in_states(states))
    rows = kind.history.objects.filter(
        publication_status=PUBLISHED, id__in=records.values("pk")
    ).exclude(history_type=DELETED)
    if after:
        rows = rows.filter(history_date__gte=day_start(after))
    if before:
        rows = rows.filter(history_date__lt=day_start(before + datetime.timedelta(1)))
    return (
        rows.annotate(previous=previous_published(kind))
        .exclude(unchanged(kind))
        .annotate(log_kind=Value(kind.key))
        .values("log_kind", "history_id", "id", "history_date", "previous")
        .order_by()
    )


class ChangeLog:
    """Every published change, newest first, filtered; sliced like a queryset
    (Django's paginator pages it): a slice costs a query per kind, then the
    queries putting its changes in words."""

    ordered = True  # the paginator's check: the order is fixed
    model = None  # what a FilterSet reads of its queryset: several models

    def __init__(self, kinds=KINDS, states=(), after=None, before=None):
        self.kinds = tuple(kinds)
        self.states = tuple(states)
        self.after = after
        self.before = before

    def filter(self, kinds=None, states=None, after=None, before=None):
        if kinds:
            kinds = [k for k in self.kinds if k.key in set(kinds)]
        return ChangeLog(
            kinds or self.kinds,
            states or self.states,
            after or self.after,
            before or self.before,
        )

    def all(self):
        return self

    def none(self):
        return ChangeLog(kinds=())

    def kind_rows(self, kind):
        """The change rows of one kind, newest first."""
        rows = change_rows(kind, self.states, self.after, self.before)
        return rows.order_by("-history_date", "-history_id")

    def count(self, limit=None):
        """How many changes there are, counting at most `limit` of each kind."""
        return sum(
            (rows if limit is None else rows[:limit]).count()
            for rows in map(self.kind_rows, self.kinds)
        )

    def __len__(self):
        # What CappedPaginator reads: it needs no more than one past its cap.
        return min(self.count(limit=COUNT_CAP + 1), COUNT_CAP + 1)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        # The first `stop` rows of the log are among the first `stop` of each
        # kind: one query per kind, each read down its own index by date (a
        # UNION of the kinds sorted every row of every table, seconds each).
        streams = [list(self.kind_rows(kind)[:stop]) for kind in self.kinds]
        rows = itertools.islice(heapq.merge(*streams, key=newest_first), start, stop)
        return describe(list(rows))

    def __iter__(self):
        """Every change, a chunk of rows at a time (one cursor per kind)."""
        streams = [
            self.kind_rows(kind).iterator(chunk_size=CHUNK_SIZE) for kind in self.kinds
        ]
        rows = heapq.merge(*streams, key=newest_first)
        while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
            yield from describe(chunk)


def newest_first(row):
    """The log's order: newest first; kinds take turns in one instant."""
    return (-row["history_date"].timestamp(), -row["history_id"], row["log_kind"])


def describe(rows):
    """Put the changes of `rows` (change_rows()) in words, in their order."""
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["log_kind"], []).append(row)
    versions, records = {}, {}
    for key, kind_rows in by_kind.items():
        kind = KINDS_BY_KEY[key]
        ids = {row["history_id"] for row in kind_rows} | {
            row["previous"] for row in kind_rows if row["previous"]
        }
        versions[key] = read_versions(
            kind, kind.history.objects.filter(history_id__in=ids)
        )
        records[key] = {
            row["pk"]: row
            for row in kind.model._base_manager.filter(
                pk__in={row["id"] for row in kind_rows}
            ).values("pk", "slug", *kind.title_fields)
        }
    pairs = [
        (
            KINDS_BY_KEY[row["log_kind"]],
            row,
            versions[row["log_kind"]].get(row["previous"]),
            versions[row["log_kind"]][row["history_id"]],
        )
        for row in rows
    ]
    names = linked_names((kind, before, after) for kind, _, before, after in pairs)
    changes = []
    for kind, row, before, after in pairs:
        record = records[kind.key][row["id"]]
        changes.append(
            change(
                kind,
                row["id"],
                row["history_date"],
                kind.title(record),
                kind.url(record["slug"]),
                before,
                after,
                names,
            )
        )
    return changes


def change(kind, record_id, changed_at, title, url, before, after, names):
    fields = []
    if before is not None:
        for name in changed_fields(kind, before, after):
            label = str(LABELS[name])
            if is_prose(kind, name):
                fields.append(FieldChange(label, None, None))
            else:
                fields.append(
                    FieldChange(
                        label,
                        words(kind, name, before, names),
                        words(kind, name, after, names),
                    )
                )
        fields.extend(
            links.change(kind, str(LABELS[name]), name, old, new, names)
            for name, old, new in links.differences(kind, before, after)
        )
    return Change(
        kind=kind,
        record_id=record_id,
        history_id=after["history_id"],
        changed_at=changed_at,
        title=title,
        url=url,
        first_published=before is None,
        # The note names the correction; it is editors' text, never shown.
        from_correction=correction_id(after["history_change_reason"]) is not None,
        fields=fields,
    )


def record_changes(record):
    """The published changes of `record`, newest first; None for a record of
    no kind the log follows. A query, one more for the links of a record
    changed since first published, and one per kind of linked record a
    change names."""
    kind = KINDS_BY_MODEL.get(type(record))
    if kind is None:
        return None
    versions = read_versions(
        kind,
        kind.history.objects.filter(id=record.pk, publication_status=PUBLISHED)
        .exclude(history_type=DELETED)
        .order_by("-history_date", "-history_id"),
        limit=RECORD_ROWS + 1,
    )
    rows = sorted(
        versions.values(), key=lambda row: (row["history_date"], row["history_id"])
    )
    # Past the limit, the oldest row read is only the one the next compares to.
    pairs = list(itertools.pairwise([None, *rows]))
    if len(rows) > RECORD_ROWS:
        pairs = pairs[1:]
    pairs = [
        (before, after)
        for before, after in pairs
        if before is None or changed(kind, before, after)
    ]
    names = linked_names((kind, before, after) for before, after in pairs)
    title = kind.title({name: getattr(record, name) for name in kind.title_fields})
    url = record.get_absolute_url()
    return [
        change(kind, record.pk, after["history_date"], title, url, before, after, names)
        for before, after in reversed(pairs)
    ]
