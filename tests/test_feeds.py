import datetime

import feedparser
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from jurisdictions.feeds import FEED_SIZE
from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    SchoolDistrictResolution,
)

from .factories import (
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_resolution,
    make_school_district,
    make_statement,
)
from .test_caching import SpringfieldPageTests, as_another_process, clock


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


class PlaceFeedTests(FeedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.place = make_jurisdiction(slug="place", name="Placeville")
        elsewhere = make_jurisdiction(slug="elsewhere", name="Elsewhere")
        cls.district = make_school_district(
            slug="place-usd", name="Placeville USD", parent=cls.place
        )
        draft_speaker = make_person(publication_status="draft")
        doj_list = make_statement(slug="doj-list", title="DOJ list", kind="designation")
        draft_list = make_statement(
            slug="draft-list", title="Secret list", kind="designation"
        )
        FederalStatement.objects.filter(pk=draft_list.pk).update(
            publication_status="draft"
        )
        make_ordinance(slug="ord", title="Shield law", jurisdiction=cls.place)
        make_ordinance(
            slug="draft-ord",
            title="Secret ordinance",
            jurisdiction=cls.place,
            publication_status="draft",
        )
        make_ordinance(slug="far-ord", title="Far law", jurisdiction=elsewhere)
        make_resolution(slug="res", title="Safe schools", district=cls.district)
        make_resolution(
            slug="draft-res",
            title="Secret resolution",
            district=cls.district,
            publication_status="draft",
        )
        make_case(
            slug="sued", title="United States v. Placeville", defendants=[cls.place]
        )
        make_case(slug="suing", title="Placeville v. Noem", plaintiffs=[cls.place])
        make_case(
            slug="draft-case",
            title="Secret case",
            defendants=[cls.place],
            publication_status="draft",
        )
        make_case(slug="far-case", title="Far case", defendants=[elsewhere])
        make_statement(slug="threat", title="Threat", targets=[cls.place])
        make_statement(
            slug="draft-threat",
            title="Secret threat",
            targets=[cls.place],
            publication_status="draft",
        )
        make_statement(
            slug="spoken",
            title="Secret speaker",
            speaker=draft_speaker,
            targets=[cls.place],
        )
        make_statement(slug="far-threat", title="Far threat", targets=[elsewhere])
        make_list_entry(list=doj_list, jurisdiction=cls.place, removal_note="Gone.")
        make_list_entry(
            list=doj_list,
            jurisdiction=cls.place,
            listed_on=datetime.date(2025, 10, 1),
            publication_status="draft",
            removal_note="Secret note",
        )
        make_list_entry(list=draft_list, jurisdiction=cls.place)
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        for model in (
            Jurisdiction,
            Ordinance,
            SchoolDistrictResolution,
            Case,
            FederalStatement,
            ListEntry,
        ):
            model.objects.update(updated_at=an_hour_ago)
        cls.changed_at = timezone.now() - datetime.timedelta(minutes=1)
        Ordinance.objects.filter(slug="ord").update(updated_at=cls.changed_at)
        touch(Case, "suing", 30)

    def read(self, slug="place"):
        url = reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": slug})
        response = self.client.get(url)
        self.assertEqual(
            response["Content-Type"], "application/atom+xml; charset=utf-8"
        )
        # No field of any item names a draft, nor anything only a draft holds.
        self.assertNotContains(response, "Secret")
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return feed

    def test_every_published_change_to_the_place_newest_first(self):
        feed = self.read()
        self.assertEqual(feed.feed.title, "Sanctuary Tracker: Placeville, CA")
        self.assertEqual(feed.feed.link, "http://testserver/jurisdictions/place/")
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(
            titles[:2], ["Ordinance: Shield law", "Case: Placeville v. Noem"]
        )
        self.assertCountEqual(
            titles,
            [
                "Ordinance: Shield law",
                "Case: Placeville v. Noem",
                "Case: United States v. Placeville",
                "Federal statement: Threat",
                "List entry: Placeville, CA on DOJ list",
                "Jurisdiction: Placeville, CA",
            ],
        )
        updated = [entry.updated_parsed for entry in feed.entries]
        self.assertEqual(updated, sorted(updated, reverse=True))

    def test_an_instrument_is_named_by_what_it_is(self):
        Ordinance.objects.filter(slug="ord").update(instrument="executive_order")
        titles = [entry.title for entry in self.read().entries]
        self.assertIn("Executive order or directive: Shield law", titles)
        self.assertNotIn("Ordinance: Shield law", titles)

    def test_items_link_to_the_records_pages(self):
        links = {e.title: e.link for e in self.read().entries}
        self.assertEqual(
            links["Ordinance: Shield law"], "http://testserver/ordinances/ord/"
        )
        self.assertEqual(
            links["Jurisdiction: Placeville, CA"],
            "http://testserver/jurisdictions/place/",
        )
        self.assertEqual(
            links["List entry: Placeville, CA on DOJ list"],
            "http://testserver/statements/doj-list/",
        )
        self.assertEqual(
            links["Case: Placeville v. Noem"], "http://testserver/cases/suing/"
        )

    def test_each_item_is_dated_by_its_record_change(self):
        (entry,) = [e for e in self.read().entries if e.title.endswith("Shield law")]
        self.assertEqual(
            datetime.datetime.fromisoformat(entry.updated), self.changed_at
        )

    def test_a_list_entry_and_its_list_have_distinct_ids(self):
        # Both link to the list's page; a reader would merge equal ids.
        doj_list = FederalStatement.objects.get(slug="doj-list")
        doj_list.targets.add(self.place)
        entries = self.read().entries
        ids = [entry.id for entry in entries]
        self.assertEqual(len(ids), len(set(ids)))
        (listing,) = [e for e in entries if e.title.startswith("List entry")]
        self.assertEqual(listing.summary, "Listed 5 August 2025. Gone.")

    def test_the_spanish_feed_reads_in_spanish(self):
        doj_list = FederalStatement.objects.get(slug="doj-list")
        doj_list.targets.add(self.place)
        FederalStatement.objects.filter(pk=doj_list.pk).update(
            withdrawn_on=datetime.date(2025, 9, 1)
        )
        ListEntry.objects.filter(removal_note="Gone.").update(
            removed_on=datetime.date(2025, 9, 2)
        )
        with translation.override("es"):
            url = reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": "place"})
        self.assertTrue(url.startswith("/es/"))
        feed = feedparser.parse(self.client.get(url).content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(feed.version, "atom10")
        self.assertEqual(feed.feed.language, "es")
        titles = {entry.title: entry for entry in feed.entries}
        # Kinds, "withdrawn" and "on" are the interface's; titles and the
        # removal note are the records' own text.
        self.assertIn("Ordenanza: Shield law", titles)
        self.assertIn("Caso: Placeville v. Noem", titles)
        self.assertIn("Declaración federal: DOJ list (retirada)", titles)
        listing = titles["Inclusión en lista federal: Placeville, CA en DOJ list"]
        self.assertEqual(
            listing.summary,
            "En la lista desde el 5 de agosto de 2025 hasta el 2 de septiembre "
            "de 2025. Gone.",
        )
        self.assertEqual(listing.link, "http://testserver/es/statements/doj-list/")

    def test_a_school_district_feed_holds_its_resolutions(self):
        titles = [entry.title for entry in self.read("place-usd").entries]
        self.assertIn("School district resolution: Safe schools", titles)
        self.assertNotIn(
            "School district resolution: Safe schools",
            [entry.title for entry in self.read().entries],
        )

    def test_a_draft_or_unknown_place_is_404(self):
        make_jurisdiction(
            slug="hidden", name="Secret place", publication_status="draft"
        )
        for slug in ("hidden", "nowhere"):
            with self.subTest(slug=slug):
                url = reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": slug})
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "Secret", status_code=404)

    def test_a_name_xml_cannot_carry_is_cleaned_in_the_feed_title(self):
        make_jurisdiction(slug="pasted", name="Word\x0bville<b>\uffff")
        feed = self.read("pasted")
        self.assertEqual(feed.feed.title, "Sanctuary Tracker: Wordville<b>, CA")
        self.assertIn("Changes to Wordville<b>, CA", feed.feed.subtitle)

    def test_the_feed_is_bounded(self):
        for n in range(FEED_SIZE + 5):
            make_ordinance(slug=f"extra-{n}", jurisdiction=self.place)
        self.assertEqual(len(self.read().entries), FEED_SIZE)

    def test_the_place_page_links_to_its_feed(self):
        response = self.client.get(self.place.get_absolute_url())
        url = reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": "place"})
        self.assertContains(
            response,
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="Changes to Placeville, CA" href="{url}">',
            html=True,
        )
        self.assertContains(
            response,
            f'<a href="{url}">Follow changes to Placeville (Atom feed)</a>',
            html=True,
        )


@override_settings(PUBLIC_CACHE_SECONDS=300)
class PlaceFeedCacheTests(SpringfieldPageTests):
    """The feed with page caching on, as in production."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ordinance = make_ordinance(
            slug="ord", title="Shield law", jurisdiction=cls.town
        )

    def setUp(self):
        super().setUp()
        self.url = reverse(
            "jurisdictions:jurisdiction-feed", kwargs={"slug": self.town.slug}
        )

    def titles(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("ETag", response)  # the page cache applies to feeds
        return [entry.title for entry in feedparser.parse(response.content).entries]

    def test_an_edit_to_an_ordinance_shows_on_the_next_read(self):
        with clock():
            self.assertIn("Ordinance: Shield law", self.titles())
            with self.assertNumQueries(0):
                self.assertIn("Ordinance: Shield law", self.titles())
            self.ordinance.title = "Shield law, amended"
            self.ordinance.save()
            titles = self.titles()
        self.assertEqual(titles[0], "Ordinance: Shield law, amended")
        self.assertNotIn("Ordinance: Shield law", titles)

    def test_another_process_edit_shows_within_a_second(self):
        with clock() as advance:
            self.assertIn("Ordinance: Shield law", self.titles())
            with as_another_process():
                Ordinance.objects.filter(pk=self.ordinance.pk).update(
                    title="Shield law, amended", updated_at=timezone.now()
                )
            advance(1.01)
            self.assertEqual(self.titles()[0], "Ordinance: Shield law, amended")

    def test_unpublishing_the_place_removes_its_feed(self):
        self.titles()
        self.town.publication_status = "draft"
        self.town.save()
        self.assertEqual(self.client.get(self.url).status_code, 404)
