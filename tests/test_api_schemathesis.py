"""Property-based run of the API against its own OpenAPI schema.

Schemathesis generates requests from /api/v1/schema/ and checks every
response: no server error, a documented status code and content type, and a
body that fits the documented schema.
"""

import datetime

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .factories import (
    make_action,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

# Building the schema reads no rows, so it can load while tests are collected,
# giving one test per API operation.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture
def api_data(db):
    shield = make_provision(slug="shield")
    county = make_jurisdiction(slug="la-county", kind="county", population=10)
    draft = make_jurisdiction(slug="draft-place", publication_status="draft")
    la = make_jurisdiction(
        slug="la",
        parent=county,
        geoid="0644000",
        website="https://lacity.gov",
        sources=[
            make_source(published_on=datetime.date(2024, 11, 19)),
            make_source(url=""),
        ],
    )
    mayor = make_person(slug="mayor", jurisdiction=la)
    ordinance = make_ordinance(
        slug="la-2024",
        jurisdiction=la,
        passed_on=datetime.date(2024, 11, 19),
        provisions=[shield],
    )
    ordinance.sponsors.set([mayor])
    make_action(ordinance=ordinance, votes_for=12, votes_against=0)
    make_quote(person=mayor, ordinance=ordinance)
    make_quote(person=mayor, jurisdiction=la)
    make_resolution(
        slug="res",
        district=make_school_district(slug="lausd"),
        protected_groups=["staff"],
        provisions=[shield],
        is_emergency=True,
    )
    statement = make_statement(
        slug="st", targets=[la, draft], made_on=datetime.date(2025, 8, 5)
    )
    statement.responds_to.set([ordinance])
    make_statement(slug="general", speaker=None)
    cache.clear()
    # A WSGI request would otherwise close the test's connection at the end,
    # throwing away its transaction (Django's test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_its_schema_says(case, api_data):
    # A schema-valid slug or date range may still name nothing published, which
    # the API rightly answers with 400; every other check runs.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
