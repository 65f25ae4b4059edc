"""The home page, the provision taxonomy, and finding a record from the home page."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from .factories import (
    make_jurisdiction,
    make_ordinance,
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)


class HomeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.provision = make_provision(
            slug="shield", name="No local resources", description="No staff or money."
        )
        place = make_jurisdiction(stance="sanctuary")
        make_jurisdiction(stance="sanctuary")
        make_jurisdiction(stance="anti_sanctuary")
        make_jurisdiction(stance="limited", publication_status="draft")
        cls.ordinance = make_ordinance(title="Newest ordinance", jurisdiction=place)
        make_ordinance(
            title="Draft ordinance", jurisdiction=place, publication_status="draft"
        )
        make_resolution(district=make_school_district(stance="unknown"))
        make_statement(title="Draft statement", publication_status="draft")

    def test_counts_by_record_type_leave_drafts_out(self):
        response = self.client.get(reverse("jurisdictions:home"))
        self.assertEqual(
            response.context["counts"],
            {"jurisdiction": 4, "ordinance": 1, "resolution": 1, "statement": 0},
        )
        self.assertContains(response, "Ordinances and orders")

    def test_counts_by_stance_link_to_the_filtered_list(self):
        response = self.client.get(reverse("jurisdictions:home"))
        stances = {value: n for value, _, n in response.context["stances"]}
        self.assertEqual(stances["sanctuary"], 2)
        self.assertEqual(stances["anti_sanctuary"], 1)
        self.assertEqual(stances["limited"], 0)
        self.assertContains(response, 'href="/jurisdictions/?stance=sanctuary"')
        self.assertNotContains(response, 'href="/jurisdictions/?stance=limited"')

    def test_latest_changes_are_published_newest_first(self):
        self.ordinance.save()
        response = self.client.get(reverse("jurisdictions:home"))
        changes = [record for record, _ in response.context["latest_changes"]]
        self.assertEqual(changes[0], self.ordinance)
        self.assertNotContains(response, "Draft ordinance")
        self.assertNotContains(response, "Draft statement")

    def test_entry_points_and_explainer(self):
        response = self.client.get(reverse("jurisdictions:home"))
        for name in ("jurisdiction", "ordinance", "resolution", "statement"):
            self.assertContains(
                response, f'href="{reverse(f"jurisdictions:{name}-list")}"'
            )
        self.assertContains(response, "What counts as “sanctuary”?")
        self.assertContains(response, 'href="/provisions/#shield"')

    def test_provisions_page_explains_each_and_counts_published_uses(self):
        response = self.client.get(reverse("jurisdictions:provision-list"))
        self.assertContains(response, 'id="shield"')
        self.assertContains(response, "No staff or money.")
        make_ordinance(provisions=[self.provision])
        make_ordinance(provisions=[self.provision], publication_status="draft")
        response = self.client.get(reverse("jurisdictions:provision-list"))
        self.assertContains(response, "1 ordinance<")
        self.assertContains(response, 'href="/ordinances/?provision=shield"')


def links(html):
    return [
        (unescape(re.sub(r"<[^>]+>", "", label)).strip(), unescape(href))
        for href, label in re.findall(
            r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S
        )
    ]


@pytest.mark.django_db
def test_a_new_user_reaches_the_la_ordinance_in_three_clicks(client):
    """Breadth-first over the links a reader can follow from the home page."""
    call_command("load_seed", verbosity=0)
    target = reverse(
        "jurisdictions:ordinance-detail",
        kwargs={"slug": "los-angeles-sanctuary-city-ordinance"},
    )
    frontier, seen = {reverse("jurisdictions:home"): []}, set()
    for clicks in range(1, 4):
        following = {}
        for url, path in frontier.items():
            seen.add(url)
            response = client.get(url)
            for label, href in links(response.content.decode()):
                href = href.split("#")[0]
                if (
                    not href.startswith("/")
                    or href in seen
                    or href.endswith((".csv", ".atom"))
                ):
                    continue
                if href == target:
                    assert clicks <= 3, path
                    return
                following.setdefault(href, [*path, label])
        frontier = following
    pytest.fail("the LA ordinance is more than three clicks from the home page")
