import csv
import datetime
import io
import re
from types import SimpleNamespace
from urllib.parse import quote

from django.db import connection
from django.db.models import CheckConstraint, Q
from django.http import QueryDict
from django.test import SimpleTestCase, TestCase
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
from jurisdictions.force.words import (
    BLOCKED,
    IN_EFFECT_EXCEPT,
    NO_LONGER,
    NOT_RECORDED,
)
from jurisdictions.models import (
    Case,
    InstrumentChange,
    Jurisdiction,
    Ordinance,
    ProvisionBlock,
)

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
# (blocked_on, its precision, lifted_on) of the court blocks, in turn.
BLOCK_DATES = [
    (D(2024, 3, 5), "day", None),
    (None, "day", None),
    (D(2023, 7, 1), "month", D(2025, 2, 1)),
    (D(2022, 1, 1), "year", None),
    (None, "day", D(2024, 9, 30)),
]

HOSTILE = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", 'a "quoted", b']
BASE = "https://tracker.example.org"


class CopyExportTests(TestCase):
    """PostgreSQL's COPY must write exactly what the Python writer writes."""

    @classmethod
    def setUpTestData(cls):
        if connection.vendor != "postgresql":
            return
        provisions = [make_provision(slug=f"p-{n}") for n in range(3)]
        hostile = make_provision(slug="=blocked")
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
            cls.add_force(n, text, ordinance, basis, [hostile, *provisions], draft)
        # Whole seconds: isoformat() leaves out the microseconds.
        type(state).objects.filter(pk=state.pk).update(
            updated_at=timezone.now().replace(microsecond=0)
        )

    @classmethod
    def add_force(cls, n, text, ordinance, basis, provisions, draft_place):
        """Court blocks (hostile clauses, published and draft cases, every
        precision, standing and lifted) and changes by published and draft
        instruments, for the `n`-th hostile ordinance."""
        cases = [None, make_case(title=text), make_case(publication_status="draft")]
        for index in range(n % 4):
            blocked_on, precision, lifted_on = BLOCK_DATES[(n + index) % 5]
            ProvisionBlock.objects.create(
                ordinance=ordinance,
                provision=provisions[index],
                clause=f"{text} clause {index}" if index else text,
                case=cases[(n + index) % 3],
                court=text if index % 2 else "",
                blocked_on=blocked_on,
                blocked_on_precision=precision,
                lifted_on=lifted_on,
                lifted_on_precision=["day", "month", "year"][index % 3],
            )
        if n % 3 == 1:
            Ordinance.objects.filter(pk=ordinance.pk).update(status="enjoined_in_part")
        # The basis is a draft for odd n, -x-2-1's place is a draft: their
        # changes are named nowhere.
        kinds = ["rescinds", "supersedes", "amends"]
        for index in range(n % 3):
            acting = basis
            if index:
                place = draft_place if n == 2 else make_jurisdiction()
                acting = make_ordinance(slug=f"-x-{n}-{index}", jurisdiction=place)
            InstrumentChange.objects.create(
                acting=acting,
                target=ordinance,
                kind=kinds[(n + index) % 3],
                on=[D(2025, 1, n + 1), None][index % 2],
            )
        if n % 2 == 0:
            InstrumentChange.objects.create(
                acting=ordinance, target=basis, kind="amends", on=D(2025, 6, 1)
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

    def test_the_record_of_force_is_copied_as_python_writes_it(self):
        python = "".join(csv_chunks(ORDINANCES, ORDINANCES.records(), BASE))
        rows = list(csv.DictReader(io.StringIO(python)))
        for name in ("blocked_provisions", "in_force_note", "ended_by", "amended_by"):
            with self.subTest(column=name):
                self.assertGreater(len({row[name] for row in rows}), 2)
        notes = " ".join(row["in_force_note"] for row in rows)
        for words in ("since 5 Mar 2024", "from July 2023 until", "No longer"):
            self.assertIn(words, notes)
        self.assertIn("'=blocked", {row["blocked_provisions"] for row in rows})
        # Only published instruments of published places are named.
        public = {o.slug for o in Ordinance.objects.published()}
        named = {
            slug
            for row in rows
            for slug in [row["ended_by"], *row["amended_by"].split(";")]
            if slug
        }
        self.assertTrue(named)
        self.assertLessEqual({slug.lstrip("'") for slug in named}, public)
        self.assertTrue(any(slug.startswith("'-") for slug in named))
        self.assertIn("-x-5-1", {slug.lstrip("'") for slug in named})
        self.assertNotIn("-x-2-1", {slug.lstrip("'") for slug in named})
        # A filtered list joins only its own rows' blocks and changes.
        filterset = OrdinanceFilter(
            QueryDict("status=enjoined_in_part"), queryset=ORDINANCES.records()
        )
        self.assertTrue(pgcopy.narrows(ORDINANCES, filterset.qs))
        python = "".join(csv_chunks(ORDINANCES, filterset.qs, BASE))
        self.assertGreater(python.count("\n"), 2)
        self.assertEqual(
            "".join(pgcopy.copy_chunks(ORDINANCES, filterset.qs, BASE)), python
        )

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

    def test_each_table_of_force_is_read_once(self):
        # Not a subquery per row: aggregated once, like the links.
        sql = pgcopy.copy_sql(ORDINANCES, ORDINANCES.records(), BASE)
        for table in (ProvisionBlock, InstrumentChange):
            with self.subTest(table=table._meta.db_table):
                # A table read, not a column of it (EXTRACT(YEAR FROM …)).
                read = re.findall(rf'FROM "{table._meta.db_table}"(?!\.)', sql)
                self.assertEqual(len(read), 1)

    def test_a_speakers_dated_title_is_looked_up_once_per_row(self):
        for table in (STATEMENTS, QUOTES):
            with self.subTest(table=table.name):
                sql = pgcopy.copy_sql(table, table.records(), BASE)
                self.assertEqual(sql.count('FROM "jurisdictions_role"'), 1)


class FormulaSafeTests(SimpleTestCase):
    """What COPY writes without the formula test must never need it."""

    def test_an_in_force_note_starts_with_a_templates_word(self):
        # copied_in_force_note() is FormulaSafe: the note starts with one of
        # these (the first sentence, or the second alone), or is empty.
        for template in (IN_EFFECT_EXCEPT, BLOCKED, NOT_RECORDED, NO_LONGER):
            with self.subTest(template=template):
                self.assertTrue(template[:1].isalpha())

    def test_only_constrained_plain_words_skip_the_formula_test(self):
        self.assertTrue(pgcopy.plain_words(Ordinance, "status"))
        self.assertTrue(pgcopy.plain_words(Ordinance, "passed_on_precision"))
        self.assertFalse(pgcopy.plain_words(Ordinance, "title"))
        self.assertFalse(pgcopy.plain_words(Ordinance, "jurisdiction__state"))
        for words in (["a", ""], ["a", "=b"], ["a", "-b"]):
            model = SimpleNamespace(
                _meta=SimpleNamespace(
                    constraints=[CheckConstraint(condition=Q(kind__in=words), name="k")]
                )
            )
            with self.subTest(words=words):
                self.assertFalse(pgcopy.plain_words(model, "kind"))
