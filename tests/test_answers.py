"""The answer first: a place's page opens with sentences from its records."""

import datetime
import html
import re

from django.test import TestCase

from jurisdictions.choices import ProvisionCategory

from .factories import (
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_source,
)


def answer_of(client, place):
    """The answer's text, and its links, on `place`'s page."""
    page = client.get(place.get_absolute_url())
    assert page.status_code == 200
    section = re.search(r'<section class="answer".*?</section>', page.text, re.S)[0]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    text = re.sub(r" ([.,;:)])", r"\1", text).replace("( ", "(")
    return text, re.findall(r'href="([^"]+)"', section)


class AnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.limits = make_provision(category=ProvisionCategory.RESOURCES)
        cls.mandate = make_provision(category=ProvisionCategory.COOPERATION_MANDATE)
        cls.state = make_jurisdiction(
            name="California", slug="california", kind="state", state="CA"
        )
        cls.law_source = make_source(url="https://example.org/state-law")
        cls.law = make_ordinance(
            jurisdiction=cls.state,
            title="State Values Act",
            status="in_effect",
            provisions=[cls.limits],
            sources=[cls.law_source],
        )
        make_ordinance(
            jurisdiction=cls.state,
            title="Draft State Act",
            status="in_effect",
            provisions=[cls.mandate],
            publication_status="draft",
        )

    def test_no_instrument_of_its_own_is_said_never_guessed(self):
        place = make_jurisdiction(name="Quietville")
        # A federal list naming it is not its own instrument.
        make_list_entry(jurisdiction=place)
        text, _ = answer_of(self.client, place)
        self.assertIn("No instrument of its own is recorded.", text)
        self.assertNotIn("limit", text.split("State Values Act")[0].split(".")[0])

    def test_its_own_instrument_in_force_with_record_and_source(self):
        place = make_jurisdiction(name="Haven")
        source = make_source(url="https://example.org/haven-ordinance")
        ordinance = make_ordinance(
            jurisdiction=place,
            title="Haven Trust Ordinance",
            status="in_effect",
            provisions=[self.limits],
            sources=[make_source(url=""), source],
        )
        text, links = answer_of(self.client, place)
        self.assertIn(
            "Haven’s own instrument in force limits cooperation with federal "
            "immigration enforcement: Haven Trust Ordinance (source:",
            text,
        )
        self.assertIn(ordinance.get_absolute_url(), links)
        # The first source that has an address.
        self.assertIn("https://example.org/haven-ordinance", links)

    def test_instruments_not_in_force_or_drafts_do_not_count(self):
        place = make_jurisdiction(name="Pendingham")
        make_ordinance(jurisdiction=place, status="passed", provisions=[self.limits])
        make_ordinance(
            jurisdiction=place,
            title="Secret Draft",
            status="in_effect",
            provisions=[self.limits],
            publication_status="draft",
        )
        text, _ = answer_of(self.client, place)
        self.assertIn(
            "None of Pendingham’s own 1 recorded instrument is in force.", text
        )
        self.assertNotIn("Secret Draft", text)

    def test_a_mandate_reads_as_one(self):
        place = make_jurisdiction(name="Compliance")
        make_ordinance(
            jurisdiction=place,
            title="Cooperation Order",
            status="in_effect",
            provisions=[self.mandate],
        )
        text, _ = answer_of(self.client, place)
        self.assertIn(
            "Compliance’s own instrument in force requires cooperation or bans "
            "sanctuary policies: Cooperation Order",
            text,
        )

    def test_the_state_law_that_applies_there(self):
        place = make_jurisdiction(name="Townsville", state="CA")
        text, links = answer_of(self.client, place)
        self.assertIn(
            "California state law in force limits cooperation: State Values Act "
            "(source:",
            text,
        )
        self.assertIn(self.law.get_absolute_url(), links)
        self.assertIn(self.law_source.url, links)
        self.assertNotIn("Draft State Act", text)
        elsewhere = make_jurisdiction(name="Nevadaville", state="NV")
        make_jurisdiction(name="Nevada", slug="nevada", kind="state", state="NV")
        text, _ = answer_of(self.client, elsewhere)
        self.assertIn("No Nevada state law in force on cooperation is recorded.", text)

    def test_current_federal_lists_with_their_dates(self):
        place = make_jurisdiction(name="Listedton")
        entry = make_list_entry(
            jurisdiction=place,
            listed_on=datetime.date(2025, 8, 5),
            sources=[make_source(url="https://example.org/list")],
        )
        make_list_entry(
            jurisdiction=place,
            listed_on=datetime.date(2025, 5, 29),
            removed_on=datetime.date(2025, 6, 2),
        )
        text, links = answer_of(self.client, place)
        self.assertIn(
            f"A federal list names it: {entry.list.title} (listed 5 Aug 2025", text
        )
        self.assertIn("a designation by the federal government", text)
        self.assertIn("https://example.org/list", links)
        self.assertEqual(text.count("listed "), 1)  # not the removed entry

    def test_open_cases_only(self):
        place = make_jurisdiction(name="Suedburg")
        open_case = make_case(title="United States v. Suedburg", defendants=[place])
        make_case(title="Old Case", defendants=[place], status="settled")
        text, links = answer_of(self.client, place)
        self.assertIn(
            "It is a party to 1 open court case: United States v. Suedburg", text
        )
        self.assertIn(open_case.get_absolute_url(), links)
        self.assertNotIn("Old Case", text)
