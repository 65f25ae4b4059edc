"""Fuzz every public list, CSV, feed and API URL with hostile query strings.

The query string is built byte by byte and handed to Django as the raw WSGI
QUERY_STRING, so invalid percent-escapes (%FF%FE), raw non-UTF-8 bytes, NUL
bytes, repeated and unknown keys, huge values and thousands of parameters
reach the views as a client on the internet could send them. No answer may
be a 5xx, and an HTML list that refuses its filters shows a message and no
rows, never the unfiltered list.

The test suite runs the "fuzz-bounded" Hypothesis profile (the fixed EXAMPLES
and 12 derandomized ones per URL); `make fuzz` selects the "fuzz" profile
(HYPOTHESIS_PROFILE=fuzz, at least 2,000 examples per URL) and prints the
totals. Both profiles are registered in tests/conftest.py.
"""

import os
from urllib.parse import quote, quote_plus
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given, settings
from hypothesis import strategies as st

from .factories import (
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_school_district,
    make_statement,
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-bounded")

# Every parameter any public URL reads, plus a few that none does.
KEYS = [
    "q",
    "state",
    "kind",
    "stance",
    "provision",
    "listed",
    "jurisdiction",
    "district",
    "speaker",
    "target",
    "status",
    "instrument",
    "court",
    "date_after",
    "date_before",
    "ordering",
    "page",
    "page_size",
    "updated_since",
    "bom",
    "format",
    "csrfmiddlewaretoken",
    "__proto__",
    "q[]",
    "",
]
# Values that pass validation somewhere, so examples reach the queries too.
VALID_VALUES = [
    "CA",
    "NY",
    "city",
    "school_district",
    "sanctuary",
    "passed",
    "adopted",
    "threat",
    "pending",
    "dismissed_appealed",
    "C.D. California",
    "ordinance",
    "shield",
    "fuzz-city",
    "fuzz-district",
    "fuzz-official",
    "fuzz-list",
    "fuzz-city, fuzz-town",
    "2024-01-01",
    "2025-12-31",
    "2025-08-05T12:00:00Z",
    "-date",
    "title",
    "-updated",
    "1",
    "2",
    "last",
    "200",
    "json",
    "0",
    "sanctuary city",
    '"welcoming city" -repeal or trust',
]
# Percent-escapes that are invalid, or decode to bytes that are not UTF-8
# (overlong, surrogate, past U+10FFFF, truncated), and raw non-UTF-8 bytes.
ESCAPES = [
    b"%FF%FE",
    b"%C3",
    b"%E2%82",
    b"%ED%A0%80",
    b"%F4%90%80%80",
    b"%C0%AF",
    b"%",
    b"%%",
    b"%zz",
    b"%0",
    b"%00",
    b"%0A%0D",
    b"%u0041",
    b"%2525",
    b"\xff\xfe",
    b"\xc3",
    b"\x00",
]
# Characters and values that have broken parsers before.
NASTY = [
    "+",
    ",",
    ",,",
    "title,",
    ", -date",
    "&",
    "=",
    ";",
    "#",
    "\x00",
    "\x0b",
    "\ufffe",
    "\ud7ff",
    "\U0010ffff",
    "\u202e",
    "'",
    '"',
    "\\",
    "<script>",
    "-",
    "--",
    "*",
    ":*",
    "!",
    "(",
    "|",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "0000-00-00",
    "2024-02-30",
    "99999-01-01",
    "0001-01-01T00:00:00-23:59",
    "9999-12-31T23:59:59+23:59",
    "１２",
    "٣",
    "ＣＡ",
    "ca",
    " CA",
]


def many_values(n):
    """A value naming thousands of distinct slugs, as one comma-separated cell."""
    return ",".join(f"s{i}" for i in range(n))


def encode(text, how):
    """Put `text` into a query string the way some client might."""
    data = text.encode("utf-8", "surrogatepass")
    if how == "quote":
        return quote(data, safe="").encode()
    if how == "quote_plus":
        return quote_plus(data, safe="").encode()
    # Raw: the bytes as sent, structural characters and all.
    return data


small_texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(VALID_VALUES),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY + VALID_VALUES), max_size=6).map("".join),
)
# Huge values: a long repetition, or tens of thousands of distinct slugs
# (more than SQLite's and PostgreSQL's limits on query parameters).
huge_texts = st.one_of(
    st.builds(
        lambda s, n: s * n,
        st.text(min_size=1, max_size=5),
        st.integers(min_value=500, max_value=20_000),
    ),
    st.sampled_from([40_000, 70_000]).map(many_values),
)


def one_in(n):
    # Not st.integers(): Hypothesis favours its bounds, so "0" would come up
    # far more often than one time in n.
    return st.sampled_from([False] * (n - 1) + [True])


# One value in twenty is huge, so most requests stay cheap.
texts = one_in(20).flatmap(lambda huge: huge_texts if huge else small_texts)


def parts(values):
    return st.one_of(
        st.builds(encode, values, st.sampled_from(["quote", "quote_plus", "raw"])),
        # Bad escapes among good text: "CA%FF%FE", "%C3fuzz-city".
        st.lists(
            st.one_of(
                st.sampled_from(ESCAPES),
                st.builds(encode, small_texts, st.just("quote")),
            ),
            min_size=1,
            max_size=4,
        ).map(b"".join),
        # Bytes that are not UTF-8 at all, raw or escaped.
        st.binary(max_size=20),
        st.binary(max_size=20).map(lambda b: quote(b, safe="").encode()),
    )


# Three keys in four are ones the views read, so most values reach a filter.
keys = one_in(4).flatmap(
    lambda odd: parts(small_texts) if odd else st.sampled_from(KEYS).map(str.encode)
)


def pairs(values):
    return st.tuples(keys, st.one_of(st.none(), parts(values)))


@st.composite
def query_strings(draw):
    items = draw(st.lists(pairs(texts), min_size=1, max_size=8))
    if draw(one_in(20)):
        # More parameters than Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS).
        key, value = draw(pairs(small_texts))
        items += [(key, value)] * draw(st.integers(900, 2_500))
    separator = draw(st.sampled_from([b"&", b"&", b"&", b";", b"&&"]))
    query = separator.join(
        key if value is None else key + b"=" + value for key, value in items
    )
    # WSGI hands the view the raw bytes as a latin-1 str.
    return query.decode("latin-1")


# Sent to every URL on every run, whatever the profile draws.
EXAMPLES = [
    "q=%FF%FE&state=%C3&jurisdiction=%ED%A0%80&page=%00&ordering=%C0%AF",
    "q=\xff\xfe&state=CA\x00&date_after=2024-01-01%00&target=a%00b",
    "&".join(
        f"{key}={many_values(70_000)}"
        for key in (
            "jurisdiction",
            "district",
            "speaker",
            "target",
            "provision",
            "listed",
        )
    ),
    "&".join(["state=CA"] * 2_500),
    "q=" + "%E2%80%AE" * 20_000,
    "page=99999999999999999999&page_size=-1&ordering=-&format=xml&bom=2",
    # Empty pieces of comma-separated values (once a 500 for ordering).
    "ordering=title,,-date,",
    "jurisdiction=,fuzz-city,&target=fuzz-city,,&speaker=,",
    "updated_since=0001-01-01T00:00:00%2B23:59&date_after=9999-12-31"
    "&date_before=0001-01-01",
    # A valid query that reaches every filter and the search.
    "q=%22welcoming+city%22+-repeal+or+trust&state=CA&state=NY&kind=city"
    "&provision=shield&jurisdiction=fuzz-city&target=fuzz-city&district=fuzz-district"
    "&speaker=fuzz-official&listed=fuzz-list&date_after=2024-01-01"
    "&date_before=2025-12-31"
    "&ordering=-date&page=1&page_size=200&updated_since=2020-01-01&bom=1",
    # The case list's own filters, all valid.
    "q=sanctuary&state=CA&jurisdiction=fuzz-city&status=pending&status=dismissed"
    "&court=c.d.+california&date_after=2024-01-01&date_before=2025-12-31"
    "&ordering=-date",
]


class FuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        shield = make_provision(slug="shield", name="Shield")
        state = make_jurisdiction(name="California", kind="state", slug="fuzz-ca")
        city = make_jurisdiction(name="Fuzz City", slug="fuzz-city", parent=state)
        make_jurisdiction(name="Fuzz Town", slug="fuzz-town", state="NY")
        district = make_school_district(slug="fuzz-district", parent=city)
        official = make_person(slug="fuzz-official", is_federal=True)
        ordinance = make_ordinance(
            slug="fuzz-ordinance",
            title="Welcoming city ordinance",
            jurisdiction=city,
            provisions=[shield],
            passed_on="2024-06-01",
        )
        make_quote(ordinance=ordinance)
        make_resolution(slug="fuzz-resolution", district=district, provisions=[shield])
        statement = make_statement(
            slug="fuzz-statement", speaker=official, targets=[city], kind="threat"
        )
        federal_list = make_statement(
            slug="fuzz-list", speaker=official, kind="designation"
        )
        make_list_entry(list=federal_list, jurisdiction=city)
        make_list_entry(list=federal_list, jurisdiction=state, removed_on="2025-09-26")
        make_case(
            slug="fuzz-case",
            title="United States v. Fuzz City",
            court="U.S. District Court, C.D. California",
            summary="A sanctuary ordinance challenged.",
            filed_on="2025-06-30",
            plaintiff_parties="United States",
            defendants=[city],
            challenged=[ordinance],
            statements=[statement],
        )

    @pytest.fixture(autouse=True)
    def _keep_record_property(self, record_property):
        # The counts reach the terminal summary (tests/conftest.py) through
        # the test reports, which also works across pytest-xdist workers.
        self.record_property = record_property

    def fuzz(self, url, check):
        """Run the profile's examples against `url`; `check` judges each answer."""
        calls = []

        @settings(settings.get_profile(PROFILE))
        @given(query=query_strings())
        @_examples
        def run(query):
            # The API's throttle would answer 429 after a few hundred calls.
            cache.clear()
            response = self.client.get(url, QUERY_STRING=query)
            calls.append(query)
            self.assertLess(response.status_code, 500, query[:300])
            check(response, query)

        run()
        self.record_property("fuzz_requests", (url, len(calls)))
        self.assertGreaterEqual(len(calls), settings.get_profile(PROFILE).max_examples)

    # What each kind of URL may answer -------------------------------------

    def check_html_list(self, response, query):
        self.assertIn(response.status_code, (200, 400), query[:300])
        content = response.content.decode()
        context = response.context
        if context is None or "filter" not in context:
            # Refused before the view (too many parameters): the 400 page.
            self.assertEqual(response.status_code, 400, query[:300])
            self.assertNotIn("<tbody", content)
            return
        if response.status_code == 400:
            self.assertTrue(context["has_errors"], query[:300])
            self.assertEqual(list(context["object_list"]), [], query[:300])
            self.assertNotIn("<tbody", content, query[:300])
            self.assertIn('class="error-summary"', content, query[:300])
        else:
            self.assertFalse(context["filter"].errors, query[:300])

    def check_page(self, response, query):
        self.assertIn(response.status_code, (200, 400), query[:300])

    def check_place_search(self, response, query):
        # One place found opens its page, which must be a published one's.
        self.assertIn(response.status_code, (200, 302, 400), query[:300])
        if response.status_code == 302:
            page = self.client.get(response["Location"])
            self.assertEqual(page.status_code, 200, query[:300])

    def check_csv(self, response, query):
        self.assertIn(response.status_code, (200, 400), query[:300])
        if response.status_code == 200:
            # Streaming: an error while writing rows would surface here.
            text = b"".join(response.streaming_content).decode("utf-8-sig")
            self.assertTrue(text.startswith("slug,"), query[:300])
        else:
            # The view lists the bad filters as plain text; Django's own
            # refusal (too many parameters) is the site's 400 page.
            self.assertTrue(
                response["Content-Type"].startswith(("text/plain", "text/html"))
            )

    def check_zip(self, response, query):
        self.assertEqual(response.status_code, 200, query[:300])
        self.assertTrue(b"".join(response.streaming_content).startswith(b"PK"))

    def check_feed(self, response, query):
        self.assertIn(response.status_code, (200, 400), query[:300])
        if response.status_code == 200:
            root = ElementTree.fromstring(response.content)
            self.assertEqual(root.tag, "{http://www.w3.org/2005/Atom}feed")

    def check_api(self, response, query):
        # 404: a page past the end, or an unknown ?format=.
        self.assertIn(response.status_code, (200, 400, 404), query[:300])
        if response["Content-Type"].startswith("text/html"):
            # Too many parameters: Django refuses the request before DRF
            # sees it, with the site's 400 page.
            self.assertEqual(response.status_code, 400, query[:300])
        else:
            response.json()


def _examples(function):
    for query in EXAMPLES:
        function = example(query=query)(function)
    return function


def fuzz_test(url_name, check, prefix="", **kwargs):
    def test(self):
        # English addresses: a request before may have left Spanish active.
        with translation.override("en"):
            url = prefix + reverse(url_name, kwargs=kwargs)
        self.fuzz(url, getattr(self, check))

    test.__doc__ = f"Fuzz the query string of {prefix}{url_name}."
    return test


URLS = [
    ("jurisdictions:home", "check_page", {}),
    ("jurisdictions:provision-list", "check_page", {}),
    ("jurisdictions:stance-criteria", "check_page", {}),
    ("jurisdictions:data", "check_page", {}),
    ("jurisdictions:dataset-zip", "check_zip", {}),
    ("jurisdictions:updates-feed", "check_feed", {}),
    ("jurisdictions:jurisdiction-feed", "check_feed", {"slug": "fuzz-city"}),
    ("jurisdictions:place-search", "check_place_search", {}),
    ("jurisdictions:person-detail", "check_page", {"slug": "fuzz-official"}),
]
for _name, _slug in [
    ("jurisdiction", "fuzz-city"),
    ("ordinance", "fuzz-ordinance"),
    ("resolution", "fuzz-resolution"),
    ("statement", "fuzz-statement"),
    ("case", "fuzz-case"),
]:
    URLS += [
        (f"jurisdictions:{_name}-list", "check_html_list", {}),
        (f"jurisdictions:{_name}-csv", "check_csv", {}),
        (f"jurisdictions:{_name}-atom", "check_feed", {}),
        (f"jurisdictions:{_name}-detail", "check_page", {"slug": _slug}),
        (f"api:{_name}-list", "check_api", {}),
        (f"api:{_name}-detail", "check_api", {"slug": _slug}),
    ]
for _url_name, _check, _kwargs in URLS:
    setattr(
        FuzzTests,
        "test_fuzz_" + _url_name.replace(":", "_").replace("-", "_"),
        fuzz_test(_url_name, _check, **_kwargs),
    )
# The Spanish lists and place search: the same views, other labels.
for _url_name, _check, _kwargs in URLS:
    if _check in ("check_html_list", "check_place_search"):
        setattr(
            FuzzTests,
            "test_fuzz_es_" + _url_name.replace(":", "_").replace("-", "_"),
            fuzz_test(_url_name, _check, prefix="/es", **_kwargs),
        )


class SlugLimitTests(TestCase):
    def test_a_slug_filter_names_at_most_100_slugs(self):
        make_jurisdiction(slug="s1")
        slugs = ",".join(["s1"] * 100)
        too_many = ",".join(f"s{n}" for n in range(101))
        for url in [
            reverse("jurisdictions:ordinance-list"),
            reverse("jurisdictions:ordinance-csv"),
            reverse("jurisdictions:ordinance-atom"),
            reverse("api:ordinance-list"),
        ]:
            with self.subTest(url=url):
                self.assertEqual(
                    self.client.get(f"{url}?jurisdiction={slugs}").status_code, 200
                )
                response = self.client.get(f"{url}?jurisdiction={too_many}")
                self.assertEqual(response.status_code, 400)
                self.assertIn("at most 100 slugs", response.content.decode())


class QueryStringStrategyTests(TestCase):
    """The generator reaches what the fuzz claims to send."""

    def test_examples_include_the_hostile_shapes(self):
        seen = []

        @settings(settings.get_profile("fuzz-bounded"), max_examples=300)
        @given(query=query_strings())
        def collect(query):
            seen.append(query.encode("latin-1"))

        collect()
        joined = b"\n".join(seen)
        self.assertIn(b"%FF%FE", joined)
        self.assertIn(b"\x00", joined)
        self.assertTrue(any(len(q) > 10_000 for q in seen))
        self.assertTrue(any(q.count(b"&") > 1_000 for q in seen))
        # Tens of thousands of slugs are rare draws; EXAMPLES sends them always.
        self.assertTrue(
            any(b",s999," in q for q in [*seen, *map(str.encode, EXAMPLES)])
        )
        self.assertTrue(any(_not_utf8(q) for q in seen))
        self.assertTrue(any(_repeats_a_key(q) for q in seen))


def _not_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _repeats_a_key(query):
    keys = [part.split(b"=")[0] for part in query.split(b"&") if part]
    return len(keys) != len(set(keys))


# Module-level loop names would otherwise linger as module attributes.
del _name, _slug, _url_name, _check, _kwargs
