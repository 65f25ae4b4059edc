import datetime

import feedparser
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from jurisdictions.feeds import FEED_SIZE
from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
    SchoolDistrictResolution,
)

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_resolution,
    make_statement,
)


def touch(model, slug, minutes_ago):
    """Set a record's updated_at, which auto_now would otherwise overwrite."""
    when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    model.objects.filter(slug=slug).update(updated_at=when)


class FeedTestCase(TestCase):
    def parse(self, name, query=""):
        response = self.client.get(f"{reverse(f'jurisdictions:{name}')}?{query}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"], "application/atom+xml; charset=utf-8"
        )
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(feed.version, "atom10")
        return feed


class ListFeedTests(FeedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.la = make_jurisdiction(slug="la", name="Los Angeles")
        cls.austin = make_jurisdiction(slug="austin", name="Austin", state="TX")
        draft_place = make_jurisdiction(slug="hidden", publication_status="draft")
        make_ordinance(slug="la-ord", title="LA ordinance", jurisdiction=cls.la)
        make_ordinance(
            slug="tx-ord", title="Austin resolution", jurisdiction=cls.austin
        )
        make_ordinance(
            slug="draft-ord", jurisdiction=cls.la, publication_status="draft"
        )
        make_ordinance(slug="orphan-ord", jurisdiction=draft_place)
        make_resolution(slug="res", title="Board resolution", summary="Protects.")
        make_resolution(slug="draft-res", publication_status="draft")
        make_statement(slug="st", title="Homan threat", quote="With you or without.")
        make_statement(slug="draft-st", publication_status="draft")
        touch(Ordinance, "la-ord", 10)
        touch(Ordinance, "tx-ord", 5)

    def entry_paths(self, feed):
        return [entry.link.removeprefix("http://testserver") for entry in feed.entries]

    def test_each_list_has_an_atom_twin_with_only_published_records(self):
        for name, model, expected in [
            ("ordinance-atom", Ordinance, {"la-ord", "tx-ord"}),
            ("resolution-atom", SchoolDistrictResolution, {"res"}),
            ("statement-atom", FederalStatement, {"st"}),
            ("jurisdiction-atom", Jurisdiction, {"la", "austin"}),
        ]:
            with self.subTest(name=name):
                # Resolutions bring school districts of their own; leave them out.
                feed = self.parse(name, "kind=city" if model is Jurisdiction else "")
                paths = self.entry_paths(feed)
                self.assertCountEqual(
                    paths,
                    [
                        model.objects.get(slug=slug).get_absolute_url()
                        for slug in expected
                    ],
                )

    def test_filters_follow_the_list(self):
        feed = self.parse("ordinance-atom", "state=CA")
        self.assertEqual(self.entry_paths(feed), ["/ordinances/la-ord/"])
        self.assertEqual(feed.feed.link, "http://testserver/ordinances/?state=CA")
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        self.assertEqual(self_links, ["http://testserver/ordinances.atom?state=CA"])

    def test_newest_change_first(self):
        feed = self.parse("ordinance-atom")
        self.assertEqual(
            self.entry_paths(feed), ["/ordinances/tx-ord/", "/ordinances/la-ord/"]
        )
        updated = [entry.updated_parsed for entry in feed.entries]
        self.assertEqual(updated, sorted(updated, reverse=True))

    def test_entries_carry_title_summary_and_dates(self):
        (entry,) = self.parse("resolution-atom").entries
        self.assertEqual(entry.title, "Board resolution")
        self.assertEqual(entry.summary, "Protects.")
        self.assertTrue(entry.published)
        (statement,) = self.parse("statement-atom").entries
        self.assertEqual(statement.summary, "With you or without.")

    def test_invalid_filters_answer_400(self):
        for name, query in [
            ("ordinance-atom", "state=ZZ"),
            ("jurisdiction-atom", "stance=maybe"),
            ("resolution-atom", "date_after=soon"),
            ("statement-atom", "speaker=nobody"),
        ]:
            with self.subTest(name=name):
                response = self.client.get(
                    f"{reverse(f'jurisdictions:{name}')}?{query}"
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn(query.split("=")[0], response.content.decode())


class UpdatesFeedTests(FeedTestCase):
    @classmethod
    def setUpTestData(cls):
        place = make_jurisdiction(slug="place", name="Placeville")
        make_ordinance(slug="ord", title="Shield law", jurisdiction=place)
        make_resolution(slug="res", title="Safe schools")
        make_statement(slug="st", title="Threat")
        make_person(slug="official", name="An Official")
        make_case(slug="case", title="United States v. Placeville")
        make_case(slug="draft-case", title="Secret case", publication_status="draft")
        make_ordinance(slug="draft", title="Secret draft", publication_status="draft")
        make_person(slug="draft-person", publication_status="draft")
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        for model in (
            Jurisdiction,
            Ordinance,
            SchoolDistrictResolution,
            FederalStatement,
            Person,
            Case,
        ):
            model.objects.update(updated_at=an_hour_ago)
        touch(Ordinance, "ord", 1)
        touch(Jurisdiction, "place", 30)

    def test_every_kind_of_published_record_newest_first(self):
        feed = self.parse("updates-feed")
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(titles[0], "Ordinance: Shield law")
        self.assertIn("School district resolution: Safe schools", titles)
        self.assertIn("Federal statement: Threat", titles)
        self.assertIn("Person: An Official", titles)
        self.assertIn("Case: United States v. Placeville", titles)
        self.assertIn("Jurisdiction: Placeville, CA", titles)
        self.assertFalse([t for t in titles if "Secret" in t or "draft" in t.lower()])
        updated = [entry.updated_parsed for entry in feed.entries]
        self.assertEqual(updated, sorted(updated, reverse=True))

    def test_the_feed_is_bounded(self):
        for n in range(FEED_SIZE + 5):
            make_jurisdiction(slug=f"extra-{n}")
        feed = self.parse("updates-feed")
        self.assertEqual(len(feed.entries), FEED_SIZE)
