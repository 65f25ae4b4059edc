"""A record's date, written by one rule: to the precision its source gives,
alike on pages (<time>), in the API and feeds (words) and in the CSV (SQL)."""

import datetime

from django.template import Context, Template
from django.test import SimpleTestCase, TestCase
from django.utils import timezone, translation

from jurisdictions import dates
from jurisdictions.force.sql import sql_date
from jurisdictions.models import Ordinance
from jurisdictions.templatetags import records

from .factories import make_ordinance

D = datetime.date


class DateTextTests(SimpleTestCase):
    def test_each_precision_reads_as_much_as_is_known(self):
        day = D(2025, 3, 5)
        self.assertEqual(dates.date_text(day), "5 Mar 2025")
        self.assertEqual(dates.date_text(day, "day"), "5 Mar 2025")
        self.assertEqual(dates.date_text(day, "month"), "March 2025")
        self.assertEqual(dates.date_text(day, "year"), "2025")
        # A template passing an empty precision gets the day.
        self.assertEqual(dates.date_text(day, ""), "5 Mar 2025")

    def test_spanish_keeps_its_own_lower_case_and_order(self):
        with translation.override("es"):
            self.assertEqual(dates.date_text(D(2025, 12, 5)), "5 dic 2025")
            self.assertEqual(
                dates.date_text(D(2025, 12, 1), "month"), "diciembre de 2025"
            )

    def test_machine_date_names_only_what_is_known(self):
        day = D(999, 2, 1)
        self.assertEqual(dates.machine_date(day), "0999-02-01")
        self.assertEqual(dates.machine_date(day, "month"), "0999-02")
        self.assertEqual(dates.machine_date(day, "year"), "0999")


class TimeElementTests(SimpleTestCase):
    def test_a_time_holds_the_words_and_the_machine_date(self):
        self.assertEqual(
            dates.time_element(D(2025, 2, 1), "month"),
            '<time datetime="2025-02">February 2025</time>',
        )

    def test_a_moment_reads_as_its_local_day(self):
        moment = timezone.make_aware(datetime.datetime(2025, 1, 1, 7, 30))
        local = timezone.localtime(moment).date()
        self.assertEqual(
            dates.time_element(moment),
            f'<time datetime="{local.isoformat()}">{dates.date_text(local)}</time>',
        )

    def test_no_date_says_so_in_the_active_language(self):
        self.assertEqual(
            dates.time_element(None), '<span class="undated">date not given</span>'
        )
        with translation.override("es"):
            self.assertNotIn("date not given", dates.time_element(None, "month"))

    def test_the_template_tag_is_the_same_rule(self):
        self.assertIs(records.record_date, dates.time_element)
        rendered = Template(
            "{% load records %}{% record_date day 'year' %}"
            "{% record_date day as when %}[{{ when }}]"
        ).render(Context({"day": D(2025, 7, 4)}))
        self.assertEqual(
            rendered,
            '<time datetime="2025">2025</time>'
            '[<time datetime="2025-07-04">4 Jul 2025</time>]',
        )


class SqlDateTests(TestCase):
    def test_the_csv_writes_the_english_words(self):
        for precision, day in [
            ("day", D(2025, 9, 30)),
            ("month", D(2025, 9, 1)),
            ("year", D(2025, 1, 1)),
        ]:
            make_ordinance(passed_on=day, passed_on_precision=precision)
        with translation.override("es"):
            # Every download is in English, whatever the page's language.
            written = list(
                Ordinance.objects.annotate(text=sql_date("passed_on")).values_list(
                    "passed_on", "passed_on_precision", "text"
                )
            )
        self.assertEqual(len(written), 3)
        for day, precision, text in written:
            with self.subTest(precision=precision):
                self.assertEqual(text, dates.date_text(day, precision))
