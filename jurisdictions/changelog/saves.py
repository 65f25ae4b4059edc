"""One history row per save, the record's links included.

simple_history writes a row when a record is saved, then one more for each
many-to-many field the save goes on to set, each holding every link as it
stands at that moment. An admin save of a new ordinance with its sources and
provisions left three rows: the first with no links at all. The public log
(log.py) compares a row with the one before it, so it would read that one
save as "first published", then "sources: added …", then "provisions: added
…", and an edit of a status and a provision as two edits.

So whatever saves a record together with its links (the admin, the CSV
import, the seed's load) holds its rows back while it saves (`hold`), then
writes the one row of that save, as the record and its links stand
(`release`): what the editor's history lists, reverts to and the log reads.
"""

import itertools

from django.apps import apps
from simple_history.utils import get_history_manager_for_model, get_m2m_field_name

# simple_history's own switch: no row on save, none on a link's change.
HOLD = "skip_history_when_saving"
# Records a batch holds: PostgreSQL binds at most 65,535 values a statement.
BATCH_SIZE = 500


def hold(obj, update):
    """Write no history row for `obj` until `release`; then one row of a
    change if `update`, else of a creation."""
    setattr(obj, HOLD, update)


def release(obj):
    """Write the one history row of this save of `obj`, if `hold` held it
    back: its user and note as a save's, with its links as they stand."""
    if hasattr(obj, HOLD):
        update = getattr(obj, HOLD)
        delattr(obj, HOLD)
        write_rows(type(obj), [obj], update=update)


def link_history(history_model, field):
    """The table of the links `field` each history row of `history_model`
    holds (simple_history's Historical<Model>_<field>)."""
    return apps.get_model(
        history_model._meta.app_label, f"{history_model.__name__}_{field.name}"
    )


def write_rows(model, objs, update, note=""):
    """One history row for each of `objs` (records of `model`) as they stand,
    with their links: for each batch of records, one INSERT for the rows and,
    per many-to-many field, one SELECT of its links and one INSERT."""
    history = get_history_manager_for_model(model)
    objs = iter(objs)
    written = []
    while batch := list(itertools.islice(objs, BATCH_SIZE)):
        rows = history.bulk_history_create(
            batch, update=update, default_change_reason=note
        )
        if not rows:  # history turned off (SIMPLE_HISTORY_ENABLED)
            return []
        written.extend(rows)
        by_record = {row.id: row for row in rows}
        for field in history.model._history_m2m_fields:
            table = link_history(history.model, field)
            through = field.remote_field.through
            owner = get_m2m_field_name(field)
            names = [f.attname for f in through._meta.fields]
            links = through.objects.filter(**{f"{owner}__in": list(by_record)})
            table.objects.bulk_create(
                (
                    table(history=by_record[link[f"{owner}_id"]], **link)
                    for link in links.order_by().values(*names)
                ),
                batch_size=BATCH_SIZE,
            )
    return written
