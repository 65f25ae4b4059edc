"""A hostile data set, entered the way editors enter data: through the admin.

Every text field carries markup that would run if it reached a page
unescaped (script tags, event-handler attributes, javascript: and data:
links, a quote that breaks out of an attribute), a right-to-left override,
a control character that XML 1.0 forbids, and a spreadsheet formula prefix.
Each field is filled to its maximum length: 10,000 characters for a text
field, `max_length` for the others.

`build(client)` posts the admin's own add forms (and, for the prefixes the
admin's whitespace stripping would remove, its CSV import) as a superuser,
so every value has passed the admin's validation before it is stored.
"""

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    PolicyProvision,
    Quote,
    Role,
    SchoolDistrictResolution,
    Source,
)

TEXT_LENGTH = 10_000
# A plain word the search filters can find on every engine: PostgreSQL's
# parser drops words inside tags.
WORD = "zyxhostile"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">j</a>'
DATA_LINK = "<a href=data:text/html,hi>d</a>"
ATTRIBUTE_BREAK = '"><svg onload=alert(1)>'
RLO = "\u202e"
# Word turns a manual line break into a vertical tab; XML 1.0 forbids it,
# and the non-character U+FFFF.
CONTROL = "\x0b\uffff"
FORMULA = "cmd|' /C calc'!A0 "
# Most dangerous first: a short field holds as many whole pieces as fit.
PIECES = (
    FORMULA,
    WORD,
    " ",
    SCRIPT,
    IMG,
    JS_LINK,
    DATA_LINK,
    ATTRIBUTE_BREAK,
    "'&amp;",
    RLO,
    "gpj.exe",
    CONTROL,
)
FORMULA_PREFIXES = ("=", "+", "-", "@")
# Django's form fields strip surrounding whitespace, so these reach the
# database only through the CSV import.
WHITESPACE_PREFIXES = ("\t", "\r", "\n")

# URLs the admin must take (http(s), with markup-breaking characters) and
# refuse (any other scheme).
HOSTILE_HTTP_URL = "https://example.org/a?b=\"><script>alert('u')</script>&c='x"
REFUSED_URLS = (
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
)
URL_FIELDS = (
    (Source, "url"),
    (Source, "archive_url"),
    (Ordinance, "text_url"),
    (Jurisdiction, "website"),
)

PASSWORD = "a long enough passphrase"


def hostile(length, prefix="="):
    """A formula prefix and the payload, padded to exactly `length` characters."""
    text = prefix
    for piece in PIECES:
        if len(text) + len(piece) > length:
            break
        text += piece
    filler = f" {WORD}{SCRIPT}"
    text += filler * ((length - len(text)) // len(filler) + 1)
    text = text[:length]
    # Forms strip trailing whitespace, which would shorten the value.
    return text[:-1] + "x" if text[-1].isspace() else text


def max_length(model, field):
    length = model._meta.get_field(field).max_length
    return TEXT_LENGTH if length is None else length


def text_for(model, field, prefix="="):
    return hostile(max_length(model, field), prefix)


def admin_url(model, view="add", *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def blank_form_data(response):
    """What a browser posts for the admin add form in `response`, untouched."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, list | tuple):
                value = [str(v) for v in value]
            data[form.add_prefix(name)] = value
    return data


def form_errors(response):
    """The errors of the admin form in `response`, or its status code."""
    context = response.context
    if context is None or "adminform" not in context:
        return response.status_code
    errors = dict(context["adminform"].form.errors)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        if formset.non_form_errors() or any(formset.errors):
            errors[formset.prefix] = [formset.non_form_errors(), formset.errors]
    return errors


def post_add_form(client, model, fields):
    """Post the admin add form of `model` with `fields`; return the response."""
    url = admin_url(model)
    data = blank_form_data(client.get(url))
    data.update(fields)
    return client.post(url, data)


def add(client, model, lookup, **fields):
    """Add a record through the admin, failing loudly if the form refuses it."""
    response = post_add_form(client, model, fields)
    if response.status_code != 302:
        raise AssertionError(
            f"admin refused the {model.__name__}: {form_errors(response)}"
        )
    return model.objects.get(**lookup)


def inline_rows(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows))}
    for n, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{n}-{name}"] = value
    return data


def csv_import(client, model, text):
    """Import CSV `text` through the admin: preview, then confirm."""
    url = admin_url(model, "import")
    upload = SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv")
    preview = client.post(url, {"import_file": upload, "format": "0", "resource": "0"})
    confirm = preview.context.get("confirm_form") if preview.context else None
    if confirm is None:
        result = preview.context.get("result") if preview.context else None
        errors = (
            [(row.number, row.error_dict) for row in result.invalid_rows]
            + [str(e.error) for _, errs in result.row_errors() for e in errs]
            if result
            else preview.status_code
        )
        raise AssertionError(f"import preview refused the file: {errors}")
    response = client.post(admin_url(model, "process_import"), confirm.initial)
    if response.status_code != 302:
        raise AssertionError(f"import failed: {response.status_code}")


def publish(client, model, objects):
    """Publish `objects` with the admin's bulk action."""
    response = client.post(
        admin_url(model, "changelist"),
        {
            "action": "publish",
            "_selected_action": [str(obj.pk) for obj in objects],
        },
    )
    if response.status_code != 302:
        raise AssertionError(f"publish action failed: {response.status_code}")


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"'


def make_superuser():
    return User.objects.create_superuser(
        username="hostile-admin", email="admin@example.org", password=PASSWORD
    )


def build(client):
    """Enter the hostile data set through the admin; return its records by role."""
    client.force_login(make_superuser())
    published = {"publication_status": "published"}
    records = {}

    source = add(
        client,
        Source,
        {"url": HOSTILE_HTTP_URL},
        title=text_for(Source, "title"),
        publisher=text_for(Source, "publisher", "@"),
        url=HOSTILE_HTTP_URL,
        archive_url="https://web.archive.org/web/2025/?'onmouseover='alert(1)",
        note=text_for(Source, "note", "+"),
    )
    records["source"] = source
    cite = {"sources": [str(source.pk)], **published}

    records["provision"] = add(
        client,
        PolicyProvision,
        {"slug": "hostile-provision"},
        name=text_for(PolicyProvision, "name"),
        slug="hostile-provision",
        category="other",
        description=text_for(PolicyProvision, "description", "-"),
    )

    def place(slug, prefix, **fields):
        return add(
            client,
            Jurisdiction,
            {"slug": slug},
            name=text_for(Jurisdiction, "name", prefix),
            slug=slug,
            state="CA",
            stance="sanctuary",
            website=HOSTILE_HTTP_URL,
            summary=text_for(Jurisdiction, "summary", prefix),
            stance_note=text_for(Jurisdiction, "stance_note", prefix),
            **cite,
            **fields,
        )

    records["state"] = place("hostile-state", "=", kind="state")
    records["county"] = place(
        "hostile-county", "+", kind="county", parent=str(records["state"].pk)
    )
    records["city"] = place(
        "hostile-city", "-", kind="city", parent=str(records["county"].pk)
    )
    records["district"] = place(
        "hostile-district",
        "@",
        kind="school_district",
        parent=str(records["city"].pk),
    )

    def person(slug, prefix, **fields):
        return add(
            client,
            Person,
            {"slug": slug},
            name=text_for(Person, "name", prefix),
            slug=slug,
            title=text_for(Person, "title", prefix),
            **cite,
            **fields,
        )

    records["federal_person"] = person(
        "hostile-official",
        "=",
        is_federal="on",
        **inline_rows(
            "roles",
            [
                {
                    "title": text_for(Role, "title", "+"),
                    "body": text_for(Role, "body", "-"),
                    "jurisdiction": str(records["state"].pk),
                    "started_on": "2024-11-01",
                    "started_on_precision": "month",
                    "ended_on_precision": "day",
                    "note": text_for(Role, "note", "@"),
                    "sources": [str(source.pk)],
                    "publication_status": "published",
                }
            ],
        ),
    )
    records["local_person"] = person(
        "hostile-local", "@", jurisdiction=str(records["city"].pk)
    )

    def quotes(prefix):
        return inline_rows(
            prefix,
            [
                {
                    "person": str(records["local_person"].pk),
                    "speaker_role": text_for(Quote, "speaker_role", "="),
                    "text": text_for(Quote, "text", "-"),
                    "said_on": "2025-01-02",
                    "said_on_precision": "day",
                    "sources": [str(source.pk)],
                    "publication_status": "published",
                }
            ],
        )

    def ordinance(slug, prefix, **fields):
        return add(
            client,
            Ordinance,
            {"slug": slug},
            title=text_for(Ordinance, "title", prefix),
            slug=slug,
            jurisdiction=str(records["city"].pk),
            number=text_for(Ordinance, "number", prefix),
            council_file=text_for(Ordinance, "council_file", prefix),
            instrument="executive_order",
            status="in_effect",
            introduced_on="2024-11-01",
            passed_on="2024-11-19",
            summary=text_for(Ordinance, "summary", prefix),
            text_url=HOSTILE_HTTP_URL,
            provisions=[str(records["provision"].pk)],
            sponsors=[str(records["local_person"].pk)],
            **cite,
            **fields,
        )

    records["basis"] = ordinance(
        "hostile-basis",
        "+",
        **inline_rows(
            "actions",
            [
                {
                    "date": "2024-11-19",
                    "date_precision": "day",
                    "votes_abstain": "1",
                    "votes_absent": "3",
                    "action": "passed",
                    "body": hostile(200, "@"),
                    "votes_for": "12",
                    "votes_against": "0",
                    "note": hostile(TEXT_LENGTH, "="),
                }
            ],
        ),
        **quotes("quotes"),
    )
    records["ordinance"] = ordinance(
        "hostile-ordinance", "=", based_on=str(records["basis"].pk)
    )

    records["resolution"] = add(
        client,
        SchoolDistrictResolution,
        {"slug": "hostile-resolution"},
        title=text_for(SchoolDistrictResolution, "title", "@"),
        slug="hostile-resolution",
        district=str(records["district"].pk),
        number=text_for(SchoolDistrictResolution, "number", "="),
        status="adopted",
        adopted_on="2025-01-28",
        is_emergency="on",
        protected_groups=["undocumented_students", "staff"],
        votes_for="7",
        votes_against="0",
        summary=text_for(SchoolDistrictResolution, "summary", "+"),
        provisions=[str(records["provision"].pk)],
        **cite,
        **quotes("quotes"),
    )

    records["statement"] = add(
        client,
        FederalStatement,
        {"slug": "hostile-statement"},
        title=text_for(FederalStatement, "title", "-"),
        slug="hostile-statement",
        kind="threat",
        speaker=str(records["federal_person"].pk),
        speaker_role=text_for(FederalStatement, "speaker_role", "="),
        made_on="2025-01-20",
        venue=text_for(FederalStatement, "venue", "@"),
        quote=text_for(FederalStatement, "quote", "+"),
        summary=text_for(FederalStatement, "summary", "="),
        targets=[str(records["city"].pk), str(records["state"].pk)],
        responds_to=[str(records["ordinance"].pk)],
        **cite,
    )

    records["quote"] = add(
        client,
        Quote,
        {"jurisdiction": records["county"]},
        person=str(records["local_person"].pk),
        text=text_for(Quote, "text", "@"),
        said_on="2025-02-03",
        jurisdiction=str(records["county"].pk),
        **cite,
    )

    records["case"] = add(
        client,
        Case,
        {"slug": "hostile-case"},
        title=text_for(Case, "title", "="),
        slug="hostile-case",
        court=text_for(Case, "court", "+"),
        docket=text_for(Case, "docket", "-"),
        filed_on="2025-06-30",
        status="dismissed",
        decided_on="2026-06-01",
        decided_on_precision="month",
        outcome=text_for(Case, "outcome", "@"),
        judge=text_for(Case, "judge", "="),
        plaintiffs=[str(records["state"].pk)],
        plaintiff_parties=text_for(Case, "plaintiff_parties", "+"),
        defendants=[str(records["city"].pk)],
        defendant_parties=text_for(Case, "defendant_parties", "-"),
        challenged=[str(records["ordinance"].pk)],
        statements=[str(records["statement"].pk)],
        summary=text_for(Case, "summary", "@"),
        earlier_report=text_for(Case, "earlier_report", "="),
        **cite,
    )

    # Federal lists as editors enter them: the list, then each entry on the
    # list entries' own admin page.
    def federal_list(slug, prefix, **fields):
        return add(
            client,
            FederalStatement,
            {"slug": slug},
            title=text_for(FederalStatement, "title", prefix),
            slug=slug,
            kind="designation",
            speaker=str(records["federal_person"].pk),
            made_on="2025-08-05",
            summary=text_for(FederalStatement, "summary", prefix),
            **cite,
            **fields,
        )

    records["list"] = federal_list("hostile-list", "+")
    records["withdrawn_list"] = federal_list(
        "hostile-withdrawn-list",
        "@",
        withdrawn_on="2025-08-07",
        withdrawal_note=text_for(FederalStatement, "withdrawal_note", "-"),
    )

    def list_entry(federal, place, **fields):
        return add(
            client,
            ListEntry,
            {"list": federal, "jurisdiction": place},
            list=str(federal.pk),
            jurisdiction=str(place.pk),
            listed_on="2025-08-05",
            **cite,
            **fields,
        )

    records["entries"] = [
        list_entry(records["list"], records["city"]),
        list_entry(
            records["list"],
            records["county"],
            removed_on="2025-09-26",
            removal_note=text_for(ListEntry, "removal_note", "="),
        ),
        list_entry(
            records["withdrawn_list"],
            records["city"],
            removal_note=text_for(ListEntry, "removal_note", "+"),
        ),
    ]

    # The prefixes the admin's forms strip go in through the CSV import,
    # which keeps them, as drafts to be published with the bulk action.
    header = "slug,name,kind,state,parent,summary,stance_note,sources\n"
    rows = "".join(
        ",".join(
            [
                f"hostile-ws-{n}",
                csv_cell(hostile(max_length(Jurisdiction, "name"), prefix)),
                "city",
                "CA",
                "hostile-county",
                csv_cell(hostile(TEXT_LENGTH, prefix)),
                csv_cell(hostile(TEXT_LENGTH, prefix)),
                csv_cell(HOSTILE_HTTP_URL),
            ]
        )
        + "\n"
        for n, prefix in enumerate(WHITESPACE_PREFIXES)
    )
    csv_import(client, Jurisdiction, header + rows)
    imported = list(Jurisdiction.objects.filter(slug__startswith="hostile-ws-"))
    publish(client, Jurisdiction, imported)
    records["imported"] = imported
    client.logout()
    return records


def named_routes(*namespaces):
    """Every named URL pattern in `namespaces` ("" for the root), as "ns:name"."""
    resolver = get_resolver()
    names = set()
    for namespace in namespaces:
        if namespace:
            sub = resolver.namespace_dict[namespace][1]
            names.update(
                f"{namespace}:{name}"
                for name in sub.reverse_dict
                if isinstance(name, str)
            )
        else:
            names.update(
                name for name in resolver.reverse_dict if isinstance(name, str)
            )
    return names
