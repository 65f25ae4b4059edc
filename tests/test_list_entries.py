"""Federal lists with dated membership: pages, filter, facet, data and admin.

A place is a *current* member of a list when its published entry has no
`removed_on` and the list has not been withdrawn. A removed member, or a
member of a withdrawn list, is never counted as current anywhere.
"""

import csv
import datetime
import io
import re
import zipfile
from html import unescape
from io import StringIO

import feedparser
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.urls import reverse

from jurisdictions import pgcopy
from jurisdictions.columns import LIST_ENTRIES, STATEMENTS
from jurisdictions.counting import queryset_without
from jurisdictions.exports import csv_chunks
from jurisdictions.models import FederalStatement, Jurisdiction, ListEntry
from jurisdictions.views import JurisdictionListView

from .factories import (
    make_chief_editor,
    make_editor,
    make_jurisdiction,
    make_list_entry,
    make_person,
    make_source,
    make_statement,
)
from .test_admin import admin_url, form_data, form_errors, messages_of

D = datetime.date
DRAFT = "draft"


def text_of(html):
    """A page's text as a reader sees it: no tags, one space between words."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def section(html, heading_id):
    """The markup of the <section> labelled by `heading_id`."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


def make_list(**kwargs):
    return make_statement(kind="designation", targets=(), **kwargs)


class ListWorld(TestCase):
    """The DOJ list with current and removed members, a withdrawn DHS list, a
    second current list, and drafts of every sort."""

    @classmethod
    def setUpTestData(cls):
        cls.source = make_source(title="DOJ press release")
        cls.doj = make_list(slug="doj-list", title="DOJ list", made_on=D(2025, 8, 5))
        cls.dhs = make_list(
            slug="dhs-list",
            title="DHS list",
            made_on=D(2025, 5, 29),
            withdrawn_on=D(2025, 6, 1),
            withdrawal_note="Taken down within days for errors.",
        )
        cls.ice = make_list(slug="ice-list", title="ICE list", made_on=D(2025, 9, 1))
        cls.draft_list = make_list(
            slug="draft-list", title="Draft list", publication_status=DRAFT
        )
        cls.spoken_by_draft = make_list(
            slug="draft-speaker-list",
            title="List by a draft speaker",
            speaker=make_person(publication_status=DRAFT),
        )
        cls.threat = make_statement(kind="threat", slug="a-threat")

        cls.la = make_jurisdiction(
            name="Los Angeles", slug="los-angeles", state="CA", stance="unknown"
        )
        cls.nevada = make_jurisdiction(
            name="Nevada", slug="nevada", kind="state", state="NV"
        )
        cls.baltimore = make_jurisdiction(
            name="Baltimore County", slug="baltimore-county", kind="county", state="MD"
        )
        cls.denver = make_jurisdiction(name="Denver", slug="denver", state="CO")
        cls.hidden = make_jurisdiction(
            name="Hidden Town", slug="hidden-town", publication_status=DRAFT
        )
        cls.quiet = make_jurisdiction(name="Quiet Town", slug="quiet-town")

        listed = D(2025, 8, 5)
        cls.la_doj = make_list_entry(
            list=cls.doj, jurisdiction=cls.la, listed_on=listed, sources=[cls.source]
        )
        cls.nevada_doj = make_list_entry(
            list=cls.doj,
            jurisdiction=cls.nevada,
            listed_on=listed,
            removed_on=D(2025, 9, 26),
            removal_note="Removed after a memorandum of understanding.",
            sources=[cls.source, make_source(title="Governor's MOU")],
        )
        cls.baltimore_doj = make_list_entry(
            list=cls.doj,
            jurisdiction=cls.baltimore,
            listed_on=listed,
            removed_on=D(2025, 10, 31),
        )
        # Drafts: an entry, an entry of a draft place, entries of draft lists.
        make_list_entry(list=cls.doj, jurisdiction=cls.denver, publication_status=DRAFT)
        make_list_entry(list=cls.doj, jurisdiction=cls.hidden)
        make_list_entry(list=cls.draft_list, jurisdiction=cls.quiet)
        make_list_entry(list=cls.spoken_by_draft, jurisdiction=cls.quiet)
        # The withdrawn list's members were never removed, yet are not current.
        make_list_entry(list=cls.dhs, jurisdiction=cls.la, listed_on=D(2025, 5, 29))
        make_list_entry(list=cls.dhs, jurisdiction=cls.denver, listed_on=D(2025, 5, 29))
        make_list_entry(list=cls.ice, jurisdiction=cls.denver, listed_on=D(2025, 9, 1))


class ConstraintTests(TestCase):
    """The database itself refuses bad entries, whatever writes them."""

    def assertRefused(self, queryset, **values):
        with self.assertRaises(IntegrityError), transaction.atomic():
            queryset.update(**values)

    def test_removal_before_listing_is_refused(self):
        entry = make_list_entry(listed_on=D(2025, 8, 5))
        rows = ListEntry.objects.filter(pk=entry.pk)
        self.assertRefused(rows, removed_on=D(2025, 8, 4))
        rows.update(removed_on=D(2025, 8, 5))  # the same day is allowed
        rows.update(removed_on=None)
        self.assertRefused(rows, listed_on=D(2025, 9, 1), removed_on=D(2025, 8, 31))

    def test_a_place_is_on_a_list_once_per_day(self):
        entry = make_list_entry()
        with self.assertRaises(IntegrityError), transaction.atomic():
            ListEntry.objects.create(
                list=entry.list,
                jurisdiction=entry.jurisdiction,
                listed_on=entry.listed_on,
            )
        # Listed again on another day (after a removal): a row of its own.
        ListEntry.objects.create(
            list=entry.list,
            jurisdiction=entry.jurisdiction,
            listed_on=entry.listed_on + datetime.timedelta(days=60),
        )
        other = make_list_entry(jurisdiction=entry.jurisdiction)
        self.assertRefused(
            ListEntry.objects.filter(pk=other.pk),
            list=entry.list,
            listed_on=entry.listed_on,
        )

    def test_unknown_publication_status_is_refused(self):
        entry = make_list_entry()
        self.assertRefused(
            ListEntry.objects.filter(pk=entry.pk), publication_status="secret"
        )


class QuerySetTests(ListWorld):
    def test_published_needs_the_entry_its_list_and_its_place_published(self):
        self.assertEqual(
            set(
                ListEntry.objects.published().values_list(
                    "list__slug", "jurisdiction__slug"
                )
            ),
            {
                ("doj-list", "los-angeles"),
                ("doj-list", "nevada"),
                ("doj-list", "baltimore-county"),
                ("dhs-list", "los-angeles"),
                ("dhs-list", "denver"),
                ("ice-list", "denver"),
            },
        )

    def test_current_leaves_out_removed_entries_and_withdrawn_lists(self):
        current = ListEntry.objects.published().current()
        self.assertEqual(
            set(current.values_list("list__slug", "jurisdiction__slug")),
            {("doj-list", "los-angeles"), ("ice-list", "denver")},
        )
        self.assertEqual(
            set(ListEntry.objects.published().removed()),
            {self.nevada_doj, self.baltimore_doj},
        )
        self.assertFalse(self.nevada_doj.is_current)
        self.assertTrue(self.la_doj.is_current)
        self.assertFalse(
            ListEntry.objects.get(list=self.dhs, jurisdiction=self.la).is_current
        )


class ListPageTests(ListWorld):
    def test_a_list_shows_current_and_removed_members_with_dates(self):
        html = self.client.get(self.doj.get_absolute_url()).content.decode()
        current = text_of(section(html, "members-heading"))
        removed = text_of(section(html, "removed-heading"))
        self.assertIn("Current members", current)
        self.assertIn("Los Angeles, CA listed 5 Aug 2025", current)
        self.assertIn("DOJ press release", current)
        for gone in ("Nevada", "Baltimore County"):
            self.assertNotIn(gone, current)
        self.assertIn(
            "Nevada listed 5 Aug 2025 · removed 26 Sep 2025 "
            "Removed after a memorandum of understanding.",
            removed,
        )
        self.assertIn("Governor's MOU", removed)
        self.assertIn(
            "Baltimore County, MD listed 5 Aug 2025 · removed 31 Oct 2025", removed
        )
        self.assertNotIn("Los Angeles", removed)
        self.assertIn(
            f'href="{self.nevada.get_absolute_url()}"', section(html, "removed-heading")
        )
        # Drafts: an unpublished entry (Denver) and a draft place.
        self.assertNotIn("Denver", html)
        self.assertNotIn("Hidden Town", html)
        self.assertNotIn("withdrawn", text_of(html).lower())

    def test_a_withdrawn_list_says_so_and_has_no_current_members(self):
        response = self.client.get(self.dhs.get_absolute_url())
        html = response.content.decode()
        self.assertIn("<title>DHS list (withdrawn)", html)
        notice = text_of(section(html, "withdrawn-heading"))
        self.assertIn("Withdrawn on 1 June 2025", notice)
        self.assertIn("Taken down within days for errors.", notice)
        members = text_of(section(html, "members-heading"))
        self.assertNotIn("Current members", html)
        self.assertIn("On the list when it was withdrawn", members)
        self.assertIn("Los Angeles, CA listed 29 May 2025", members)

    def test_a_draft_list_and_a_list_by_a_draft_speaker_are_404(self):
        for statement in (self.draft_list, self.spoken_by_draft):
            with self.subTest(statement=statement.slug):
                response = self.client.get(statement.get_absolute_url())
                self.assertEqual(response.status_code, 404)

    def test_a_statement_that_is_not_a_list_has_no_member_sections(self):
        html = self.client.get(self.threat.get_absolute_url()).content.decode()
        self.assertNotIn("members-heading", html)
        self.assertIn("Jurisdictions named", html)

    def test_the_statements_list_marks_the_withdrawn_list(self):
        html = self.client.get(reverse("jurisdictions:statement-list")).content.decode()
        rows = {
            slug: text_of(row)
            for row in re.findall(r"<tr>.*?</tr>", html, re.S)
            for slug in re.findall(r'href="/statements/([^/]+)/"', row)
        }
        self.assertIn("withdrawn 1 Jun 2025", rows["dhs-list"])
        self.assertNotIn("withdrawn", rows["doj-list"])

    def test_the_speakers_page_marks_the_withdrawn_list(self):
        for statement, marked in [(self.dhs, True), (self.doj, False)]:
            page = self.client.get(statement.speaker.get_absolute_url())
            statements = text_of(section(page.content.decode(), "statements-heading"))
            self.assertEqual("withdrawn 1 Jun 2025" in statements, marked)

    def test_statements_csv_api_and_feed_carry_the_withdrawal(self):
        rows = {
            row["slug"]: row
            for row in csv_rows(self.client.get(reverse("jurisdictions:statement-csv")))
        }
        self.assertEqual(rows["dhs-list"]["withdrawn_on"], "2025-06-01")
        self.assertEqual(
            rows["dhs-list"]["withdrawal_note"], "Taken down within days for errors."
        )
        self.assertEqual(rows["doj-list"]["withdrawn_on"], "")
        data = self.client.get(
            reverse("api:statement-detail", kwargs={"slug": "dhs-list"})
        ).json()
        self.assertEqual(data["withdrawn_on"], "2025-06-01")
        self.assertEqual(data["withdrawal_note"], "Taken down within days for errors.")
        doj = self.client.get(
            reverse("api:statement-detail", kwargs={"slug": "doj-list"})
        )
        self.assertIsNone(doj.json()["withdrawn_on"])
        feed = feedparser.parse(
            self.client.get(reverse("jurisdictions:statement-atom")).content
        )
        titles = {
            entry.link.rstrip("/").rsplit("/", 1)[-1]: entry.title
            for entry in feed.entries
        }
        self.assertEqual(titles["dhs-list"], "DHS list (withdrawn)")
        self.assertEqual(titles["doj-list"], "DOJ list")


class JurisdictionPageTests(ListWorld):
    def test_a_removed_place_shows_when_it_was_listed_and_removed(self):
        html = self.client.get(self.nevada.get_absolute_url()).content.decode()
        lists = section(html, "lists-heading")
        self.assertIn(
            "DOJ list: listed 5 Aug 2025 · removed 26 Sep 2025 "
            "Removed after a memorandum of understanding.",
            text_of(lists),
        )
        self.assertIn(f'href="{self.doj.get_absolute_url()}"', lists)
        self.assertIn(
            "A federal list is the federal government’s designation of a place, "
            "not evidence of Nevada’s own policy.",
            text_of(lists),
        )
        timeline = text_of(section(html, "timeline-heading"))
        self.assertIn("26 Sep 2025 Removed from a federal list: DOJ list", timeline)

    def test_a_withdrawn_list_reads_withdrawn_on_its_members_pages(self):
        html = self.client.get(self.la.get_absolute_url()).content.decode()
        lists = text_of(section(html, "lists-heading"))
        self.assertIn("DHS list withdrawn 1 Jun 2025: listed 29 May 2025", lists)
        self.assertIn("DOJ list: listed 5 Aug 2025", lists)
        self.assertNotIn("removed", lists)
        timeline = text_of(section(html, "timeline-heading"))
        self.assertIn("Put on a federal list: DHS list withdrawn 1 Jun 2025", timeline)

    def test_a_list_naming_the_place_as_a_target_shows_once_in_the_timeline(self):
        self.doj.targets.add(self.la)
        html = self.client.get(self.la.get_absolute_url()).content.decode()
        timeline = text_of(section(html, "timeline-heading"))
        self.assertEqual(timeline.count(": DOJ list"), 1)
        self.assertIn("Federal designation: DOJ list", timeline)

    def test_unpublished_entries_and_lists_never_show(self):
        # Denver: a draft DOJ entry; Quiet Town: entries of a draft list and
        # of a list by a draft speaker only.
        denver = self.client.get(self.denver.get_absolute_url()).content.decode()
        self.assertNotIn("DOJ list", denver)
        self.assertIn("ICE list", denver)
        quiet = self.client.get(self.quiet.get_absolute_url()).content.decode()
        self.assertNotIn("lists-heading", quiet)
        self.assertNotIn("Draft list", quiet)
        self.assertNotIn("draft speaker", quiet)

    def test_listing_never_changes_the_stance(self):
        self.la.refresh_from_db()
        self.assertEqual(self.la.stance, "unknown")
        html = self.client.get(self.la.get_absolute_url()).content.decode()
        self.assertIn('class="stance stance--unknown"', html)


class ListedFilterTests(ListWorld):
    FORMATS = ("html", "csv", "api", "atom")

    def found(self, query, fmt):
        """Slugs of the places `/jurisdictions/?<query>` gives in `fmt`."""
        if fmt == "html":
            response = self.client.get(
                reverse("jurisdictions:jurisdiction-list") + query
            )
            self.assertEqual(response.status_code, 200)
            return {row.slug for row in response.context["object_list"]}
        if fmt == "csv":
            response = self.client.get(
                reverse("jurisdictions:jurisdiction-csv") + query
            )
            self.assertEqual(response.status_code, 200)
            return {row["slug"] for row in csv_rows(response)}
        if fmt == "api":
            response = self.client.get(
                reverse("api:jurisdiction-list") + query + "&page_size=200"
            )
            self.assertEqual(response.status_code, 200)
            return {record["slug"] for record in response.json()["results"]}
        response = self.client.get(reverse("jurisdictions:jurisdiction-atom") + query)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        return {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries}

    def test_every_format_gives_the_current_members_only(self):
        cases = {
            "?listed=doj-list": {"los-angeles"},
            # Withdrawn: its members were never removed, yet none is current.
            "?listed=dhs-list": set(),
            "?listed=ice-list": {"denver"},
            "?listed=doj-list&listed=ice-list": {"los-angeles", "denver"},
            "?listed=doj-list,dhs-list": {"los-angeles"},
            "?listed=doj-list&state=NV": set(),
            "?listed=ice-list&state=CO&kind=city": {"denver"},
        }
        for query, expected in cases.items():
            for fmt in self.FORMATS:
                with self.subTest(query=query, format=fmt):
                    self.assertEqual(self.found(query, fmt), expected)

    def test_a_place_listed_twice_on_one_list_shows_once(self):
        make_list_entry(list=self.doj, jurisdiction=self.la, listed_on=D(2025, 12, 1))
        for fmt in self.FORMATS:
            with self.subTest(format=fmt):
                self.assertEqual(self.found("?listed=doj-list", fmt), {"los-angeles"})
        response = self.client.get(reverse("jurisdictions:jurisdiction-list"))
        self.assertEqual(self.facet(response), {"doj-list": 1, "ice-list": 1})

    def test_a_bad_list_slug_is_refused_everywhere(self):
        for slug in ["no-such-list", "draft-list", "draft-speaker-list", "a-threat"]:
            for url in [
                reverse("jurisdictions:jurisdiction-list"),
                reverse("jurisdictions:jurisdiction-csv"),
                reverse("jurisdictions:jurisdiction-atom"),
                reverse("api:jurisdiction-list"),
            ]:
                with self.subTest(url=url, slug=slug):
                    response = self.client.get(f"{url}?listed={slug}")
                    self.assertEqual(response.status_code, 400)
                    self.assertIn(slug, response.content.decode())
        page = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?listed=draft-list"
        )
        self.assertContains(page, 'class="error-summary"', status_code=400)
        self.assertNotContains(page, "<tbody", status_code=400)

    def test_the_summary_names_the_list(self):
        response = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?listed=doj-list"
        )
        self.assertEqual(response.context["summary"], "Jurisdictions now on “DOJ list”")
        self.assertEqual(response.context["paginator"].count, 1)

    def facet(self, response):
        (facet,) = [f for f in response.context["facets"] if f.name == "listed"]
        return {value.value: value.count for value in facet.values}

    def test_the_facet_counts_current_members_of_published_lists(self):
        url = reverse("jurisdictions:jurisdiction-list")
        response = self.client.get(url)
        # Not the withdrawn DHS list, nor Nevada or Baltimore County, nor the
        # draft entry, the draft place or the draft lists.
        self.assertEqual(self.facet(response), {"doj-list": 1, "ice-list": 1})
        (facet,) = [f for f in response.context["facets"] if f.name == "listed"]
        self.assertEqual(facet.label, "On federal list")
        self.assertEqual([v.label for v in facet.values], ["DOJ list", "ICE list"])
        self.assertEqual(
            self.facet(self.client.get(url + "?state=CA")), {"doj-list": 1}
        )
        self.assertEqual(self.facet(self.client.get(url + "?state=NV")), {})
        # Its own filter left out: ticking another list would add its count.
        ticked = self.client.get(url + "?listed=doj-list")
        self.assertEqual(self.facet(ticked), {"doj-list": 1, "ice-list": 1})
        self.assertTrue(
            next(f for f in ticked.context["facets"] if f.name == "listed")
            .values[0]
            .selected
        )

    def test_a_withdrawn_list_ticked_stays_listed_with_no_members(self):
        response = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?listed=dhs-list"
        )
        self.assertEqual(self.facet(response)["dhs-list"], 0)
        self.assertEqual(response.context["paginator"].count, 0)

    def test_other_facets_count_within_the_listed_filter(self):
        response = self.client.get(
            reverse("jurisdictions:jurisdiction-list")
            + "?listed=doj-list&listed=ice-list"
        )
        states = next(f for f in response.context["facets"] if f.name == "state")
        self.assertEqual({v.value: v.count for v in states.values}, {"CA": 1, "CO": 1})

    def test_the_facet_and_filter_agree_with_grouped_queries(self):
        url = reverse("jurisdictions:jurisdiction-list")
        for query in ["", "?state=CA", "?listed=doj-list", "?listed=ice-list&kind=city",
                      "?q=town", "?listed=dhs-list&state=CA"]:  # fmt: skip
            with self.subTest(query=query):
                summarised = self.client.get(url + query)
                # The same counts asked of the database: one grouped query
                # per facet, and the FilterSet's rows.
                filterset = summarised.context["filter"]
                live = [
                    facet.build(
                        filterset,
                        summarised.wsgi_request,
                        facet.counts(queryset_without(filterset, facet.name)),
                    )
                    for facet in JurisdictionListView.facets
                ]
                self.assertEqual(
                    [
                        (f.name, [(v.value, v.count) for v in f.values])
                        for f in summarised.context["facets"]
                    ],
                    [(f.name, [(v.value, v.count) for v in f.values]) for f in live],
                )
                self.assertEqual(
                    summarised.context["paginator"].count, filterset.qs.count()
                )

    def test_a_removal_shows_in_the_facet_and_filter_on_the_next_request(self):
        url = reverse("jurisdictions:jurisdiction-list")
        self.assertEqual(
            self.facet(self.client.get(url)), {"doj-list": 1, "ice-list": 1}
        )
        self.la_doj.removed_on = D(2026, 1, 1)
        self.la_doj.save()
        self.assertEqual(self.facet(self.client.get(url)), {"ice-list": 1})
        self.assertEqual(self.found("?listed=doj-list", "html"), set())
        self.assertEqual(self.found("?listed=doj-list", "api"), set())
        FederalStatement.objects.filter(pk=self.ice.pk).update(
            withdrawn_on=D(2026, 1, 2)
        )
        self.assertEqual(self.facet(self.client.get(url)), {})

    def test_a_warm_page_reads_the_facet_from_the_cache(self):
        url = reverse("jurisdictions:jurisdiction-list")
        self.client.get(url)
        # data version, page rows (the summary, checkboxes and list counts
        # are kept per data version)
        with self.assertNumQueries(2):
            self.client.get(url + "?ordering=name")
        self.client.get(url + "?listed=doj-list")
        # the list's slug, data version, page rows
        with self.assertNumQueries(3):
            self.client.get(url + "?listed=doj-list&page=1")

    def test_the_api_schema_documents_the_filter(self):
        schema = self.client.get(reverse("api:schema"), {"format": "json"}).json()
        listing = schema["paths"]["/api/v1/jurisdictions/"]["get"]
        (parameter,) = [p for p in listing["parameters"] if p["name"] == "listed"]
        # Any of several slugs, as ?listed=a&listed=b.
        self.assertEqual(parameter["schema"]["type"], "array")
        self.assertEqual(parameter["schema"]["items"]["type"], "string")


class ListEntriesDataTests(ListWorld):
    def test_the_dataset_holds_published_entries_only(self):
        response = self.client.get(reverse("jurisdictions:dataset-zip"))
        archive = zipfile.ZipFile(io.BytesIO(body(response)))
        text = archive.read("list_entries.csv").decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(
            list(rows[0]),
            [
                "list_slug",
                "jurisdiction_slug",
                "listed_on",
                "removed_on",
                "removal_note",
                "last_verified_on",
                "updated_at",
                "source_ids",
                "source_urls",
            ],
        )
        self.assertEqual(
            [(r["list_slug"], r["jurisdiction_slug"], r["removed_on"]) for r in rows],
            [
                ("dhs-list", "denver", ""),
                ("dhs-list", "los-angeles", ""),
                ("doj-list", "baltimore-county", "2025-10-31"),
                ("doj-list", "los-angeles", ""),
                ("doj-list", "nevada", "2025-09-26"),
                ("ice-list", "denver", ""),
            ],
        )
        nevada = rows[4]
        self.assertEqual(
            nevada["removal_note"], "Removed after a memorandum of understanding."
        )
        # Every source an entry cites is in sources.csv.
        sources = {
            row["id"]
            for row in csv.DictReader(io.StringIO(archive.read("sources.csv").decode()))
        }
        cited = {i for row in rows for i in row["source_ids"].split(";") if i}
        self.assertTrue(cited)
        self.assertLessEqual(cited, sources)
        self.assertIn("list_entries.csv", archive.read("README.txt").decode())

    def test_the_data_page_documents_the_table(self):
        html = self.client.get(reverse("jurisdictions:data")).content.decode()
        table = section(html, "table-list_entries")
        for column in LIST_ENTRIES.column_names():
            self.assertIn(f"<code>{column}</code>", table)
        self.assertIn("<code>withdrawn_on</code>", section(html, "table-statements"))

    def test_copy_writes_exactly_what_python_writes(self):
        if connection.vendor != "postgresql":
            self.skipTest("COPY is PostgreSQL's")
        for text in ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", 'a "quoted", b\nline']:
            make_list_entry(
                list=self.doj,
                removed_on=D(2025, 12, 1),
                removal_note=text,
                last_verified_on=D(2025, 12, 2),
            )
        base = "https://tracker.example.org"
        for table in (LIST_ENTRIES, STATEMENTS):
            with self.subTest(table=table.name):
                queryset = table.records()
                python = "".join(csv_chunks(table, queryset, base, bom=True))
                copied = "".join(pgcopy.copy_chunks(table, queryset, base, bom=True))
                self.assertGreater(python.count("\n"), 4)
                self.assertEqual(copied, python)


class ListEntryAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.editor = make_editor()
        cls.chief = make_chief_editor()
        cls.source = make_source()
        cls.doj = make_list(slug="doj-list", title="DOJ list")
        cls.place = make_jurisdiction(name="Carson City", stance="unknown")

    def add_entry(self, user, **fields):
        self.client.force_login(user)
        url = admin_url(ListEntry, "add")
        fields = {
            "list": str(self.doj.pk),
            "jurisdiction": str(self.place.pk),
            "listed_on": "2025-08-05",
            "sources": [str(self.source.pk)],
            **fields,
        }
        data = form_data(self.client.get(url), **fields)
        return self.client.post(url, data)

    def test_saving_an_entry_never_touches_the_place(self):
        before = Jurisdiction.objects.filter(pk=self.place.pk).values().get()
        for user, extra in [
            (self.chief, {"publication_status": "published"}),
            (self.editor, {"listed_on": "2025-09-01"}),
        ]:
            with self.subTest(user=user.username):
                response = self.add_entry(user, **extra)
                self.assertEqual(response.status_code, 302, form_errors(response))
        # Editing and removing it through the statement's inline too.
        self.client.force_login(self.chief)
        url = admin_url(FederalStatement, "change", self.doj.pk)
        data = form_data(self.client.get(url), **{"entries-0-removed_on": "2025-09-26"})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertEqual(ListEntry.objects.removed().count(), 1)
        after = Jurisdiction.objects.filter(pk=self.place.pk).values().get()
        self.assertEqual(after, before)  # stance, version, updated_at and all

    def test_only_a_publisher_publishes_an_entry(self):
        response = self.add_entry(self.editor, publication_status="published")
        self.assertEqual(response.status_code, 302, form_errors(response))
        entry = ListEntry.objects.get()
        self.assertEqual(entry.publication_status, DRAFT)
        self.client.force_login(self.editor)
        page = self.client.get(admin_url(ListEntry, "change", entry.pk))
        self.assertNotIn("publication_status", page.context["adminform"].form.fields)
        # The bulk action is the chief editor's, and needs a source.
        unsourced = make_list_entry(list=self.doj, publication_status=DRAFT, sources=[])
        self.client.force_login(self.chief)
        response = self.client.post(
            admin_url(ListEntry, "changelist"),
            {"action": "publish", "_selected_action": [entry.pk, unsourced.pk]},
            follow=True,
        )
        self.assertIn("Published: 1 list entry.", messages_of(response))
        entry.refresh_from_db()
        unsourced.refresh_from_db()
        self.assertEqual(entry.publication_status, "published")
        self.assertEqual(unsourced.publication_status, DRAFT)

    def test_removal_before_listing_is_refused_on_the_field(self):
        response = self.add_entry(self.chief, removed_on="2025-08-04")
        self.assertEqual(response.status_code, 200)
        self.assertIn("removed_on", response.context["adminform"].form.errors)
        self.assertFalse(ListEntry.objects.exists())

    def test_the_list_must_be_a_designation(self):
        threat = make_statement(kind="threat")
        response = self.add_entry(self.chief, list=str(threat.pk))
        self.assertEqual(response.status_code, 200)
        self.assertIn("list", response.context["adminform"].form.errors)
        self.client.force_login(self.chief)
        found = self.client.get(
            reverse("admin:autocomplete"),
            {
                "term": "",
                "app_label": "jurisdictions",
                "model_name": "listentry",
                "field_name": "list",
            },
        ).json()["results"]
        self.assertEqual([r["id"] for r in found], [str(self.doj.pk)])

    def test_a_list_with_members_keeps_its_kind(self):
        make_list_entry(list=self.doj, jurisdiction=self.place)
        self.client.force_login(self.chief)
        url = admin_url(FederalStatement, "change", self.doj.pk)
        response = self.client.post(url, form_data(self.client.get(url), kind="threat"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("kind", response.context["adminform"].form.errors)

    def test_only_a_saved_list_has_the_members_inline(self):
        self.client.force_login(self.chief)
        threat = make_statement(kind="threat")
        for statement, shown in [(self.doj, True), (threat, False)]:
            response = self.client.get(
                admin_url(FederalStatement, "change", statement.pk)
            )
            formsets = [
                i.formset.prefix for i in response.context["inline_admin_formsets"]
            ]
            self.assertEqual("entries" in formsets, shown, statement.kind)
        response = self.client.get(admin_url(FederalStatement, "add"))
        self.assertEqual(response.context["inline_admin_formsets"], [])
        form = response.context["adminform"].form
        self.assertIn("withdrawn_on", form.fields)
        self.assertIn("withdrawal_note", form.fields)

    def test_the_changelist_filters_current_and_removed_members(self):
        current = make_list_entry(list=self.doj)
        removed = make_list_entry(list=self.doj, removed_on=D(2025, 9, 26))
        withdrawn = make_list(slug="dhs-list", withdrawn_on=D(2025, 6, 1))
        gone = make_list_entry(list=withdrawn)
        self.client.force_login(self.editor)
        url = admin_url(ListEntry, "changelist")
        for query, expected in [
            ("", {current, removed, gone}),
            ("?membership=current", {current}),
            ("?membership=removed", {removed}),
            ("?membership=withdrawn", {gone}),
            (f"?list__id__exact={withdrawn.pk}", {gone}),
            ("?q=dhs-list", {gone}),
        ]:
            with self.subTest(query=query):
                response = self.client.get(url + query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(set(response.context["cl"].result_list), expected)
        for view in ("add", "change", "history"):
            args = (current.pk,) if view != "add" else ()
            self.assertEqual(
                self.client.get(admin_url(ListEntry, view, *args)).status_code, 200
            )
