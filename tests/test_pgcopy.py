import datetime
from urllib.parse import quote

from django.db import connection
from django.http import QueryDict
from django.test import TestCase
from django.utils import timezone

from jurisdictions import pgcopy
from jurisdictions.columns import LIST_TABLES
from jurisdictions.exports import csv_chunks
from jurisdictions.filters import OrdinanceFilter
from jurisdictions.models import Ordinance

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

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
