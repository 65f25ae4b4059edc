"""The whole dataset: one CSV per public table in a zip, and the page about it."""

import io
import zipfile

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from .columns import DATASET_TABLES, SCHEMA_VERSION
from .exports import table_chunks

# Lazy: the /data/ page shows them in its language; the README, written under
# override("en"), always in English.
LICENCE_NAME = _("Creative Commons Attribution 4.0 International (CC BY 4.0)")
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
UPDATE_FREQUENCY = _(
    "Editors add and correct records as sources appear, so the data changes "
    "whenever a record is published or edited. Every download is built from the "
    "live database at the moment you request it; each record's `updated_at` "
    "column says when it last changed."
)


def citation(site_url, on_date):
    return gettext(
        "Sanctuary Tracker. “Sanctuary Tracker dataset” (schema version "
        "%(schema_version)s). %(site_url)s, retrieved %(date)s. "
        "Licensed under CC BY 4.0."
    ) % {
        "schema_version": SCHEMA_VERSION,
        "site_url": site_url,
        "date": on_date.isoformat(),
    }


def readme_text(site_url, generated_at):
    """The README of the zip: always English, so a download is the same bytes
    whichever language the request came in with (the data dictionary's
    descriptions and the citation are translatable, and reverse() would give
    /es/ addresses)."""
    with override("en"):
        return _readme_text(site_url, generated_at)


def _readme_text(site_url, generated_at):
    lines = [
        "Sanctuary Tracker dataset",
        "=========================",
        "",
        "Which US jurisdictions limit cooperation with federal immigration",
        "enforcement, through which instruments, and what federal officials said",
        "or did about them. Only published records are included.",
        "",
        f"Generated at: {generated_at.isoformat()}",
        f"Schema version: {SCHEMA_VERSION}",
        f"Source: {site_url}",
        f"Data dictionary: {site_url}{reverse('jurisdictions:data')}",
        f"Licence: {LICENCE_NAME}, {LICENCE_URL}",
        "",
        "Files (UTF-8 CSV with a header row; dates are YYYY-MM-DD, times ISO 8601",
        "in UTC; multiple values in one cell are separated by “;”; a cell that",
        "would start with =, +, -, @ or a control character starts with ' so",
        "spreadsheets do not run it as a formula):",
        "",
    ]
    for table in DATASET_TABLES:
        lines.append(f"- {table.name}.csv: {table.description}")
    lines += ["", "How to cite:", citation(site_url, generated_at.date()), ""]
    return "\n".join(lines)


class _Pipe(io.RawIOBase):
    """A write-only, unseekable file whose bytes are taken as they come.

    zipfile writes data descriptors after each member when it cannot seek
    back, so the archive can be sent while it is being written.
    """

    def __init__(self):
        self._parts = []

    def writable(self):
        return True

    def write(self, data):
        self._parts.append(bytes(data))
        return len(data)

    def take(self):
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def dataset_chunks(site_url, generated_at=None):
    """Yield the dataset zip in pieces, one CSV chunk of rows at a time."""
    generated_at = generated_at or timezone.now()
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w") as archive:
        for table in DATASET_TABLES:
            member_info = _member(f"{table.name}.csv", generated_at)
            with archive.open(member_info, "w") as member:
                for text in table_chunks(table, table.records(), site_url):
                    member.write(text.encode("utf-8"))
                    if data := pipe.take():
                        yield data
        archive.writestr(
            _member("README.txt", generated_at), readme_text(site_url, generated_at)
        )
    yield pipe.take()


def _member(name, generated_at):
    info = zipfile.ZipInfo(name, date_time=generated_at.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # a readable file once unpacked
    return info


def write_dataset(fileobj, site_url, generated_at=None):
    for data in dataset_chunks(site_url, generated_at):
        fileobj.write(data)


def data_page(request):
    site_url = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "jurisdictions/data.html",
        {
            "tables": DATASET_TABLES,
            "schema_version": SCHEMA_VERSION,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "update_frequency": UPDATE_FREQUENCY,
            "citation": citation(site_url, timezone.localdate()),
            "api_root_url": reverse("api:api-root"),
            "api_docs_url": reverse("api:docs"),
            "api_schema_url": reverse("api:schema"),
        },
    )


def dataset_zip(request):
    site_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        dataset_chunks(site_url), content_type="application/zip"
    )
    filename = f"sanctuary-tracker-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
