"""A federal list beside the evidence: each member's own stance and the
totals per stance, on the list's page (the DOJ list of 5 Aug 2025 in the
seed)."""

import datetime
import re
from collections import Counter
from html import unescape

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from jurisdictions import stances
from jurisdictions.choices import Stance
from jurisdictions.models import FederalStatement, Finding, ListEntry

from .factories import (
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_statement,
)

D = datetime.date
DRAFT = "draft"
IN_EFFECT = "in_effect"
LABELS = {
    "sanctuary": "Sanctuary",
    "limited": "Limited cooperation",
    "cooperative": "Cooperative",
    "anti_sanctuary": "Anti-sanctuary",
    "none_found": "No law found",
    "unknown": "None recorded",
}
DOJ_LIST = "doj-sanctuary-jurisdiction-list-2025"


def text_of(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def totals(html):
    """{stance: (current, removed)} from the page's comparison table."""
    rows = re.findall(
        r'stance--(\w+)">[^<]*</span></a></th>\s*<td>(\d+)</td>\s*<td>(\d+)</td>',
        section(html, "evidence-heading"),
    )
    return {stance: (int(current), int(removed)) for stance, current, removed in rows}


def member_stances(html, heading_id):
    """{place URL: (stance value, label)} of the members in a section."""
    found = {}
    for item in re.findall(r"<li>(.*?)</li>", section(html, heading_id), re.S):
        url = re.search(r'<a href="([^"]+)">', item).group(1)
        stance, label = re.search(
            r'<span class="stance stance--(\w+)">([^<]*)</span>', item
        ).groups()
        found[url] = (stance, label)
    return found


def independent_totals(federal_list):
    """{stance: (current, removed)} by stances.evidence_for() on each
    published member."""
    current, removed = Counter(), Counter()
    for entry in ListEntry.objects.published().filter(list=federal_list):
        stance = stances.evidence_for(entry.jurisdiction).stance
        (current if entry.removed_on is None else removed)[stance] += 1
    return {value: (current[value], removed[value]) for value in Stance.values}


def get(client, federal_list):
    response = client.get(federal_list.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


class ComparisonWorld(TestCase):
    """A list whose members' own instruments give every stance."""

    @classmethod
    def setUpTestData(cls):
        p = {
            category: make_provision(slug=f"p-{category}", category=category)
            for category in (
                "resources",
                "detainers",
                "declaration",
                "cooperation_mandate",
                "sanctuary_ban",
            )
        }
        cls.p = p
        cls.list = make_statement(
            kind="designation", slug="doj-list", title="DOJ list", targets=()
        )

        def member(name, *instruments, removed_on=None, **place):
            jurisdiction = make_jurisdiction(name=name, **place)
            for categories in instruments:
                make_ordinance(
                    jurisdiction=jurisdiction,
                    status=IN_EFFECT,
                    provisions=[p[c] for c in categories],
                )
            make_list_entry(
                list=cls.list, jurisdiction=jurisdiction, removed_on=removed_on
            )
            return jurisdiction

        cls.sanctuary = member("Refuge City", ("resources", "detainers"))
        cls.limited = member("Limit City", ("detainers",))
        cls.cooperative = member("Helper County", ("cooperation_mandate",))
        cls.anti = member("Banning State", ("sanctuary_ban",), kind="state", state="TX")
        cls.found_none = member("Quiet State", kind="state", state="WI")
        Finding.objects.create(
            jurisdiction=cls.found_none,
            summary="No state law found in the sources checked.",
            publication_status="published",
        )
        cls.symbolic = member("Declaring City", ("declaration",))
        cls.bare = member("Bare City")
        cls.removed = member(
            "Left City", ("resources", "detainers"), removed_on=D(2025, 9, 26)
        )
        cls.removed_bare = member("Gone County", removed_on=D(2025, 10, 31))

        # Drafts that must change nothing: an instrument not published, one
        # of a place whose entry is a draft, a draft place on the list, a
        # finding not published.
        make_ordinance(
            jurisdiction=cls.bare,
            status=IN_EFFECT,
            provisions=[p["resources"], p["detainers"]],
            publication_status=DRAFT,
        )
        Finding.objects.create(
            jurisdiction=cls.symbolic,
            summary="Draft finding.",
            publication_status=DRAFT,
        )
        hidden = make_jurisdiction(name="Hidden Town", publication_status=DRAFT)
        make_ordinance(
            jurisdiction=hidden, status=IN_EFFECT, provisions=[p["resources"]]
        )
        make_list_entry(list=cls.list, jurisdiction=hidden)
        make_list_entry(
            list=cls.list,
            jurisdiction=make_jurisdiction(name="Draft Entry Town"),
            publication_status=DRAFT,
        )


class ComparisonTests(ComparisonWorld):
    def test_each_member_shows_the_stance_its_own_instruments_give(self):
        html = get(self.client, self.list)
        current = member_stances(html, "members-heading")
        removed = member_stances(html, "removed-heading")
        expect = {
            self.sanctuary: "sanctuary",
            self.limited: "limited",
            self.cooperative: "cooperative",
            self.anti: "anti_sanctuary",
            self.found_none: "none_found",
            self.symbolic: "unknown",
            self.bare: "unknown",
        }
        self.assertEqual(
            current,
            {
                place.get_absolute_url(): (stance, LABELS[stance])
                for place, stance in expect.items()
            },
        )
        self.assertEqual(
            removed,
            {
                self.removed.get_absolute_url(): ("sanctuary", "Sanctuary"),
                self.removed_bare.get_absolute_url(): ("unknown", "None recorded"),
            },
        )

    def test_the_totals_are_the_evidence_of_the_members(self):
        html = get(self.client, self.list)
        shown = totals(html)
        self.assertEqual(shown, independent_totals(self.list))
        self.assertEqual(
            shown,
            {
                "sanctuary": (1, 1),
                "limited": (1, 0),
                "cooperative": (1, 0),
                "anti_sanctuary": (1, 0),
                "none_found": (1, 0),
                "unknown": (2, 1),
            },
        )
        words = text_of(section(html, "evidence-heading"))
        self.assertIn("All members 7 2", words)
        self.assertIn("None recorded 2 1", words)

    def test_the_page_says_a_designation_is_not_evidence(self):
        words = text_of(get(self.client, self.list))
        self.assertIn(
            "The list is the federal government’s designation, not evidence of a "
            "place’s policy.",
            words,
        )

    def test_drafts_change_no_count_and_publishing_does(self):
        before = totals(get(self.client, self.list))
        self.assertNotIn("Hidden Town", get(self.client, self.list))
        self.assertNotIn("Draft Entry Town", get(self.client, self.list))
        # Another draft instrument, and a published one that is not in force.
        make_ordinance(
            jurisdiction=self.limited,
            status=IN_EFFECT,
            provisions=[self.p["resources"]],
            publication_status=DRAFT,
        )
        make_ordinance(
            jurisdiction=self.limited,
            status="proposed",
            provisions=[self.p["resources"]],
        )
        self.assertEqual(totals(get(self.client, self.list)), before)
        # Published, the bare city's instrument makes it a sanctuary.
        self.bare.ordinances.update(publication_status="published")
        after = totals(get(self.client, self.list))
        self.assertEqual(after["sanctuary"], (2, 1))
        self.assertEqual(after["unknown"], (1, 1))
        self.assertEqual(after, independent_totals(self.list))

    def test_listing_never_sets_the_stance_the_page_shows(self):
        # The editor's stance on the place is not the evidence.
        self.bare.stance = "sanctuary"
        self.bare.save()
        current = member_stances(get(self.client, self.list), "members-heading")
        self.assertEqual(current[self.bare.get_absolute_url()][0], "unknown")

    def test_the_page_costs_the_same_as_members_grow(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                get(self.client, self.list)
            return len(captured)

        before = queries()
        for n in range(12):
            place = make_jurisdiction(name=f"More City {n}")
            make_ordinance(
                jurisdiction=place,
                status=IN_EFFECT,
                provisions=[self.p["resources"], self.p["detainers"]],
            )
            make_list_entry(
                list=self.list,
                jurisdiction=place,
                removed_on=D(2025, 10, 1) if n % 3 == 0 else None,
            )
        self.assertEqual(queries(), before)
        self.assertEqual(
            totals(get(self.client, self.list)), independent_totals(self.list)
        )

    def test_a_withdrawn_list_heads_its_column_as_its_members_section(self):
        FederalStatement.objects.filter(pk=self.list.pk).update(
            withdrawn_on=D(2025, 12, 1)
        )
        table = section(get(self.client, self.list), "evidence-heading")
        self.assertIn("On the list when it was withdrawn", table)
        self.assertNotIn("Current members", table)

    def test_a_statement_that_is_not_a_list_has_no_comparison(self):
        html = get(self.client, make_statement(kind="threat"))
        self.assertNotIn("evidence-heading", html)

    def test_a_list_without_published_members_has_no_comparison(self):
        html = get(self.client, make_statement(kind="designation"))
        self.assertNotIn("evidence-heading", html)
        self.assertIn("No published place is recorded on this list.", html)


# Seeded tests last: the seed stays loaded from the first to the module's end.


def test_the_doj_lists_totals_are_its_members_evidence(seed, client):
    doj = FederalStatement.objects.get(slug=DOJ_LIST)
    html = get(client, doj)
    shown = totals(html)
    assert shown == independent_totals(doj)
    members = ListEntry.objects.published().filter(list=doj)
    assert sum(current for current, _ in shown.values()) == members.current().count()
    assert sum(removed for _, removed in shown.values()) == members.removed().count()
    # Each member's own stance, beside it.
    current = member_stances(html, "members-heading")
    removed = member_stances(html, "removed-heading")
    for entry in members.select_related("jurisdiction"):
        side = current if entry.removed_on is None else removed
        stance = stances.evidence_for(entry.jurisdiction).stance
        assert side[entry.jurisdiction.get_absolute_url()] == (stance, LABELS[stance])
