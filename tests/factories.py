"""Small builders for test data; each takes keyword overrides."""

import datetime
import itertools

from jurisdictions.changelog import saves
from jurisdictions.choices import JurisdictionKind, PublicationStatus
from jurisdictions.models import (
    Case,
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

_counter = itertools.count(1)
PUBLISHED = PublicationStatus.PUBLISHED


def _n():
    return next(_counter)


def make_source(**kwargs):
    n = _n()
    fields = {"title": f"Source {n}", "url": f"https://example.org/source-{n}"}
    fields.update(kwargs)
    return Source.objects.create(**fields)


def _create(model, fields, sources, **relations):
    """A new record of `model` with its sources, in the order given, and its
    other many-to-many `relations` ({name: records}), with one history row
    of the finished record, as an admin save writes it (changelog.saves)."""
    if sources is None:
        sources = [make_source()]
    obj = model(**fields)
    saves.hold(obj, update=False)
    obj.save(force_insert=True)
    for name, records in relations.items():
        getattr(obj, name).set(records)
    # One by one: set() adds a set of keys, in no fixed order, and exports
    # list a record's sources in the order they were added.
    for source in sources:
        obj.sources.add(source)
    saves.release(obj)
    return obj


def make_provision(**kwargs):
    n = _n()
    fields = {
        "name": f"Provision {n}",
        "slug": f"provision-{n}",
        "category": "resources",
        "description": "What counts.",
    }
    fields.update(kwargs)
    return PolicyProvision.objects.create(**fields)


def make_jurisdiction(sources=None, **kwargs):
    n = _n()
    fields = {
        "name": f"Town {n}",
        "slug": f"town-{n}",
        "kind": JurisdictionKind.CITY,
        "state": "CA",
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    return _create(Jurisdiction, fields, sources)


def make_school_district(**kwargs):
    n = _n()
    fields = {
        "name": f"District {n}",
        "slug": f"district-{n}",
        "kind": JurisdictionKind.SCHOOL_DISTRICT,
    }
    fields.update(kwargs)
    return make_jurisdiction(**fields)


def make_person(sources=None, **kwargs):
    n = _n()
    fields = {
        "name": f"Person {n}",
        "slug": f"person-{n}",
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    return _create(Person, fields, sources)


def make_ordinance(sources=None, provisions=(), **kwargs):
    n = _n()
    fields = {
        "title": f"Ordinance {n}",
        "slug": f"ordinance-{n}",
        "status": "passed",
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    if "jurisdiction" not in fields:
        fields["jurisdiction"] = make_jurisdiction()
    return _create(Ordinance, fields, sources, provisions=provisions)


def make_action(**kwargs):
    fields = {"action": "passed"}
    fields.update(kwargs)
    if "ordinance" not in fields:
        fields["ordinance"] = make_ordinance()
    return OrdinanceAction.objects.create(**fields)


def make_resolution(sources=None, provisions=(), **kwargs):
    n = _n()
    fields = {
        "title": f"Resolution {n}",
        "slug": f"resolution-{n}",
        "status": "adopted",
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    if "district" not in fields:
        fields["district"] = make_school_district()
    return _create(
        SchoolDistrictResolution,
        fields,
        sources,
        provisions=provisions,
    )


def make_statement(sources=None, targets=(), **kwargs):
    n = _n()
    fields = {
        "title": f"Statement {n}",
        "slug": f"statement-{n}",
        "kind": "statement",
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    if "speaker" not in fields:
        fields["speaker"] = make_person(is_federal=True)
    return _create(FederalStatement, fields, sources, targets=targets)


def make_quote(sources=None, **kwargs):
    fields = {"text": "Words.", "publication_status": PUBLISHED}
    fields.update(kwargs)
    if "person" not in fields:
        fields["person"] = make_person()
    if not any(fields.get(k) for k in ("ordinance", "resolution", "jurisdiction")):
        fields["jurisdiction"] = make_jurisdiction()
    return _create(Quote, fields, sources)


def make_role(sources=None, **kwargs):
    """A person's dated role (published; the person is made if not given)."""
    fields = {"title": "Council member", "publication_status": PUBLISHED}
    fields.update(kwargs)
    if "person" not in fields:
        fields["person"] = make_person()
    return _create(Role, fields, sources)


def make_case(
    sources=None, plaintiffs=(), defendants=(), challenged=(), statements=(), **kwargs
):
    n = _n()
    fields = {
        "title": f"Case {n}",
        "slug": f"case-{n}",
        "court": "U.S. District Court",
        "status": "pending",
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    return _create(
        Case,
        fields,
        sources,
        plaintiffs=plaintiffs,
        defendants=defendants,
        challenged=challenged,
        statements=statements,
    )


def make_user(groups=(), **kwargs):
    """A staff user in the named groups (run `setup_roles` first)."""
    from django.contrib.auth.models import Group, User

    n = _n()
    fields = {"username": f"user{n}", "is_staff": True}
    fields.update(kwargs)
    user = User.objects.create_user(password="a long enough passphrase", **fields)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_editor(**kwargs):
    return make_user(groups=["Editor"], **kwargs)


def make_chief_editor(**kwargs):
    return make_user(groups=["Chief editor"], **kwargs)


def cell(row, name):
    """A list page's row value: rows are dicts (a list's row_fields) or models."""
    return row[name] if isinstance(row, dict) else getattr(row, name)


def make_list_entry(sources=None, **kwargs):
    """A place's dated entry on a federal list (a designation statement)."""
    fields = {
        "listed_on": datetime.date(2025, 8, 5),
        "publication_status": PUBLISHED,
    }
    fields.update(kwargs)
    if "list" not in fields:
        fields["list"] = make_statement(kind="designation")
    if "jurisdiction" not in fields:
        fields["jurisdiction"] = make_jurisdiction()
    return _create(ListEntry, fields, sources)
