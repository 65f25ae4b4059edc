"""The rows the list templates draw, and the facet links drawn by a tag."""

import datetime

from django.test import TestCase
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import translation

from jurisdictions.choices import PublicationStatus
from jurisdictions.templatetags import records

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_resolution,
    make_school_district,
    make_statement,
)


class ListRowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.state = make_jurisdiction(name="Oregon", kind="state", state="OR")
        cls.city = make_jurisdiction(name="Salem <b>", parent=cls.state, state="OR")
        cls.hidden_parent = make_jurisdiction(
            name="Secret County", publication_status=PublicationStatus.DRAFT
        )
        cls.orphan = make_jurisdiction(name="Lone Town", parent=cls.hidden_parent)
        cls.ordinance = make_ordinance(
            jurisdiction=cls.city,
            title="Trust & Safety Act",
            number="A-1",
            passed_on=datetime.date(2024, 12, 10),
        )
        cls.district = make_school_district(name="Salem Schools")
        cls.resolution = make_resolution(
            district=cls.district, title="Safe Schools", is_emergency=True
        )
        cls.speaker = make_person(name="Tom Homan", is_federal=True)
        cls.targeted = make_statement(
            title="Five places",
            speaker=cls.speaker,
            speaker_role="Border czar",
            targets=[make_jurisdiction(name=f"Place {n}") for n in range(5)],
        )
        cls.general = make_statement(title="No one in particular", speaker=None)
        cls.case = make_case(
            title="Oregon v. <i>Salem</i>",
            docket="1:25-cv-1",
            court="District of Oregon",
            status="preliminary_injunction",
            filed_on=datetime.date(2025, 3, 1),
            filed_on_precision="month",
        )

    def test_ordinance_row_links_record_and_place_and_escapes_text(self):
        response = self.client.get(reverse("jurisdictions:ordinance-list"))
        self.assertContains(
            response,
            f'<a href="{self.ordinance.get_absolute_url()}">Trust &amp; Safety Act'
            '</a> <span class="context">A-1</span>',
        )
        self.assertContains(
            response,
            f'<a href="{self.city.get_absolute_url()}">Salem &lt;b&gt;, OR</a>',
        )

    def test_row_links_are_get_absolute_url_under_a_script_prefix(self):
        # A site served under a path prefix must still link where the
        # records live.
        lists = [
            reverse(f"jurisdictions:{name}-list")
            for name in ("ordinance", "jurisdiction", "resolution", "statement", "case")
        ]
        before = get_script_prefix()
        # What a server's handler sets from SCRIPT_NAME (the test client's
        # does not).
        set_script_prefix("/tracker/")
        try:
            drawn = "\n".join(
                self.client.get(path).content.decode().split("<tbody>")[1]
                for path in lists
            )
            linked = [
                self.case,
                self.ordinance,
                self.city,
                self.resolution,
                self.district,
                self.targeted,
                self.speaker,
                *self.targeted.targets.all()[:3],
            ]
            urls = [record.get_absolute_url() for record in linked]
        finally:
            set_script_prefix(before)
        for url in urls:
            self.assertTrue(url.startswith("/tracker/"), url)
            self.assertIn(f'href="{url}"', drawn)

    def test_case_row_links_the_case_and_reads_its_date_precision(self):
        response = self.client.get(reverse("jurisdictions:case-list"))
        self.assertContains(
            response,
            f'<tr><th scope="row"><a href="{self.case.get_absolute_url()}">'
            'Oregon v. &lt;i&gt;Salem&lt;/i&gt;</a> <span class="context">1:25-cv-1'
            "</span></th><td>District of Oregon</td>"
            '<td><span class="status status--preliminary_injunction">Preliminary '
            'injunction</span></td><td><time datetime="2025-03">March 2025</time>'
            "</td></tr>",
            html=False,
        )

    def test_place_row_names_published_parent_only(self):
        response = self.client.get(reverse("jurisdictions:jurisdiction-list"))
        self.assertContains(response, '<span class="context">in Oregon</span>')
        self.assertContains(response, "Lone Town")
        self.assertNotContains(response, "Secret County")

    def test_resolution_row_notes_an_emergency(self):
        response = self.client.get(reverse("jurisdictions:resolution-list"))
        self.assertContains(
            response,
            f'<a href="{self.district.get_absolute_url()}">{self.district}</a>',
        )
        self.assertContains(response, '<span class="context">emergency</span>')

    def test_statement_row_shows_three_targets_and_counts_the_rest(self):
        response = self.client.get(reverse("jurisdictions:statement-list"))
        self.assertContains(
            response,
            f'<a href="{self.speaker.get_absolute_url()}">Tom Homan</a>'
            ' <span class="context">Border czar</span>',
        )
        self.assertContains(response, "Place 2, CA</a> and 2 more")
        self.assertNotContains(response, "Place 3")
        self.assertContains(response, '<span class="context">general</span>')
        self.assertContains(response, "<td>—</td>")

    def test_rows_read_in_spanish(self):
        with translation.override("es"):
            pages = {
                name: self.client.get(reverse(f"jurisdictions:{name}-list"))
                for name in ("ordinance", "jurisdiction", "resolution", "case")
            }
        self.assertContains(
            pages["ordinance"],
            "<td>Ordenanza</td>"
            '<td><span class="status status--passed">Aprobada</span></td>'
            '<td><time datetime="2024-12-10">10 dic 2024</time></td>',
            html=False,
        )
        self.assertContains(pages["jurisdiction"], '<span class="context">en Oregon')
        self.assertContains(pages["jurisdiction"], "<td>Ciudad</td>")
        self.assertContains(
            pages["resolution"],
            '<span class="status status--adopted">Adoptada</span> '
            '<span class="context">de emergencia</span>',
            html=False,
        )
        self.assertContains(
            pages["case"],
            "Medida cautelar preliminar</span></td>"
            '<td><time datetime="2025-03">marzo de 2025</time></td>',
            html=False,
        )

    def test_facet_link_marks_the_selected_value_and_its_count(self):
        response = self.client.get(
            reverse("jurisdictions:jurisdiction-list"), {"state": "OR"}
        )
        self.assertContains(
            response,
            '<a href="/jurisdictions/?" class="is-selected"><span class="facet-label">'
            '<span class="visually-hidden">Remove filter: </span>Oregon</span>'
            '<span class="count">2<span class="visually-hidden"> results</span></span>',
            html=False,
        )


class RecordDateTests(TestCase):
    def test_writes_what_the_date_filter_writes(self):
        from django.template.defaultfilters import date as date_filter
        from django.utils import timezone

        days = [datetime.date(2024, month, month * 2) for month in range(1, 13)]
        moments = [timezone.make_aware(datetime.datetime(2025, 1, 1, 7, 30))]
        for day in [*days, *moments]:
            with self.subTest(day=day):
                local = (
                    timezone.localtime(day).date()
                    if isinstance(day, datetime.datetime)
                    else day
                )
                self.assertEqual(
                    records.record_date(day),
                    f'<time datetime="{local.isoformat()}">'
                    f"{date_filter(local, 'j M Y')}</time>",
                )
        self.assertIn("date not given", records.record_date(None))


class NavigationTests(TestCase):
    NAMES = [
        "jurisdictions:home",
        "jurisdictions:ordinance-list",
        "jurisdictions:provision-list",
    ]

    def test_pages_link_the_navigation_through_it(self):
        html = self.client.get(reverse("jurisdictions:home")).content.decode()
        for name in self.NAMES:
            self.assertIn(f'href="{reverse(name)}"', html)
