import csv
import datetime
import io
import zipfile

from django.db import connection
from django.http import StreamingHttpResponse
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions.choices import PublicationStatus
from jurisdictions.exports import CHUNK_SIZE
from jurisdictions.models import Ordinance
from jurisdictions.pgcopy import WRITE_SIZE

from .factories import make_jurisdiction, make_person, make_provision, make_source

ROWS = 20_000
# The main query, then one query per many-to-many column (provisions,
# sponsors, sources) for each chunk of rows.
LINKED_COLUMNS = 3


class LargeExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        place = make_jurisdiction(slug="big-city")
        provision = make_provision(slug="shield")
        source = make_source(url="https://example.org/big")
        sponsor = make_person(slug="sponsor")
        start = datetime.date(2000, 1, 1)
        Ordinance.objects.bulk_create(
            [
                Ordinance(
                    jurisdiction=place,
                    title=f"Ordinance {n:05}",
                    slug=f"ordinance-{n:05}",
                    status="passed",
                    publication_status=PublicationStatus.PUBLISHED,
                    passed_on=start + datetime.timedelta(days=n % 5000),
                )
                for n in range(ROWS)
            ],
            batch_size=2000,
        )
        # One INSERT ... SELECT per relation: building 60,000 link objects
        # in Python would take most of the suite's time.
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for relation, target in [
                (Ordinance.provisions, provision),
                (Ordinance.sources, source),
                (Ordinance.sponsors, sponsor),
            ]:
                m2m = relation.field
                cursor.execute(
                    f"INSERT INTO {quote(m2m.m2m_db_table())} "
                    f"({quote(m2m.m2m_column_name())}, "
                    f"{quote(m2m.m2m_reverse_name())}) "
                    f"SELECT id, %s FROM {quote(Ordinance._meta.db_table)}",
                    [target.pk],
                )
            if connection.vendor == "postgresql":
                # A live database has statistics (autovacuum gathers them).
                # Without any, PostgreSQL takes these 20,000 rows for a
                # handful and joins the export's per-relation aggregates to
                # them by nested loops, which costs minutes instead of a
                # second.
                cursor.execute("ANALYZE")

    def test_rows_are_streamed_a_chunk_at_a_time_with_constant_queries(self):
        with CaptureQueriesContext(connection) as before:
            response = self.client.get(reverse("jurisdictions:ordinance-csv"))
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response, StreamingHttpResponse)
        # Nothing is read until the client reads: the rows come from a
        # generator, not from a list built by the view.
        self.assertFalse([q for q in before if '"jurisdictions_ordinance"' in q["sql"]])
        pieces = iter(response.streaming_content)
        queries, rows = [], []
        while True:
            with CaptureQueriesContext(connection) as during:
                piece = next(pieces, None)
            queries.append(len(during))
            if piece is None:
                break
            rows.append(len(list(csv.reader(io.StringIO(piece.decode("utf-8"))))))

        last = queries.pop()  # the call that found the stream finished
        self.assertEqual(rows[0], 1)  # the header first
        self.assertEqual(sum(rows), ROWS + 1)
        if connection.vendor == "postgresql":
            # PostgreSQL's COPY writes the CSV: one statement for every row,
            # handed on in pieces of about WRITE_SIZE bytes, many rows each.
            # (Django logs the statement when it completes.)
            self.assertEqual(sum(queries) + last, 1)
            self.assertGreater(len(rows), 4)
            self.assertGreater(min(rows[1:-1]), 500)
            self.assertLess(max(len(p) for p in self.pieces(response)), WRITE_SIZE * 2)
            return
        chunks = ROWS // CHUNK_SIZE
        self.assertEqual(last, 0)
        self.assertEqual(rows, [1] + [CHUNK_SIZE] * chunks)
        self.assertEqual(
            queries, [0, 1 + LINKED_COLUMNS] + [LINKED_COLUMNS] * (chunks - 1)
        )

    def pieces(self, response):
        return list(self.client.get(response.request["PATH_INFO"]).streaming_content)

    def test_every_row_is_exported_once_with_its_linked_values(self):
        response = self.client.get(reverse("jurisdictions:ordinance-csv"))
        text = b"".join(response.streaming_content).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(len(rows), ROWS)
        self.assertEqual(len({row["slug"] for row in rows}), ROWS)
        self.assertEqual({row["provisions"] for row in rows}, {"shield"})
        self.assertEqual({row["sponsors"] for row in rows}, {"sponsor"})
        self.assertEqual(
            {row["source_urls"] for row in rows}, {"https://example.org/big"}
        )

    def test_the_dataset_zip_streams_in_pieces_too(self):
        response = self.client.get(reverse("jurisdictions:dataset-zip"))
        self.assertIsInstance(response, StreamingHttpResponse)
        pieces = list(response.streaming_content)
        archive = b"".join(pieces)
        # Far more than one piece, none holding most of the archive.
        self.assertGreater(len(pieces), ROWS // CHUNK_SIZE)
        self.assertLess(max(len(piece) for piece in pieces), len(archive) / 4)
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            with opened.open("ordinances.csv") as member:
                lines = io.TextIOWrapper(member, encoding="utf-8").readlines()
        self.assertEqual(len(lines), ROWS + 1)
