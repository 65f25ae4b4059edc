"""The suite's own set-up (tests/conftest.py) keeps tests apart.

The seed is set up once per module and taken away at the module's end
(`module_seed`), and the live server shares each test's transaction. These tests
prove that what one test writes never reaches another, that a test without
the seed never sees it, and that the engine-independent mark lands where the
engine cannot change the outcome. The order matters: pytest runs a module's
tests in file order, after moving those that ask for the seed to its end.
"""

import pytest
from django.test import SimpleTestCase, TestCase, TransactionTestCase

from jurisdictions.models import Jurisdiction, Ordinance

from .conftest import (
    longest_first,
    refuse_a_flush_of_the_seed,
    unit_of_work,
    uses_database,
)

LA = "los-angeles-ca"


@pytest.mark.django_db
def test_a_seeded_test_may_delete_the_seed(seed):
    assert Ordinance.objects.exists()
    Ordinance.objects.all().delete()
    Jurisdiction.objects.filter(slug=LA).update(name="Changed")
    assert not Ordinance.objects.exists()


@pytest.mark.django_db
def test_the_next_seeded_test_finds_it_whole_again(seed):
    assert Ordinance.objects.exists()
    assert Jurisdiction.objects.get(slug=LA).name == "Los Angeles"


@pytest.mark.django_db
def test_a_test_without_the_seed_never_sees_it():
    # Written after the seeded tests, run before them.
    assert not Jurisdiction.objects.exists()


class UnseededClassTests(TestCase):
    # xdist hands out this file whole, in its collected order: a class of its
    # own could run after the seeded tests, with the seed still loaded.
    def test_a_test_case_class_beside_seeded_tests_never_sees_the_seed(self):
        self.assertFalse(Jurisdiction.objects.exists())


def test_a_test_without_database_access_is_engine_independent(request):
    assert request.node.get_closest_marker("engine_independent")


@pytest.mark.django_db
def test_a_test_with_database_access_runs_on_every_engine(request):
    assert request.node.get_closest_marker("engine_independent") is None


class Item:
    """What `uses_database` reads of a pytest item."""

    nodeid = "tests/test_example.py::test_example"

    def __init__(self, fixturenames=(), django_db=False, cls=None, transaction=False):
        self.fixturenames = list(fixturenames)
        self.django_db = django_db or transaction
        self.transaction = transaction
        self.cls = cls

    def get_closest_marker(self, name):
        if not self.django_db:
            return None
        return pytest.mark.django_db(transaction=self.transaction).mark


def test_only_tests_that_can_reach_the_database_count_as_using_it():
    assert not uses_database(Item(fixturenames=["client", "settings"]))
    assert not uses_database(Item(cls=SimpleTestCase))
    assert uses_database(Item(fixturenames=["db"]))
    assert uses_database(Item(fixturenames=["module_seed"]))
    assert uses_database(Item(django_db=True))
    assert uses_database(Item(cls=TestCase))
    assert uses_database(Item(cls=TransactionTestCase))


def test_every_collected_test_has_an_id_of_its_own(request):
    # xdist hands out tests by id: two tests sharing one would run once.
    ids = [item.nodeid for item in request.session.items]
    assert len(ids) == len(set(ids))
    api = [i for i in ids if "test_api_answers_as_its_schema_says" in i]
    assert all("[GET /api/v1/" in i for i in api), api


def test_a_transactional_test_may_not_share_the_seed():
    refuse_a_flush_of_the_seed(Item(fixturenames=["module_seed"], django_db=True))
    refuse_a_flush_of_the_seed(Item(fixturenames=["db"], transaction=True))
    with pytest.raises(pytest.UsageError, match="flush would empty it"):
        refuse_a_flush_of_the_seed(Item(fixturenames=["module_seed"], transaction=True))


def test_every_browser_test_is_one_unit_of_work_and_a_file_is_another():
    assert unit_of_work("tests/test_phone_browser.py::test_x[/es]") == "browser"
    assert unit_of_work("tests/test_cases_browser.py::test_y") == "browser"
    assert unit_of_work("tests/test_maps.py::StateMapTests::test_z") == (
        "tests/test_maps.py"
    )
    assert unit_of_work("tests/test_maps.py::test_w") == "tests/test_maps.py"


def test_the_longest_units_are_handed_out_first():
    units = ["tests/test_admin.py", "tests/test_migrations.py", "browser"]
    assert longest_first(units) == ["browser", "tests/test_migrations.py"]
