import csv
import datetime
import io
from urllib.parse import quote

from django.db import connection
from django.http import QueryDict
from django.test import TestCase
from django.utils import timezone

from jurisdictions import pgcopy
from jurisdictions.columns import (
    CASES,
    DATASET_TABLES,
    LIST_TABLES,
    ORDINANCES,
    QUOTES,
    STATEMENTS,
)
from jurisdictions.exports import csv_chunks
from jurisdictions.filters import OrdinanceFilter
from jurisdictions.models import Case, Jurisdiction, Ordinance

from .factories import (
    make_action,
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_role,
    make_school_district,
    make_source,
    make_statement,
)

D = datetime.date

HOSTILE = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", 'a "quoted", b']
BASE = "https://tracker.example.org"


class CopyExportTests(TestCase):
    """PostgreSQL's COPY must write exactly what the Python writer writes."""

    @classmethod
    def setUpTestData(cls):
        if connection.vendor != "postgresql":
            return
        provisions = [make_provision(slug=f"p-{n}") for n in range(3)]
        print_source = make_source(url="")
        state = make_jurisdiction(kind="state", name="Statia", slug="statia")
        draft = make_jurisdiction(slug="hidden", publication_status="draft")
        for n, text in enumerate(HOSTILE):
            town = make_jurisdiction(
                name=text,
                slug=f"town-{n}",
                parent=state if n % 2 else draft,
                population=n * 1000 or None,
                summary=f"Line one\nline two, {text}",
                last_verified_on=datetime.date(2025, 1, n + 1) if n % 3 else None,
                sources=[make_source(), print_source],
            )
            basis = make_ordinance(
                jurisdiction=town, publication_status="draft" if n % 2 else "published"
            )
            ordinance = make_ordinance(
                title=text,
                number=text,
                jurisdiction=town,
                based_on=basis,
                introduced_on=datetime.date(2024, 1, 1) if n % 2 else None,
                passed_on=datetime.date(2024, 2, 1),
                provisions=provisions[: n % 4],
                summary="ünïcödé — “quotes” 🙂",
            )
            district = make_school_district(name=f"District {text}")
            make_resolution(
                district=district,
                title=text,
                protected_groups=["staff", "lgbtq_students"][: n % 3],
                is_emergency=bool(n % 2),
                votes_for=n,
                provisions=provisions[:1],
            )
            statement = make_statement(
                title=text,
                quote=text,
                speaker=make_person(publication_status="draft") if n == 3 else None,
                targets=[town, draft, state][: n % 4],
                made_on=datetime.date(2025, 8, 5),
            )
            make_case(
                title=text,
                court=text,
                docket=text if n % 2 else "",
                filed_on=datetime.date(2025, 2, 1) if n % 3 else None,
                filed_on_precision=["day", "month", "year"][n % 3],
                decided_on=datetime.date(2026, 6, 1) if n % 2 else None,
                plaintiff_parties=text,
                plaintiffs=[town, draft, state][: n % 4],
                defendants=[draft, town][: n % 3],
                challenged=[ordinance, basis][: n % 3],
                statements=[statement] if n % 2 else [],
                summary=f"Line one\nline two, {text}",
            )
        # Whole seconds: isoformat() leaves out the microseconds.
        type(state).objects.filter(pk=state.pk).update(
            updated_at=timezone.now().replace(microsecond=0)
        )

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("COPY is PostgreSQL's")

    def test_copy_output_equals_python_output_for_every_list(self):
        for table in LIST_TABLES:
            with self.subTest(table=table.name):
                queryset = table.records()
                python = "".join(csv_chunks(table, queryset, BASE, bom=True))
                copied = "".join(pgcopy.copy_chunks(table, queryset, BASE, bom=True))
                self.assertGreater(python.count("\n"), 8)
                self.assertEqual(copied, python)

    def test_a_searched_list_copies_the_same_rows(self):
        # The search words are written into the SQL (LiteralSearchQuery),
        # with "%" doubled; COPY composes the whole query once more.
        make_ordinance(title="O'Brien 100% quoted act", summary="quoted")
        filterset = OrdinanceFilter(
            QueryDict("q=" + quote("o'brien 100% quoted")),
            queryset=Ordinance.objects.published(),
        )
        table = LIST_TABLES[1]
        queryset = filterset.qs
        python = "".join(csv_chunks(table, queryset, BASE))
        self.assertEqual(python.count("\n"), 2)  # the header and the one row
        self.assertEqual("".join(pgcopy.copy_chunks(table, queryset, BASE)), python)

    def test_rows_arrive_in_large_writes(self):
        table = LIST_TABLES[1]
        chunks = list(pgcopy.copy_chunks(table, table.records(), BASE))
        self.assertTrue(chunks[0].startswith("slug,title,"))
        self.assertEqual(len(chunks), 2)  # header, then every row in one write


class CopyDatasetTests(TestCase):
    """Every table of the dataset zip, and a filtered export, by COPY as by Python."""

    @classmethod
    def setUpTestData(cls):
        if connection.vendor != "postgresql":
            return
        state = make_jurisdiction(kind="state", name="Statia", slug="statia")
        draft = make_jurisdiction(slug="hidden", publication_status="draft")
        draft_person = make_person(name="Draft person", publication_status="draft")
        for n, text in enumerate(HOSTILE):
            town = make_jurisdiction(name=f"{text} town", slug=f"place-{n}")
            provision = make_provision(
                slug=f"q-{n}", name=f"{text} {n}", description=text
            )
            cited = make_source(
                title=text,
                publisher=text,
                note=text,
                url="" if n % 2 else f"https://example.org/cited-{n}",
            )
            person = make_person(
                name=f"{text} person",
                title=text,
                jurisdiction=[town, draft, None][n % 3],
                sources=[cited],
            )
            # Dated roles: the exported title is the one held on the day.
            make_role(person=person, title=f"{text} member", ended_on=D(2024, 1, 1))
            make_role(person=person, title=text, started_on=D(2024, 1, 1))
            ordinance = make_ordinance(
                title=f"{text} act",
                jurisdiction=town if n % 3 else state,
                provisions=[provision],
                sources=[cited, make_source()],
            )
            ordinance.sponsors.set([person, draft_person][: n % 3])
            make_action(
                ordinance=ordinance,
                date=D(2024, 3, n + 1) if n % 2 else None,
                body=text,
                note=text,
                votes_for=n or None,
            ).sources.set([cited])
            statement = make_statement(
                title=f"{text} statement",
                speaker=person if n % 2 else None,
                speaker_role=text,
                made_on=[D(2023, 6, 1), D(2025, 6, 1), None][n % 3],
                kind="designation",
                targets=[town, draft][: n % 3],
                sources=[cited],
            )
            statement.responds_to.set([ordinance])
            make_list_entry(
                list=statement,
                jurisdiction=town,
                removed_on=D(2025, 12, 1) if n % 2 else None,
                removal_note=text,
                sources=[cited],
            )
            make_quote(
                person=person,
                text=text,
                speaker_role="" if n % 3 else text,
                said_on=[D(2023, 6, 1), D(2025, 6, 1), None][n % 3],
                ordinance=ordinance if n % 2 else None,
                jurisdiction=None if n % 2 else town,
                sources=[cited],
            )
            make_case(
                title=f"{text} case",
                plaintiffs=[town, draft][: n % 3],
                challenged=[ordinance],
                statements=[statement],
            )
            make_resolution(
                title=f"{text} resolution",
                district=make_school_district(name=f"{text} district"),
                protected_groups=["", "staff", text][: n % 4],
                provisions=[provision],
                sources=[cited],
            )

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("COPY is PostgreSQL's")

    def test_copy_output_equals_python_output_for_every_dataset_table(self):
        for table in DATASET_TABLES:
            with self.subTest(table=table.name):
                queryset = table.records()
                python = "".join(csv_chunks(table, queryset, BASE))
                copied = "".join(pgcopy.copy_chunks(table, queryset, BASE))
                self.assertGreater(python.count("\n"), 4)
                self.assertEqual(copied, python)

    def test_a_filtered_export_copies_its_own_rows_links(self):
        # The admin's action exports any rows, drafts included.
        draft = make_case(
            title="Draft case",
            publication_status="draft",
            plaintiffs=Jurisdiction.objects.all(),
        )
        chosen = [draft.pk, *CASES.records().values_list("pk", flat=True)[:3]]
        queryset = Case.objects.filter(pk__in=chosen)
        self.assertTrue(pgcopy.narrows(CASES, queryset))
        python = "".join(csv_chunks(CASES, queryset, BASE))
        self.assertEqual(len(list(csv.reader(io.StringIO(python)))), 5)
        self.assertEqual("".join(pgcopy.copy_chunks(CASES, queryset, BASE)), python)

    def test_the_whole_list_is_not_filtered_twice(self):
        self.assertFalse(pgcopy.narrows(ORDINANCES, ORDINANCES.records()))
        unfiltered = OrdinanceFilter(QueryDict(""), queryset=ORDINANCES.records())
        self.assertFalse(pgcopy.narrows(ORDINANCES, unfiltered.qs))
        filtered = OrdinanceFilter(QueryDict("q=act"), queryset=ORDINANCES.records())
        self.assertTrue(pgcopy.narrows(ORDINANCES, filtered.qs))

    def test_each_many_to_many_table_is_read_once(self):
        for table in DATASET_TABLES:
            sql = pgcopy.copy_sql(table, table.records(), BASE)
            for relation in {c.linked for c in table.columns if c.linked}:
                through = relation.relation.field.m2m_db_table()
                with self.subTest(table=table.name, relation=through):
                    self.assertEqual(sql.count(f'FROM "{through}"'), 1)

    def test_a_speakers_dated_title_is_looked_up_once_per_row(self):
        for table in (STATEMENTS, QUOTES):
            with self.subTest(table=table.name):
                sql = pgcopy.copy_sql(table, table.records(), BASE)
                self.assertEqual(sql.count('FROM "jurisdictions_role"'), 1)
