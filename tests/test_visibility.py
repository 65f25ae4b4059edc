"""The visibility matrix: no draft, nor anything reached only through one, leaks.

Every draft (and every published record that hangs off a draft) carries
MARK in its name, title or text and in its slug, so one search of each
response finds any leak, whichever field or format it slips through. The
public URLs are enumerated from the URL configuration: a new page must be
added here, or listed as exempt, before the suite passes.
"""

import csv
import datetime
import io
import json
import re
import zipfile
from collections import Counter
from urllib.parse import quote

import feedparser
from django.test import TestCase
from django.urls import reverse

from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
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
from .hostile import named_routes

MARK = "zzdraft"
LEAK = re.compile(rf"{MARK}[\w-]*", re.IGNORECASE)
# In every record, published or not: a search for it must find exactly the
# published ones.
SHARED = "visibilityword"
DRAFT = "draft"

LISTS = {
    "jurisdiction": Jurisdiction,
    "ordinance": Ordinance,
    "resolution": SchoolDistrictResolution,
    "statement": FederalStatement,
    "case": Case,
}

# Named routes with no record data to leak.
EXEMPT = {
    "api:api-root": "links to the lists only",
    "api:schema": "the OpenAPI schema: field names, no records",
    "api:docs": "Swagger UI page for the schema",
    "healthz": "database health check for load balancers",
}


# The states page and its CSV, with each filter's values only drafts have.
STATE_QUERIES = [
    "",
    "?stance=anti_sanctuary&stance=sanctuary&stance=unknown",
    "?direction=limits&direction=mandates&direction=none",
    "?listed=pub-list",
]


def leaks(text):
    return sorted(set(LEAK.findall(text)))


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def draft(key, **fields):
    """Name, slug and text for a record that must never be seen."""
    return {"slug": f"{MARK}-{key}", **fields}


def label(key):
    return f"{MARK.capitalize()}-{key} {SHARED}"


class VisibilityMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.provision = make_provision(slug="shield", name="Shield")
        cls.other_provision = make_provision(slug="wall", name="Wall")
        hidden_source = make_source(
            title=label("source"), url=f"https://example.org/{MARK}-source"
        )

        # Published records, each carrying SHARED so searches find them.
        def pub(key):
            return {"slug": f"pub-{key}", "summary": f"Published {SHARED}"}

        state = make_jurisdiction(
            name=f"State {SHARED}", kind="state", state="CA", geoid="06", **pub("state")
        )
        county = make_jurisdiction(
            name=f"County {SHARED}", kind="county", parent=state, **pub("county")
        )
        city = make_jurisdiction(
            name=f"City {SHARED}",
            parent=county,
            stance="sanctuary",
            **pub("city"),
        )
        district = make_school_district(
            name=f"District {SHARED}", parent=city, **pub("district")
        )
        official = make_person(name="Official", slug="pub-official", is_federal=True)
        mayor = make_person(name="Mayor", slug="pub-mayor", jurisdiction=city)
        ordinance = make_ordinance(
            title=f"Ordinance {SHARED}",
            jurisdiction=city,
            provisions=[cls.provision],
            instrument="ordinance",
            **pub("ordinance"),
        )
        make_action(ordinance=ordinance, note="Passed unanimously.")
        make_resolution(
            title=f"Resolution {SHARED}",
            district=district,
            provisions=[cls.provision],
            **pub("resolution"),
        )
        statement = make_statement(
            title=f"Statement {SHARED}",
            speaker=official,
            targets=[city],
            **pub("statement"),
        )
        statement.responds_to.set([ordinance])
        make_quote(person=mayor, ordinance=ordinance, text=f"We stand. {SHARED}")

        # A draft of every curated model.
        draft_place = make_jurisdiction(
            name=label("place"),
            state="WY",
            kind="county",
            stance="anti_sanctuary",
            summary=label("place-summary"),
            publication_status=DRAFT,
            sources=[hidden_source],
            **draft("place"),
        )
        draft_person = make_person(
            name=label("person"), publication_status=DRAFT, **draft("person")
        )
        draft_ordinance = make_ordinance(
            title=label("ordinance"),
            jurisdiction=city,
            provisions=[cls.provision, cls.other_provision],
            instrument="state_law",
            status="vetoed",
            publication_status=DRAFT,
            based_on=ordinance,
            sources=[hidden_source],
            **draft("ordinance"),
        )
        make_action(ordinance=draft_ordinance, note=label("draft-ordinance-action"))
        make_resolution(
            title=label("resolution"),
            district=district,
            provisions=[cls.other_provision],
            status="rescinded",
            publication_status=DRAFT,
            **draft("resolution"),
        )
        draft_statement = make_statement(
            title=label("statement"),
            speaker=official,
            kind="lawsuit",
            targets=[city],
            publication_status=DRAFT,
            **draft("statement"),
        )
        draft_statement.responds_to.set([ordinance])
        make_quote(
            person=mayor,
            jurisdiction=city,
            text=label("quote"),
            publication_status=DRAFT,
        )

        # Published records reached only through a draft, and drafts hanging
        # off published records.
        orphan = make_ordinance(
            title=label("ordinance-of-draft-place"),
            jurisdiction=draft_place,
            provisions=[cls.other_provision],
            **draft("orphan-ordinance"),
        )
        make_action(ordinance=orphan, note=label("orphan-action"))
        make_quote(person=mayor, ordinance=orphan, text=label("quote-on-orphan"))
        make_quote(
            person=mayor, ordinance=draft_ordinance, text=label("quote-on-draft")
        )
        make_quote(person=mayor, jurisdiction=draft_place, text=label("quote-on-place"))
        make_quote(person=draft_person, jurisdiction=city, text=label("quote-by-draft"))
        make_quote(
            person=mayor,
            ordinance=ordinance,
            text=label("draft-quote-on-published"),
            publication_status=DRAFT,
        )
        draft_target = make_jurisdiction(
            name=label("target"),
            state="NV",
            publication_status=DRAFT,
            **draft("target"),
        )
        targeting = make_statement(
            title=f"Statement with a draft target {SHARED}",
            speaker=official,
            targets=[city, draft_target],
            slug="pub-targeting",
        )
        targeting.responds_to.set([orphan, draft_ordinance])
        draft_speaker = make_person(
            name=label("speaker"),
            is_federal=True,
            publication_status=DRAFT,
            **draft("speaker"),
        )
        make_statement(
            title=label("statement-by-draft-speaker"),
            speaker=draft_speaker,
            targets=[city],
            **draft("spoken"),
        )
        draft_sponsor = make_person(
            name=label("sponsor"), publication_status=DRAFT, **draft("sponsor")
        )
        ordinance.sponsors.set([mayor, draft_sponsor])
        draft_basis = make_ordinance(
            title=label("basis"),
            jurisdiction=city,
            publication_status=DRAFT,
            **draft("basis"),
        )
        make_ordinance(
            title=f"Codifying ordinance {SHARED}",
            jurisdiction=city,
            based_on=draft_basis,
            **pub("codifying"),
        )
        make_jurisdiction(
            name=label("child"),
            parent=county,
            kind="city",
            publication_status=DRAFT,
            **draft("child"),
        )
        draft_parent = make_jurisdiction(
            name=label("parent"),
            kind="county",
            publication_status=DRAFT,
            **draft("parent"),
        )
        make_jurisdiction(
            name=f"Town in a draft county {SHARED}",
            parent=draft_parent,
            **pub("town"),
        )
        make_person(
            name="Clerk of a draft place",
            slug="pub-clerk",
            jurisdiction=draft_place,
        )
        draft_district = make_school_district(
            name=label("district"),
            publication_status=DRAFT,
            **draft("district"),
        )
        make_resolution(
            title=label("resolution-of-draft-district"),
            district=draft_district,
            provisions=[cls.provision],
            **draft("orphan-resolution"),
        )

        # A published case whose parties, instruments and statements include
        # drafts (and records public only through drafts), and a draft case
        # about published ones.
        make_case(
            title=f"United States v. City {SHARED}",
            court="U.S. District Court",
            status="pending",
            plaintiff_parties="United States",
            plaintiffs=[city],
            defendants=[draft_place, draft_target, draft_district],
            challenged=[ordinance, draft_ordinance, orphan, draft_basis],
            statements=[statement, draft_statement],
            **pub("case"),
        )
        make_case(
            title=label("case"),
            court=label("court"),
            status="settled",
            plaintiffs=[state],
            defendants=[city],
            challenged=[ordinance],
            statements=[statement],
            publication_status=DRAFT,
            sources=[hidden_source],
            **draft("case"),
        )

        # Dated roles: a draft role never titles anyone, nor does a draft
        # place show through a published role; a reaffirmation link to or
        # from a draft resolution never shows, confirmed or not.
        FederalStatement.objects.filter(slug="pub-statement").update(
            made_on=datetime.date(2025, 1, 1)
        )
        make_role(person=official, title=label("role"), publication_status=DRAFT)
        make_role(person=mayor, title=label("mayor-role"), publication_status=DRAFT)
        make_role(person=mayor, title="Mayor", jurisdiction=draft_place)
        resolutions = SchoolDistrictResolution.objects
        published_resolution = resolutions.get(slug="pub-resolution")
        draft_resolution = resolutions.get(slug=f"{MARK}-resolution")
        resolutions.filter(pk=published_resolution.pk).update(
            reaffirms=draft_resolution, reaffirms_confirmed=True
        )
        resolutions.filter(pk=draft_resolution.pk).update(
            reaffirms=published_resolution, reaffirms_confirmed=True
        )

        # A published federal list: the city on it, the county removed, a
        # draft entry (the state, removed with a note), an entry of a draft
        # place; and entries of a draft list and of a list by a draft speaker.
        federal_list = make_statement(
            title=f"Federal list {SHARED}",
            kind="designation",
            speaker=official,
            **pub("list"),
        )
        make_list_entry(list=federal_list, jurisdiction=city)
        make_list_entry(
            list=federal_list,
            jurisdiction=county,
            removed_on=datetime.date(2025, 9, 26),
            removal_note=f"Taken off {SHARED}",
        )
        make_list_entry(
            list=federal_list,
            jurisdiction=state,
            removed_on=datetime.date(2025, 9, 26),
            removal_note=label("draft-entry"),
            publication_status=DRAFT,
        )
        make_list_entry(
            list=federal_list,
            jurisdiction=draft_place,
            removal_note=label("entry-of-draft-place"),
        )
        draft_list = make_statement(
            title=label("list"),
            kind="designation",
            speaker=official,
            publication_status=DRAFT,
            **draft("list"),
        )
        make_list_entry(list=draft_list, jurisdiction=city)
        listed_by_draft = make_statement(
            title=label("list-by-draft-speaker"),
            kind="designation",
            speaker=draft_speaker,
            **draft("speaker-list"),
        )
        make_list_entry(list=listed_by_draft, jurisdiction=county)

        # The states page and the map: a draft law of a published state, a
        # draft state (drawn on the map unlinked) and a law of it.
        make_ordinance(
            title=label("state-law"),
            jurisdiction=state,
            instrument="state_law",
            status="in_effect",
            provisions=[cls.other_provision],
            publication_status=DRAFT,
            sources=[hidden_source],
            **draft("state-law"),
        )
        draft_state = make_jurisdiction(
            name=label("state"),
            kind="state",
            state="TX",
            geoid="48",
            stance="anti_sanctuary",
            publication_status=DRAFT,
            **draft("state"),
        )
        make_ordinance(
            title=label("law-of-draft-state"),
            jurisdiction=draft_state,
            instrument="state_law",
            status="in_effect",
            provisions=[cls.provision],
            **draft("law-of-draft-state"),
        )

        cls.draft_slugs = {
            "jurisdiction": [
                f"{MARK}-{k}"
                for k in ("place", "target", "child", "parent", "district", "state")
            ],
            "ordinance": [
                f"{MARK}-{k}"
                for k in (
                    "ordinance",
                    "orphan-ordinance",
                    "basis",
                    "state-law",
                    "law-of-draft-state",
                )
            ],
            "resolution": [f"{MARK}-{k}" for k in ("resolution", "orphan-resolution")],
            "statement": [
                f"{MARK}-{k}" for k in ("statement", "spoken", "list", "speaker-list")
            ],
            "person": [f"{MARK}-{k}" for k in ("person", "speaker", "sponsor")],
            "case": [f"{MARK}-case"],
        }

    # Enumeration -------------------------------------------------------

    def test_every_named_route_is_covered_or_exempt(self):
        covered = {
            "jurisdictions:home",
            "jurisdictions:provision-list",
            "jurisdictions:stance-criteria",
            "jurisdictions:method",
            "jurisdictions:data",
            "jurisdictions:dataset-zip",
            "jurisdictions:updates-feed",
            "jurisdictions:jurisdiction-feed",
            "jurisdictions:place-search",
            "jurisdictions:person-detail",
            "jurisdictions:state-list",
            "jurisdictions:state-csv",
            "jurisdictions:timeline",
        }
        for name in LISTS:
            covered |= {
                f"jurisdictions:{name}-{kind}"
                for kind in ("list", "detail", "csv", "atom")
            }
            covered |= {f"api:{name}-list", f"api:{name}-detail"}
        # Readers' corrections (issue 30): each record's form and thanks page.
        covered |= {
            f"jurisdictions:{name}-correct{page}"
            for name in self.draft_slugs
            for page in ("", "-thanks")
        }
        # The log of published changes (issue 30) and its twins.
        covered |= {f"jurisdictions:change-{kind}" for kind in ("list", "csv", "atom")}
        routes = named_routes("", "jurisdictions", "api")
        self.assertEqual(routes - set(EXEMPT), covered, "cover the new route here")
        self.assertLessEqual(set(EXEMPT), routes, "an exempt route is gone")

    def test_there_is_no_sitemap_to_check(self):
        # If one is added, the enumeration above fails until it is covered.
        self.assertEqual(self.client.get("/sitemap.xml").status_code, 404)

    # Helpers -----------------------------------------------------------

    def fetch(self, url, status=200, **headers):
        response = self.client.get(url, **headers)
        self.assertEqual(response.status_code, status, url)
        return response

    def assertNoLeak(self, url, response=None):
        """Fetch `url` (or read `response`); return its text, free of drafts."""
        response = response or self.fetch(url)
        text = body(response).decode("utf-8", "replace")
        self.assertEqual(leaks(text), [], url)
        return text

    def published_urls(self):
        urls = []
        for model in [*LISTS.values(), Person]:
            urls += [obj.get_absolute_url() for obj in model.objects.published()]
        return urls

    def published(self, name):
        return LISTS[name].objects.published()

    # HTML --------------------------------------------------------------

    def test_no_page_shows_a_draft(self):
        urls = [
            reverse("jurisdictions:home"),
            reverse("jurisdictions:provision-list"),
            reverse("jurisdictions:stance-criteria"),
            reverse("jurisdictions:method"),
            reverse("jurisdictions:data"),
            reverse("jurisdictions:timeline"),
            *self.published_urls(),
            *(reverse("jurisdictions:state-list") + q for q in STATE_QUERIES),
        ]
        # Each filter with the values only drafts have, so their facet
        # counts, summaries and (empty) results are all on the page.
        states = "state=CA&state=WY&state=NV"
        provisions = "provision=shield&provision=wall"
        queries = {
            "jurisdiction": [
                states,
                provisions,
                "stance=anti_sanctuary&stance=sanctuary",
                "kind=county&kind=city&kind=school_district",
                "listed=pub-list",
            ],
            "ordinance": [
                states,
                provisions,
                "instrument=state_law&instrument=ordinance",
                "status=vetoed&status=passed",
                "jurisdiction=pub-city",
                "date_after=2000-01-01",
            ],
            "resolution": [
                states,
                provisions,
                "status=rescinded&status=adopted",
                "district=pub-district",
            ],
            "statement": [
                "state=CA&state=NV",
                "kind=lawsuit&kind=statement",
                "target=pub-city",
                "speaker=pub-official",
            ],
            "case": [
                states,
                "state=WY",
                "status=settled&status=pending",
                "jurisdiction=pub-city",
                "jurisdiction=pub-state",
                "court=court",
                "date_after=2000-01-01",
            ],
        }
        for name, extra in queries.items():
            url = reverse(f"jurisdictions:{name}-list")
            urls.append(url)
            for query in [f"q={SHARED}", "ordering=-updated", "page=last", *extra]:
                urls.append(f"{url}?{query}")
        # Place search by a word every record shares.
        urls.append(reverse("jurisdictions:place-search") + f"?q={SHARED}")
        # The same pages in Spanish: unfiltered, and the place search.
        urls += ["/es" + url for url in urls if "?" not in url or "places" in url]
        self.assertEqual(len(self.published_urls()), 15)
        for url in urls:
            with self.subTest(url=url):
                self.assertNoLeak(url)

    def test_place_search_never_finds_a_draft(self):
        url = reverse("jurisdictions:place-search")
        found = self.fetch(f"{url}?q={SHARED}").context["places"]
        self.assertEqual(
            sorted(place.slug for place in found),
            sorted(self.published("jurisdiction").values_list("slug", flat=True)),
        )
        # By the drafts' own words or slugs: listed nowhere, never opened (the
        # page echoes the query, so only its results are checked).
        for query in [MARK, label("place"), *self.draft_slugs["jurisdiction"]]:
            with self.subTest(query=query):
                response = self.fetch(url, data={"q": query})
                self.assertEqual(
                    [p for p in response.context["places"] if MARK in p.slug], []
                )

    def test_lists_hold_exactly_the_published_records(self):
        for name in LISTS:
            url = reverse(f"jurisdictions:{name}-list")
            with self.subTest(list=name):
                page = self.fetch(url)
                self.assertEqual(
                    page.context["paginator"].count, self.published(name).count()
                )
                # Every published record carries SHARED; no draft shows up.
                found = self.fetch(f"{url}?q={SHARED}").context["paginator"].count
                self.assertEqual(found, self.published(name).count())
                response = self.fetch(f"{url}?q={MARK}")
                self.assertEqual(response.context["paginator"].count, 0)

    def test_detail_of_a_draft_is_404(self):
        for name, slugs in self.draft_slugs.items():
            for slug in slugs:
                with self.subTest(name=name, slug=slug):
                    url = reverse(f"jurisdictions:{name}-detail", kwargs={"slug": slug})
                    self.assertNoLeak(url, self.fetch(url, 404))
                    self.assertNoLeak(url, self.fetch("/es" + url, 404))
                    for page in ("correct/", "correct/thanks/"):
                        self.assertNoLeak(url + page, self.fetch(url + page, 404))
                    if name != "person":
                        api = reverse(f"api:{name}-detail", kwargs={"slug": slug})
                        self.assertNoLeak(api, self.fetch(api, 404))

    def test_filtering_by_a_draft_slug_is_refused_everywhere(self):
        filters = {
            "ordinance": [("jurisdiction", "place"), ("jurisdiction", "district")],
            "resolution": [("district", "district")],
            "statement": [("target", "target"), ("speaker", "speaker")],
            "jurisdiction": [("listed", "list"), ("listed", "speaker-list")],
            "case": [
                ("jurisdiction", "place"),
                ("jurisdiction", "target"),
                ("jurisdiction", "district"),
            ],
        }
        for name, pairs in filters.items():
            for param, key in pairs:
                # By slug, and by name (the filters take either).
                for query in [
                    f"?{param}={MARK}-{key}",
                    f"?{param}={quote(label(key))}",
                ]:
                    for url in [
                        reverse(f"jurisdictions:{name}-list"),
                        reverse(f"jurisdictions:{name}-csv"),
                        reverse(f"jurisdictions:{name}-atom"),
                        reverse(f"api:{name}-list"),
                    ]:
                        with self.subTest(url=url + query):
                            self.fetch(url + query, 400)

    def test_the_listed_filter_finds_current_published_members_only(self):
        query = "?listed=pub-list"
        # Each reads the response (the page's rows) or its text.
        found = {
            "html": lambda r, text: {row.slug for row in r.context["object_list"]},
            "csv": lambda r, text: {
                row["slug"] for row in csv.DictReader(io.StringIO(text))
            },
            "api": lambda r, text: {row["slug"] for row in json.loads(text)["results"]},
            "atom": lambda r, text: {
                e.link.rstrip("/").rsplit("/", 1)[-1]
                for e in feedparser.parse(text).entries
            },
        }
        for fmt, url in [
            ("html", reverse("jurisdictions:jurisdiction-list")),
            ("csv", reverse("jurisdictions:jurisdiction-csv")),
            ("api", reverse("api:jurisdiction-list")),
            ("atom", reverse("jurisdictions:jurisdiction-atom")),
        ]:
            with self.subTest(format=fmt):
                response = self.fetch(url + query)
                text = self.assertNoLeak(url + query, response)
                self.assertEqual(found[fmt](response, text), {"pub-city"})

    # Counts ------------------------------------------------------------

    def facet_counts(self, url):
        response = self.fetch(url)
        return {
            facet.name: {value.value: value.count for value in facet.values}
            for facet in response.context["facets"]
        }

    def provision_counts(self, model, owner):
        through = model.provisions.through
        return Counter(
            through.objects.filter(
                **{f"{owner}__in": model.objects.published()}
            ).values_list("policyprovision__slug", flat=True)
        )

    def test_facet_counts_are_published_counts(self):
        places = Jurisdiction.objects.published()
        ordinances = Ordinance.objects.published()
        resolutions = SchoolDistrictResolution.objects.published()
        statements = FederalStatement.objects.published()
        with_provision = Counter()
        for place in places:
            slugs = set(
                ordinances.filter(jurisdiction=place).values_list(
                    "provisions__slug", flat=True
                )
            ) | set(
                resolutions.filter(district=place).values_list(
                    "provisions__slug", flat=True
                )
            )
            with_provision.update(slug for slug in slugs if slug)
        target_states = Counter()
        for statement in statements:
            target_states.update(
                set(statement.targets.published().values_list("state", flat=True))
            )
        cases = Case.objects.published()
        party_states = Counter()
        for case in cases:
            party_states.update(
                set(case.plaintiffs.published().values_list("state", flat=True))
                | set(case.defendants.published().values_list("state", flat=True))
            )
        # Current members of each list, every record on the way published.
        members = {}
        for entry in ListEntry.objects.select_related("list__speaker", "jurisdiction"):
            chain = [entry, entry.list, entry.jurisdiction, entry.list.speaker]
            if entry.is_current and all(r is None or r.is_published for r in chain):
                members.setdefault(entry.list.slug, set()).add(entry.jurisdiction_id)
        current_members = Counter({slug: len(ids) for slug, ids in members.items()})
        # The county was removed; the state's entry is a draft.
        self.assertEqual(current_members, {"pub-list": 1})
        expected = {
            "jurisdiction": {
                "state": Counter(places.values_list("state", flat=True)),
                "kind": Counter(places.values_list("kind", flat=True)),
                "stance": Counter(places.values_list("stance", flat=True)),
                "provision": with_provision,
                "listed": current_members,
            },
            "ordinance": {
                "state": Counter(
                    ordinances.values_list("jurisdiction__state", flat=True)
                ),
                "instrument": Counter(ordinances.values_list("instrument", flat=True)),
                "status": Counter(ordinances.values_list("status", flat=True)),
                "provision": self.provision_counts(Ordinance, "ordinance"),
            },
            "resolution": {
                "state": Counter(resolutions.values_list("district__state", flat=True)),
                "status": Counter(resolutions.values_list("status", flat=True)),
                "provision": self.provision_counts(
                    SchoolDistrictResolution, "schooldistrictresolution"
                ),
            },
            "statement": {
                "kind": Counter(statements.values_list("kind", flat=True)),
                "state": target_states,
            },
            "case": {
                "status": Counter(cases.values_list("status", flat=True)),
                "state": party_states,
            },
        }
        # The drafts add values no published record has; they must not show.
        self.assertNotIn("WY", expected["jurisdiction"]["state"])
        self.assertNotIn("wall", expected["ordinance"]["provision"])
        # Only draft parties lie in Wyoming and Nevada; only a draft is settled.
        self.assertEqual(set(party_states), {"CA"})
        self.assertNotIn("settled", expected["case"]["status"])
        for name, facets in expected.items():
            url = reverse(f"jurisdictions:{name}-list")
            with self.subTest(list=name):
                self.assertEqual(
                    self.facet_counts(url),
                    {facet: dict(counts) for facet, counts in facets.items()},
                )

    def test_home_and_provision_counts_are_published_counts(self):
        home = self.fetch(reverse("jurisdictions:home")).context
        self.assertEqual(
            home["counts"],
            {
                "jurisdiction": self.published("jurisdiction").count(),
                "ordinance": self.published("ordinance").count(),
                "resolution": self.published("resolution").count(),
                "statement": self.published("statement").count(),
            },
        )
        stances = Counter(
            self.published("jurisdiction").values_list("stance", flat=True)
        )
        self.assertEqual(
            {value: count for value, _, count in home["stances"] if count},
            dict(stances),
        )
        rows = self.fetch(reverse("jurisdictions:provision-list")).context["rows"]
        ordinances = self.provision_counts(Ordinance, "ordinance")
        resolutions = self.provision_counts(
            SchoolDistrictResolution, "schooldistrictresolution"
        )
        self.assertEqual(
            {p.slug: (o, r) for p, o, r in rows if p.slug in ("shield", "wall")},
            {
                slug: (ordinances[slug], resolutions[slug])
                for slug in ("shield", "wall")
            },
        )

    # CSV and the zip ---------------------------------------------------

    def test_csv_exports_hold_no_draft(self):
        for query in STATE_QUERIES:
            url = reverse("jurisdictions:state-csv") + query
            with self.subTest(url=url):
                text = self.assertNoLeak(url)
                if not query:
                    rows = list(csv.reader(io.StringIO(text)))
                    self.assertEqual(len(rows) - 1, 1)  # the published state
        for name in LISTS:
            url = reverse(f"jurisdictions:{name}-csv")
            for query in ["", f"?q={SHARED}", "?state=WY&state=CA&state=NV"]:
                with self.subTest(url=url + query):
                    text = self.assertNoLeak(url + query)
                    rows = list(csv.reader(io.StringIO(text)))
                    if not query:
                        self.assertEqual(len(rows) - 1, self.published(name).count())

    def test_dataset_zip_holds_no_draft(self):
        response = self.fetch(reverse("jurisdictions:dataset-zip"))
        archive = zipfile.ZipFile(io.BytesIO(body(response)))
        expected_rows = {
            "jurisdictions.csv": self.published("jurisdiction").count(),
            "ordinances.csv": self.published("ordinance").count(),
            "resolutions.csv": self.published("resolution").count(),
            "statements.csv": self.published("statement").count(),
            "cases.csv": self.published("case").count(),
            # The city's entry and the county's (removed); no other entry has
            # its list, its place and itself published.
            "list_entries.csv": 2,
            "people.csv": Person.objects.published().count(),
            "quotes.csv": Quote.objects.published().count(),
            "provisions.csv": PolicyProvision.objects.count(),
        }
        self.assertIn("ordinance_actions.csv", archive.namelist())
        self.assertIn("sources.csv", archive.namelist())
        for member in archive.namelist():
            with self.subTest(member=member):
                text = archive.read(member).decode()
                self.assertEqual(leaks(text), [], member)
                if member in expected_rows:
                    rows = list(csv.reader(io.StringIO(text)))
                    self.assertEqual(len(rows) - 1, expected_rows[member])

    # API ---------------------------------------------------------------

    def test_api_holds_no_draft(self):
        for name in LISTS:
            url = reverse(f"api:{name}-list")
            with self.subTest(url=url):
                data = json.loads(self.assertNoLeak(url))
                self.assertEqual(data["count"], self.published(name).count())
                self.assertNoLeak(f"{url}?q={SHARED}")
                self.assertEqual(self.fetch(f"{url}?q={MARK}").json()["count"], 0)
                self.assertNoLeak(f"{url}?state=WY&state=NV&state=CA")
            for record in self.published(name):
                detail = reverse(f"api:{name}-detail", kwargs={"slug": record.slug})
                with self.subTest(url=detail):
                    self.assertNoLeak(detail)

    # Feeds -------------------------------------------------------------

    def test_feeds_hold_no_draft(self):
        updates = reverse("jurisdictions:updates-feed")
        expected = sum(
            model.objects.published().count() for model in [*LISTS.values(), Person]
        )
        entries = feedparser.parse(self.assertNoLeak(updates)).entries
        self.assertEqual(len(entries), expected)
        for name in LISTS:
            url = reverse(f"jurisdictions:{name}-atom")
            with self.subTest(url=url):
                feed = feedparser.parse(self.assertNoLeak(url))
                self.assertEqual(len(feed.entries), self.published(name).count())
                self.assertNoLeak(f"{url}?q={SHARED}")
                searched = feedparser.parse(body(self.fetch(f"{url}?q={MARK}")))
                self.assertEqual(searched.entries, [])

        # Each place's feed: a draft place has none.
        def place_feed(slug):
            return reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": slug})

        for place in Jurisdiction.objects.published():
            with self.subTest(place=place.slug):
                self.assertNoLeak(place_feed(place.slug))
        for slug in self.draft_slugs["jurisdiction"]:
            with self.subTest(draft=slug):
                self.assertNoLeak(place_feed(slug), self.fetch(place_feed(slug), 404))
        # The city's own record, two ordinances, two statements aimed at it,
        # the case it brings and its entry on the published list; none of
        # the drafts about it, nor the published records hanging off them.
        entries = feedparser.parse(self.assertNoLeak(place_feed("pub-city"))).entries
        self.assertEqual(len(entries), 7)

    # The log of changes (issue 30) -------------------------------------

    def test_the_change_log_holds_no_draft(self):
        # Every published record, first published; nothing else.
        published = {
            obj.get_absolute_url() for name in LISTS for obj in self.published(name)
        }
        csv_url = reverse("jurisdictions:change-csv")
        for name in ("change-list", "change-csv", "change-atom"):
            url = reverse(f"jurisdictions:{name}")
            for query in ["", "?state=CA&state=WY&state=NV", "?kind=ordinance"]:
                with self.subTest(url=url + query):
                    self.assertNoLeak(url + query)
        self.assertNoLeak("/es" + reverse("jurisdictions:change-list"))
        text = self.assertNoLeak(csv_url)
        paths = {
            row["url"].removeprefix("http://testserver")
            for row in csv.DictReader(io.StringIO(text))
        }
        self.assertEqual(paths, published)


class ReaffirmationLinkTests(TestCase):
    """A link one source infers shows only once an editor confirms it."""

    @classmethod
    def setUpTestData(cls):
        cls.earlier = make_resolution(slug="res-2017", title="Safe haven 2017")
        cls.later = make_resolution(
            slug="res-2024", title="Reaffirming 2024", reaffirms=cls.earlier
        )

    def public_texts(self):
        later, earlier = self.later.get_absolute_url(), self.earlier.get_absolute_url()
        pages = {url: body(self.client.get(url)).decode() for url in (later, earlier)}
        csv_text = body(self.client.get(reverse("jurisdictions:resolution-csv")))
        rows = {
            row["slug"]: row for row in csv.DictReader(io.StringIO(csv_text.decode()))
        }
        api = self.client.get(
            reverse("api:resolution-detail", args=["res-2024"])
        ).json()
        archive = zipfile.ZipFile(
            io.BytesIO(body(self.client.get(reverse("jurisdictions:dataset-zip"))))
        )
        zipped = {
            row["slug"]: row
            for row in csv.DictReader(
                io.StringIO(archive.read("resolutions.csv").decode())
            )
        }
        return pages[later], pages[earlier], rows, api, zipped

    def test_an_unconfirmed_link_is_never_shown(self):
        later, earlier, rows, api, zipped = self.public_texts()
        self.assertNotIn(self.earlier.get_absolute_url(), later)
        self.assertNotIn("Reaffirms", later)
        self.assertNotIn(self.later.get_absolute_url(), earlier)
        self.assertNotIn("Reaffirmed by", earlier)
        self.assertEqual(rows["res-2024"]["reaffirms_slug"], "")
        self.assertEqual(zipped["res-2024"]["reaffirms_slug"], "")
        self.assertIsNone(api["reaffirms"])

    def test_a_confirmed_link_to_a_published_resolution_is_shown_both_ways(self):
        SchoolDistrictResolution.objects.filter(pk=self.later.pk).update(
            reaffirms_confirmed=True
        )
        later, earlier, rows, api, zipped = self.public_texts()
        self.assertIn(f'<a href="{self.earlier.get_absolute_url()}">Safe haven', later)
        self.assertIn(f'<a href="{self.later.get_absolute_url()}">Reaffirming', earlier)
        self.assertEqual(rows["res-2024"]["reaffirms_slug"], "res-2017")
        self.assertEqual(zipped["res-2024"]["reaffirms_slug"], "res-2017")
        self.assertEqual(api["reaffirms"], "res-2017")

    def test_a_confirmed_link_to_a_draft_is_never_shown(self):
        SchoolDistrictResolution.objects.filter(pk=self.later.pk).update(
            reaffirms_confirmed=True
        )
        SchoolDistrictResolution.objects.filter(pk=self.earlier.pk).update(
            publication_status=DRAFT
        )
        later = body(self.client.get(self.later.get_absolute_url())).decode()
        self.assertNotIn("Safe haven", later)
        self.assertNotIn("res-2017", later)
        csv_text = body(self.client.get(reverse("jurisdictions:resolution-csv")))
        self.assertNotIn("res-2017", csv_text.decode())
        api = self.client.get(reverse("api:resolution-detail", args=["res-2024"]))
        self.assertIsNone(api.json()["reaffirms"])
