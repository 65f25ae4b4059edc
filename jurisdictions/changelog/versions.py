"""A record's history rows as readers see them: the public fields and links
of each, what differs between two, and the names of the records they link."""

from ..models import Curated
from . import links
from .words import related


def read_versions(kind, rows, limit=None):
    """{history id: the row's public fields, note and links} of the history
    rows `rows` (the first `limit` of them): a query, and one for the links
    of two rows or more."""
    values = rows.values(
        "history_id", "history_date", "history_change_reason", *kind.compared
    )
    versions = {row["history_id"]: row for row in values[:limit]}
    # Links are compared between rows: one row alone needs none (a record
    # published once and never changed, most of them).
    if len(versions) > 1:
        for history_id, row_links in links.read(kind, list(versions)).items():
            versions[history_id]["links"] = row_links
    return versions


def changed(kind, before, after):
    """Whether a reader sees anything change between two history rows."""
    return bool(
        changed_fields(kind, before, after) or links.differences(kind, before, after)
    )


def changed_fields(kind, before, after):
    """The public fields whose value differs between two history rows."""
    changed = []
    for name in kind.fields:
        attname = kind.model._meta.get_field(name).attname
        columns = [attname] + [
            column for column in kind.compared if column == f"{name}_precision"
        ]
        if any(before[column] != after[column] for column in columns):
            changed.append(name)
    return changed


def linked_names(triples):
    """{(model, pk): public name} of the records that changed links name, one
    query per model; a record not published now is left out."""
    wanted = {}
    for kind, before, after in triples:
        if before is None:
            continue
        for name in changed_fields(kind, before, after):
            model = related(kind, name)
            if model is None:
                continue
            attname = kind.model._meta.get_field(name).attname
            for row in (before, after):
                if row[attname] is not None:
                    wanted.setdefault(model, set()).add(row[attname])
        for model, pks in links.wanted(kind, before, after).items():
            wanted.setdefault(model, set()).update(pks)
    return {
        (model, record.pk): links.public_name(record)
        for model, pks in wanted.items()
        for record in public(model).filter(pk__in=pks)
    }


def public(model):
    """The records of `model` readers can see."""
    if issubclass(model, Curated):
        return model.objects.published()
    return model.objects.all()
