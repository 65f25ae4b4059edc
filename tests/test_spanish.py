"""The Spanish interface at /es/ (issue 17): a complete catalog, every public
page's interface text in Spanish, the switcher, hreflang, the page cache per
language, and the provisions translated as data."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.test import override_settings
from django.utils import translation

from jurisdictions.models import PolicyProvision

from .test_admin import AdminTestCase, admin_url
from .test_phone_browser import DETAILS, PAGES

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
# Pages a reader reaches besides the lists and details: a record that does
# not exist, and a filter the list refuses.
EXTRA = [
    "/no-such-page/",
    "/ordinances/?jurisdiction=Los Angeles",
    "/places/?q=zzzz",
    # How we know: counts and the publication rule (issue 28).
    "/method/",
]
PUBLIC = [*PAGES, *DETAILS.values(), *EXTRA]


def entries(path=CATALOG):
    """[(msgid, msgstr, flags)] of a .po file (plural forms as lists)."""
    found = []
    for fields, flags in po_entries(path):
        if "msgid_plural" in fields:
            msgstr = [v for k, v in sorted(fields.items()) if k.startswith("msgstr[")]
        else:
            msgstr = fields.get("msgstr", "")
        found.append((fields["msgid"], msgstr, flags))
    return found


def po_entries(path):
    """({keyword: text} of each entry of a .po file, its flags), the header
    and obsolete entries left out."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid") for line in lines):
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(
                r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line
            )
            if match:
                current = match.group(1)
                fields[current] = unquote(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += unquote(line[1:-1])
        if fields.get("msgid") == "":
            continue  # the header
        yield fields, flags


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(text):
    """A .po string's text, its C escapes undone."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text)


def test_the_catalog_has_no_untranslated_or_fuzzy_entry():
    found = entries()
    assert len(found) > 300
    untranslated = [
        msgid
        for msgid, msgstr, _ in found
        if not all(msgstr if isinstance(msgstr, list) else [msgstr])
    ]
    fuzzy = [msgid for msgid, _, flags in found if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_the_catalog_keeps_every_placeholder():
    for msgid, msgstr, _ in entries():
        for translated in msgstr if isinstance(msgstr, list) else [msgstr]:
            wanted = set(re.findall(r"%\(\w+\)[sd]", msgid))
            assert set(re.findall(r"%\(\w+\)[sd]", translated)) >= wanted, msgid


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_the_catalog_holds_every_marked_string_and_no_other(tmp_path):
    """makemessages run on a copy of the code finds the same msgids: nothing
    marked is missing from the catalog, nothing in it is stale."""
    for name in ("manage.py", "tracker", "jurisdictions", "templates", "locale"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                tmp_path / name,
                ignore=shutil.ignore_patterns("*.mo", "__pycache__"),
            )
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--no-location",
            "-v0",
        ],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "tracker.settings"},
    )
    fresh = {
        msgid for msgid, _, _ in entries(tmp_path / "locale/es/LC_MESSAGES/django.po")
    }
    committed = {msgid for msgid, _, _ in entries()}
    assert sorted(fresh - committed) == []
    assert sorted(committed - fresh) == []


class PageText(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read
    aloud, leaving out scripts, styles, code and anything marked lang="en"."""

    SPOKEN = ("aria-label", "title", "placeholder", "alt", "content")
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            if not self.skipping:
                self.parts.extend(
                    attrs[name] for name in self.SPOKEN if attrs.get(name)
                )
            return
        english = tag != "html" and attrs.get("lang") == "en"
        # Code (file, table and column names) reads the same in any language.
        if self.skipping or tag in ("script", "style", "code") or english:
            self.skipping.append(tag)
            return
        self.parts.extend(attrs[name] for name in self.SPOKEN if attrs.get(name))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def record_texts():
    """Every text the database holds: record content stays in its source's
    language, so it is taken out of a page before looking for English."""
    texts = set()
    for model in apps.get_app_config("jurisdictions").get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not f.name.endswith("_es")
        ]
        for row in model.objects.values_list(*fields):
            texts.update(" ".join(str(v).split()) for v in row if v and len(str(v)) > 2)
    return sorted(texts, key=len, reverse=True)


def english_interface_strings():
    """The catalog's English strings that Spanish changes, as the literal
    runs a page would show (placeholders split them)."""
    catalog = entries()
    # What the Spanish itself writes as it is (file, table and column names,
    # coded values) is not English to look for.
    kept = " ".join(
        " ".join(msgstr) if isinstance(msgstr, list) else msgstr
        for _, msgstr, _ in catalog
    )
    known = set()
    for msgid, msgstr, _ in catalog:
        spanish = msgstr[0] if isinstance(msgstr, list) else msgstr
        if spanish == msgid:
            continue
        plain = re.sub(r"<[^>]+>", "%", msgid)
        for run in re.split(r"%\(\w+\)[sd]|%", plain):
            run = " ".join(run.split()).strip(" .,:;()“”")
            # Single short words ("Date", "City") are too easily part of
            # names; a run of two words or a long word is the interface's.
            if english_left_in(kept, [run]):
                continue
            if len(run) >= 4 and (" " in run or len(run) >= 8):
                known.add(run)
    return known


def english_left_in(text, known):
    """The strings of `known` that `text` holds as words of its own (not
    inside a longer word or a file name such as jurisdictions.csv)."""
    return sorted(
        s for s in known if re.search(rf"(?<![\w.]){re.escape(s)}(?!\w|\.\w)", text)
    )


@pytest.fixture(scope="module")
def text_to_look_for(module_seed, django_db_blocker):
    """The catalog's English strings and the seed's record texts, read once
    for the module (each test's writes roll back, so the seed's stay)."""
    with django_db_blocker.unblock():
        return english_interface_strings(), record_texts()


@pytest.fixture
def spanish_check(seed, text_to_look_for):
    known, records = text_to_look_for

    def english_on(client, path):
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        # The site's name is a name, in every language.
        text = PageText.of(response.content.decode()).replace("Sanctuary Tracker", " ")
        for record in records:
            text = text.replace(record, " ")
        # Text nobody marked is in no catalog: English's commonest small
        # words, which Spanish never writes, catch it.
        unmarked = re.findall(rf"(?<![\w.])(?:{'|'.join(ENGLISH_WORDS)})(?!\w)", text)
        return english_left_in(text, known) + sorted(set(unmarked))

    return english_on


ENGLISH_WORDS = ["the", "and", "with", "which", "this", "from", "their", "have", "been"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_page_in_spanish_shows_no_english_interface_text(
    client, spanish_check, path
):
    assert spanish_check(client, "/es" + path) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/ordinances/", DETAILS["city"], "/states/"])
def test_the_check_finds_the_english_pages_english(client, spanish_check, path):
    assert len(spanish_check(client, path)) >= 5


@pytest.mark.django_db
def test_spanish_pages_say_so_and_link_both_languages(client, seed):
    response = client.get("/es/ordinances/?state=CA&status=in_effect")
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert response["Content-Language"] == "es"
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://testserver/ordinances/?state=CA&amp;status=in_effect">' in html
    )
    assert (
        '<link rel="alternate" hreflang="es" '
        'href="http://testserver/es/ordinances/?state=CA&amp;status=in_effect">' in html
    )
    assert 'hreflang="x-default" href="http://testserver/ordinances/?state' in html
    # The switcher returns to the same page and query in English.
    assert (
        '<a href="/ordinances/?state=CA&amp;status=in_effect" lang="en" hreflang="en">'
        "English</a>" in html
    )
    assert html.count("idioma de sus fuentes") == 1
    english = client.get("/ordinances/?state=CA&status=in_effect").content.decode()
    assert '<html lang="en">' in english
    assert (
        '<a href="/es/ordinances/?state=CA&amp;status=in_effect" lang="es" '
        'hreflang="es">Español</a>' in english
    )
    assert "idioma de sus fuentes" not in english


@pytest.mark.django_db
def test_an_english_address_stays_english_whatever_the_browser_asks(client, seed):
    response = client.get("/ordinances/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/ordinances.csv", "/jurisdictions.csv?state=CA", "/cases.csv", "/states.csv"],
)
def test_downloads_are_the_same_bytes_in_either_language(client, seed, path):
    english = client.get(path).getvalue()
    spanish = client.get("/es" + path).getvalue()
    assert english == spanish
    assert len(english) > 100


@pytest.mark.django_db
@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_the_page_cache_keeps_each_language_apart(client, seed):
    for alias in settings.CACHES:
        caches[alias].clear()
    english = client.get("/ordinances/")
    spanish = client.get("/es/ordinances/")
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="es">' in spanish.content.decode()
    assert english["ETag"] != spanish["ETag"]
    assert "-es-" in spanish["ETag"]
    # Both now come from the cache, each in its own language.
    assert '<html lang="es">' in client.get("/es/ordinances/").content.decode()
    assert '<html lang="en">' in client.get("/ordinances/").content.decode()


@pytest.mark.django_db
def test_the_provisions_read_in_spanish_from_their_rows(client, seed):
    provision = PolicyProvision.objects.get(slug="no-local-resources")
    assert provision.name_es and provision.description_es
    spanish = client.get("/es/provisions/").content.decode()
    assert provision.name_es in spanish
    assert provision.description_es in spanish
    assert provision.name not in spanish
    english = client.get("/provisions/").content.decode()
    assert provision.name in english
    assert provision.name_es not in english
    # A provision nobody has translated yet reads in English, not blank.
    PolicyProvision.objects.filter(pk=provision.pk).update(
        name_es="", description_es=""
    )
    assert provision.name in client.get("/es/provisions/").content.decode()


def test_local_name_follows_the_active_language():
    provision = PolicyProvision(name="Training", name_es="Capacitación")
    with translation.override("es"):
        assert provision.local_name == "Capacitación"
    with translation.override("en"):
        assert provision.local_name == "Training"


class SpanishProvisionAdminTests(AdminTestCase):
    def test_the_admin_edits_both_languages(self):
        provision = PolicyProvision.objects.create(
            name="Training", slug="training", category="training", description="D."
        )
        response = self.edit(
            self.chief,
            PolicyProvision,
            provision,
            name_es="Capacitación",
            description_es="Capacitación del personal.",
        )
        assert response.status_code == 302
        provision.refresh_from_db()
        assert provision.name_es == "Capacitación"
        assert provision.description_es == "Capacitación del personal."
        assert provision.history.first().name_es == "Capacitación"
        self.client.force_login(self.chief)
        page = self.client.get(admin_url(PolicyProvision, "change", provision.pk))
        assert "Spanish (español)" in page.content.decode()
        assert {"name_es", "description_es"} <= set(
            page.context["adminform"].form.fields
        )
