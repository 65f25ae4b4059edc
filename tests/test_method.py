"""How we know (/method/): the publication rule, and counts of published and
held-back records, read from the database and never from text."""

import datetime
import re
from html import unescape

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jurisdictions.method import ESTABLISHED, KINDS, method_counts
from jurisdictions.models import Finding, Ordinance, Source

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_resolution,
    make_source,
    make_statement,
)

D = datetime.date
DRAFT = "draft"
URL = "/method/"


def text_of(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def table(html, caption):
    """{row heading: [cell texts]} of the table with `caption`."""
    start = html.index(f"<caption>{caption}</caption>")
    markup = html[start : html.index("</table>", start)]
    rows = {}
    for heading, cells in re.findall(
        r'<th scope="row">(.*?)</th>((?:\s*<td>.*?</td>)+)', markup, re.S
    ):
        rows[text_of(heading)] = [
            text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", cells, re.S)
        ]
    return rows


def page(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def make_finding(sources=(), **kwargs):
    fields = {"summary": "No state law found in the sources checked."}
    fields.update(kwargs)
    if "jurisdiction" not in fields:
        fields["jurisdiction"] = make_jurisdiction(kind="state")
    finding = Finding.objects.create(**fields)
    finding.sources.set(sources)
    return finding


def expected(model):
    """A kind's counts, worked out in Python from its rows."""
    published = list(model.objects.published())
    drafts = list(model.objects.drafts().prefetch_related("sources"))

    def below_high(record):
        return record.confidence != "high"

    def no_established(record):
        return not any(s.kind in ESTABLISHED for s in record.sources.all())

    return {
        "published": len(published),
        "drafts": len(drafts),
        "below_high": sum(map(below_high, drafts)),
        "no_established": sum(map(no_established, drafts)),
        "other": sum(not below_high(d) and not no_established(d) for d in drafts),
        "oldest_verified": min(
            (r.last_verified_on for r in published if r.last_verified_on),
            default=None,
        ),
    }


def shown(client):
    """{kind label: (published, held back)} and {kind label: reasons} as the
    page shows them."""
    html = page(client)
    kinds = {
        label: (int(cells[0]), int(cells[1]))
        for label, cells in table(html, "Records by kind").items()
    }
    reasons = {
        label: tuple(int(c) for c in cells)
        for label, cells in table(html, "Held-back records by reason").items()
    }
    return kinds, reasons


class MethodWorld(TestCase):
    """Published and held-back records of every kind, held back for each
    reason; sources of several kinds."""

    @classmethod
    def setUpTestData(cls):
        cls.gov = make_source(title="Statute page", kind="government")
        cls.paper = make_source(title="Newspaper story", kind="news")
        cls.lead = make_source(title="Aggregator copy", kind="lead")
        cls.advocacy = make_source(title="Advocacy page", kind="advocacy")
        cls.draft_only = make_source(title="Cited by a draft only", kind="court")

        cls.place = make_jurisdiction(
            name="Published Town",
            confidence="high",
            sources=[cls.gov],
            last_verified_on=D(2026, 3, 1),
        )
        cls.state = make_jurisdiction(
            name="Published State", kind="state", state="WI", sources=[cls.gov]
        )
        # Held back: low confidence and a lead only.
        cls.draft_place = make_jurisdiction(
            name="Secret Draft Town",
            slug="secret-draft-town",
            publication_status=DRAFT,
            confidence="low",
            sources=[cls.lead],
            last_verified_on=D(2000, 1, 1),
        )
        make_ordinance(
            jurisdiction=cls.place,
            title="Published Ordinance",
            confidence="high",
            sources=[cls.gov, cls.paper],
            last_verified_on=D(2025, 6, 1),
        )
        # Held back for each reason, for both, and for neither.
        make_ordinance(
            jurisdiction=cls.place,
            title="Draft Medium Ordinance",
            publication_status=DRAFT,
            confidence="medium",
            sources=[cls.gov],
        )
        make_ordinance(
            jurisdiction=cls.place,
            title="Draft Lead Ordinance",
            publication_status=DRAFT,
            confidence="high",
            sources=[cls.lead, cls.advocacy],
        )
        make_ordinance(
            jurisdiction=cls.place,
            title="Draft Unsourced Ordinance",
            publication_status=DRAFT,
            sources=[],
        )
        make_ordinance(
            jurisdiction=cls.place,
            title="Draft Ready Ordinance",
            publication_status=DRAFT,
            confidence="high",
            sources=[cls.draft_only],
        )
        # Published, but its place is held back: neither shown nor a draft.
        make_ordinance(jurisdiction=cls.draft_place, title="Ordinance Of A Draft Place")
        make_resolution(title="Published Resolution", sources=[cls.paper])
        make_resolution(
            title="Draft Resolution", publication_status=DRAFT, sources=[cls.lead]
        )
        make_statement(title="Published Statement", sources=[cls.gov])
        make_statement(
            title="Draft Statement",
            publication_status=DRAFT,
            confidence="high",
            sources=[cls.advocacy],
        )
        make_case(title="Published Case", sources=[cls.paper])
        make_case(title="Draft Case", publication_status=DRAFT, confidence="low")
        make_finding(
            jurisdiction=cls.state,
            publication_status="published",
            confidence="high",
            sources=[cls.gov],
            last_verified_on=D(2026, 1, 15),
        )
        make_finding(
            jurisdiction=cls.place,
            summary="Draft finding.",
            publication_status=DRAFT,
            confidence="medium",
        )


class MethodCountTests(MethodWorld):
    def test_each_kind_counts_what_the_database_holds(self):
        counts = method_counts()
        for key, model, _label in KINDS:
            with self.subTest(kind=key):
                kind = counts.of(key)
                for field, value in expected(model).items():
                    self.assertEqual(getattr(kind, field), value, field)

    def test_a_draft_counts_under_each_reason_that_holds(self):
        instruments = method_counts().of("instruments")
        # Medium; lead and advocacy only; unrated with no source at all;
        # and one meeting the rule, waiting for an editor.
        self.assertEqual(instruments.drafts, 4)
        self.assertEqual(instruments.below_high, 2)
        self.assertEqual(instruments.no_established, 2)
        self.assertEqual(instruments.other, 1)
        self.assertEqual(instruments.hidden, 1)

    def test_sources_count_pages_cited_by_published_records_once(self):
        counts = method_counts()
        pages = {kind: n for kind, _label, n in counts.sources}
        # The statute page is cited by five published records: one page. The
        # court page and the lead are cited by drafts only; the lead also by
        # a draft place.
        self.assertEqual(pages["government"], 1)
        self.assertEqual(pages["news"], 1)
        self.assertEqual(pages["court"], 0)
        self.assertEqual(pages["lead"], 0)
        self.assertEqual(pages["advocacy"], 0)
        cited = set()
        for _key, model, _label in KINDS:
            for record in model.objects.published().prefetch_related("sources"):
                cited.update(record.sources.all())
        self.assertEqual(counts.source_pages, len(cited))
        self.assertEqual(
            [kind for kind, _label, _n in counts.sources],
            ["government", "court", "news", "tracker", "advocacy", "reference"]
            + ["lead", ""],
        )

    def test_the_oldest_check_is_of_a_published_record(self):
        oldest = method_counts().oldest
        # The draft place was checked in 2000; it does not count.
        self.assertEqual(oldest.key, "instruments")
        self.assertEqual(oldest.oldest_verified, D(2025, 6, 1))

    def test_counting_takes_one_query_per_kind_and_one_for_sources(self):
        with self.assertNumQueries(len(KINDS) + 1):
            method_counts()

    def test_the_page_costs_the_same_however_many_records(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                page(self.client)
            return len(captured)

        before = queries()
        for n in range(10):
            make_ordinance(
                jurisdiction=self.place,
                publication_status=DRAFT if n % 2 else "published",
            )
            make_finding(publication_status="published")
        self.assertEqual(queries(), before)


class MethodPageTests(MethodWorld):
    def test_the_page_shows_the_databases_counts(self):
        kinds, reasons = shown(self.client)
        for key, model, label in KINDS:
            with self.subTest(kind=key):
                want = expected(model)
                self.assertEqual(kinds[str(label)], (want["published"], want["drafts"]))
                self.assertEqual(
                    reasons[str(label)],
                    (
                        want["drafts"],
                        want["below_high"],
                        want["no_established"],
                        want["other"],
                    ),
                )
        self.assertEqual(
            kinds["All records"],
            (
                sum(m.objects.published().count() for _k, m, _l in KINDS),
                sum(m.objects.drafts().count() for _k, m, _l in KINDS),
            ),
        )

    def test_counts_follow_a_new_draft_and_a_publication(self):
        label = "Instruments (ordinances, state laws, orders and policies)"
        kinds, reasons = shown(self.client)
        published, drafts = kinds[label]
        draft = make_ordinance(
            jurisdiction=self.place,
            title="Newer Draft",
            publication_status=DRAFT,
            confidence="low",
        )
        kinds, after = shown(self.client)
        self.assertEqual(kinds[label], (published, drafts + 1))
        self.assertEqual(after[label][1], reasons[label][1] + 1)
        self.assertEqual(after[label][2], reasons[label][2] + 1)
        # An editor publishes a draft: one more published, one fewer held back.
        Ordinance.objects.filter(title="Draft Ready Ordinance").update(
            publication_status="published"
        )
        draft.delete()
        kinds, final = shown(self.client)
        self.assertEqual(kinds[label], (published + 1, drafts - 1))
        self.assertEqual(final[label][3], reasons[label][3] - 1)
        # A finding published: the findings row and its sentence follow.
        make_finding(publication_status="published", confidence="high")
        html = page(self.client)
        self.assertEqual(
            table(html, "Records by kind")["Findings of no instrument"][0], "2"
        )
        self.assertIn("2 findings of no instrument are published.", text_of(html))

    def test_a_draft_is_counted_but_never_named(self):
        html = page(self.client)
        for name in (
            "Secret Draft Town",
            "secret-draft-town",
            "Draft Medium Ordinance",
            "Draft Lead Ordinance",
            "Draft Unsourced Ordinance",
            "Draft Ready Ordinance",
            "Ordinance Of A Draft Place",
            "Draft Resolution",
            "Draft Statement",
            "Draft Case",
            "Draft finding.",
            "Aggregator copy",
            "Cited by a draft only",
        ):
            self.assertNotIn(name, html)
        # Nor is a published record: the page counts, it does not list.
        self.assertNotIn("Published Ordinance", html)

    def test_the_sources_table_counts_pages_by_kind(self):
        sources = table(
            page(self.client), "Pages cited by published records, by who published them"
        )
        self.assertEqual(sources["Government or legislature"], ["1"])
        self.assertEqual(sources["Newspaper or wire service"], ["1"])
        self.assertEqual(sources["Lead only (aggregator or copy site)"], ["0"])

    def test_the_page_states_the_rule_and_links_the_criteria(self):
        html = page(self.client)
        words = text_of(html)
        self.assertIn("<h1>How we know</h1>", html)
        self.assertIn("A record is published only when both of these hold", words)
        self.assertIn("never count toward publishing one", words)
        self.assertIn(f'href="{reverse("jurisdictions:stance-criteria")}"', html)
        self.assertIn("Questions still open", words)
        self.assertIn("LD 1971", words)
        self.assertIn("67.307", words)
        self.assertIn(
            "The oldest of these dates is 1 Jun 2025, on a record of the kind "
            "“Instruments (ordinances, state laws, orders and policies)”.",
            words,
        )
        self.assertIn("One more record is marked published but is not shown", words)

    def test_every_page_links_to_it(self):
        html = page(self.client, reverse("jurisdictions:home"))
        self.assertIn(f'<a href="{URL}">How we know</a>', html)

    def test_the_spanish_page_is_served_in_spanish(self):
        response = self.client.get("/es" + URL)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="es">', html)
        self.assertIn('href="/es/method/"', html)
        self.assertIn('href="/es/stances/"', html)
        # A string the catalog already holds reads in Spanish once compiled.
        with translation.override("es"):
            statements = translation.gettext("Federal statements")
        self.assertIn(f'<th scope="row">{statements}</th>', html)


class EmptyMethodTests(TestCase):
    def test_an_empty_database_counts_zero_and_names_no_date(self):
        counts = method_counts()
        self.assertEqual(
            (counts.published, counts.drafts, counts.source_pages), (0, 0, 0)
        )
        self.assertIsNone(counts.oldest)
        words = text_of(page(self.client))
        self.assertIn("No published record carries a date of checking yet.", words)


# Seeded tests last: the seed stays loaded from the first to the module's end.


def test_the_seeds_counts_are_the_databases(seed, client):
    kinds, reasons = shown(client)
    for _key, model, label in KINDS:
        want = expected(model)
        assert kinds[str(label)] == (want["published"], want["drafts"])
        assert reasons[str(label)] == (
            want["drafts"],
            want["below_high"],
            want["no_established"],
            want["other"],
        )
    cited = set()
    for _key, model, _label in KINDS:
        citing = model.sources.field.related_query_name()
        published = Source.objects.filter(
            **{f"{citing}__in": model.objects.published()}
        )
        cited.update(published.values_list("pk", flat=True))
    assert method_counts().source_pages == len(cited)


def test_no_seeded_draft_is_named(seed, client):
    html = page(client)
    for _key, model, _label in KINDS:
        for record in model.objects.drafts():
            name = getattr(record, "title", None) or getattr(record, "name", None)
            if name:
                assert f">{name}<" not in html, name
            slug = getattr(record, "slug", None)
            if slug:
                assert f"/{slug}/" not in html, slug
