import datetime
from io import StringIO

from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from jurisdictions.choices import PublicationStatus
from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
    Source,
)

from .factories import (
    make_case,
    make_chief_editor,
    make_editor,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

D = datetime.date
DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def form_data(response, **changes):
    """Return what a browser would post back for the admin form in `response`."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[form.add_prefix(name)] = (
                [str(v) for v in value] if isinstance(value, list | tuple) else value
            )
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def form_errors(response):
    if response.context is None or "adminform" not in response.context:
        return response.status_code
    errors = [response.context["adminform"].form.errors]
    for inline in response.context["inline_admin_formsets"]:
        errors += [inline.formset.non_form_errors(), inline.formset.errors]
    return errors


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.editor = make_editor(username="eddie")
        cls.chief = make_chief_editor(username="chief")
        cls.source = make_source(title="City Clerk", url="https://clerk.example.org")

    def edit(self, user, model, obj, **changes):
        """Load `obj`'s change form as `user` and post it back with `changes`."""
        self.client.force_login(user)
        url = admin_url(model, "change", obj.pk)
        return self.client.post(url, form_data(self.client.get(url), **changes))

    def add(self, user, model, **fields):
        self.client.force_login(user)
        url = admin_url(model, "add")
        return self.client.post(url, form_data(self.client.get(url), **fields))


class EditorCreatesRecordsTests(AdminTestCase):
    def test_editor_creates_a_jurisdiction_as_a_draft_with_history(self):
        response = self.add(
            self.editor,
            Jurisdiction,
            name="Springfield",
            slug="springfield",
            kind="city",
            state="IL",
            geoid="1772000",
            stance="sanctuary",
            sources=[str(self.source.pk)],
            # Not on the editor's form: a forged value must be ignored.
            publication_status="published",
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        place = Jurisdiction.objects.get(slug="springfield")
        self.assertEqual(place.publication_status, DRAFT)
        self.assertIsNone(place.published_at)
        self.assertEqual(list(place.sources.all()), [self.source])
        self.assertEqual(place.history.earliest().history_user, self.editor)

    def test_editor_adds_an_ordinance_with_two_actions_inline(self):
        city = make_jurisdiction(name="Los Angeles")
        response = self.add(
            self.editor,
            Ordinance,
            title="Sanctuary City Ordinance",
            slug="sanctuary-city-ordinance",
            jurisdiction=str(city.pk),
            instrument="ordinance",
            status="passed",
            introduced_on="2024-11-01",
            passed_on="2024-11-19",
            sources=[str(self.source.pk)],
            **{
                "actions-TOTAL_FORMS": "2",
                "actions-0-date": "2024-11-01",
                "actions-0-date_precision": "day",
                "actions-0-action": "introduced",
                "actions-1-date": "2024-11-19",
                "actions-1-date_precision": "day",
                "actions-1-action": "passed",
                "actions-1-body": "City Council",
                "actions-1-votes_for": "12",
                "actions-1-votes_against": "0",
            },
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        ordinance = Ordinance.objects.get(slug="sanctuary-city-ordinance")
        self.assertEqual(
            list(ordinance.actions.values_list("action", "votes_for", "votes_against")),
            [("introduced", None, None), ("passed", 12, 0)],
        )
        self.assertEqual(ordinance.publication_status, DRAFT)
        self.assertEqual(
            ordinance.actions.get(action="passed").history.get().history_user,
            self.editor,
        )

    def test_editor_adds_a_statement_with_targets(self):
        speaker = make_person(name="Tom Homan", is_federal=True)
        la, boston = make_jurisdiction(), make_jurisdiction()
        response = self.add(
            self.editor,
            FederalStatement,
            title="Homan threatens LA",
            slug="homan-threatens-la",
            kind="threat",
            speaker=str(speaker.pk),
            made_on="2024-11-20",
            targets=[str(la.pk), str(boston.pk)],
            sources=[str(self.source.pk)],
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        statement = FederalStatement.objects.get(slug="homan-threatens-la")
        self.assertEqual(set(statement.targets.all()), {la, boston})

    def test_editor_adds_quotes_inline_on_a_resolution(self):
        resolution = make_resolution(publication_status=DRAFT)
        board_member = make_person(name="Jackie Goldberg")
        url = admin_url(SchoolDistrictResolution, "change", resolution.pk)
        self.client.force_login(self.editor)
        data = form_data(
            self.client.get(url),
            **{
                "quotes-TOTAL_FORMS": "1",
                "quotes-0-person": str(board_member.pk),
                "quotes-0-text": "We will protect our students.",
                "quotes-0-said_on_precision": "day",
            },
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        quote = resolution.quotes.get()
        self.assertEqual(quote.person, board_member)
        self.assertEqual(quote.publication_status, DRAFT)

    def test_every_admin_page_opens(self):
        ordinance = make_ordinance()
        records = [
            ordinance.jurisdiction,
            ordinance,
            OrdinanceAction.objects.create(ordinance=ordinance, action="passed"),
            make_resolution(),
            make_statement(targets=[ordinance.jurisdiction]),
            make_person(),
            make_quote(ordinance=ordinance),
            make_provision(),
            self.source,
            make_case(
                defendants=[ordinance.jurisdiction],
                challenged=[ordinance],
                statements=[make_statement()],
            ),
        ]
        self.client.force_login(self.chief)
        for obj in records:
            model = type(obj)
            with self.subTest(model=model.__name__):
                for url in [
                    admin_url(model, "changelist"),
                    admin_url(model, "changelist") + "?q=a",
                    admin_url(model, "add"),
                    admin_url(model, "change", obj.pk),
                    admin_url(model, "history", obj.pk),
                ]:
                    self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_jurisdiction_page_lists_its_instruments_and_statements(self):
        city = make_jurisdiction(name="Los Angeles")
        make_ordinance(jurisdiction=city, title="Sanctuary City Ordinance")
        make_statement(title="Homan threatens LA", targets=[city])
        self.client.force_login(self.editor)
        response = self.client.get(admin_url(Jurisdiction, "change", city.pk))
        self.assertContains(response, "Sanctuary City Ordinance")
        self.assertContains(response, "Homan threatens LA")

    def test_autocomplete_offers_only_school_districts_for_a_resolution(self):
        make_school_district(name="Los Angeles Unified")
        make_jurisdiction(name="Los Angeles")
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "term": "Los Angeles",
                "app_label": "jurisdictions",
                "model_name": "schooldistrictresolution",
                "field_name": "district",
            },
        )
        names = [r["text"] for r in response.json()["results"]]
        self.assertEqual(names, ["Los Angeles Unified, CA"])


class PublishingTests(AdminTestCase):
    def run_action(self, user, model, action, objects):
        self.client.force_login(user)
        return self.client.post(
            admin_url(model, "changelist"),
            {"action": action, "_selected_action": [str(o.pk) for o in objects]},
            follow=True,
        )

    def test_chief_editor_publishes_with_the_bulk_action(self):
        drafts = [
            make_jurisdiction(publication_status=DRAFT, sources=[self.source])
            for _ in range(2)
        ]
        response = self.run_action(self.chief, Jurisdiction, "publish", drafts)
        self.assertIn("Published: 2 jurisdictions.", messages_of(response))
        for place in drafts:
            place.refresh_from_db()
            self.assertEqual(place.publication_status, PUBLISHED)
            self.assertIsNotNone(place.published_at)
            latest = place.history.first()
            self.assertEqual(latest.history_user, self.chief)
            self.assertEqual(latest.history_change_reason, "Published")
            self.assertEqual(latest.version, 2)
        self.assertTrue(
            LogEntry.objects.filter(
                user=self.chief, change_message="Published."
            ).exists()
        )

    def test_publishing_is_refused_for_a_record_without_sources(self):
        sourced = make_ordinance(publication_status=DRAFT)
        unsourced = make_ordinance(
            publication_status=DRAFT, sources=[], title="Unsourced order"
        )
        response = self.run_action(
            self.chief, Ordinance, "publish", [sourced, unsourced]
        )
        self.assertIn("Published: 1 ordinance.", messages_of(response))
        self.assertIn(
            "Not published, because a published record needs at least one source: "
            "Unsourced order. Add a source to each, then publish again.",
            messages_of(response),
        )
        unsourced.refresh_from_db()
        self.assertEqual(unsourced.publication_status, DRAFT)
        self.assertIsNone(unsourced.published_at)

    def test_publishing_on_the_form_without_sources_is_refused_on_the_field(self):
        person = make_person(publication_status=DRAFT, sources=[])
        response = self.edit(self.chief, Person, person, publication_status="published")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["sources"],
            [
                "A published record needs at least one source. Add one, or keep "
                "the record as a draft."
            ],
        )
        person.refresh_from_db()
        self.assertEqual(person.publication_status, DRAFT)

    def test_chief_editor_publishes_on_the_form(self):
        person = make_person(publication_status=DRAFT)
        response = self.edit(self.chief, Person, person, publication_status="published")
        self.assertEqual(response.status_code, 302)
        person.refresh_from_db()
        self.assertEqual(person.publication_status, PUBLISHED)
        self.assertIsNotNone(person.published_at)

    def test_editor_cannot_publish_by_action_or_form(self):
        place = make_jurisdiction(publication_status=DRAFT)
        self.client.force_login(self.editor)
        changelist = self.client.get(admin_url(Jurisdiction, "changelist"))
        action_form = changelist.context["action_form"]
        actions = dict(action_form.fields["action"].choices) if action_form else {}
        self.assertNotIn("publish", actions)
        self.assertNotIn("return_to_draft", actions)
        self.run_action(self.editor, Jurisdiction, "publish", [place])
        place.refresh_from_db()
        self.assertEqual(place.publication_status, DRAFT)

        response = self.edit(
            self.editor, Jurisdiction, place, publication_status="published"
        )
        self.assertEqual(response.status_code, 302)
        place.refresh_from_db()
        self.assertEqual(place.publication_status, DRAFT)

    def test_editor_sees_the_status_but_cannot_change_it(self):
        place = make_jurisdiction(publication_status=DRAFT)
        self.client.force_login(self.editor)
        response = self.client.get(admin_url(Jurisdiction, "change", place.pk))
        self.assertNotIn(
            "publication_status", response.context["adminform"].form.fields
        )
        self.client.force_login(self.chief)
        response = self.client.get(admin_url(Jurisdiction, "change", place.pk))
        self.assertIn("publication_status", response.context["adminform"].form.fields)

    def test_return_to_draft_clears_published_at_and_records_history(self):
        place = make_jurisdiction()
        response = self.run_action(self.chief, Jurisdiction, "return_to_draft", [place])
        self.assertIn("Returned to draft: 1 jurisdiction.", messages_of(response))
        place.refresh_from_db()
        self.assertEqual(place.publication_status, DRAFT)
        self.assertIsNone(place.published_at)
        self.assertEqual(place.history.first().history_user, self.chief)

    def test_editor_cannot_republish_by_reverting_to_a_published_version(self):
        place = make_jurisdiction(name="Old name")
        self.run_action(self.chief, Jurisdiction, "return_to_draft", [place])
        published_version = place.history.filter(publication_status=PUBLISHED).first()
        self.client.force_login(self.editor)
        url = admin_url(Jurisdiction, "simple_history", place.pk, published_version.pk)
        response = self.client.post(url, form_data(self.client.get(url)))
        self.assertEqual(response.status_code, 302)
        place.refresh_from_db()
        self.assertEqual(place.publication_status, DRAFT)


class HistoryAndRevertTests(AdminTestCase):
    def test_history_page_shows_who_changed_what(self):
        place = make_jurisdiction(name="Springfield")
        self.edit(self.editor, Jurisdiction, place, name="Shelbyville")
        response = self.client.get(admin_url(Jurisdiction, "history", place.pk))
        self.assertContains(response, "eddie")
        self.assertContains(response, "Springfield")
        self.assertContains(response, "Shelbyville")

    def test_editor_reverts_to_an_earlier_version(self):
        other = make_source(title="Other")
        place = make_jurisdiction(name="Springfield", stance="sanctuary")
        first = place.history.first()
        self.edit(
            self.editor,
            Jurisdiction,
            place,
            name="Shelbyville",
            stance="cooperative",
            sources=[str(other.pk)],
        )
        self.edit(self.editor, Jurisdiction, place, name="Capital City")

        url = admin_url(Jurisdiction, "simple_history", place.pk, first.pk)
        response = self.client.get(url)
        self.assertContains(response, "Springfield")
        response = self.client.post(url, form_data(response))
        self.assertEqual(response.status_code, 302, form_errors(response))

        place.refresh_from_db()
        self.assertEqual(place.name, "Springfield")
        self.assertEqual(place.stance, "sanctuary")
        self.assertEqual(list(place.sources.all()), list(first.instance.sources.all()))
        self.assertNotIn(other, place.sources.all())
        self.assertEqual(place.version, 4)
        self.assertEqual(place.history.first().history_user, self.editor)


class ConcurrentEditTests(AdminTestCase):
    def test_second_save_is_refused_and_shows_what_changed(self):
        place = make_jurisdiction(name="Springfield", stance="unknown")
        url = admin_url(Jurisdiction, "change", place.pk)
        self.client.force_login(self.editor)
        editor_form = form_data(self.client.get(url))
        self.client.force_login(self.chief)
        chief_form = form_data(self.client.get(url))

        response = self.client.post(url, {**chief_form, "name": "Shelbyville"})
        self.assertEqual(response.status_code, 302)

        self.client.force_login(self.editor)
        response = self.client.post(url, {**editor_form, "stance": "sanctuary"})
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.non_field_errors()
        self.assertIn("This record was saved by chief", errors[0])
        self.assertIn("(version 1 → 2)", errors[0])
        self.assertIn("Name: “Springfield” → “Shelbyville”", errors)
        self.assertContains(response, "Name: “Springfield” → “Shelbyville”")
        place.refresh_from_db()
        self.assertEqual((place.name, place.stance), ("Shelbyville", "unknown"))

        # Having read what changed, the editor may keep their own version.
        response = self.client.post(url, form_data(response))
        self.assertEqual(response.status_code, 302)
        place.refresh_from_db()
        self.assertEqual((place.name, place.stance), ("Springfield", "sanctuary"))
        self.assertEqual(place.version, 3)

    def test_a_save_without_changes_in_between_still_counts(self):
        place = make_jurisdiction()
        url = admin_url(Jurisdiction, "change", place.pk)
        self.client.force_login(self.editor)
        editor_form = form_data(self.client.get(url))
        self.edit(self.chief, Jurisdiction, place)
        self.client.force_login(self.editor)
        response = self.client.post(url, {**editor_form, "name": "New"})
        self.assertIn(
            "They saved it without changing any field.",
            response.context["adminform"].form.non_field_errors(),
        )

    def test_the_conflict_lists_changed_links_by_name(self):
        gazette = make_source(title="Gazette", url="")
        place = make_jurisdiction(sources=[self.source])
        url = admin_url(Jurisdiction, "change", place.pk)
        self.client.force_login(self.editor)
        editor_form = form_data(self.client.get(url))
        self.edit(
            self.chief,
            Jurisdiction,
            place,
            sources=[str(self.source.pk), str(gazette.pk)],
        )
        self.client.force_login(self.editor)
        response = self.client.post(url, editor_form)
        self.assertIn(
            "Sources: “City Clerk” → “City Clerk, Gazette”",
            response.context["adminform"].form.non_field_errors(),
        )

    def test_a_bulk_publish_in_between_also_counts_as_an_edit(self):
        place = make_jurisdiction(publication_status=DRAFT)
        url = admin_url(Jurisdiction, "change", place.pk)
        self.client.force_login(self.editor)
        editor_form = form_data(self.client.get(url))
        self.client.force_login(self.chief)
        self.client.post(
            admin_url(Jurisdiction, "changelist"),
            {"action": "publish", "_selected_action": [str(place.pk)]},
        )
        self.client.force_login(self.editor)
        response = self.client.post(url, {**editor_form, "name": "New"})
        self.assertContains(response, "Publication status: “Draft” → “Published”")


class ValidationTests(AdminTestCase):
    def assertFieldError(self, response, field, message):
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn(message, " ".join(errors.get(field, [])), errors)

    def test_ordinance_dates_out_of_order_are_refused_on_the_later_date(self):
        ordinance = make_ordinance(introduced_on=D(2024, 11, 1))
        response = self.edit(self.editor, Ordinance, ordinance, passed_on="2024-10-01")
        self.assertFieldError(
            response,
            "passed_on",
            "It cannot pass before it was introduced (introduced on 01 Nov 2024).",
        )
        self.assertNotIn("__all__", response.context["adminform"].form.errors)

    def test_geoid_of_the_wrong_shape_for_its_kind_is_refused_on_the_field(self):
        place = make_jurisdiction(kind="county")
        response = self.edit(self.editor, Jurisdiction, place, geoid="0644000")
        self.assertFieldError(
            response, "geoid", "A GEOID for a county has 5 digits; “0644000” has 7."
        )
        response = self.edit(self.editor, Jurisdiction, place, geoid="06a37")
        self.assertFieldError(response, "geoid", "A GEOID is made of digits only.")

    def test_duplicate_geoid_is_refused_on_the_field(self):
        make_jurisdiction(kind="county", geoid="06037")
        place = make_jurisdiction(kind="county")
        response = self.edit(self.editor, Jurisdiction, place, geoid="06037")
        self.assertFieldError(response, "geoid", "Another jurisdiction has this GEOID.")

    def test_jurisdiction_cannot_be_its_own_ancestor(self):
        state = make_jurisdiction(kind="state")
        county = make_jurisdiction(kind="county", parent=state)
        response = self.edit(self.editor, Jurisdiction, state, parent=str(county.pk))
        self.assertFieldError(
            response,
            "parent",
            "A jurisdiction cannot lie within itself or its own children.",
        )
        response = self.edit(self.editor, Jurisdiction, state, parent=str(state.pk))
        self.assertFieldError(response, "parent", "cannot lie within itself")

    def test_resolution_district_must_be_a_school_district(self):
        resolution = make_resolution()
        city = make_jurisdiction()
        response = self.edit(
            self.editor,
            SchoolDistrictResolution,
            resolution,
            district=str(city.pk),
        )
        self.assertFieldError(response, "district", "Select a valid choice")

    def test_duplicate_slug_is_refused_on_the_field(self):
        make_ordinance(slug="taken")
        ordinance = make_ordinance()
        response = self.edit(self.editor, Ordinance, ordinance, slug="taken")
        self.assertFieldError(
            response, "slug", "Ordinance with this Slug already exists."
        )

    def test_quote_about_two_records_is_refused_in_plain_words(self):
        quote = make_quote()
        response = self.edit(
            self.editor, Quote, quote, ordinance=str(make_ordinance().pk)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "A quote belongs to exactly one ordinance, resolution or jurisdiction.",
            response.context["adminform"].form.non_field_errors(),
        )

    def test_provisions_are_offered_as_checkboxes(self):
        PolicyProvision.objects.all().delete()
        make_provision(name="No local resources")
        self.client.force_login(self.editor)
        response = self.client.get(admin_url(Ordinance, "add"))
        self.assertContains(response, 'type="checkbox" name="provisions"')

    def test_source_urls_must_be_http(self):
        self.client.force_login(self.editor)
        url = admin_url(Source, "add")
        response = self.client.post(
            url,
            form_data(self.client.get(url), title="Memo", url="ftp://x.example.org"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("url", response.context["adminform"].form.errors)


class MalformedAdminUrlTests(TestCase):
    def test_history_urls_with_a_malformed_key_are_404_not_500(self):
        from django.contrib.auth import get_user_model

        root = get_user_model().objects.create_superuser("root", "r@x.org", "pw")
        self.client.force_login(root)
        ordinance = make_ordinance()
        base = "/admin/jurisdictions/ordinance"
        for path in [
            f"{base}/{ordinance.pk}/change/history/",
            f"{base}/abc/history/",
            f"{base}/{ordinance.pk}/history/abc/",
            f"{base}/{ordinance.pk}/history/99999/",
        ]:
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)


class OneHistoryRowPerSaveTests(AdminTestCase):
    """An admin save writes one history row holding the record and its links
    (changelog.saves): simple_history alone wrote one more per link field set,
    the first of them with none of the new links."""

    def test_a_new_record_with_links_has_one_row_holding_them(self):
        provision = make_provision()
        response = self.add(
            self.chief,
            Ordinance,
            title="Sanctuary ordinance",
            slug="sanctuary-ordinance",
            jurisdiction=str(make_jurisdiction().pk),
            instrument="ordinance",
            status="passed",
            provisions=[str(provision.pk)],
            sources=[str(self.source.pk)],
            publication_status="published",
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        ordinance = Ordinance.objects.get(slug="sanctuary-ordinance")
        row = ordinance.history.get()
        self.assertEqual(row.history_type, "+")
        self.assertEqual(row.history_user, self.chief)
        self.assertEqual(
            list(row.provisions.values_list("policyprovision", flat=True)),
            [provision.pk],
        )
        self.assertEqual(
            list(row.sources.values_list("source", flat=True)), [self.source.pk]
        )

    def test_an_edit_of_fields_and_links_is_one_change_row(self):
        ordinance = make_ordinance(status="passed")
        before = ordinance.history.count()
        added = make_provision()
        response = self.edit(
            self.editor,
            Ordinance,
            ordinance,
            status="in_effect",
            provisions=[str(added.pk)],
            sources=[str(self.source.pk)],
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertEqual(ordinance.history.count(), before + 1)
        row = ordinance.history.first()
        self.assertEqual((row.history_type, row.status), ("~", "in_effect"))
        self.assertEqual(row.history_user, self.editor)
        self.assertEqual(
            list(row.provisions.values_list("policyprovision", flat=True)), [added.pk]
        )
        # The revert page of that row brings its links back.
        page = self.client.get(
            admin_url(Ordinance, "simple_history", ordinance.pk, row.pk)
        )
        self.assertEqual(page.status_code, 200)

    def test_an_inline_record_with_sources_has_one_row_holding_them(self):
        resolution = make_resolution(publication_status=DRAFT)
        url = admin_url(SchoolDistrictResolution, "change", resolution.pk)
        self.client.force_login(self.editor)
        data = form_data(
            self.client.get(url),
            **{
                "quotes-TOTAL_FORMS": "1",
                "quotes-0-person": str(make_person().pk),
                "quotes-0-text": "We will protect our students.",
                "quotes-0-said_on_precision": "day",
                "quotes-0-sources": [str(self.source.pk)],
            },
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        row = resolution.quotes.get().history.get()
        self.assertEqual((row.history_type, row.history_user), ("+", self.editor))
        self.assertEqual(
            list(row.sources.values_list("source", flat=True)), [self.source.pk]
        )
