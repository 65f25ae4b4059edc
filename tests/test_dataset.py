import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jurisdictions.columns import DATASET_TABLES, SCHEMA_VERSION
from jurisdictions.exports import csv_chunks

from .factories import (
    make_action,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_source,
    make_statement,
)

TABLES = [
    "jurisdictions",
    "ordinances",
    "ordinance_actions",
    "resolutions",
    "statements",
    "list_entries",
    "cases",
    "people",
    "quotes",
    "provisions",
    "sources",
]


def documented_columns(html):
    """Read the data dictionary off the /data/ page: {table: [columns]}."""
    tables = {}
    for name, section in re.findall(
        r'<section aria-labelledby="table-(\w+)">(.*?)</section>', html, re.S
    ):
        tables[name] = re.findall(r'<th scope="row"><code>(\w+)</code></th>', section)
    return tables


def unzip(content):
    """Map each member of a zip to its text."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


class DatasetTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        cls.cited = make_source(url="https://example.org/cited")
        cls.action_source = make_source(url="https://example.org/vote")
        cls.draft_only = make_source(url="https://example.org/draft-only")
        cls.la = make_jurisdiction(slug="la", sources=[cls.cited])
        cls.draft_place = make_jurisdiction(
            slug="draft-place", publication_status="draft", sources=[cls.draft_only]
        )
        cls.ordinance = make_ordinance(
            slug="ord", jurisdiction=cls.la, provisions=[cls.shield], sources=[]
        )
        action = make_action(ordinance=cls.ordinance, action="passed", votes_for=12)
        action.sources.set([cls.action_source])
        cls.draft_ordinance = make_ordinance(
            slug="draft-ord",
            jurisdiction=cls.la,
            publication_status="draft",
            sources=[cls.draft_only],
        )
        make_action(ordinance=cls.draft_ordinance, action="vetoed")
        cls.mayor = make_person(slug="mayor", jurisdiction=cls.la, sources=[])
        make_person(slug="draft-person", publication_status="draft", sources=[])
        make_quote(
            person=cls.mayor, ordinance=cls.ordinance, text="We stand.", sources=[]
        )
        make_quote(person=cls.mayor, ordinance=cls.draft_ordinance, text="Hidden.")
        make_resolution(slug="res", provisions=[cls.shield], sources=[])
        make_statement(slug="st", targets=[cls.la, cls.draft_place], sources=[])

    def download(self):
        response = self.client.get(reverse("jurisdictions:dataset-zip"))
        self.assertEqual(response.status_code, 200)
        return response, unzip(b"".join(response.streaming_content))


class DataDictionaryTests(DatasetTestCase):
    def test_every_documented_column_is_in_the_zip_and_no_other(self):
        page = self.client.get(reverse("jurisdictions:data"))
        documented = documented_columns(page.content.decode())
        self.assertEqual(sorted(documented), sorted(TABLES))
        _, members = self.download()
        for table in TABLES:
            with self.subTest(table=table):
                header = next(csv.reader(io.StringIO(members[f"{table}.csv"])))
                self.assertEqual(header, documented[table])
                self.assertTrue(documented[table])

    def test_list_csvs_have_the_documented_columns_too(self):
        documented = documented_columns(
            self.client.get(reverse("jurisdictions:data")).content.decode()
        )
        for name, table in [
            ("jurisdiction-csv", "jurisdictions"),
            ("ordinance-csv", "ordinances"),
            ("resolution-csv", "resolutions"),
            ("statement-csv", "statements"),
            ("case-csv", "cases"),
        ]:
            with self.subTest(name=name):
                response = self.client.get(reverse(f"jurisdictions:{name}"))
                text = b"".join(response.streaming_content).decode()
                self.assertEqual(next(csv.reader(io.StringIO(text))), documented[table])

    def test_page_gives_licence_update_frequency_and_citation(self):
        response = self.client.get(reverse("jurisdictions:data"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "jurisdictions/data.html")
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "CC BY 4.0")
        self.assertContains(response, "https://creativecommons.org/licenses/by/4.0/")
        self.assertContains(response, "How often it changes")
        self.assertContains(response, "How to cite")
        self.assertContains(response, f"schema version {SCHEMA_VERSION}")
        self.assertContains(response, reverse("jurisdictions:dataset-zip"))
        self.assertContains(response, reverse("api:docs"))
        html = response.content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        self.assertNotIn("<script", main)
        self.assertNotIn("<style", main)
        self.assertNotIn(" style=", main)


class DatasetZipTests(DatasetTestCase):
    def test_one_csv_per_table_and_a_readme(self):
        response, members = self.download()
        self.assertEqual(response["Content-Type"], "application/zip")
        today = timezone.localdate().isoformat()
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="sanctuary-tracker-{today}.zip"',
        )
        self.assertEqual(
            sorted(members), sorted([f"{t}.csv" for t in TABLES] + ["README.txt"])
        )
        readme = members["README.txt"]
        self.assertIn(f"Schema version: {SCHEMA_VERSION}", readme)
        generated = re.search(r"Generated at: (\S+)", readme).group(1)
        self.assertEqual(generated[:10], today)
        self.assertIn("CC BY 4.0", readme)

    def test_only_published_records_and_what_they_cite(self):
        _, members = self.download()
        slugs = {
            table: {row.get("slug") for row in rows(members[f"{table}.csv"])}
            for table in ["jurisdictions", "ordinances", "people", "statements"]
        }
        self.assertNotIn("draft-place", slugs["jurisdictions"])
        self.assertIn("la", slugs["jurisdictions"])
        self.assertEqual(slugs["ordinances"], {"ord"})
        self.assertNotIn("draft-person", slugs["people"])
        self.assertIn("mayor", slugs["people"])

        actions = rows(members["ordinance_actions.csv"])
        self.assertEqual(
            [(a["ordinance_slug"], a["action"]) for a in actions], [("ord", "passed")]
        )
        self.assertEqual(actions[0]["votes_for"], "12")
        self.assertEqual(actions[0]["source_ids"], str(self.action_source.pk))

        quotes = rows(members["quotes.csv"])
        self.assertEqual([q["text"] for q in quotes], ["We stand."])
        self.assertEqual(quotes[0]["subject_table"], "ordinances")
        self.assertEqual(quotes[0]["subject_slug"], "ord")
        self.assertEqual(quotes[0]["person_slug"], "mayor")

        (statement,) = rows(members["statements.csv"])
        self.assertEqual(statement["targets"], "la")

        urls = {row["url"] for row in rows(members["sources.csv"])}
        self.assertIn("https://example.org/cited", urls)
        self.assertIn("https://example.org/vote", urls)
        self.assertNotIn("https://example.org/draft-only", urls)

        provisions = rows(members["provisions.csv"])
        self.assertIn("shield", [p["slug"] for p in provisions])

    def test_each_member_is_the_text_the_csv_writer_writes(self):
        with CaptureQueriesContext(connection) as queries:
            _, members = self.download()
        for table in DATASET_TABLES:
            with self.subTest(table=table.name):
                written = csv_chunks(table, table.records(), "http://testserver")
                self.assertEqual(members[f"{table.name}.csv"], "".join(written))
        if connection.vendor == "postgresql":
            # PostgreSQL writes every table itself, one COPY each.
            copies = [q for q in queries if q["sql"].startswith("COPY ")]
            self.assertEqual(len(copies), len(DATASET_TABLES))

    def test_export_dataset_command_writes_the_same_zip(self):
        _, served = self.download()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "dataset.zip"
            call_command(
                "export_dataset",
                str(path),
                site_url="http://testserver",
                stdout=io.StringIO(),
            )
            written = unzip(path.read_bytes())
            self.assertEqual(list(Path(folder).iterdir()), [path])
        self.assertEqual(sorted(written), sorted(served))
        for name in TABLES:
            with self.subTest(table=name):
                self.assertEqual(written[f"{name}.csv"], served[f"{name}.csv"])
