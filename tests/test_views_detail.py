"""Detail pages show only published related records, with their sources."""

import datetime

from django.test import TestCase

from jurisdictions.views.details import listed_rows

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

D = datetime.date


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def before(html, first, second):
    return html.index(first) < html.index(second)


class JurisdictionDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield", name="No local resources")
        cls.training = make_provision(slug="training", name="Staff training")
        cls.declared = make_provision(slug="declared", name="Public declaration")
        cls.ca = make_jurisdiction(
            slug="california", name="California", kind="state", stance="sanctuary"
        )
        cls.county = make_jurisdiction(
            slug="la-county", name="Los Angeles County", kind="county", parent=cls.ca
        )
        cls.la = make_jurisdiction(
            slug="los-angeles",
            name="Los Angeles",
            parent=cls.county,
            stance="sanctuary",
            stance_note="The council passed a sanctuary ordinance.",
            last_verified_on=D(2025, 1, 15),
            sources=[
                make_source(
                    title="LA declares itself a sanctuary",
                    publisher="The Paper",
                    url="https://example.org/la",
                    archive_url="https://web.archive.org/la",
                    published_on=D(2024, 11, 20),
                )
            ],
        )
        cls.lausd = make_school_district(slug="lausd", name="LA Unified", parent=cls.la)
        make_jurisdiction(
            name="Hidden suburb", parent=cls.la, publication_status="draft"
        )
        cls.ordinance = make_ordinance(
            title="Sanctuary city ordinance",
            jurisdiction=cls.la,
            status="in_effect",
            provisions=[cls.shield],
        )
        make_action(
            ordinance=cls.ordinance,
            action="passed",
            date=D(2024, 11, 19),
            votes_for=12,
            votes_against=2,
        )
        make_action(ordinance=cls.ordinance, action="introduced", date=None)
        pending = make_ordinance(
            title="Declaration pending",
            jurisdiction=cls.la,
            status="proposed",
            provisions=[cls.declared],
        )
        make_action(ordinance=pending, action="introduced", date=D(2023, 5, 1))
        draft = make_ordinance(
            title="Secret ordinance",
            jurisdiction=cls.la,
            status="passed",
            provisions=[cls.training],
            publication_status="draft",
        )
        make_action(ordinance=draft, action="passed", date=D(2025, 2, 2))
        make_statement(
            title="Homan threatens LA", made_on=D(2024, 11, 12), targets=[cls.la]
        )
        make_statement(title="Undated threat", targets=[cls.la])
        make_statement(
            title="Draft threat", targets=[cls.la], publication_status="draft"
        )
        make_statement(title="Unrelated statement", made_on=D(2024, 1, 1))
        bass = make_person(name="Karen Bass")
        make_quote(jurisdiction=cls.la, person=bass, text="We will protect everyone.")
        make_quote(ordinance=cls.ordinance, person=bass, text="This ordinance matters.")
        make_quote(jurisdiction=cls.la, text="Draft words.", publication_status="draft")
        make_quote(
            jurisdiction=cls.la,
            person=make_person(publication_status="draft"),
            text="Words of a draft person.",
        )
        make_quote(ordinance=draft, text="About the secret ordinance.")

    def test_stance_and_why(self):
        html = text(self.client.get(self.la.get_absolute_url()))
        self.assertIn("Sanctuary", html)
        self.assertIn("The council passed a sanctuary ordinance.", html)
        self.assertIn("<title>Los Angeles, CA: sanctuary · ", html)

    def test_parent_chain_runs_from_the_state_down(self):
        html = text(self.client.get(self.lausd.get_absolute_url()))
        crumbs = html[
            html.index('class="breadcrumbs"') : html.index(
                "</nav>", html.index('class="breadcrumbs"')
            )
        ]
        self.assertTrue(before(crumbs, "California", "Los Angeles County"))
        self.assertTrue(before(crumbs, "Los Angeles County", ">Los Angeles<"))
        self.assertIn(f'href="{self.county.get_absolute_url()}"', crumbs)

    def test_a_draft_ancestor_is_skipped(self):
        self.county.publication_status = "draft"
        self.county.save()
        html = text(self.client.get(self.la.get_absolute_url()))
        self.assertNotIn("Los Angeles County", html)
        self.assertIn(f'href="{self.ca.get_absolute_url()}"', html)

    def test_children_are_published_only(self):
        html = text(self.client.get(self.la.get_absolute_url()))
        self.assertIn(f'href="{self.lausd.get_absolute_url()}"', html)
        self.assertNotIn("Hidden suburb", html)

    def test_provisions_in_force_come_from_published_instruments_in_effect(self):
        response = self.client.get(self.la.get_absolute_url())
        in_force = [p.slug for p, _ in response.context["provisions_in_force"]]
        others = [p.slug for p, _ in response.context["other_provisions"]]
        self.assertEqual(in_force, ["shield"])
        self.assertEqual(others, ["declared"])
        self.assertNotContains(response, "Staff training")  # only in the draft

    def test_a_passed_instrument_not_yet_in_effect_is_not_in_force(self):
        awaiting = make_provision(name="Awaiting", slug="awaiting")
        make_ordinance(
            title="Awaiting signature",
            jurisdiction=self.la,
            status="passed",
            provisions=[awaiting],
        )
        response = self.client.get(self.la.get_absolute_url())
        in_force = [p.slug for p, _ in response.context["provisions_in_force"]]
        others = [p.slug for p, _ in response.context["other_provisions"]]
        self.assertEqual(in_force, ["shield"])
        self.assertEqual(sorted(others), ["awaiting", "declared"])

    def test_timeline_merges_events_newest_first_with_undated_last(self):
        response = self.client.get(self.la.get_absolute_url())
        events = response.context["timeline"]
        self.assertEqual(
            [(e.date, e.title) for e in events],
            [
                (D(2024, 11, 19), "Sanctuary city ordinance"),
                (D(2024, 11, 12), "Homan threatens LA"),
                (D(2023, 5, 1), "Declaration pending"),
                (None, "Sanctuary city ordinance"),
                (None, "Undated threat"),
            ],
        )
        html = text(response)
        timeline = html[html.index('class="timeline"') :]
        self.assertIn("12–2 vote", timeline)
        self.assertIn("date not given", timeline)
        self.assertNotIn("Secret ordinance", html)
        self.assertNotIn("Draft threat", html)
        self.assertNotIn("Unrelated statement", html)

    def test_school_district_timeline_holds_its_resolutions(self):
        make_resolution(
            district=self.lausd, title="Safe haven", adopted_on=D(2024, 12, 10)
        )
        make_resolution(
            district=self.lausd, title="Draft haven", publication_status="draft"
        )
        html = text(self.client.get(self.lausd.get_absolute_url()))
        self.assertIn("Resolution adopted", html)
        self.assertIn("Safe haven", html)
        self.assertNotIn("Draft haven", html)

    def test_quotes_are_published_with_published_speakers_and_subjects(self):
        html = text(self.client.get(self.la.get_absolute_url()))
        self.assertIn("We will protect everyone.", html)
        self.assertIn("This ordinance matters.", html)
        self.assertNotIn("Draft words.", html)
        self.assertNotIn("Words of a draft person.", html)
        self.assertNotIn("About the secret ordinance.", html)

    def test_ends_with_sources_and_last_verified(self):
        html = text(self.client.get(self.la.get_absolute_url()))
        sources = html[html.index('id="sources-heading"') :]
        for part in (
            'href="https://example.org/la"',
            "LA declares itself a sanctuary",
            "The Paper",
            "20 Nov 2024",
            'href="https://web.archive.org/la"',
            "Last verified on",
            "15 January 2025",
        ):
            self.assertIn(part, sources)
        self.assertFalse(sources.split("</section>", 1)[1].count("<section"))


class OrdinanceDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.place = make_jurisdiction(name="Los Angeles")
        cls.basis = make_ordinance(
            title="2019 executive order",
            jurisdiction=cls.place,
            instrument="executive_order",
        )
        cls.ordinance = make_ordinance(
            title="Sanctuary city ordinance",
            jurisdiction=cls.place,
            status="awaiting_signature",
            based_on=cls.basis,
            provisions=[make_provision(name="Limits on information sharing")],
        )
        make_ordinance(title="Later codification", based_on=cls.ordinance)
        make_ordinance(
            title="Draft follow-up", based_on=cls.ordinance, publication_status="draft"
        )
        make_action(
            ordinance=cls.ordinance,
            action="passed",
            body="City Council",
            date=D(2024, 11, 19),
            votes_for=12,
            votes_against=2,
        )
        cls.ordinance.sponsors.set(
            [
                make_person(name="Nithya Raman"),
                make_person(name="Hidden sponsor", publication_status="draft"),
            ]
        )
        for title, status in (
            ("Homan responds", "published"),
            ("Draft reply", "draft"),
        ):
            statement = make_statement(title=title, publication_status=status)
            statement.responds_to.add(cls.ordinance)
        make_quote(ordinance=cls.ordinance, text="It protects our neighbours.")
        make_quote(
            ordinance=cls.ordinance, text="Unpublished.", publication_status="draft"
        )

    def test_everything_about_the_ordinance(self):
        html = text(self.client.get(self.ordinance.get_absolute_url()))
        for part in (
            "Awaiting signature",
            "City Council",
            "<td>12–2</td>",
            "Limits on information sharing",
            "Nithya Raman",
            f'Based on <a href="{self.basis.get_absolute_url()}">2019 executive order',
            "Later codification",
            "Homan responds",
            "It protects our neighbours.",
            'id="sources-heading"',
        ):
            self.assertIn(part, html)
        for hidden in (
            "Hidden sponsor",
            "Draft follow-up",
            "Draft reply",
            "Unpublished.",
        ):
            self.assertNotIn(hidden, html)

    def test_a_draft_basis_is_not_shown(self):
        self.basis.publication_status = "draft"
        self.basis.save()
        html = text(self.client.get(self.ordinance.get_absolute_url()))
        self.assertNotIn("2019 executive order", html)
        self.assertNotIn("Based on", html)

    def test_the_basis_links_back_to_what_builds_on_it(self):
        html = text(self.client.get(self.basis.get_absolute_url()))
        self.assertIn("Later instruments that build on it", html)
        self.assertIn(f'href="{self.ordinance.get_absolute_url()}"', html)


class ResolutionStatementPersonDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = make_school_district(name="LA Unified")
        cls.resolution = make_resolution(
            district=cls.district,
            title="Safe haven",
            is_emergency=True,
            protected_groups=["undocumented_students", "staff"],
            votes_for=6,
            votes_against=1,
            provisions=[make_provision(name="Staff training")],
        )
        cls.person = make_person(name="Jackie Goldberg", jurisdiction=cls.district)
        make_quote(resolution=cls.resolution, person=cls.person, text="Not here.")
        cls.la = make_jurisdiction(name="Los Angeles")
        hidden_place = make_jurisdiction(
            name="Hidden place", publication_status="draft"
        )
        cls.ordinance = make_ordinance(title="LA ordinance", jurisdiction=cls.la)
        hidden_ord = make_ordinance(title="Hidden ord", publication_status="draft")
        cls.homan = make_person(name="Tom Homan", is_federal=True)
        cls.statement = make_statement(
            title="Nothing will stop us",
            speaker=cls.homan,
            speaker_role="Border czar (designate)",
            venue="Fox News interview",
            quote="Nothing will stop us.",
            targets=[cls.la, hidden_place],
        )
        cls.statement.responds_to.set([cls.ordinance, hidden_ord])
        make_statement(
            title="Draft statement", speaker=cls.homan, publication_status="draft"
        )

    def test_resolution_page(self):
        html = text(self.client.get(self.resolution.get_absolute_url()))
        for part in (
            "Safe haven",
            "emergency resolution",
            "Undocumented students, Staff",
            "6 for, 1 against",
            "Staff training",
            "Not here.",
            'id="sources-heading"',
            f'href="{self.district.get_absolute_url()}"',
        ):
            self.assertIn(part, html)

    def test_statement_page_shows_published_targets_and_responses_only(self):
        html = text(self.client.get(self.statement.get_absolute_url()))
        for part in (
            "Tom Homan",
            "Border czar (designate)",
            "Fox News interview",
            "Nothing will stop us.",
            f'href="{self.la.get_absolute_url()}"',
            f'href="{self.ordinance.get_absolute_url()}"',
            'id="sources-heading"',
        ):
            self.assertIn(part, html)
        self.assertNotIn("Hidden place", html)
        self.assertNotIn("Hidden ord", html)

    def test_person_pages(self):
        html = text(self.client.get(self.homan.get_absolute_url()))
        self.assertIn("Nothing will stop us", html)
        self.assertIn("Federal official", html)
        self.assertNotIn("Draft statement", html)
        html = text(self.client.get(self.person.get_absolute_url()))
        self.assertIn("Not here.", html)
        self.assertIn(f'href="{self.resolution.get_absolute_url()}"', html)
        self.assertIn(f'href="{self.district.get_absolute_url()}"', html)
        self.assertIn('id="sources-heading"', html)

    def test_person_hides_a_draft_jurisdiction(self):
        self.district.publication_status = "draft"
        self.district.save()
        html = text(self.client.get(self.person.get_absolute_url()))
        self.assertNotIn("LA Unified", html)
        self.assertNotIn("Not here.", html)  # its resolution is hidden too


class ListedRowsTests(TestCase):
    """Sources and provisions come from SQL compiled once (listed_rows)."""

    def test_each_record_gets_its_own_rows_in_the_relations_order(self):
        place = make_jurisdiction()
        provisions = [make_provision(name=name) for name in ("Zeta", "Alpha", "Mu")]
        sources = [
            make_source(title="B", published_on=D(2020, 1, 1)),
            make_source(title="A", published_on=D(2020, 1, 1)),
            make_source(title="C", published_on=D(2024, 5, 1)),
            make_source(title="Undated", published_on=None),
        ]
        records = [
            make_ordinance(jurisdiction=place, provisions=provisions, sources=sources),
            make_ordinance(
                jurisdiction=place, provisions=provisions[1:2], sources=sources[2:3]
            ),
            make_resolution(
                district=make_school_district(),
                provisions=provisions[:2],
                sources=sources[:2],
            ),  # fmt: skip
            make_statement(sources=sources[1:]),
            make_person(sources=sources[:1]),
            place,
        ]
        for record in records:
            for name in ("provisions", "sources"):
                if not hasattr(record, name):
                    continue
                with self.subTest(record=record, relation=name):
                    expected = list(getattr(record, name).all())
                    self.assertTrue(expected)
                    self.assertEqual(listed_rows(record, name), expected)
            with self.subTest(record=record, page=True):
                html = text(self.client.get(record.get_absolute_url()))
                titles = [s.title for s in record.sources.all()]
                for first, second in zip(titles, titles[1:], strict=False):
                    self.assertTrue(before(html, f">{first}<", f">{second}<"))
                for source in sources:
                    self.assertEqual(
                        f">{source.title}<" in html, source.title in titles
                    )
