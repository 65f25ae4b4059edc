"""Hostile content entered through the admin stays inert on every way out.

tests/hostile.py enters the data set as an editor would; these tests read
every public page, CSV, feed and API response built from it.
"""

import csv
import io
import json
import zipfile
from html import escape
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
from django.db import IntegrityError, transaction
from django.test import Client, TestCase
from django.urls import reverse

from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
    Source,
)

from . import hostile
from .hostile import (
    CONTROL,
    FORMULA_PREFIXES,
    HOSTILE_HTTP_URL,
    REFUSED_URLS,
    RLO,
    SCRIPT,
    TEXT_LENGTH,
    URL_FIELDS,
    WHITESPACE_PREFIXES,
    WORD,
)

# Written out rather than imported from the exports module, so a change
# there cannot quietly weaken this test.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# Markup from the payload that must never reach a page as markup.
RAW_MARKUP = (
    "<script>alert",
    "<img src=x",
    "<svg onload",
    'href="javascript:',
    "<a href=data:",
)
ESCAPED_SCRIPT = escape(SCRIPT, quote=False)


def scheme_of(url):
    # Browsers ignore leading spaces and control characters and drop tabs and
    # newlines inside a URL, so "java\tscript:" is still javascript:.
    cleaned = "".join(ch for ch in url if ord(ch) > 0x20).lower()
    return cleaned.split(":", 1)[0] + ":" if ":" in cleaned else ""


# The map, the timeline and their legends' swatches: the only <svg> the
# templates write. A payload's <svg> has none of these classes.
SITE_SVGS = {
    "map-svg",
    "map-swatch",
    "timeline-svg",
    "timeline-svg timeline-svg--yearly",
    "timeline-defs",
    "timeline-swatch",
}


class MarkupAudit(HTMLParser):
    """Collect anything in an HTML document that could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and scheme_of(value or "") in (DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "svg" and attributes.get("class") in SITE_SVGS:
            pass  # the site's own drawings (no on* attribute: checked above)
        elif tag in ("svg", "iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}>")
        if tag == "img" and not (attributes.get("src") or "").startswith("/static/"):
            self.problems.append(f"<img src={attributes.get('src')!r}>")
        if tag == "script":
            src = attributes.get("src") or ""
            if not (
                src.startswith("/static/")
                or attributes.get("type") == "application/json"
            ):
                self.problems.append(f"<script {attributes}>")
            self.script = tag

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script and WORD in data:
            self.problems.append(f"record text inside a script: {data[:80]!r}")


def markup_problems(html):
    audit = MarkupAudit()
    audit.feed(html)
    audit.close()
    lowered = html.lower()
    return audit.problems + [
        f"raw {marker!r}" for marker in RAW_MARKUP if marker.lower() in lowered
    ]


class HostileContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.records = hostile.build(Client())
        r = cls.records
        # No admin path keeps a leading CR (forms strip it, the import reads
        # the file with universal newlines), but the shell can store one.
        cr = Jurisdiction.objects.get(slug="hostile-ws-1")
        cr.name = "\r" + cr.name[1:]
        cr.save()
        r["imported"] = list(
            Jurisdiction.objects.filter(slug__startswith="hostile-ws-")
        )
        cls.places = [r["state"], r["county"], r["city"], r["district"], *r["imported"]]
        cls.people = [r["federal_person"], r["local_person"]]
        cls.instruments = [
            r["basis"],
            r["ordinance"],
            r["resolution"],
            r["statement"],
            r["case"],
            r["list"],
            r["withdrawn_list"],
        ]

    def get(self, url, status=200, **headers):
        response = self.client.get(url, **headers)
        self.assertEqual(response.status_code, status, url)
        return response

    def assertInert(self, url, response, expect_payload=True):
        body = response.content.decode()
        self.assertEqual(markup_problems(body), [], url)
        if expect_payload:
            # Proves the hostile records were on the page at all.
            self.assertTrue(ESCAPED_SCRIPT in body, url)

    # The data went in whole ------------------------------------------------

    def test_longest_allowed_values_are_stored_whole(self):
        r = self.records
        self.assertEqual(r["city"].name, hostile.text_for(Jurisdiction, "name", "-"))
        self.assertEqual(len(r["city"].name), 200)
        self.assertEqual(len(r["city"].summary), TEXT_LENGTH)
        self.assertEqual(len(r["ordinance"].title), 300)
        self.assertEqual(len(r["statement"].quote), TEXT_LENGTH)
        self.assertEqual(len(r["source"].note), TEXT_LENGTH)
        for place in self.places:
            self.assertIn(SCRIPT, place.name)
            self.assertIn(RLO, place.name)
            self.assertIn(CONTROL, place.summary)
        imported = {p.slug: p.name[0] for p in r["imported"]}
        self.assertEqual(imported["hostile-ws-0"], "\t")
        self.assertEqual(imported["hostile-ws-2"], "\n")
        self.assertTrue(all(p.is_published for p in r["imported"]))
        self.assertTrue(Quote.objects.published().filter(text__contains=WORD).count())

    # Every public page ---------------------------------------------------

    def public_pages(self):
        """(url, status, shows the payload) for every public HTML page."""
        pages = [
            (reverse("jurisdictions:home"), 200, True),
            (reverse("jurisdictions:provision-list"), 200, True),
            (reverse("jurisdictions:stance-criteria"), 200, True),
            (reverse("jurisdictions:data"), 200, False),
            # Counts only: no record's text.
            (reverse("jurisdictions:method"), 200, False),
        ]
        # Each list, filtered by the hostile records (their names then appear
        # in the summary, the title and the facets), with the slug filter
        # whose unknown value the error message repeats.
        lists = {
            "jurisdiction-list": (
                "provision",
                ["provision=hostile-provision", "state=CA", "listed=hostile-list"],
            ),
            "ordinance-list": (
                "jurisdiction",
                ["jurisdiction=hostile-city", "provision=hostile-provision"],
            ),
            "resolution-list": ("district", ["district=hostile-district"]),
            "statement-list": (
                "speaker",
                ["speaker=hostile-official", "target=hostile-city"],
            ),
            "case-list": (
                "jurisdiction",
                ["jurisdiction=hostile-city", "state=CA", "status=dismissed"],
            ),
        }
        for name, (bad_filter, queries) in lists.items():
            url = reverse(f"jurisdictions:{name}")
            pages.append((url, 200, True))
            for query in [f"q={WORD}", *queries]:
                pages.append((f"{url}?{query}", 200, True))
            # Invalid input is echoed in the error messages.
            for query in [
                f"{bad_filter}=%3Cscript%3Ealert(1)%3C/script%3E",
                "q=" + "%3Cimg%20src=x%20onerror=alert(1)%3E" * 20,
                "state=%22%3E%3Csvg%20onload=alert(1)%3E",
                "page=%3Cscript%3E",
                "ordering=%3Cscript%3E",
            ]:
                pages.append((f"{url}?{query}", 400, False))
        url = reverse("jurisdictions:jurisdiction-list")
        pages.append((f"{url}?listed=%3Cscript%3Ealert(1)%3C/script%3E", 400, False))
        # The states page shows the hostile state's name, its laws and the
        # list; bad filters are echoed in its messages.
        states = reverse("jurisdictions:state-list")
        pages += [
            (states, 200, True),
            (f"{states}?listed=hostile-list", 200, True),
            (f"{states}?direction=%3Cscript%3Ealert(1)%3C/script%3E", 400, False),
            (f"{states}?listed=%3Cscript%3Ealert(1)%3C/script%3E", 400, False),
            (reverse("jurisdictions:timeline"), 200, False),
        ]
        # Place search lists the hostile places by a word of their names and
        # echoes what was typed.
        places = reverse("jurisdictions:place-search")
        pages += [
            (f"{places}?q={WORD}", 200, True),
            (f"{places}?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, False),
            (f"{places}?q=" + "%3Cscript%3E" * 30, 400, False),
        ]
        for record in [*self.places, *self.people, *self.instruments]:
            url = record.get_absolute_url()
            # The record's page, its correction form and the thanks page name it.
            for page in (url, f"{url}correct/", f"{url}correct/thanks/"):
                pages.append((page, 200, True))
        # The log of changes names the hostile records; bad filters are echoed.
        changes = reverse("jurisdictions:change-list")
        pages += [
            (changes, 200, True),
            (f"{changes}?state=CA", 200, True),
            (f"{changes}?kind=%3Cscript%3Ealert(1)%3C/script%3E", 400, False),
            (f"{changes}?date_after=%3Cscript%3E", 400, False),
        ]
        pages.append(("/no-such-page/%3Cscript%3Ealert(1)%3C/script%3E", 404, False))
        return pages

    def test_every_public_page_escapes_the_payload(self):
        for url, status, shows_payload in self.public_pages():
            with self.subTest(url=url):
                self.assertInert(url, self.get(url, status), shows_payload)

    def test_record_urls_and_links_stay_inside_their_attribute(self):
        page = self.get(self.records["ordinance"].get_absolute_url())
        self.assertContains(page, f'href="{escape(HOSTILE_HTTP_URL)}"')
        self.assertNotContains(page, 'href="javascript:')
        place = self.get(self.records["city"].get_absolute_url())
        self.assertContains(place, f'href="{escape(HOSTILE_HTTP_URL)}"')

    def test_filter_summary_in_the_title_and_feed_link_is_escaped(self):
        url = reverse("jurisdictions:ordinance-list") + "?jurisdiction=hostile-city"
        page = self.get(url).content.decode()
        head = page.split("</head>")[0]
        self.assertIn(ESCAPED_SCRIPT, head)
        self.assertEqual(markup_problems(head), [])

    # CSV and the dataset zip ---------------------------------------------

    def assertCsvSafe(self, name, text):
        rows = list(csv.reader(io.StringIO(text)))
        self.assertGreater(len(rows), 1, name)
        for row in rows[1:]:
            for cell in row:
                self.assertFalse(cell.startswith(FORMULA_TRIGGERS), (name, cell[:40]))
        return rows

    def test_csv_exports_neutralise_every_formula_cell(self):
        for name in [
            "jurisdiction",
            "ordinance",
            "resolution",
            "statement",
            "case",
            "change",
        ]:
            url = reverse(f"jurisdictions:{name}-csv")
            for query in ["", f"?q={WORD}"]:
                with self.subTest(url=url + query):
                    response = self.get(url + query)
                    self.assertTrue(response["Content-Type"].startswith("text/csv"))
                    self.assertTrue(
                        response["Content-Disposition"].startswith("attachment")
                    )
                    text = b"".join(response.streaming_content).decode()
                    rows = self.assertCsvSafe(url, text)
                    self.assertTrue(any(WORD in cell for row in rows for cell in row))

    def test_the_states_csv_neutralises_every_formula_cell(self):
        response = self.get(reverse("jurisdictions:state-csv"))
        self.assertTrue(response["Content-Type"].startswith("text/csv"))
        text = response.content.decode().lstrip("\ufeff")
        rows = self.assertCsvSafe("states.csv", text)
        self.assertTrue(any(WORD in cell for row in rows for cell in row))

    def test_csv_keeps_the_text_behind_one_apostrophe(self):
        response = self.get(reverse("jurisdictions:jurisdiction-csv"))
        text = b"".join(response.streaming_content).decode()
        names = {row["slug"]: row["name"] for row in csv.DictReader(io.StringIO(text))}
        for place in self.places:
            self.assertEqual(names[place.slug], "'" + place.name)
        prefixes = {names[p.slug][1] for p in self.places}
        self.assertEqual(prefixes, set(FORMULA_PREFIXES + WHITESPACE_PREFIXES))

    def test_dataset_zip_neutralises_every_formula_cell(self):
        response = self.get(reverse("jurisdictions:dataset-zip"))
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        found = set()
        for member in archive.namelist():
            if not member.endswith(".csv"):
                continue
            with self.subTest(member=member):
                rows = self.assertCsvSafe(member, archive.read(member).decode())
                if any(WORD in cell for row in rows for cell in row):
                    found.add(member)
        self.assertLessEqual(
            {
                "jurisdictions.csv",
                "ordinances.csv",
                "ordinance_actions.csv",
                "resolutions.csv",
                "statements.csv",
                "list_entries.csv",
                "cases.csv",
                "people.csv",
                "quotes.csv",
                "provisions.csv",
                "sources.csv",
            },
            found,
        )

    # Atom feeds ----------------------------------------------------------

    def feed_urls(self):
        urls = [reverse("jurisdictions:updates-feed")]
        urls.append(reverse("jurisdictions:change-atom"))
        for name in ["jurisdiction", "ordinance", "resolution", "statement", "case"]:
            url = reverse(f"jurisdictions:{name}-atom")
            urls += [url, f"{url}?q={WORD}"]
        # Each hostile place's own feed.
        urls += [
            reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": place.slug})
            for place in self.places
        ]
        return urls

    def test_feeds_parse_and_carry_no_markup(self):
        for url in self.feed_urls():
            with self.subTest(url=url):
                content = self.get(url).content
                feed = feedparser.parse(content)
                self.assertFalse(feed.bozo, feed.get("bozo_exception"))
                self.assertTrue(any(WORD in e.title for e in feed.entries))
                root = ElementTree.fromstring(content)
                typed = [
                    el for el in root.iter() if el.get("type") in ("html", "xhtml")
                ]
                self.assertTrue(typed, "no HTML-typed element to check")
                for element in typed:
                    # A reader renders these as HTML after decoding the XML.
                    self.assertEqual(markup_problems(element.text or ""), [])
                for element in root.iter():
                    self.assertNotIn("javascript:", element.get("href", ""))

    def test_feed_text_round_trips_without_the_characters_xml_forbids(self):
        url = (
            reverse("jurisdictions:statement-atom")
            # The threat alone: the hostile lists share its speaker.
            + "?speaker=hostile-official&kind=threat"
        )
        feed = feedparser.parse(self.get(url).content)
        statement = self.records["statement"]
        (entry,) = feed.entries
        self.assertEqual(
            entry.title, "".join(ch for ch in statement.title if ch not in CONTROL)
        )

    # JSON API ------------------------------------------------------------

    def api_urls(self):
        urls = []
        for name, records in [
            ("jurisdiction", self.places),
            ("ordinance", [self.records["basis"], self.records["ordinance"]]),
            ("resolution", [self.records["resolution"]]),
            (
                "statement",
                [
                    self.records["statement"],
                    self.records["list"],
                    self.records["withdrawn_list"],
                ],
            ),
            ("case", [self.records["case"]]),
        ]:
            url = reverse(f"api:{name}-list")
            urls += [url, f"{url}?q={WORD}"]
            urls += [
                reverse(f"api:{name}-detail", kwargs={"slug": r.slug}) for r in records
            ]
        return urls

    def test_api_returns_the_text_exactly_as_json_never_as_html(self):
        for url in self.api_urls():
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                body = response.content.decode()
                # Not even inside strings: "<" travels as \u003c. (Short
                # messages: the bodies run to hundreds of kilobytes.)
                self.assertFalse("<" in body or ">" in body, url)
                self.assertTrue(WORD in body, url)
        detail = self.get(
            reverse("api:ordinance-detail", kwargs={"slug": "hostile-ordinance"})
        )
        data = json.loads(detail.content)
        ordinance = self.records["ordinance"]
        self.assertEqual(data["title"], ordinance.title)
        self.assertEqual(data["summary"], ordinance.summary)
        self.assertEqual(data["text_url"], HOSTILE_HTTP_URL)
        self.assertEqual(data["jurisdiction"]["name"], self.records["city"].name)

    def test_api_asked_for_html_answers_nothing_that_runs(self):
        for url in self.api_urls():
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ACCEPT="text/html")
                body = response.content.decode()
                if response["Content-Type"].startswith("text/html"):
                    # A browsable API page must escape like any other page.
                    self.assertEqual(markup_problems(body), [], url)
                else:
                    self.assertFalse("<" in body or ">" in body, url)

    def test_every_public_route_is_checked_here(self):
        """A new public URL must be added to these checks, or listed as exempt."""
        exempt = {
            # No record text: the schema and its documentation page.
            "api:schema",
            "api:docs",
            "api:api-root",
        }
        checked = {
            "jurisdictions:home",
            "jurisdictions:provision-list",
            "jurisdictions:stance-criteria",
            "jurisdictions:method",
            "jurisdictions:data",
            "jurisdictions:dataset-zip",
            "jurisdictions:updates-feed",
            "jurisdictions:state-list",
            "jurisdictions:state-csv",
            "jurisdictions:timeline",
            "jurisdictions:place-search",
            "jurisdictions:jurisdiction-feed",
        }
        for name in ["jurisdiction", "ordinance", "resolution", "statement", "case"]:
            checked |= {
                f"jurisdictions:{name}-{kind}"
                for kind in ("list", "detail", "csv", "atom")
            }
            checked |= {f"api:{name}-list", f"api:{name}-detail"}
        checked.add("jurisdictions:person-detail")
        # Each record's correction form and its thanks page; the log of changes.
        for name in ["jurisdiction", "ordinance", "resolution", "statement", "case"]:
            checked |= {
                f"jurisdictions:{name}-correct",
                f"jurisdictions:{name}-correct-thanks",
            }
        checked |= {
            "jurisdictions:person-correct",
            "jurisdictions:person-correct-thanks",
            "jurisdictions:change-list",
            "jurisdictions:change-csv",
            "jurisdictions:change-atom",
        }
        self.assertEqual(hostile.named_routes("jurisdictions", "api") - exempt, checked)


class AdminRefusesHostileInputTests(TestCase):
    """Over-long values and non-http(s) URLs get a field error, not a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = hostile.make_superuser()
        cls.source = Source.objects.create(title="Clerk", url="https://clerk.example")
        cls.city = Jurisdiction.objects.create(
            name="Springfield", slug="springfield", kind="city", state="IL"
        )
        cls.district = Jurisdiction.objects.create(
            name="Springfield SD",
            slug="springfield-sd",
            kind="school_district",
            state="IL",
        )
        cls.person = Person.objects.create(name="Mayor", slug="mayor")
        cls.ordinance = Ordinance.objects.create(
            title="Welcoming City", slug="welcoming", jurisdiction=cls.city
        )

    def setUp(self):
        self.client.force_login(self.superuser)

    def valid_fields(self, model):
        """A complete, valid add form for `model`, before the value under test."""
        return {
            Jurisdiction: {
                "name": "Shelbyville",
                "slug": "shelbyville",
                "kind": "city",
                "state": "IL",
                "stance": "unknown",
            },
            Person: {"name": "Council member", "slug": "council-member"},
            Ordinance: {
                "title": "Trust Act",
                "slug": "trust-act",
                "jurisdiction": str(self.city.pk),
                "instrument": "ordinance",
                "status": "passed",
            },
            SchoolDistrictResolution: {
                "title": "Safe Haven",
                "slug": "safe-haven",
                "district": str(self.district.pk),
                "status": "adopted",
            },
            FederalStatement: {"title": "Threat", "slug": "threat", "kind": "threat"},
            Source: {"title": "Gazette"},
            PolicyProvision: {
                "name": "Something",
                "slug": "something",
                "category": "other",
                "description": "What counts.",
            },
            Quote: {
                "person": str(self.person.pk),
                "text": "Words.",
                "jurisdiction": str(self.city.pk),
            },
            Case: {
                "title": "Springfield v. Shelbyville",
                "slug": "springfield-v-shelbyville",
                "court": "Superior Court",
                "status": "pending",
            },
        }[model]

    def assertRefusedOnField(self, model, field, value):
        before = model.objects.count()
        response = hostile.post_add_form(
            self.client, model, {**self.valid_fields(model), field: value}
        )
        self.assertEqual(response.status_code, 200, (model, field))
        errors = response.context["adminform"].form.errors
        self.assertIn(field, errors, (model, field))
        self.assertEqual(model.objects.count(), before)

    def test_valid_fields_are_accepted(self):
        """Each refusal below is down to the value under test alone."""
        for model in [
            Jurisdiction,
            Person,
            Ordinance,
            SchoolDistrictResolution,
            FederalStatement,
            Source,
            PolicyProvision,
            Quote,
            Case,
        ]:
            with self.subTest(model=model.__name__), transaction.atomic():
                response = hostile.post_add_form(
                    self.client, model, self.valid_fields(model)
                )
                self.assertEqual(
                    response.status_code, 302, hostile.form_errors(response)
                )
                transaction.set_rollback(True)

    def test_over_long_values_get_a_field_error(self):
        tested = []
        for model in [
            Jurisdiction,
            Person,
            Ordinance,
            SchoolDistrictResolution,
            FederalStatement,
            Source,
            PolicyProvision,
            Case,
        ]:
            form = hostile.post_add_form(self.client, model, {}).context["adminform"]
            for name, field in form.form.fields.items():
                max_length = getattr(field, "max_length", None)
                if max_length is None or max_length >= TEXT_LENGTH:
                    continue
                with self.subTest(model=model.__name__, field=name):
                    self.assertRefusedOnField(model, name, hostile.hostile(TEXT_LENGTH))
                    tested.append((model, name))
        # The names and titles at least; the loop finds the rest itself.
        for model, name in [
            (Jurisdiction, "name"),
            (Person, "name"),
            (Ordinance, "title"),
            (SchoolDistrictResolution, "title"),
            (FederalStatement, "title"),
            (Source, "title"),
            (Case, "title"),
            (Case, "court"),
            (Case, "docket"),
        ]:
            self.assertIn((model, name), tested)

    def test_non_http_urls_are_refused_by_the_admin_form(self):
        for model, field in URL_FIELDS:
            for url in REFUSED_URLS:
                with self.subTest(model=model.__name__, field=field, url=url):
                    self.assertRefusedOnField(model, field, url)

    def test_non_http_urls_are_refused_by_the_database(self):
        records = {
            Source: self.source,
            Ordinance: self.ordinance,
            Jurisdiction: self.city,
        }
        for model, field in URL_FIELDS:
            rows = model.objects.filter(pk=records[model].pk)
            for url in REFUSED_URLS:
                with self.subTest(model=model.__name__, field=field, url=url):
                    with self.assertRaises(IntegrityError), transaction.atomic():
                        rows.update(**{field: url})
            rows.update(**{field: HOSTILE_HTTP_URL})
            rows.update(**{field: ""})

    def test_non_http_urls_are_refused_by_the_csv_import(self):
        header = "slug,name,kind,state,website\n"
        for url in REFUSED_URLS:
            with self.subTest(url=url):
                with self.assertRaisesMessage(AssertionError, "refused the file"):
                    hostile.csv_import(
                        self.client,
                        Jurisdiction,
                        header + f"bad,Bad,city,IL,{hostile.csv_cell(url)}\n",
                    )
        self.assertFalse(Jurisdiction.objects.filter(slug="bad").exists())
