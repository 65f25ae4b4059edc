"""Dates a source gives only to the month or year keep that precision; the
ordinance page shows the instrument's own record (number, file, signature,
urgency clause, each vote's counts); a corrected record says what an earlier
report said."""

import csv
import datetime
import io

from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from jurisdictions.models import (
    FederalStatement,
    Ordinance,
    OrdinanceAction,
    Quote,
    SchoolDistrictResolution,
)
from jurisdictions.templatetags.records import record_date

from .factories import (
    make_action,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_quote,
    make_resolution,
    make_statement,
)

D = datetime.date
FEBRUARY = '<time datetime="2025-02">February 2025</time>'
INVENTED = ("1 Feb 2025", "2025-02-01", "1 February 2025")


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


class RecordDateTagTests(TestCase):
    def test_each_precision_reads_as_much_as_is_known(self):
        day = D(2025, 2, 1)
        self.assertEqual(
            record_date(day), '<time datetime="2025-02-01">1 Feb 2025</time>'
        )
        self.assertEqual(record_date(day, "day"), record_date(day))
        self.assertEqual(record_date(day, "month"), FEBRUARY)
        self.assertEqual(record_date(day, "year"), '<time datetime="2025">2025</time>')

    def test_two_arguments_stay_as_before_and_no_date_says_so(self):
        # A template passing no precision, or an empty one, gets the day.
        self.assertEqual(record_date(D(2024, 11, 19), ""), record_date(D(2024, 11, 19)))
        self.assertIn("date not given", record_date(None, "month"))

    def test_every_month_has_its_full_name(self):
        self.assertIn(">September 2024<", record_date(D(2024, 9, 1), "month"))
        self.assertIn('datetime="0999-12"', record_date(D(999, 12, 1), "month"))


class DatabaseRefusesUnknownPrecisionTests(TestCase):
    def assertRefused(self, queryset, **values):
        with self.assertRaises(IntegrityError), transaction.atomic():
            queryset.update(**values)

    def test_unknown_precisions_are_refused(self):
        ordinance = make_ordinance()
        fields = {
            Ordinance.objects.filter(pk=ordinance.pk): [
                "introduced_on_precision",
                "passed_on_precision",
                "signed_on_precision",
                "effective_on_precision",
            ],
            OrdinanceAction.objects.filter(pk=make_action().pk): ["date_precision"],
            SchoolDistrictResolution.objects.filter(pk=make_resolution().pk): [
                "adopted_on_precision"
            ],
            Quote.objects.filter(pk=make_quote().pk): ["said_on_precision"],
            FederalStatement.objects.filter(pk=make_statement().pk): [
                "made_on_precision"
            ],
        }
        for queryset, names in fields.items():
            for name in names:
                with self.subTest(model=queryset.model.__name__, field=name):
                    self.assertRefused(queryset, **{name: "week"})
                    queryset.update(**{name: "month"})  # a known one is kept

    def test_signature_falls_between_passage_and_effect(self):
        ordinance = make_ordinance(passed_on=D(2024, 12, 4), effective_on=D(2025, 1, 1))
        rows = Ordinance.objects.filter(pk=ordinance.pk)
        self.assertRefused(rows, signed_on=D(2024, 12, 3))
        self.assertRefused(rows, signed_on=D(2025, 1, 2))
        rows.update(signed_on=D(2024, 12, 10))


class PagesKeepThePrecisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.place = make_jurisdiction(name="Springfield", slug="springfield")
        cls.ordinance = make_ordinance(
            jurisdiction=cls.place,
            slug="month-ordinance",
            title="Month ordinance",
            passed_on=D(2025, 2, 1),
            passed_on_precision="month",
        )
        make_action(
            ordinance=cls.ordinance,
            date=D(2025, 2, 1),
            date_precision="month",
            body="City Council",
        )
        cls.resolution = make_resolution(
            slug="month-resolution",
            adopted_on=D(2025, 2, 1),
            adopted_on_precision="month",
        )
        cls.statement = make_statement(
            slug="year-statement",
            title="Year statement",
            made_on=D(2025, 1, 1),
            made_on_precision="year",
            targets=[cls.place],
        )
        make_quote(
            jurisdiction=cls.place,
            person=make_person(name="Clerk"),
            text="Said in February.",
            said_on=D(2025, 2, 1),
            said_on_precision="month",
        )

    def assertMonth(self, html):
        self.assertIn(FEBRUARY, html)
        for invented in INVENTED:
            self.assertNotIn(invented, html)

    def test_detail_pages_read_february_2025(self):
        for record in (self.ordinance, self.resolution):
            with self.subTest(record=record):
                self.assertMonth(text(self.client.get(record.get_absolute_url())))
        # The place's timeline (the action) and its quote.
        html = text(self.client.get(self.place.get_absolute_url()))
        self.assertMonth(html)
        self.assertEqual(html.count(FEBRUARY), 2)
        html = text(self.client.get(self.statement.get_absolute_url()))
        self.assertIn('<time datetime="2025">2025</time>', html)
        self.assertNotIn("1 Jan 2025", html)

    def test_list_rows_read_february_2025(self):
        self.assertMonth(text(self.client.get(reverse("jurisdictions:ordinance-list"))))
        self.assertMonth(
            text(self.client.get(reverse("jurisdictions:resolution-list")))
        )
        html = text(self.client.get(reverse("jurisdictions:statement-list")))
        self.assertIn('<time datetime="2025">2025</time>', html)
        self.assertNotIn("1 Jan 2025", html)

    def test_a_list_row_reads_the_precision_of_the_date_it_shows(self):
        # Introduced to the month, never passed: the row shows the month.
        make_ordinance(
            jurisdiction=self.place,
            introduced_on=D(2024, 11, 1),
            introduced_on_precision="month",
            passed_on_precision="day",
        )
        html = text(self.client.get(reverse("jurisdictions:ordinance-list")))
        self.assertIn('<time datetime="2024-11">November 2024</time>', html)
        self.assertNotIn("1 Nov 2024", html)

    def test_csv_and_api_carry_the_precision_beside_the_date(self):
        (row,) = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(
            (row["passed_on"], row["passed_on_precision"]), ("2025-02-01", "month")
        )
        self.assertEqual(row["introduced_on_precision"], "day")
        (row,) = csv_rows(self.client.get(reverse("jurisdictions:resolution-csv")))
        self.assertEqual(row["adopted_on_precision"], "month")
        (row,) = csv_rows(self.client.get(reverse("jurisdictions:statement-csv")))
        self.assertEqual(
            (row["made_on"], row["made_on_precision"]), ("2025-01-01", "year")
        )
        api = self.client.get(
            reverse("api:ordinance-detail", kwargs={"slug": "month-ordinance"})
        ).json()
        self.assertEqual(api["passed_on_precision"], "month")
        self.assertEqual(api["actions"][0]["date_precision"], "month")
        api = self.client.get(
            reverse("api:jurisdiction-detail", kwargs={"slug": "springfield"})
        ).json()
        self.assertEqual(api["quotes"][0]["said_on_precision"], "month")

    def test_the_data_dictionary_documents_every_precision_column(self):
        html = text(self.client.get(reverse("jurisdictions:data")))
        for name in (
            "introduced_on_precision",
            "passed_on_precision",
            "signed_on_precision",
            "effective_on_precision",
            "adopted_on_precision",
            "made_on_precision",
            "said_on_precision",
            "date_precision",
        ):
            self.assertIn(f"<code>{name}</code>", html)


class OrdinanceRecordTests(TestCase):
    """An ordinance shaped like Los Angeles's No. 188441: two votes, a file."""

    @classmethod
    def setUpTestData(cls):
        cls.ordinance = make_ordinance(
            title="Sanctuary city ordinance",
            number="188441",
            council_file="CF 24-1358",
            status="in_effect",
            passed_on=D(2024, 12, 4),
            signed_on=D(2025, 1, 1),
            signed_on_precision="month",
            urgency_clause=True,
        )
        make_action(
            ordinance=cls.ordinance,
            date=D(2024, 11, 19),
            action="passed_first_reading",
            body="City Council",
            votes_for=13,
            votes_against=0,
        )
        make_action(
            ordinance=cls.ordinance,
            date=D(2024, 12, 4),
            body="City Council",
            votes_for=12,
            votes_against=0,
            votes_absent=3,
        )
        make_action(
            ordinance=cls.ordinance,
            date=D(2024, 12, 5),
            action="signed",
            body="Mayor",
        )

    def test_number_and_council_file_are_two_facts(self):
        html = text(self.client.get(self.ordinance.get_absolute_url()))
        self.assertIn("<dt>Ordinance No.</dt><dd>188441</dd>", html)
        self.assertIn("<dt>Council file</dt><dd>CF 24-1358</dd>", html)

    def test_signature_and_urgency_clause(self):
        html = text(self.client.get(self.ordinance.get_absolute_url()))
        self.assertIn(
            '<dt>Signed</dt><dd><time datetime="2025-01">January 2025</time></dd>', html
        )
        self.assertIn("<dt>Urgency clause</dt><dd>Yes</dd>", html)

    def test_each_vote_reads_with_its_counts(self):
        html = text(self.client.get(self.ordinance.get_absolute_url()))
        self.assertIn("<td>13–0</td>", html)
        self.assertIn("<td>12–0, 3 absent</td>", html)
        # The signature is not a vote.
        self.assertIn("<td>—</td>", html)
        timeline = text(self.client.get(self.ordinance.jurisdiction.get_absolute_url()))
        self.assertIn("City Council, 12–0 vote, 3 absent", timeline)
        self.assertIn("City Council, 13–0 vote<", timeline)

    def test_unknowns_say_so(self):
        bare = make_ordinance(number="", council_file="", urgency_clause=None)
        html = text(self.client.get(bare.get_absolute_url()))
        self.assertIn('<dt>Ordinance No.</dt><dd><span class="undated">not given', html)
        self.assertNotIn("Council file", html)
        self.assertIn('<dt>Signed</dt><dd><span class="undated">date not given', html)
        self.assertIn(
            '<dt>Urgency clause</dt><dd><span class="undated">not stated', html
        )
        bare.urgency_clause = False
        bare.save()
        html = text(self.client.get(bare.get_absolute_url()))
        self.assertIn("<dt>Urgency clause</dt><dd>No</dd>", html)

    def test_csv_and_api_carry_the_record(self):
        (row,) = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(
            (row["number"], row["council_file"], row["signed_on"]),
            ("188441", "CF 24-1358", "2025-01-01"),
        )
        self.assertEqual(
            (row["signed_on_precision"], row["urgency_clause"]), ("month", "true")
        )
        api = self.client.get(
            reverse("api:ordinance-detail", kwargs={"slug": self.ordinance.slug})
        ).json()
        self.assertEqual(api["council_file"], "CF 24-1358")
        self.assertIs(api["urgency_clause"], True)
        final = [a for a in api["actions"] if a["votes_for"] == 12]
        self.assertEqual(
            [(a["votes_absent"], a["votes_abstain"]) for a in final], [(3, None)]
        )

    def test_an_unstated_urgency_clause_is_an_empty_cell(self):
        Ordinance.objects.filter(pk=self.ordinance.pk).update(urgency_clause=None)
        (row,) = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(row["urgency_clause"], "")

    def test_the_dataset_exports_each_vote(self):
        from jurisdictions.columns import ORDINANCE_ACTIONS
        from jurisdictions.exports import row_chunks

        rows = [
            dict(zip(ORDINANCE_ACTIONS.column_names(), row, strict=True))
            for chunk in row_chunks(
                ORDINANCE_ACTIONS, ORDINANCE_ACTIONS.records(), "http://testserver"
            )
            for row in chunk
        ]
        self.assertEqual(
            [
                (
                    r["votes_for"],
                    r["votes_against"],
                    r["votes_abstain"],
                    r["votes_absent"],
                )
                for r in rows
            ],
            [(13, 0, "", ""), (12, 0, "", 3), ("", "", "", "")],
        )


class EarlierReportTests(TestCase):
    REPORT = "The article (November 2024) reported a 2019 executive order."

    def test_every_detail_page_shows_the_earlier_report_under_the_record(self):
        place = make_jurisdiction(earlier_report=self.REPORT)
        records = [
            place,
            make_ordinance(jurisdiction=place, earlier_report=self.REPORT),
            make_resolution(earlier_report=self.REPORT),
            make_statement(earlier_report=self.REPORT),
            make_person(earlier_report=self.REPORT),
        ]
        for record in records:
            with self.subTest(record=type(record).__name__):
                html = text(self.client.get(record.get_absolute_url()))
                self.assertIn(
                    "<strong>Corrected record:</strong> this page follows the "
                    f"official record. {self.REPORT}</p>",
                    html,
                )

    def test_a_record_without_one_says_nothing(self):
        html = text(self.client.get(make_ordinance().get_absolute_url()))
        self.assertNotIn("Corrected record", html)
        self.assertNotIn("earlier-report", html)
