"""The Spanish glossary (docs/GLOSSARY.md, issue 31): the forms it rejects
are in no catalog entry and on no Spanish page, each English term has its one
Spanish term, a word Spanish needs in two genders carries a context, and
numbers group as US Spanish writes them."""

import collections
import inspect
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import models
from django.utils import translation

from jurisdictions import choices
from jurisdictions.models import Jurisdiction

from .test_phone_browser import DETAILS, PAGES
from .test_spanish import PageText, po_entries

# GLOSSARY_CATALOG points the catalog tests at another .po (an old one, to see
# them fail); the pages always read the compiled catalog.
CATALOG = Path(
    os.environ.get(
        "GLOSSARY_CATALOG",
        Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po",
    )
)

# What the glossary's "Never" column forbids in Spanish text.
REJECTED = {
    "obligar la cooperación": r"\boblig\w*\s+(?:la|su)\s+cooperaci[oó]n",
    "Anti-santuario": r"\banti-santuario",
    "el tracker": r"\b(?:el|del|al)\s+tracker\b",
    "control migratorio": r"\bcontrol\s+migratorio\b",
    "Cooperativa (a stance)": r"\bcooperativ[ao]s?\b",
    "políticas de santuario": r"\bpolíticas\s+de\s+santuario\b",
    "Línea de tiempo": r"\blínea\s+de\s+tiempo\b",
    "Destinatarios": r"\bdestinatarios\b",
    "Fallado a favor": r"\bfallado\s+a\s+favor\b",
    "Entrada de lista": r"\bentrada\s+de\s+lista\b",
    "feed": r"\bfeeds?\b",
    "atender una solicitud de retención": r"\batend\w*\s+(?:las?\s+)?solicitud",
    "solicitudes de retención atendidas": r"\bretención\s+atendid",
}

# (English in a msgid, the Spanish its msgstr must hold, or must not hold).
# Case is ignored; code, file names, placeholders and tags are left out first.
TERMS = [
    (
        r"federal immigration enforcement",
        r"la aplicación federal de las leyes de inmigración",
        None,
    ),
    (r"\batom feeds?\b", r"\bcanal(?:es)? Atom\b", None),
    (r"\bfunding actions?\b", r"\bmedidas? sobre fondos\b", None),
    (r"\bthe tracker\b", r"\bSanctuary Tracker\b", None),
    (r"^cooperative$", r"^Colaboradora$", None),
    (r"\banti-sanctuary\b", r"\bantisantuario\b", None),
    (r"\bsanctuary polic(?:y|ies)\b", r"\bpolíticas? santuario\b", None),
    (
        r"\b(?:mandat\w*|requires?|requiring) cooperation\b|\bmandate it\b",
        r"\bexi[gj]\w*",
        None,
    ),
    (r"\bstatus\b", r"\bsituación\b", None),
    (r"\btimeline\b", r"\bcronología\b", None),
    (r"\btargets?\b|\btargeted\b", r"\bseñala", None),
    (r"\bdetainers?\b", r"\bsolicitud(?:es)? de retención\b", None),
    # A place leaves a list (excluir); a list is withdrawn (retirar).
    (
        r"^(?!.*\bwithdr).*\b(?:removed|removal|taken off)\b",
        None,
        r"\bretir",
    ),
    (r"\bwithdrawn?\b|\btook\b.*\bback\b", r"\bretir", None),
    (r"\bcitations?\b", r"\bcitad", r"\bcitas\b"),
    (r"YYYY", r"AAAA", r"YYYY"),
    (r"\bstances?\b", r"\bpostura", None),
    (r"\bprovisions?\b", r"\bdisposici", None),
    (r"\bordinances?\b", r"\bordenanza", None),
    (r"\binjunction\b", r"\bmedida cautelar\b", None),
    (r"\bplaintiffs?\b", r"\bdemandante", None),
    (r"\bdefendants?\b", r"\bdemandad", None),
    (r"\bdismissed\b", r"\bdesestim", None),
    (r"\brepealed\b", r"\bderogad", None),
    (r"\brescind(?:ed|s)?\b", r"\brevoca", None),
    (r"\b287\(g\) agreements?\b", r"\bacuerdos? 287\(g\)", None),
    (r"\bsheriffs?\b", r"\balguacil", None),
    (r"\breport\b", None, r"\binforme\b"),
]

# Choice sets whose Spanish labels agree with a feminine noun (ordenanza,
# resolución, postura) and with a masculine one (caso): a label both share
# needs a context to take each gender.
FEMININE = [choices.OrdinanceStatus, choices.ResolutionStatus, choices.Stance]
MASCULINE = [choices.CaseStatus]


def entries(path=CATALOG):
    """[(msgctxt, msgid, [msgstr, ...])] of a .po file, the header left out."""
    return [
        (
            fields.get("msgctxt"),
            fields["msgid"],
            [v for k, v in sorted(fields.items()) if k.startswith("msgstr")],
        )
        for fields, _ in po_entries(path)
    ]


def words(text):
    """A string's words: no code, file names, placeholders or tags."""
    text = re.sub(r"<code>.*?</code>|`[^`]*`|\b\w+\.csv\b|%\(\w+\)[sd]|\{\}", " ", text)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def rejected_in(text):
    return sorted(
        name
        for name, pattern in REJECTED.items()
        if re.search(pattern, text, re.IGNORECASE)
    )


def test_no_catalog_entry_uses_a_rejected_form():
    found = [
        (msgid[:60], rejected_in(msgstr))
        for _, msgid, msgstrs in entries()
        for msgstr in msgstrs
        if rejected_in(msgstr)
    ]
    assert found == []


def test_each_english_term_has_its_one_spanish_term():
    wrong = []
    for _, msgid, msgstrs in entries():
        english = words(msgid)
        for pattern, wanted, unwanted in TERMS:
            match = re.search(pattern, english, re.IGNORECASE)
            if not match:
                continue
            for msgstr in msgstrs:
                # A coded value or an English name the Spanish keeps as it is.
                if re.search(rf"(?<!\w){re.escape(match[0])}(?!\w)", msgstr):
                    continue
                spanish = words(msgstr)
                if wanted and not re.search(wanted, spanish, re.IGNORECASE):
                    wrong.append((pattern, msgid[:60], msgstr[:60]))
                if unwanted and re.search(unwanted, spanish, re.IGNORECASE):
                    wrong.append((pattern, msgid[:60], msgstr[:60]))
    assert wrong == []


def test_one_english_msgid_in_one_context_has_one_translation():
    keys = collections.Counter((ctxt, msgid) for ctxt, msgid, _ in entries())
    assert [key for key, n in keys.items() if n > 1] == []


def label_key(label):
    """(context, msgid) of a lazy choice label."""
    args = label._args
    return tuple(args) if len(args) == 2 else (None, args[0])


def test_a_label_spanish_needs_in_two_genders_carries_a_context():
    feminine = {label_key(c.label) for cls in FEMININE for c in cls}
    masculine = {label_key(c.label) for cls in MASCULINE for c in cls}
    assert feminine & masculine == set()
    with translation.override("es"):
        assert choices.OrdinanceStatus.UNKNOWN.label == "Desconocida"
        assert choices.Stance.UNKNOWN.label == "Desconocida"
        assert choices.CaseStatus.UNKNOWN.label == "Desconocido"


def test_a_spanish_choice_label_names_one_english_one():
    english_of = collections.defaultdict(set)
    for _, cls in inspect.getmembers(choices, inspect.isclass):
        if not issubclass(cls, models.Choices) or cls.__module__ != choices.__name__:
            continue
        for choice in cls:
            with translation.override("en"):
                english = str(choice.label)
            with translation.override("es"):
                english_of[str(choice.label)].add(english)
    assert {es: en for es, en in english_of.items() if len(en) > 1} == {}


MAIN_PAGES = [*PAGES, *DETAILS.values(), "/method/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_spanish_page_shows_a_rejected_form(client, seed, path):
    response = client.get("/es" + path)
    assert response.status_code in (200, 400), path
    assert rejected_in(PageText.of(response.content.decode())) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/states/"])
def test_the_spanish_map_legend_names_the_stances_as_the_glossary_does(
    client, seed, path
):
    html = client.get("/es" + path).content.decode()
    legend = PageText.of(html[html.index('<ul class="map-legend">') :])
    assert "Colaboradora" in legend
    assert "Antisantuario" in legend


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_population_prints_grouped_and_years_do_not(client, seed, language):
    Jurisdiction.objects.filter(slug="los-angeles-ca").update(population=3898747)
    prefix = "/es" if language == "es" else ""
    text = PageText.of(
        client.get(prefix + DETAILS["city"]).content.decode()
        + client.get(prefix + "/timeline/").content.decode()
    )
    assert "3,898,747" in text
    assert "3898747" not in text
    assert re.search(r"\b20[12]\d\b", text)
    assert not re.search(r"\b2,0[0-9]{2}\b", text)
