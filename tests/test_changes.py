"""The public log of what changed (issue 30, part B): each record page's
"Changes" and /changes/ with its CSV and Atom twins."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from jurisdictions.changelog import KINDS, LABELS, record_changes, saves
from jurisdictions.models.corrections import correction_note

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_provision,
    make_resolution,
    make_source,
    make_statement,
)

ATOM = "{http://www.w3.org/2005/Atom}"
UTC = datetime.UTC


def at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=UTC)


def made(record, when=None):
    """`record` as its factory made it, its history rows dated `when`
    (1 Jan 2024 unless told), before the changes a test dates."""
    when = when or at(2024, 1, 1)
    type(record).history.model.objects.filter(id=record.pk).update(history_date=when)
    return record


def save(record, when, note=None, links=None, **changes):
    """Save `changes` to `record`'s fields and `links` ({many-to-many field:
    records}) in one save, as the admin does (changelog.saves): one history
    row, dated `when`, with `note`."""
    for name, value in changes.items():
        setattr(record, name, value)
    record._history_date = when
    if note is not None:
        record._change_reason = note
    saves.hold(record, update=True)
    record.save()
    for name, records in (links or {}).items():
        getattr(record, name).set(records)
    saves.release(record)
    del record._history_date
    if note is not None:
        del record._change_reason
    return record


def text(response):
    """The page's text, tags dropped and spaces run together."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def feed_entries(response):
    root = ET.fromstring(response.content)
    return [
        {
            "id": entry.find(f"{ATOM}id").text,
            "title": entry.find(f"{ATOM}title").text,
            "summary": entry.find(f"{ATOM}summary").text,
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


class PublicFieldsTests(TestCase):
    def test_every_listed_field_exists_on_the_record_and_its_history(self):
        for kind in KINDS:
            for name in kind.fields:
                with self.subTest(kind=kind.key, field=name):
                    field = kind.model._meta.get_field(name)
                    kind.history._meta.get_field(field.attname)
                    self.assertIn(name, LABELS)
            for name in kind.compared:
                kind.history._meta.get_field(name)

    def test_no_editor_field_is_ever_compared(self):
        editor_only = {
            "editor_notes",
            "confidence",
            "last_verified_on",
            "version",
            "publication_status",
            "published_at",
            "updated_at",
            "created_at",
            "reaffirms_confirmed",
            "direction",
        }
        for kind in KINDS:
            self.assertFalse(editor_only & set(kind.compared), kind.key)


class RecordChangesTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_a_status_change_reads_in_words_on_the_record_and_in_the_log(self):
        ordinance = made(make_ordinance(status="passed"))
        save(ordinance, at(2024, 12, 4), status="in_effect")
        expected = "status: passed → in effect, 4 Dec 2024"
        page = self.client.get(ordinance.get_absolute_url())
        self.assertIn(expected, text(page))
        self.assertContains(page, 'id="changes-heading"')
        log = self.client.get(reverse("jurisdictions:change-list"))
        self.assertEqual(log.status_code, 200)
        self.assertIn("status: passed → in effect", text(log))
        self.assertIn(ordinance.title, text(log))

    def test_draft_edits_read_as_first_published_on_the_day_it_was(self):
        ordinance = made(
            make_ordinance(
                publication_status="draft", title="Working title", status="proposed"
            )
        )
        save(ordinance, at(2024, 1, 5), title="Draft title 2", status="passed")
        save(
            ordinance,
            at(2024, 2, 1),
            title="Final title",
            publication_status="published",
        )
        changes = record_changes(ordinance)
        self.assertEqual(len(changes), 1)
        self.assertTrue(changes[0].first_published)
        page = text(self.client.get(ordinance.get_absolute_url()))
        self.assertIn("First published on 1 Feb 2024", page)
        for draft_words in ("Working title", "Draft title 2", "proposed"):
            self.assertNotIn(draft_words, page)
        log = self.client.get(reverse("jurisdictions:change-list"))
        self.assertNotIn("Working title", text(log))

    def test_a_draft_and_its_edits_never_appear(self):
        draft = made(make_ordinance(publication_status="draft", title="Hidden draft"))
        save(draft, at(2024, 3, 1), status="in_effect")
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)
        for name in ("change-list", "change-csv", "change-atom"):
            response = self.client.get(reverse(f"jurisdictions:{name}"))
            self.assertEqual(response.status_code, 200)
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else response.content
            )
            self.assertNotIn(b"Hidden draft", body, name)
            self.assertNotIn(draft.slug.encode(), body, name)

    def test_editor_notes_and_history_notes_never_appear(self):
        ordinance = made(make_ordinance())
        save(ordinance, at(2024, 5, 1), note="Checked by Sam", editor_notes="Ask Sam")
        save(ordinance, at(2024, 5, 2), note="Ask Kim too", status="in_effect")
        page = text(self.client.get(ordinance.get_absolute_url()))
        self.assertIn("status: passed → in effect, 2 May 2024", page)
        changes = record_changes(ordinance)
        # The notes-only save is no public change.
        self.assertEqual(len(changes), 2)
        log = self.client.get(reverse("jurisdictions:change-list")).content
        csv_body = b"".join(
            self.client.get(reverse("jurisdictions:change-csv")).streaming_content
        )
        feed = self.client.get(reverse("jurisdictions:change-atom")).content
        for body in (page.encode(), log, csv_body, feed):
            for secret in (b"Ask Sam", b"Checked by Sam", b"Ask Kim", b"editor_notes"):
                self.assertNotIn(secret, body)

    def test_a_readers_correction_is_named_but_its_note_is_not(self):
        ordinance = made(make_ordinance())
        save(ordinance, at(2024, 6, 1), note=correction_note(41), number="No. 9")
        page = self.client.get(ordinance.get_absolute_url())
        self.assertIn("number: none → No. 9, 1 Jun 2024", text(page))
        self.assertIn("from a reader's correction", text(page))
        self.assertNotContains(page, "#41")
        rows = csv_rows(self.client.get(reverse("jurisdictions:change-csv")))
        corrected = [r for r in rows if r["field"] == "number"]
        self.assertEqual(corrected[0]["from_reader_correction"], "true")

    def test_a_change_made_public_then_taken_back_to_draft_is_hidden(self):
        ordinance = made(make_ordinance(title="Taken back"))
        save(ordinance, at(2024, 7, 1), status="vetoed")
        save(ordinance, at(2024, 7, 2), publication_status="draft")
        log = self.client.get(reverse("jurisdictions:change-list"))
        self.assertNotContains(log, "Taken back")
        # Published again: the public saw "passed", then "vetoed".
        save(ordinance, at(2024, 7, 9), publication_status="published")
        self.assertIn(
            "status: passed → vetoed, 1 Jul 2024",
            text(self.client.get(ordinance.get_absolute_url())),
        )
        self.assertEqual(len(record_changes(ordinance)), 2)

    def test_links_dates_and_prose_in_words(self):
        old_place = made(make_jurisdiction(name="Oldtown"))
        new_place = made(make_jurisdiction(name="Newtown"))
        draft_place = made(
            make_jurisdiction(name="Secretville", publication_status="draft")
        )
        ordinance = made(make_ordinance(jurisdiction=old_place))
        save(ordinance, at(2024, 8, 1), jurisdiction=new_place, summary="New words")
        save(
            ordinance,
            at(2024, 8, 2),
            passed_on=datetime.date(2024, 3, 1),
            passed_on_precision="month",
        )
        save(
            ordinance, at(2024, 8, 3), based_on=make_ordinance(jurisdiction=draft_place)
        )
        page = text(self.client.get(ordinance.get_absolute_url()))
        self.assertIn("jurisdiction: Oldtown, CA → Newtown, CA", page)
        self.assertIn("summary: revised", page)
        self.assertNotIn("New words, ", page)
        self.assertIn("passed on: none → March 2024", page)
        self.assertIn("based on: none → a record not published", page)
        self.assertNotIn("Secretville", page)

    def test_every_kind_of_record_shows_its_changes(self):
        records = [
            made(make_jurisdiction()),
            made(make_ordinance()),
            made(make_resolution()),
            made(make_statement()),
            made(make_case()),
        ]
        for record in records:
            with self.subTest(record=type(record).__name__):
                save(record, at(2024, 9, 1), summary="Different")
                page = self.client.get(record.get_absolute_url())
                self.assertIn("summary: revised, 1 Sep 2024", text(page))

    def test_spanish_record_page_has_the_section(self):
        ordinance = made(make_ordinance())
        save(ordinance, at(2024, 12, 4), status="in_effect")
        page = self.client.get("/es" + ordinance.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'id="changes-heading"')
        self.assertContains(
            page, f'id="change-ordinance-{record_changes(ordinance)[0].history_id}"'
        )


class LinkChangesTests(TestCase):
    """Changes to a record's links (provisions, sponsors, sources, the places
    a statement names, a case's parties) are published changes too."""

    def setUp(self):
        cache.clear()

    def test_added_and_removed_links_read_by_name(self):
        kept, dropped = make_source(title="Kept"), make_source(title="Dropped")
        detainers = make_provision(name="Limits detainers")
        ordinance = made(make_ordinance(sources=[kept, dropped]))
        save(
            ordinance,
            at(2024, 10, 1),
            links={
                "provisions": [detainers],
                "sources": [
                    kept,
                    make_source(title="Signed text", publisher="City Clerk"),
                ],
            },
        )
        expected = (
            "provisions: added “Limits detainers”; sources: added “Signed text "
            "(City Clerk)” and removed “Dropped”, 1 Oct 2024"
        )
        page = text(self.client.get(ordinance.get_absolute_url()))
        self.assertIn(expected, page)
        log = text(self.client.get(reverse("jurisdictions:change-list")))
        self.assertIn(expected.rsplit(",", 1)[0], log)
        rows = csv_rows(self.client.get(reverse("jurisdictions:change-csv")))
        sources = [r for r in rows if r["field"] == "sources"]
        self.assertEqual(
            (sources[0]["old"], sources[0]["new"]),
            ("Dropped; Kept", "Kept; Signed text (City Clerk)"),
        )
        feed = feed_entries(self.client.get(reverse("jurisdictions:change-atom")))
        self.assertIn(expected.rsplit(",", 1)[0], [entry["summary"] for entry in feed])

    def test_a_change_of_fields_and_links_in_one_save_is_one_change(self):
        ordinance = made(make_ordinance(status="passed"))
        save(
            ordinance,
            at(2024, 12, 4),
            status="in_effect",
            links={"provisions": [make_provision(name="No ICE")]},
        )
        changes = record_changes(ordinance)
        self.assertEqual(
            [c.sentence() for c in changes],
            [
                "status: passed → in effect; provisions: added “No ICE”",
                "first published",
            ],
        )

    def test_a_link_to_a_draft_is_never_named_nor_counted(self):
        secret = make_jurisdiction(name="Secretville", publication_status="draft")
        named = make_jurisdiction(name="Namedtown")
        statement = made(make_statement(targets=[named]))
        # Only the draft comes and goes: no public change at all.
        save(statement, at(2024, 11, 1), links={"targets": [named, secret]})
        save(statement, at(2024, 11, 2), links={"targets": [named]})
        self.assertEqual(len(record_changes(statement)), 1)
        save(statement, at(2024, 11, 3), links={"targets": [secret]})
        changes = record_changes(statement)
        self.assertEqual(
            changes[0].sentence(), "jurisdictions named: removed “Namedtown, CA”"
        )
        self.assertEqual(len(changes), 2)
        for name in ("change-list", "change-csv", "change-atom"):
            response = self.client.get(reverse(f"jurisdictions:{name}"))
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else response.content
            )
            self.assertNotIn(b"Secretville", body, name)
            # The removal, once (the place's own entry names it unquoted).
            self.assertEqual(body.count("“Namedtown".encode()), 1, name)

    def test_a_case_s_parties_and_the_spanish_page(self):
        city = make_jurisdiction(name="Plainville")
        case = made(make_case())
        save(case, at(2025, 2, 3), links={"plaintiffs": [city]})
        page = text(self.client.get(case.get_absolute_url()))
        self.assertIn("plaintiffs: added “Plainville, CA”, 3 Feb 2025", page)
        spanish = text(self.client.get("/es" + case.get_absolute_url()))
        self.assertIn("demandantes: se añadió «Plainville, CA», 3 feb 2025", spanish)
