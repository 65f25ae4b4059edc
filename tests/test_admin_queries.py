from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

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
    SchoolDistrictResolution,
    Source,
)

from .factories import (
    make_case,
    make_chief_editor,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_source,
    make_statement,
)


class ChangelistQueryCountTests(TestCase):
    """Each changelist runs as many queries for 100 rows as for 5.

    The count covers the session, the user and their group permissions, the
    page of rows, its totals, the facet counts and the date hierarchy.
    """

    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.chief = make_chief_editor()

    def assertConstantQueries(self, model, build, queries):
        self.client.force_login(self.chief)
        url = reverse(f"admin:jurisdictions_{model._meta.model_name}_changelist")
        for rows in [5, 100]:
            while model.objects.count() < rows:
                build()
            with self.subTest(rows=rows), self.assertNumQueries(queries):
                response = self.client.get(url)
            self.assertEqual(response.context["cl"].result_count, rows)
            self.assertEqual(len(response.context["cl"].result_list), rows)

    def test_jurisdictions(self):
        parent = make_jurisdiction(kind="state")
        self.assertConstantQueries(
            Jurisdiction,
            lambda: make_jurisdiction(parent=parent, publication_status="draft"),
            11,
        )

    def test_ordinances(self):
        place, provision = make_jurisdiction(), make_provision()
        self.assertConstantQueries(
            Ordinance,
            lambda: make_ordinance(jurisdiction=place, provisions=[provision]),
            22,
        )

    def test_ordinance_actions(self):
        ordinance = make_ordinance()
        self.assertConstantQueries(
            OrdinanceAction,
            lambda: OrdinanceAction.objects.create(
                ordinance=ordinance, action="passed"
            ),
            10,
        )

    def test_resolutions(self):
        self.assertConstantQueries(SchoolDistrictResolution, make_resolution, 18)

    def test_statements(self):
        targets = [make_jurisdiction(), make_jurisdiction()]
        self.assertConstantQueries(
            FederalStatement, lambda: make_statement(targets=targets), 12
        )

    def test_people(self):
        place = make_jurisdiction()
        self.assertConstantQueries(Person, lambda: make_person(jurisdiction=place), 9)

    def test_quotes(self):
        person, ordinance = make_person(), make_ordinance()
        self.assertConstantQueries(
            Quote, lambda: make_quote(person=person, ordinance=ordinance), 11
        )

    def test_provisions(self):
        PolicyProvision.objects.all().delete()
        self.assertConstantQueries(PolicyProvision, make_provision, 8)

    def test_sources(self):
        self.assertConstantQueries(Source, make_source, 11)

    def test_cases(self):
        parties = [make_jurisdiction(), make_jurisdiction()]
        self.assertConstantQueries(
            Case, lambda: make_case(plaintiffs=parties[:1], defendants=parties), 13
        )

    def test_list_entries(self):
        # Two lists, one withdrawn: the list filter offers both.
        lists = [
            make_statement(kind="designation"),
            make_statement(kind="designation", withdrawn_on="2025-06-01"),
        ]
        self.assertConstantQueries(
            ListEntry,
            lambda: make_list_entry(list=lists[ListEntry.objects.count() % 2]),
            16,
        )
