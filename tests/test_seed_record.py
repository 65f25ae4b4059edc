"""The record as it stands on 7 Dec 2026, over the whole seed: the landmark
state laws published, laws in effect in part told apart, rescissions that end
force, findings of no instrument, the listed places' own instruments, and the
rules every published record keeps (a non-lead page, a provision for what an
instrument does, a parent and a GEOID or a reason for none)."""

import datetime

import pytest
from django.urls import reverse

from jurisdictions import stances
from jurisdictions.choices import IN_FORCE_STATUSES, SourceKind
from jurisdictions.models import (
    Case,
    FederalStatement,
    Finding,
    InstrumentChange,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    ProvisionBlock,
    SchoolDistrictResolution,
)
from jurisdictions.models.base import DIRECTION_CATEGORIES

from .test_fixtures import CURATED, is_lead_only

pytestmark = pytest.mark.usefixtures("seed")
LOCAL_KINDS = ("city", "county")
ESTABLISHED = {
    SourceKind.GOVERNMENT,
    SourceKind.COURT,
    SourceKind.NEWS,
    SourceKind.TRACKER,
}


def place(slug):
    return Jurisdiction.objects.get(slug=slug)


def law(state, number):
    """A state's instrument by its bill number ("HB 2315" finds "HB 2315 / SB 2332")."""
    return Ordinance.objects.get(jurisdiction__slug=state, number__startswith=number)


def test_the_landmark_state_laws_decide_their_states():
    sb54 = law("california", "SB 54")
    assert sb54.is_published
    assert sb54.signed_on == datetime.date(2017, 10, 5)
    assert sb54.effective_on == datetime.date(2018, 1, 1)
    assert place("california").stance == "sanctuary"
    assert sb54 in stances.evidence_for(place("california")).instruments
    for state in ("georgia", "arizona", "kansas"):
        assert place(state).stance == "anti_sanctuary", state
    hb2717 = law("kansas", "HB 2717")
    assert hb2717.is_published
    assert hb2717.signed_on == datetime.date(2022, 4, 11)


def test_a_finding_of_no_state_law_is_recorded_and_held_back_below_high():
    # The seven "none found" rows are findings; none is rated high, so the
    # publication rule keeps them as drafts and those states read "Unknown"
    # (issue 28's "at most 8 unknown" waits on an editor confirming them).
    findings = Finding.objects.all()
    assert set(findings.values_list("jurisdiction__state", flat=True)) == {
        "AK",
        "HI",
        "KY",
        "MI",
        "MN",
        "PA",
        "WI",
    }
    for finding in findings:
        assert finding.last_verified_on
        assert finding.sources.exists()
        assert finding.is_published == (finding.confidence == "high"), finding
    for finding in findings.drafts():
        assert finding.jurisdiction.stance == "unknown"
    states = Jurisdiction.objects.published().filter(kind="state")
    assert states.count() == 51
    unknown = set(states.filter(stance="unknown").values_list("state", flat=True))
    assert unknown == {
        "AK",
        "HI",
        "KY",
        "MI",
        "MN",
        "PA",
        "WI",
        "NV",
        "ND",
        "OK",
        "RI",
        "UT",
    }


def test_the_listed_cities_show_a_stance_from_their_own_instruments():
    for slug in (
        "chicago-il",
        "new-york-city-ny",
        # The City and County of San Francisco is one government; its
        # ordinances are recorded on the county's record.
        "san-francisco-county-ca",
        "boston-ma",
        "denver-co",
        "philadelphia-pa",
    ):
        city = place(slug)
        evidence = stances.evidence_for(city)
        assert city.stance not in ("unknown", "none_found"), slug
        assert city.stance == evidence.stance, slug
        assert evidence.instruments, slug
        assert all(i.jurisdiction == city for i in evidence.instruments), slug


def test_at_least_sixteen_published_court_cases():
    assert Case.objects.published().count() >= 16


def test_texas_sb4_reads_in_effect_in_part_with_its_blocked_clause():
    sb4 = law("texas", "SB 4")
    assert sb4.status == "enjoined_in_part"
    block = ProvisionBlock.objects.standing().get(ordinance=sb4)
    assert "endorse" in block.clause
    assert block.provision not in stances.binding_provisions(sb4)
    assert block.case or block.court
    for number, state in [
        ("HB 83", "idaho"),
        ("HB 56", "alabama"),
        ("SB 1070", "arizona"),
    ]:
        assert law(state, number).status == "enjoined_in_part", number


def test_virginias_rescinding_order_has_no_provisions_and_ends_eo_47():
    change = InstrumentChange.objects.get(
        kind="rescinds", target__jurisdiction__slug="virginia"
    )
    assert not change.acting.provisions.exists()
    assert change.target.status == "rescinded"
    assert OrdinanceAction.objects.filter(
        ordinance=change.target, action="rescinded", date=change.on
    ).exists()


def test_the_findings_of_the_independent_check_are_fixed():
    assert OrdinanceAction.objects.filter(
        ordinance=law("tennessee", "HB 2315"),
        action="became_law_unsigned",
        date=datetime.date(2018, 5, 22),
    ).exists()
    rochester = Case.objects.get(title__startswith="United States v. City of Rochester")
    assert rochester.decided_on == datetime.date(2025, 11, 13)
    dot = Case.objects.get(title__icontains="v. U.S. Department of Transportation")
    assert dot.plaintiffs.filter(kind="state").count() == 20
    illinois = Case.objects.get(title="United States v. Illinois")
    titles = " ".join(illinois.challenged.values_list("title", flat=True))
    assert "TRUST" in titles and "Way Forward" in titles
    letter = FederalStatement.objects.get(slug="bondi-letter-to-walz-metro-surge")
    assert {"minneapolis-mn", "saint-paul-mn"} <= set(
        letter.targets.values_list("slug", flat=True)
    )
    assert place("chicago-il").parent == place("cook-county-il")
    assert place("cook-county-il").parent == place("illinois")


def test_every_published_record_cites_a_page_that_is_not_a_lead():
    for model in [*CURATED, Finding]:
        for record in model.objects.published().prefetch_related("sources"):
            sources = list(record.sources.all())
            assert sources, f"{model.__name__} {record} cites nothing"
            pages = [s for s in sources if s.url]
            if pages:
                assert any(not is_lead_only(s.url) for s in pages), record
                assert any(s.kind != SourceKind.LEAD for s in pages), record
            # What a record says (not only that a place exists, which the
            # Census codes of the `us` package show) rests on a primary or
            # established page.
            if model is not Jurisdiction and pages:
                assert any(s.kind in ESTABLISHED for s in pages), (
                    f"{model.__name__} {record}: no primary or established page"
                )


def test_every_published_instrument_in_force_with_a_direction_has_its_provision():
    instruments = Ordinance.objects.published().filter(status__in=IN_FORCE_STATUSES)
    for instrument in instruments.prefetch_related("provisions", "blocks"):
        if instrument.direction not in DIRECTION_CATEGORIES:
            continue
        carried = {p.category for p in instrument.provisions.all()}
        assert carried & set(DIRECTION_CATEGORIES[instrument.direction]), (
            f"{instrument} ({instrument.direction}) carries no provision of it"
        )
    for resolution in SchoolDistrictResolution.objects.published():
        assert resolution.provisions.exists(), resolution


def test_every_published_city_and_county_has_a_parent_and_a_geoid_or_a_reason():
    for local in Jurisdiction.objects.published().filter(kind__in=LOCAL_KINDS):
        assert local.parent_id, f"{local} has no parent"
        assert local.parent.is_published, local
        assert local.geoid or "GEOID" in local.editor_notes, (
            f"{local} has neither a GEOID nor an editor note saying why not"
        )


def test_every_seeded_stance_is_the_evidence():
    assert not Jurisdiction.objects.stance_differs_from_evidence().exists()


def test_draft_findings_reach_no_public_page(client):
    page = client.get(reverse("jurisdictions:state-list")).content.decode()
    assert "No state law found in the sources checked" not in page
    alaska = client.get(place("alaska").get_absolute_url()).content.decode()
    for finding in Finding.objects.filter(jurisdiction__slug="alaska"):
        assert finding.summary not in alaska


def test_texas_sb4_says_what_still_binds_in_html_csv_and_api(client):
    sb4 = law("texas", "SB 4")
    page = client.get(sb4.get_absolute_url()).content.decode()
    assert "In effect in part" in page
    block = ProvisionBlock.objects.standing().get(ordinance=sb4)
    assert block.clause in page
    csv_text = b"".join(
        client.get(reverse("jurisdictions:ordinance-csv") + "?state=TX")
    ).decode()
    assert block.clause in csv_text
    api = client.get(f"/api/v1/ordinances/{sb4.slug}/").json()
    assert block.clause in str(api)
