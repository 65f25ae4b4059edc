import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.test import TestCase

from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
    Source,
)

from .factories import (
    make_action,
    make_case,
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

D = datetime.date


class DatabaseRefusesTests(TestCase):
    """Bad rows are refused by the database itself, not only by forms."""

    def assertRefused(self, queryset, **values):
        with self.assertRaises(IntegrityError), transaction.atomic():
            queryset.update(**values)

    def test_unknown_choices_are_refused(self):
        j = make_jurisdiction()
        qs = Jurisdiction.objects.filter(pk=j.pk)
        self.assertRefused(qs, kind="galaxy")
        self.assertRefused(qs, state="ZZ")
        self.assertRefused(qs, stance="maybe")
        self.assertRefused(qs, publication_status="secret")
        o = make_ordinance()
        qs = Ordinance.objects.filter(pk=o.pk)
        self.assertRefused(qs, status="pending")
        self.assertRefused(qs, instrument="tweet")
        self.assertRefused(
            SchoolDistrictResolution.objects.filter(pk=make_resolution().pk),
            status="maybe",
        )
        self.assertRefused(
            FederalStatement.objects.filter(pk=make_statement().pk), kind="rumour"
        )
        self.assertRefused(
            PolicyProvision.objects.filter(pk=make_provision().pk), category="x"
        )
        self.assertRefused(
            OrdinanceAction.objects.filter(pk=make_action().pk), action="danced"
        )

    def test_duplicate_slugs_are_refused(self):
        make_jurisdiction(slug="springfield")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Jurisdiction.objects.create(
                name="Other", slug="springfield", kind="city", state="IL"
            )
        make_ordinance(slug="o")
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_ordinance(slug="o")

    def test_duplicate_geoid_is_refused_but_many_may_be_empty(self):
        make_jurisdiction(geoid="0644000")
        make_jurisdiction(geoid="")
        make_jurisdiction(geoid="")
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_jurisdiction(geoid="0644000")

    def test_geoid_shape_depends_on_kind(self):
        make_jurisdiction(kind="state", geoid="06")
        make_jurisdiction(kind="county", geoid="06037")
        make_school_district(geoid="0622710")
        for kind, geoid in [
            ("state", "6"),
            ("state", "06037"),
            ("county", "0603"),
            ("city", "06037"),
            ("city", "06440AB"),
            ("school_district", "062271"),
        ]:
            with self.subTest(kind=kind, geoid=geoid):
                with self.assertRaises(IntegrityError), transaction.atomic():
                    make_jurisdiction(kind=kind, geoid=geoid)

    def test_jurisdiction_cannot_be_its_own_parent(self):
        j = make_jurisdiction()
        self.assertRefused(Jurisdiction.objects.filter(pk=j.pk), parent=F("pk"))

    def test_ordinance_dates_must_be_in_order(self):
        o = make_ordinance(introduced_on=D(2024, 1, 1))
        qs = Ordinance.objects.filter(pk=o.pk)
        self.assertRefused(qs, passed_on=D(2023, 12, 31))
        self.assertRefused(qs, effective_on=D(2023, 12, 31))
        qs.update(passed_on=D(2024, 2, 1))
        self.assertRefused(qs, effective_on=D(2024, 1, 15))
        qs.update(effective_on=D(2024, 2, 1))
        qs.update(introduced_on=None, passed_on=None)  # empty dates never conflict

    def test_case_choices_and_date_order(self):
        case = make_case(filed_on=D(2025, 6, 30))
        qs = Case.objects.filter(pk=case.pk)
        self.assertRefused(qs, status="lost")
        self.assertRefused(qs, publication_status="secret")
        self.assertRefused(qs, filed_on_precision="week")
        self.assertRefused(qs, decided_on_precision="hour")
        self.assertRefused(qs, decided_on=D(2025, 6, 29))
        for status in ("dismissed_appealed", "preliminary_injunction", "settled"):
            qs.update(status=status)
        qs.update(decided_on=D(2025, 6, 30))  # decided the day it was filed
        # An empty date never conflicts.
        qs.update(filed_on=None, decided_on=D(2020, 1, 1))

    def test_ordinance_cannot_be_based_on_itself(self):
        o = make_ordinance()
        self.assertRefused(Ordinance.objects.filter(pk=o.pk), based_on=F("pk"))

    def test_resolution_cannot_reaffirm_itself(self):
        resolution = make_resolution()
        qs = SchoolDistrictResolution.objects.filter(pk=resolution.pk)
        self.assertRefused(qs, reaffirms=F("pk"))
        qs.update(reaffirms=make_resolution())

    def test_a_list_is_not_withdrawn_before_it_was_made(self):
        statement = make_statement(kind="designation", made_on=D(2025, 5, 29))
        qs = FederalStatement.objects.filter(pk=statement.pk)
        self.assertRefused(qs, withdrawn_on=D(2025, 5, 28))
        self.assertRefused(qs, made_on_precision="week")
        qs.update(withdrawn_on=D(2025, 6, 1))
        qs.update(made_on=None, withdrawn_on=D(2020, 1, 1))  # empty never conflicts

    def test_negative_votes_are_refused(self):
        action = make_action()
        self.assertRefused(OrdinanceAction.objects.filter(pk=action.pk), votes_for=-1)

    def test_resolution_district_must_be_a_school_district(self):
        city = make_jurisdiction(kind="city")
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_resolution(district=city)
        resolution = make_resolution()
        self.assertRefused(
            SchoolDistrictResolution.objects.filter(pk=resolution.pk), district=city
        )

    def test_school_district_with_resolutions_cannot_change_kind(self):
        resolution = make_resolution()
        self.assertRefused(
            Jurisdiction.objects.filter(pk=resolution.district_id), kind="city"
        )

    def test_source_urls_must_be_http(self):
        source = make_source()
        qs = Source.objects.filter(pk=source.pk)
        self.assertRefused(qs, url="javascript:alert(1)")
        self.assertRefused(qs, archive_url="data:text/html,hi")
        qs.update(url="", archive_url="http://archive.org/x")

    def test_quote_belongs_to_exactly_one_record(self):
        quote = make_quote()
        qs = Quote.objects.filter(pk=quote.pk)
        self.assertRefused(qs, jurisdiction=None)
        self.assertRefused(qs, ordinance=make_ordinance())


class ValidationTests(TestCase):
    """full_clean explains the rules in plain words."""

    def test_constraint_messages_are_plain(self):
        o = make_ordinance(introduced_on=D(2024, 2, 1))
        o.passed_on = D(2024, 1, 1)
        with self.assertRaisesMessage(ValidationError, "must not be after"):
            o.full_clean()

    def test_ancestor_loop_is_explained(self):
        state = make_jurisdiction(kind="state")
        county = make_jurisdiction(kind="county", parent=state)
        state.parent = county
        with self.assertRaisesMessage(ValidationError, "cannot lie within itself"):
            state.full_clean()

    def test_resolution_district_is_explained(self):
        resolution = make_resolution()
        resolution.district = make_jurisdiction(kind="city", name="Springfield")
        with self.assertRaisesMessage(ValidationError, "Choose a school district"):
            resolution.full_clean()

    def test_url_fields_accept_only_http(self):
        source = make_source()
        source.url = "javascript:alert(1)"
        with self.assertRaises(ValidationError):
            source.full_clean()

    def test_protected_groups_must_be_known(self):
        resolution = make_resolution(protected_groups=["aliens"])
        with self.assertRaisesMessage(ValidationError, "Protected groups"):
            resolution.full_clean()


class PublishedQuerySetTests(TestCase):
    def test_published_hides_drafts(self):
        shown = make_jurisdiction()
        make_jurisdiction(publication_status="draft")
        self.assertQuerySetEqual(Jurisdiction.objects.published(), [shown])

    def test_published_ordinance_of_draft_jurisdiction_is_hidden(self):
        hidden = make_ordinance(
            jurisdiction=make_jurisdiction(publication_status="draft")
        )
        shown = make_ordinance()
        self.assertNotIn(hidden, Ordinance.objects.published())
        self.assertIn(shown, Ordinance.objects.published())
        self.assertQuerySetEqual(Ordinance.objects.published().in_effect(), [])

    def test_published_resolution_of_draft_district_is_hidden(self):
        hidden = make_resolution(
            district=make_school_district(publication_status="draft")
        )
        self.assertNotIn(hidden, SchoolDistrictResolution.objects.published())

    def test_statement_by_draft_speaker_is_hidden(self):
        hidden = make_statement(speaker=make_person(publication_status="draft"))
        general = make_statement(speaker=None)
        published = FederalStatement.objects.published()
        self.assertNotIn(hidden, published)
        self.assertIn(general, published)

    def test_quote_on_draft_record_or_by_draft_person_is_hidden(self):
        draft_ordinance = make_ordinance(publication_status="draft")
        hidden = [
            make_quote(ordinance=draft_ordinance),
            make_quote(person=make_person(publication_status="draft")),
            make_quote(publication_status="draft"),
        ]
        shown = make_quote()
        published = list(Quote.objects.published())
        self.assertEqual(published, [shown])
        for quote in hidden:
            self.assertNotIn(quote, published)

    def test_chainable_query_methods(self):
        make_school_district()
        make_jurisdiction(kind="city")
        self.assertEqual(Jurisdiction.objects.published().school_districts().count(), 1)
        make_person(is_federal=True, publication_status="draft")
        self.assertEqual(Person.objects.federal().published().count(), 0)
        self.assertEqual(
            SchoolDistrictResolution.objects.published().adopted().count(), 0
        )


class ModelTests(TestCase):
    def test_str_and_absolute_urls(self):
        state = make_jurisdiction(kind="state", name="California", slug="california")
        city = make_jurisdiction(name="Los Angeles", slug="los-angeles-ca", state="CA")
        self.assertEqual(str(state), "California")
        self.assertEqual(str(city), "Los Angeles, CA")
        self.assertEqual(city.get_absolute_url(), "/jurisdictions/los-angeles-ca/")
        o = make_ordinance(slug="o-1", title="Ordinance One")
        self.assertEqual(str(o), "Ordinance One")
        self.assertEqual(o.get_absolute_url(), "/ordinances/o-1/")
        self.assertEqual(
            make_resolution(slug="r").get_absolute_url(), "/resolutions/r/"
        )
        self.assertEqual(make_statement(slug="s").get_absolute_url(), "/statements/s/")
        self.assertEqual(make_person(slug="p").get_absolute_url(), "/people/p/")
        action = make_action(ordinance=o, date=D(2024, 11, 19))
        self.assertEqual(str(action), "Passed (2024-11-19)")
        self.assertEqual(action.get_absolute_url(), o.get_absolute_url())
        quote = make_quote(ordinance=o, jurisdiction=None)
        self.assertEqual(quote.get_absolute_url(), o.get_absolute_url())

    def test_main_date_falls_back_to_introduced_on(self):
        introduced = make_ordinance(introduced_on=D(2024, 1, 1))
        passed = make_ordinance(introduced_on=D(2024, 1, 1), passed_on=D(2024, 3, 1))
        introduced.refresh_from_db()
        passed.refresh_from_db()
        self.assertEqual(introduced.main_date, D(2024, 1, 1))
        self.assertEqual(passed.main_date, D(2024, 3, 1))

    def test_ancestors_walks_the_parent_chain(self):
        state = make_jurisdiction(kind="state")
        county = make_jurisdiction(kind="county", parent=state)
        city = make_jurisdiction(parent=county)
        self.assertEqual(city.ancestors(), [county, state])

    def test_history_records_every_change(self):
        j = make_jurisdiction(name="Before")
        j.name = "After"
        j.save()
        records = list(j.history.order_by("history_id"))
        self.assertEqual(records[0].history_type, "+")
        self.assertEqual(records[0].name, "Before")
        self.assertEqual(records[-1].name, "After")
        self.assertEqual(records[-1].history_type, "~")
