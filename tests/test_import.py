from io import StringIO
from pathlib import Path

import tablib
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from jurisdictions.choices import PublicationStatus
from jurisdictions.models import Jurisdiction, Ordinance, Source
from jurisdictions.resources import JurisdictionResource

from .factories import make_editor, make_jurisdiction, make_provision, make_source

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
HEADER = "slug,name,kind,state,parent,geoid,stance,sources\n"


def csv_file(text, name="rows.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.editor = make_editor(username="eddie")
        cls.source = make_source(url="https://clerk.example.org/1")

    def setUp(self):
        self.client.force_login(self.editor)

    def preview(self, model, text):
        url = reverse(f"admin:jurisdictions_{model._meta.model_name}_import")
        return self.client.post(
            url, {"import_file": csv_file(text), "format": "0", "resource": "0"}
        )

    def confirm(self, model, preview):
        self.assertIsNotNone(preview.context.get("confirm_form"), self.errors(preview))
        url = reverse(f"admin:jurisdictions_{model._meta.model_name}_process_import")
        return self.client.post(url, preview.context["confirm_form"].initial)

    def errors(self, preview):
        result = preview.context.get("result")
        if result is None:
            return preview.context["form"].errors
        return [
            (row.number, row.error_dict if hasattr(row, "error_dict") else row)
            for row in result.invalid_rows
        ] + [str(e.error) for _, errors in result.row_errors() for e in errors]


class JurisdictionImportTests(ImportTestCase):
    def test_editors_find_the_import_button_on_the_list(self):
        response = self.client.get(
            reverse("admin:jurisdictions_jurisdiction_changelist")
        )
        self.assertContains(
            response, reverse("admin:jurisdictions_jurisdiction_import")
        )

    def test_one_bad_row_is_reported_and_nothing_is_written(self):
        rows = HEADER + (
            "shelbyville-il,Shelbyville,city,IL,,1769056,unknown,"
            "https://clerk.example.org/1\n"
            "bad-county-il,Bad County,county,IL,,1717,unknown,\n"
            "ogdenville-il,Ogdenville,city,IL,nowhere-il,,unknown,\n"
        )
        before = Jurisdiction.history.count()
        response = self.preview(Jurisdiction, rows)
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context.get("confirm_form"))
        invalid = {row.number: row for row in response.context["result"].invalid_rows}
        self.assertEqual(sorted(invalid), [2, 3])
        self.assertIn(
            "The GEOID does not have the shape its kind requires",
            " ".join(invalid[2].non_field_specific_errors),
        )
        self.assertEqual(
            invalid[3].field_specific_errors["parent"],
            [
                "No jurisdiction has the slug “nowhere-il”. Import it first, or "
                "check the spelling."
            ],
        )
        self.assertContains(response, "nowhere-il")
        self.assertFalse(Jurisdiction.objects.exists())
        self.assertEqual(Jurisdiction.history.count(), before)

    def test_a_bad_row_aborts_the_whole_file_even_without_a_preview(self):
        dataset = tablib.Dataset().load(
            HEADER
            + "shelbyville-il,Shelbyville,city,IL,,,unknown,\n"
            + "bad-il,Bad,city,IL,,12,unknown,\n",
            format="csv",
        )
        result = JurisdictionResource().import_data(dataset, dry_run=False)
        self.assertTrue(result.has_validation_errors())
        self.assertFalse(Jurisdiction.objects.exists())

    def test_a_good_file_is_previewed_then_written_as_drafts_with_history(self):
        illinois = make_jurisdiction(name="Illinois", slug="illinois", kind="state")
        rows = HEADER + (
            "shelbyville-il,Shelbyville,city,IL,illinois,1769056,sanctuary,"
            "https://clerk.example.org/1\n"
            "capital-city-il,Capital City,city,IL,shelbyville-il,,unknown,\n"
        )
        preview = self.preview(Jurisdiction, rows)
        self.assertContains(preview, "Shelbyville")
        self.assertFalse(Jurisdiction.objects.filter(slug="shelbyville-il").exists())

        response = self.confirm(Jurisdiction, preview)
        self.assertEqual(response.status_code, 302)
        shelbyville = Jurisdiction.objects.get(slug="shelbyville-il")
        self.assertEqual(shelbyville.parent, illinois)
        self.assertEqual(shelbyville.publication_status, PublicationStatus.DRAFT)
        self.assertEqual(list(shelbyville.sources.all()), [self.source])
        self.assertEqual(
            Jurisdiction.objects.get(slug="capital-city-il").parent, shelbyville
        )
        created = shelbyville.history.earliest()
        self.assertEqual(created.history_user, self.editor)
        self.assertEqual(created.history_change_reason, "CSV import")

    def test_a_row_that_fails_after_the_preview_aborts_the_confirmed_import(self):
        rows = HEADER + (
            "shelbyville-il,Shelbyville,city,IL,,1769056,unknown,\n"
            "ogdenville-il,Ogdenville,city,IL,,1755000,unknown,\n"
        )
        preview = self.preview(Jurisdiction, rows)
        make_jurisdiction(slug="taken", geoid="1755000")
        response = self.confirm(Jurisdiction, preview)
        self.assertRedirects(
            response, reverse("admin:jurisdictions_jurisdiction_import")
        )
        self.assertEqual(
            [str(m) for m in get_messages(response.wsgi_request)],
            [
                "Nothing was imported: since the preview, row 2 stopped passing "
                "the checks (someone may have changed the records it names). "
                "Import the file again to see why."
            ],
        )
        self.assertEqual(list(Jurisdiction.objects.values_list("slug")), [("taken",)])

    def test_a_row_with_an_existing_slug_updates_that_record(self):
        place = make_jurisdiction(slug="shelbyville-il", name="Old name")
        preview = self.preview(
            Jurisdiction, HEADER + "shelbyville-il,Shelbyville,city,CA,,,unknown,\n"
        )
        self.confirm(Jurisdiction, preview)
        place.refresh_from_db()
        self.assertEqual(place.name, "Shelbyville")
        self.assertEqual(place.version, 2)
        self.assertEqual(Jurisdiction.objects.count(), 1)


class OrdinanceAndSourceImportTests(ImportTestCase):
    def test_each_imported_record_has_one_history_row_with_its_sources(self):
        # One row per record and save, its links included (changelog.saves),
        # as an admin save writes: not one more for its sources.
        place = make_jurisdiction(slug="shelbyville-il", name="Old name")
        rows = place.history.count()
        other = make_source(url="https://clerk.example.org/2")
        preview = self.preview(
            Jurisdiction,
            HEADER
            + "shelbyville-il,Shelbyville,city,IL,,,unknown,"
            + f"{self.source.url}|{other.url}\n"
            + "ogdenville-il,Ogdenville,city,IL,,,unknown,"
            + f"{self.source.url}\n",
        )
        self.assertEqual(self.confirm(Jurisdiction, preview).status_code, 302)
        self.assertEqual(place.history.count(), rows + 1)
        changed = place.history.first()
        self.assertEqual(
            (changed.history_type, changed.name, changed.history_change_reason),
            ("~", "Shelbyville", "CSV import"),
        )
        self.assertEqual(changed.history_user, self.editor)
        self.assertEqual(
            set(changed.sources.values_list("source", flat=True)),
            {self.source.pk, other.pk},
        )
        created = Jurisdiction.objects.get(slug="ogdenville-il").history.get()
        self.assertEqual(created.history_type, "+")
        self.assertEqual(
            list(created.sources.values_list("source", flat=True)), [self.source.pk]
        )

    def test_unknown_provision_or_source_is_reported_on_its_column(self):
        make_jurisdiction(slug="chicago-il")
        make_provision(slug="no-local-resources")
        rows = (
            "slug,title,jurisdiction,instrument,status,provisions,sources\n"
            "welcoming,Welcoming City,chicago-il,ordinance,in_effect,"
            "no-local-resources|no-such-provision,https://nowhere.example.org\n"
        )
        response = self.preview(Ordinance, rows)
        (row,) = response.context["result"].invalid_rows
        self.assertIn("“no-such-provision”", row.field_specific_errors["provisions"][0])
        self.assertIn(
            "“https://nowhere.example.org”", row.field_specific_errors["sources"][0]
        )
        self.assertFalse(Ordinance.objects.exists())

    def test_ordinance_dates_out_of_order_are_refused(self):
        make_jurisdiction(slug="chicago-il")
        rows = (
            "slug,title,jurisdiction,instrument,status,introduced_on,passed_on\n"
            "welcoming,Welcoming City,chicago-il,ordinance,passed,"
            "2012-09-12,2012-01-01\n"
        )
        response = self.preview(Ordinance, rows)
        self.assertEqual(len(response.context["result"].invalid_rows), 1)
        self.assertContains(response, "must not be after")

    def test_the_sample_files_import_in_order(self):
        call_command("loaddata", "provisions", verbosity=0)
        for model, name in [
            (Source, "sample_sources.csv"),
            (Jurisdiction, "sample_jurisdictions.csv"),
            (Ordinance, "sample_ordinances.csv"),
        ]:
            with self.subTest(name):
                preview = self.preview(model, (FIXTURES / name).read_text())
                self.assertEqual(self.confirm(model, preview).status_code, 302)
        chicago = Jurisdiction.objects.get(slug="chicago-il")
        self.assertEqual(chicago.ancestors()[-1].slug, "illinois")
        self.assertEqual(chicago.sources.count(), 2)
        ordinance = Ordinance.objects.get(jurisdiction=chicago)
        self.assertEqual(ordinance.provisions.count(), 2)

    def test_print_sources_without_url_are_each_new(self):
        make_source(url="", title="Old print source")
        rows = "url,title\n,Council minutes\n,Board minutes\n"
        self.confirm(Source, self.preview(Source, rows))
        self.assertEqual(Source.objects.filter(url="").count(), 3)
        self.assertTrue(Source.objects.filter(title="Old print source").exists())
