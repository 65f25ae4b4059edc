"""People's dated roles: a quote or statement shows the title held that day."""

import csv
import datetime
import io

from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions.models import (
    FederalStatement,
    Ordinance,
    Person,
    Role,
    SchoolDistrictResolution,
)

from .factories import (
    make_chief_editor,
    make_jurisdiction,
    make_person,
    make_quote,
    make_role,
    make_source,
    make_statement,
)

D = datetime.date
ELECT = "President-elect"
PRESIDENT = "President of the United States"
# Person.title: what the person is called when no dated role is recorded.
PLAIN_TITLE = "Real-estate developer"


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def fresh(person):
    """The person as a page loads them: roles read from the database."""
    return Person.objects.get(pk=person.pk)


class RoleConstraintTests(TestCase):
    def assertRefused(self, queryset, **values):
        with self.assertRaises(IntegrityError), transaction.atomic():
            queryset.update(**values)

    def test_a_role_cannot_end_before_it_starts(self):
        rows = Role.objects.filter(pk=make_role().pk)
        self.assertRefused(rows, started_on=D(2025, 1, 20), ended_on=D(2025, 1, 19))
        rows.update(started_on=D(2025, 1, 20), ended_on=D(2025, 1, 20))
        rows.update(started_on=None, ended_on=D(2020, 1, 1))

    def test_precisions_are_day_month_or_year(self):
        rows = Role.objects.filter(pk=make_role().pk)
        self.assertRefused(rows, started_on_precision="week")
        self.assertRefused(rows, ended_on_precision="")
        rows.update(started_on_precision="month", ended_on_precision="year")


class RoleOnTests(TestCase):
    def setUp(self):
        self.person = make_person(title=PLAIN_TITLE)

    def role(self, **fields):
        return make_role(person=self.person, **fields)

    def test_a_day_precise_end_is_the_successors_first_day(self):
        elect = self.role(
            title=ELECT, started_on=D(2024, 11, 6), ended_on=D(2025, 1, 20)
        )
        self.assertTrue(elect.covers(D(2025, 1, 19)))
        self.assertFalse(elect.covers(D(2025, 1, 20)))
        self.assertFalse(elect.covers(D(2024, 11, 5)))
        self.assertTrue(elect.covers(D(2024, 11, 6)))

    def test_a_month_precise_end_covers_the_whole_month(self):
        # "Board president until December 2024": stored as 1 Dec 2024.
        board = self.role(
            title="Board president",
            started_on=D(2023, 12, 1),
            started_on_precision="month",
            ended_on=D(2024, 12, 1),
            ended_on_precision="month",
        )
        self.assertTrue(board.covers(D(2024, 12, 31)))
        self.assertTrue(board.covers(D(2023, 12, 1)))
        self.assertFalse(board.covers(D(2025, 1, 1)))
        self.assertFalse(board.covers(D(2023, 11, 30)))

    def test_a_year_precise_end_covers_the_whole_year(self):
        member = self.role(ended_on=D(2024, 1, 1), ended_on_precision="year")
        self.assertTrue(member.covers(D(2024, 12, 31)))
        self.assertFalse(member.covers(D(2025, 1, 1)))
        # No start given: held on any day before its end.
        self.assertTrue(member.covers(D(1990, 1, 1)))

    def test_overlapping_roles_pick_the_one_begun_last(self):
        self.role(title="Council member", started_on=D(2020, 1, 1))
        self.role(title="Council president", started_on=D(2024, 1, 1))
        self.role(title="Undated role")
        person = fresh(self.person)
        self.assertEqual(person.role_on(D(2024, 6, 1)).title, "Council president")
        self.assertEqual(person.role_on(D(2021, 6, 1)).title, "Council member")
        self.assertEqual(person.role_on(D(2019, 6, 1)).title, "Undated role")

    def test_no_date_and_no_role_give_none(self):
        self.role(started_on=D(2020, 1, 1))
        person = fresh(self.person)
        self.assertIsNone(person.role_on(None))
        self.assertIsNone(person.role_on(D(2019, 12, 31)))
        self.assertIsNone(fresh(make_person()).role_on(D(2024, 1, 1)))

    def test_a_draft_role_is_never_the_title(self):
        self.role(
            title="Secret title", started_on=D(2020, 1, 1), publication_status="draft"
        )
        person = fresh(self.person)
        self.assertIsNone(person.role_on(D(2024, 1, 1)))
        self.assertIsNone(person.current_role())


class TitleOnTheDayTests(TestCase):
    """A November 2024 quote and statement say "President-elect"; the person's
    page says what they are now; the stored title is never the one of the day."""

    @classmethod
    def setUpTestData(cls):
        cls.place = make_jurisdiction(name="Springfield", slug="springfield")
        cls.person = make_person(
            name="Donald Trump", slug="trump", title=PLAIN_TITLE, is_federal=True
        )
        cls.source = make_source(
            title="Inauguration record", url="https://example.org/inauguration"
        )
        make_role(
            person=cls.person,
            title=ELECT,
            started_on=D(2024, 11, 1),
            started_on_precision="month",
            ended_on=D(2025, 1, 20),
            sources=[cls.source],
        )
        make_role(
            person=cls.person,
            title=PRESIDENT,
            body="Executive Office of the President",
            jurisdiction=make_jurisdiction(kind="state", name="Nowhere", slug="n"),
            started_on=D(2025, 1, 20),
        )
        cls.statement = make_statement(
            slug="threat",
            title="Threat to cut funds",
            speaker=cls.person,
            speaker_role="Former president",  # as an old source put it
            made_on=D(2024, 11, 15),
            targets=[cls.place],
        )
        make_statement(
            slug="order",
            title="Executive order",
            speaker=cls.person,
            made_on=D(2025, 1, 20),
            targets=[cls.place],
        )
        cls.quote = make_quote(
            person=cls.person,
            jurisdiction=cls.place,
            text="We will act.",
            said_on=D(2024, 11, 15),
        )

    def assertSaysElect(self, html):
        self.assertIn(ELECT, html)
        for wrong in (PRESIDENT, PLAIN_TITLE, "Former president"):
            self.assertNotIn(wrong, html)

    def test_models_give_the_title_of_the_day(self):
        statement = FederalStatement.objects.get(slug="threat")
        self.assertEqual(statement.speaker_title(), ELECT)
        later = FederalStatement.objects.get(slug="order")
        self.assertEqual(later.speaker_title(), PRESIDENT)
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.speaker_title(), ELECT)

    def test_without_a_role_that_day_the_source_title_stands(self):
        undated = make_statement(speaker=self.person, speaker_role="As given")
        self.assertEqual(undated.speaker_title(), "As given")
        earlier = make_quote(
            person=self.person, said_on=D(2020, 1, 1), speaker_role="Candidate"
        )
        self.assertEqual(earlier.speaker_title(), "Candidate")

    def test_the_quote_shows_the_title_held_that_day(self):
        html = text(self.client.get(self.place.get_absolute_url()))
        caption = html[html.index("We will act.") :]
        caption = caption[: caption.index("</figcaption>")]
        self.assertSaysElect(caption)

    def test_the_statement_page_and_list_show_the_title_held_that_day(self):
        self.assertSaysElect(text(self.client.get(self.statement.get_absolute_url())))
        html = text(self.client.get(reverse("jurisdictions:statement-list")))
        row = html[html.index("Threat to cut funds") :]
        self.assertSaysElect(row[: row.index("</tr>")])
        row = html[html.index("Executive order") :]
        self.assertIn(PRESIDENT, row[: row.index("</tr>")])

    def test_csv_and_api_give_the_title_held_that_day(self):
        rows = {
            row["slug"]: row["speaker_role"]
            for row in csv_rows(self.client.get(reverse("jurisdictions:statement-csv")))
        }
        self.assertEqual(rows, {"threat": ELECT, "order": PRESIDENT})
        api = self.client.get(reverse("api:statement-detail", args=["threat"])).json()
        self.assertEqual(api["speaker_role"], ELECT)
        api = self.client.get(reverse("api:jurisdiction-detail", args=["springfield"]))
        self.assertEqual(api.json()["quotes"][0]["speaker_role"], ELECT)

    def test_the_person_page_shows_the_current_role_and_every_role(self):
        html = text(self.client.get(self.person.get_absolute_url()))
        facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
        self.assertIn(f"<dd>{PRESIDENT} <span", facts)
        self.assertNotIn(PLAIN_TITLE, html)
        self.assertIn(
            f'{ELECT}\n            <span class="context"><time datetime="2024-11">'
            'November 2024</time> – <time datetime="2025-01-20">20 Jan 2025</time>',
            html,
        )
        self.assertIn(
            'since <time datetime="2025-01-20">20 Jan 2025</time>',
            html[html.index('id="roles-heading"') :],
        )
        self.assertIn('href="https://example.org/inauguration"', html)
        # Its statements and quotes each carry the title of their day.
        self.assertIn(f"as {ELECT}, ", html)
        self.assertIn(f"as {PRESIDENT}, ", html)
        caption = html[html.index("We will act.") :]
        self.assertSaysElect(caption[: caption.index("</figcaption>")])

    def test_a_person_with_only_past_roles_shows_the_last_one_without_calling_it_former(
        self,
    ):
        goldberg = make_person(name="Jackie Goldberg", title="Board president")
        make_role(
            person=goldberg,
            title="Board member",
            started_on=D(2020, 12, 1),
            ended_on=D(2022, 12, 1),
        )
        make_role(
            person=goldberg,
            title="Board president",
            started_on=D(2023, 12, 1),
            ended_on=D(2024, 12, 1),
            ended_on_precision="month",
        )
        html = text(self.client.get(goldberg.get_absolute_url()))
        self.assertIn(
            '<dt>Last recorded role</dt><dd>Board president <span class="context">'
            'until <time datetime="2024-12">December 2024</time>; no later role is '
            "recorded</span>",
            html,
        )

    def test_without_roles_the_person_title_stands(self):
        plain = make_person(title="Council member")
        html = text(self.client.get(plain.get_absolute_url()))
        self.assertIn("<dt>Role</dt><dd>Council member</dd>", html)
        self.assertNotIn('id="roles-heading"', html)


class ExportedTitleTests(TestCase):
    """The CSV reads the title of the day in SQL; it agrees with the pages."""

    EXPECTED = {
        D(2019, 12, 31): "Member emeritus",  # its year-precise end covers 2019
        D(2020, 1, 1): "as given",
        D(2020, 12, 1): "Board member",
        D(2022, 12, 11): "Board member",
        D(2022, 12, 12): "as given",  # a day-precise end is excluded
        D(2023, 11, 30): "as given",
        D(2023, 12, 1): "Board president",  # begun in December 2023
        D(2024, 12, 31): "Board president",  # ended in December 2024
        D(2025, 1, 1): "as given",
        None: "as given",
    }

    @classmethod
    def setUpTestData(cls):
        person = make_person(slug="goldberg", title=PLAIN_TITLE)
        make_role(person=person, title="Member emeritus", ended_on=D(2019, 1, 1))
        Role.objects.filter(title="Member emeritus").update(ended_on_precision="year")
        make_role(
            person=person,
            title="Board member",
            started_on=D(2020, 12, 1),
            ended_on=D(2022, 12, 12),
        )
        make_role(
            person=person,
            title="Board president",
            started_on=D(2023, 12, 1),
            started_on_precision="month",
            ended_on=D(2024, 12, 1),
            ended_on_precision="month",
        )
        make_role(person=person, title="Draft title", publication_status="draft")
        for n, day in enumerate(cls.EXPECTED):
            make_statement(
                slug=f"on-{n}", speaker=person, made_on=day, speaker_role="as given"
            )
            make_quote(person=person, said_on=day, speaker_role="as given")

    def test_the_csv_title_is_the_pages_title_on_every_edge(self):
        rows = csv_rows(self.client.get(reverse("jurisdictions:statement-csv")))
        exported = {
            (D.fromisoformat(row["made_on"]) if row["made_on"] else None): row[
                "speaker_role"
            ]
            for row in rows
        }
        self.assertEqual(exported, self.EXPECTED)
        for statement in FederalStatement.objects.select_related("speaker"):
            with self.subTest(made_on=statement.made_on):
                self.assertEqual(
                    statement.speaker_title(), self.EXPECTED[statement.made_on]
                )

    def test_the_dataset_quotes_carry_the_title_of_their_day(self):
        from jurisdictions.columns import QUOTES
        from jurisdictions.exports import row_chunks

        names = QUOTES.column_names()
        exported = {
            (row[names.index("said_on")] or None): row[names.index("speaker_role")]
            for chunk in row_chunks(QUOTES, QUOTES.records(), "http://testserver")
            for row in chunk
        }
        self.assertEqual(
            exported,
            {(day.isoformat() if day else None): t for day, t in self.EXPECTED.items()},
        )


class RoleQueryTests(TestCase):
    def count(self, url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def build(self, n):
        place = make_jurisdiction()
        people = []
        for i in range(n):
            person = make_person(is_federal=True)
            make_role(person=person, title=f"Old {i}", ended_on=D(2024, 1, 1))
            make_role(person=person, title=f"New {i}", started_on=D(2024, 1, 1))
            make_statement(speaker=person, made_on=D(2023, 6, 1), targets=[place])
            make_quote(person=person, jurisdiction=place, said_on=D(2024, 6, 1))
            people.append(person)
        return place, people

    def test_titles_cost_one_query_per_page_not_one_per_row(self):
        place, people = self.build(3)
        statements = reverse("jurisdictions:statement-list")
        small = (self.count(statements), self.count(place.get_absolute_url()))
        place, _ = self.build(30)
        large = (self.count(statements), self.count(place.get_absolute_url()))
        self.assertEqual(small, large)
        html = text(self.client.get(statements))
        self.assertIn("Old 2", html)
        self.assertNotIn("New 2<", html)

    def test_a_person_page_costs_the_same_for_3_and_30_roles(self):
        def person_with(n):
            person = make_person(jurisdiction=make_jurisdiction())
            for i in range(n):
                make_role(
                    person=person,
                    title=f"Role {i}",
                    jurisdiction=make_jurisdiction(),
                    started_on=D(2000 + i, 1, 1),
                    ended_on=D(2001 + i, 1, 1),
                )
            return person

        small = self.count(person_with(3).get_absolute_url())
        self.assertEqual(small, self.count(person_with(30).get_absolute_url()))
        # person, jurisdiction, roles, their jurisdictions, their sources,
        # statements, sponsored, quotes, sources
        self.assertEqual(small, 9)


class RoleAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=io.StringIO())
        cls.chief = make_chief_editor()
        cls.source = make_source()
        cls.person = make_person(name="Karen Bass")
        cls.city = make_jurisdiction(name="Los Angeles")

    def setUp(self):
        self.client.force_login(self.chief)

    def test_roles_are_added_inline_on_the_person_with_their_dates(self):
        from .test_admin import admin_url, form_data, form_errors

        url = admin_url(Person, "change", self.person.pk)
        page = self.client.get(url)
        # The place is picked by autocomplete, never from a list of every place.
        self.assertContains(page, 'name="roles-__prefix__-jurisdiction"')
        self.assertContains(page, "admin-autocomplete")
        data = form_data(
            page,
            **{
                "roles-TOTAL_FORMS": "1",
                "roles-0-title": "Mayor of Los Angeles",
                "roles-0-jurisdiction": str(self.city.pk),
                "roles-0-started_on": "2022-12-01",
                "roles-0-started_on_precision": "month",
                "roles-0-ended_on_precision": "day",
                "roles-0-sources": [str(self.source.pk)],
                "roles-0-publication_status": "published",
            },
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        role = Role.objects.get(person=self.person)
        self.assertEqual(
            (role.title, role.jurisdiction, role.started_on_precision),
            ("Mayor of Los Angeles", self.city, "month"),
        )
        html = text(self.client.get(self.person.get_absolute_url()))
        self.assertIn(
            'Mayor of Los Angeles <span class="context">since '
            '<time datetime="2022-12">December 2022</time>',
            html,
        )

    def test_a_role_that_ends_before_it_starts_is_explained(self):
        from .test_admin import admin_url, form_data

        url = admin_url(Role, "add")
        data = form_data(
            self.client.get(url),
            person=str(self.person.pk),
            title="Mayor",
            started_on="2022-12-12",
            ended_on="2022-12-01",
            sources=[str(self.source.pk)],
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "must not be after")
        self.assertFalse(Role.objects.exists())

    def test_the_role_changelist_searches_filters_and_keeps_history(self):
        from .test_admin import admin_url

        role = make_role(person=self.person, title="Mayor of Los Angeles")
        make_role(title="Border czar")
        changelist = admin_url(Role, "changelist")
        response = self.client.get(changelist, {"q": "Bass"})
        self.assertContains(response, "Mayor of Los Angeles")
        self.assertNotContains(response, "Border czar")
        response = self.client.get(changelist, {"publication_status__exact": "draft"})
        self.assertNotContains(response, "Mayor of Los Angeles")
        role.title = "Mayor"
        role.save()
        history = self.client.get(admin_url(Role, "history", role.pk))
        self.assertEqual(history.status_code, 200)
        self.assertEqual(
            [h.title for h in role.history.all()][:2], ["Mayor", "Mayor of Los Angeles"]
        )

    def test_the_record_fields_are_on_the_instrument_forms(self):
        from .test_admin import admin_url

        page = self.client.get(admin_url(Ordinance, "add")).content.decode()
        for name in (
            "council_file",
            "signed_on",
            "signed_on_precision",
            "urgency_clause",
            "passed_on_precision",
            "earlier_report",
            "actions-__prefix__-date_precision",
            "actions-__prefix__-votes_abstain",
            "actions-__prefix__-votes_absent",
            "quotes-__prefix__-said_on_precision",
            "quotes-__prefix__-speaker_role",
        ):
            self.assertIn(f'name="{name}"', page)
        page = self.client.get(admin_url(SchoolDistrictResolution, "add"))
        self.assertContains(page, 'name="reaffirms_confirmed"')
        self.assertContains(page, 'name="adopted_on_precision"')
        # Reaffirms is an autocomplete, like the district.
        self.assertContains(page, 'data-field-name="reaffirms"')
