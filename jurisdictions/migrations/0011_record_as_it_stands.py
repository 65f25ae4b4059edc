"""The record as it stands: federal lists with dated entries, court cases,
people's dated roles, date precision and the instrument's own record.

On SQLite, adding these columns and constraints rebuilds the tables, and a
rebuilt table loses the triggers and raw indexes of migrations 0002, 0005 and
0007-0010, and a trigger naming another table stops the rebuild: `strip`
removes them first and `reinstall` puts them back (both ways). On PostgreSQL
nothing is lost; the new tables get their data-version triggers and cases
their search trigger. The SQL of all of them is in jurisdictions/triggers.py.
"""

import importlib

import django.contrib.postgres.search
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from jurisdictions import triggers


def earlier(name):
    return importlib.import_module(f"jurisdictions.migrations.{name}")


SQLITE_EXTRAS = [
    ("0007_jurisdiction_website_http", "remove", "add"),
    ("0008_newest_first_indexes", "drop", "create"),
    ("0009_filtered_newest_first_indexes", "drop", "create"),
    ("0010_ordinance_state", "remove", "install"),
]


def strip(apps, schema_editor):
    """On SQLite, drop the triggers and raw indexes a table rebuild breaks."""
    if schema_editor.connection.vendor != "sqlite":
        return
    tables = triggers.watched_tables(apps)
    triggers.drop(schema_editor, triggers.data_version("sqlite", tables))
    earlier("0002_school_district_triggers").run(1)(apps, schema_editor)
    for name, drop, _ in SQLITE_EXTRAS:
        getattr(earlier(name), drop)(apps, schema_editor)


def reinstall(apps, schema_editor):
    """Drop and recreate every trigger and raw index the app relies on."""
    vendor = schema_editor.connection.vendor
    tables = triggers.watched_tables(apps)
    # On PostgreSQL the function they call stays in place.
    triggers.recreate(
        schema_editor,
        triggers.triggers_of(
            # Later migrations call this too: from 0018 on, per table as well.
            triggers.data_version(vendor, tables, triggers.per_table(apps))
        ),
    )
    if vendor != "sqlite":
        return
    school = earlier("0002_school_district_triggers")
    school.run(1)(apps, schema_editor)
    school.run(0)(apps, schema_editor)
    for name, drop, create in SQLITE_EXTRAS:
        module = earlier(name)
        getattr(module, drop)(apps, schema_editor)
        getattr(module, create)(apps, schema_editor)


def install(apps, schema_editor):
    """Reinstall, and give cases their search trigger (PostgreSQL)."""
    reinstall(apps, schema_editor)
    vendor = schema_editor.connection.vendor
    triggers.create(schema_editor, triggers.search(vendor, [triggers.CASE]))


def uninstall(apps, schema_editor):
    strip(apps, schema_editor)
    vendor = schema_editor.connection.vendor
    triggers.drop(schema_editor, triggers.search(vendor, [triggers.CASE]))


class Migration(migrations.Migration):
    dependencies = [
        ("jurisdictions", "0010_ordinance_state"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(strip, reinstall),
        migrations.CreateModel(
            name="Case",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                (
                    "last_verified_on",
                    models.DateField(
                        blank=True,
                        help_text="Date an editor last checked this record.",
                        null=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised on every save; guards against overwriting another edit.",
                    ),
                ),
                (
                    "earlier_report",
                    models.TextField(
                        blank=True,
                        help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("slug", models.SlugField(max_length=120, unique=True)),
                (
                    "court",
                    models.CharField(
                        help_text="E.g. “U.S. District Court, C.D. California”.",
                        max_length=200,
                    ),
                ),
                (
                    "docket",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty when no source gives it.",
                        max_length=100,
                    ),
                ),
                ("filed_on", models.DateField(blank=True, null=True)),
                (
                    "filed_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="filed on precision",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("dismissed", "Dismissed"),
                            ("dismissed_appealed", "Dismissed, on appeal"),
                            ("decided_for_plaintiff", "Decided for the plaintiff"),
                            ("decided_for_defendant", "Decided for the defendant"),
                            ("preliminary_injunction", "Preliminary injunction"),
                            ("settled", "Settled"),
                            ("unknown", "Unknown"),
                        ],
                        default="unknown",
                        max_length=30,
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True,
                        help_text="The day of the ruling the status reflects.",
                        null=True,
                    ),
                ),
                (
                    "decided_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="decided on precision",
                    ),
                ),
                (
                    "outcome",
                    models.TextField(
                        blank=True, help_text="What was decided, in plain words."
                    ),
                ),
                ("judge", models.CharField(blank=True, max_length=200)),
                (
                    "plaintiff_parties",
                    models.CharField(
                        blank=True,
                        help_text="Plaintiffs as the docket names them, e.g. “United States”.",
                        max_length=500,
                    ),
                ),
                (
                    "defendant_parties",
                    models.CharField(
                        blank=True,
                        help_text="Defendants as the docket names them, officials included.",
                        max_length=500,
                    ),
                ),
                ("summary", models.TextField(blank=True)),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False,
                        help_text="Kept up to date by a database trigger.",
                        null=True,
                    ),
                ),
            ],
            options={
                "ordering": [
                    models.OrderBy(
                        models.F("filed_on"), descending=True, nulls_last=True
                    ),
                    "title",
                ],
                "permissions": [("can_publish", "Can publish and unpublish records")],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="HistoricalCase",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, db_index=True, editable=False),
                ),
                (
                    "last_verified_on",
                    models.DateField(
                        blank=True,
                        help_text="Date an editor last checked this record.",
                        null=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised on every save; guards against overwriting another edit.",
                    ),
                ),
                (
                    "earlier_report",
                    models.TextField(
                        blank=True,
                        help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("slug", models.SlugField(max_length=120)),
                (
                    "court",
                    models.CharField(
                        help_text="E.g. “U.S. District Court, C.D. California”.",
                        max_length=200,
                    ),
                ),
                (
                    "docket",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty when no source gives it.",
                        max_length=100,
                    ),
                ),
                ("filed_on", models.DateField(blank=True, null=True)),
                (
                    "filed_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="filed on precision",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("dismissed", "Dismissed"),
                            ("dismissed_appealed", "Dismissed, on appeal"),
                            ("decided_for_plaintiff", "Decided for the plaintiff"),
                            ("decided_for_defendant", "Decided for the defendant"),
                            ("preliminary_injunction", "Preliminary injunction"),
                            ("settled", "Settled"),
                            ("unknown", "Unknown"),
                        ],
                        default="unknown",
                        max_length=30,
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True,
                        help_text="The day of the ruling the status reflects.",
                        null=True,
                    ),
                ),
                (
                    "decided_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="decided on precision",
                    ),
                ),
                (
                    "outcome",
                    models.TextField(
                        blank=True, help_text="What was decided, in plain words."
                    ),
                ),
                ("judge", models.CharField(blank=True, max_length=200)),
                (
                    "plaintiff_parties",
                    models.CharField(
                        blank=True,
                        help_text="Plaintiffs as the docket names them, e.g. “United States”.",
                        max_length=500,
                    ),
                ),
                (
                    "defendant_parties",
                    models.CharField(
                        blank=True,
                        help_text="Defendants as the docket names them, officials included.",
                        max_length=500,
                    ),
                ),
                ("summary", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical case",
                "verbose_name_plural": "historical cases",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCase_challenged",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalCase_challenged",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCase_defendants",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalCase_defendants",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCase_plaintiffs",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalCase_plaintiffs",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCase_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalCase_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCase_statements",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalCase_statements",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalListEntry",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, db_index=True, editable=False),
                ),
                (
                    "last_verified_on",
                    models.DateField(
                        blank=True,
                        help_text="Date an editor last checked this record.",
                        null=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised on every save; guards against overwriting another edit.",
                    ),
                ),
                (
                    "earlier_report",
                    models.TextField(
                        blank=True,
                        help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
                    ),
                ),
                (
                    "listed_on",
                    models.DateField(help_text="The day the list named the place."),
                ),
                (
                    "removed_on",
                    models.DateField(
                        blank=True,
                        help_text="Empty while the place is on the list.",
                        null=True,
                    ),
                ),
                (
                    "removal_note",
                    models.TextField(
                        blank=True, help_text="Why it was removed, as the sources say."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical list entry",
                "verbose_name_plural": "historical list entries",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalListEntry_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalListEntry_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRole",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, db_index=True, editable=False),
                ),
                (
                    "last_verified_on",
                    models.DateField(
                        blank=True,
                        help_text="Date an editor last checked this record.",
                        null=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised on every save; guards against overwriting another edit.",
                    ),
                ),
                (
                    "earlier_report",
                    models.TextField(
                        blank=True,
                        help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="E.g. “Mayor of Los Angeles”.", max_length=200
                    ),
                ),
                (
                    "body",
                    models.CharField(
                        blank=True,
                        help_text="The office or body, e.g. “Executive Office of the President”.",
                        max_length=200,
                    ),
                ),
                (
                    "started_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty when no source gives it.",
                        null=True,
                    ),
                ),
                (
                    "started_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="started on precision",
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True, help_text="Empty while the role is held.", null=True
                    ),
                ),
                (
                    "ended_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="ended on precision",
                    ),
                ),
                ("note", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical role",
                "verbose_name_plural": "historical roles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRole_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalRole_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ListEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                (
                    "last_verified_on",
                    models.DateField(
                        blank=True,
                        help_text="Date an editor last checked this record.",
                        null=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised on every save; guards against overwriting another edit.",
                    ),
                ),
                (
                    "earlier_report",
                    models.TextField(
                        blank=True,
                        help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
                    ),
                ),
                (
                    "listed_on",
                    models.DateField(help_text="The day the list named the place."),
                ),
                (
                    "removed_on",
                    models.DateField(
                        blank=True,
                        help_text="Empty while the place is on the list.",
                        null=True,
                    ),
                ),
                (
                    "removal_note",
                    models.TextField(
                        blank=True, help_text="Why it was removed, as the sources say."
                    ),
                ),
            ],
            options={
                "verbose_name": "list entry",
                "verbose_name_plural": "list entries",
                "ordering": ["list", "jurisdiction__name", "listed_on"],
                "permissions": [("can_publish", "Can publish and unpublish records")],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Role",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                (
                    "last_verified_on",
                    models.DateField(
                        blank=True,
                        help_text="Date an editor last checked this record.",
                        null=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised on every save; guards against overwriting another edit.",
                    ),
                ),
                (
                    "earlier_report",
                    models.TextField(
                        blank=True,
                        help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="E.g. “Mayor of Los Angeles”.", max_length=200
                    ),
                ),
                (
                    "body",
                    models.CharField(
                        blank=True,
                        help_text="The office or body, e.g. “Executive Office of the President”.",
                        max_length=200,
                    ),
                ),
                (
                    "started_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty when no source gives it.",
                        null=True,
                    ),
                ),
                (
                    "started_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="started on precision",
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True, help_text="Empty while the role is held.", null=True
                    ),
                ),
                (
                    "ended_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Month or year when the source gives no day: store the first day of that month or year.",
                        max_length=5,
                        verbose_name="ended on precision",
                    ),
                ),
                ("note", models.TextField(blank=True)),
            ],
            options={
                "ordering": [
                    "person",
                    models.OrderBy(
                        models.F("started_on"), descending=True, nulls_last=True
                    ),
                    "title",
                ],
                "permissions": [("can_publish", "Can publish and unpublish records")],
                "abstract": False,
            },
        ),
        migrations.RemoveConstraint(
            model_name="policyprovision",
            name="provision_category_valid",
        ),
        migrations.AddField(
            model_name="federalstatement",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="federalstatement",
            name="made_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="made on precision",
            ),
        ),
        migrations.AddField(
            model_name="federalstatement",
            name="withdrawal_note",
            field=models.TextField(
                blank=True, help_text="How and why it was withdrawn, with its sources."
            ),
        ),
        migrations.AddField(
            model_name="federalstatement",
            name="withdrawn_on",
            field=models.DateField(
                blank=True,
                help_text="For a list or policy its author took back: the day it was withdrawn (or first seen gone).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalfederalstatement",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="historicalfederalstatement",
            name="made_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="made on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalfederalstatement",
            name="withdrawal_note",
            field=models.TextField(
                blank=True, help_text="How and why it was withdrawn, with its sources."
            ),
        ),
        migrations.AddField(
            model_name="historicalfederalstatement",
            name="withdrawn_on",
            field=models.DateField(
                blank=True,
                help_text="For a list or policy its author took back: the day it was withdrawn (or first seen gone).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicaljurisdiction",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="council_file",
            field=models.CharField(
                blank=True,
                help_text="The council's file number for the matter, when a source gives it.",
                max_length=100,
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="effective_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="effective on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="introduced_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="introduced on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="passed_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="passed on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="signed_on",
            field=models.DateField(
                blank=True, help_text="Leave empty when no source gives it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="signed_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="signed on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="urgency_clause",
            field=models.BooleanField(
                blank=True,
                help_text="Passed with an urgency clause (takes effect without the usual wait); empty when no source says.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalordinanceaction",
            name="date_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="date precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinanceaction",
            name="votes_absent",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="absent"
            ),
        ),
        migrations.AddField(
            model_name="historicalordinanceaction",
            name="votes_abstain",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="abstentions"
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="historicalquote",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="historicalquote",
            name="said_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="said on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalquote",
            name="speaker_role",
            field=models.CharField(
                blank=True,
                help_text="The speaker's title as the source gives it; pages show the dated role held on the day when one is recorded.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalschooldistrictresolution",
            name="adopted_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="adopted on precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalschooldistrictresolution",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="historicalschooldistrictresolution",
            name="reaffirms",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="An earlier resolution this one restates or reaffirms.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.schooldistrictresolution",
            ),
        ),
        migrations.AddField(
            model_name="historicalschooldistrictresolution",
            name="reaffirms_confirmed",
            field=models.BooleanField(
                default=False,
                help_text="An editor has read the text and confirmed the link; until then the public pages do not show it.",
                verbose_name="link confirmed",
            ),
        ),
        migrations.AddField(
            model_name="jurisdiction",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="council_file",
            field=models.CharField(
                blank=True,
                help_text="The council's file number for the matter, when a source gives it.",
                max_length=100,
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="effective_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="effective on precision",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="introduced_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="introduced on precision",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="passed_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="passed on precision",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="signed_on",
            field=models.DateField(
                blank=True, help_text="Leave empty when no source gives it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="signed_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="signed on precision",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="urgency_clause",
            field=models.BooleanField(
                blank=True,
                help_text="Passed with an urgency clause (takes effect without the usual wait); empty when no source says.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="ordinanceaction",
            name="date_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="date precision",
            ),
        ),
        migrations.AddField(
            model_name="ordinanceaction",
            name="votes_absent",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="absent"
            ),
        ),
        migrations.AddField(
            model_name="ordinanceaction",
            name="votes_abstain",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="abstentions"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="said_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="said on precision",
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="speaker_role",
            field=models.CharField(
                blank=True,
                help_text="The speaker's title as the source gives it; pages show the dated role held on the day when one is recorded.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="schooldistrictresolution",
            name="adopted_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                default="day",
                help_text="Month or year when the source gives no day: store the first day of that month or year.",
                max_length=5,
                verbose_name="adopted on precision",
            ),
        ),
        migrations.AddField(
            model_name="schooldistrictresolution",
            name="earlier_report",
            field=models.TextField(
                blank=True,
                help_text="What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.",
            ),
        ),
        migrations.AddField(
            model_name="schooldistrictresolution",
            name="reaffirms",
            field=models.ForeignKey(
                blank=True,
                help_text="An earlier resolution this one restates or reaffirms.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reaffirmed_by",
                to="jurisdictions.schooldistrictresolution",
            ),
        ),
        migrations.AddField(
            model_name="schooldistrictresolution",
            name="reaffirms_confirmed",
            field=models.BooleanField(
                default=False,
                help_text="An editor has read the text and confirmed the link; until then the public pages do not show it.",
                verbose_name="link confirmed",
            ),
        ),
        migrations.AlterField(
            model_name="historicalordinance",
            name="number",
            field=models.CharField(
                blank=True,
                help_text="The official number the instrument was given, e.g. Ordinance No. 188441; not the council file number.",
                max_length=100,
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="Office or role, e.g. “Council member”, shown only when no dated role is recorded (see Roles).",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="historicalpolicyprovision",
            name="category",
            field=models.CharField(
                choices=[
                    ("resources", "Local resources"),
                    ("information_sharing", "Information sharing"),
                    ("detainers", "Detainers"),
                    ("facility_access", "Facility access"),
                    ("training", "Training"),
                    ("education", "Education"),
                    ("declaration", "Declaration"),
                    ("other", "Other"),
                    ("cooperation_mandate", "Cooperation mandated"),
                    ("sanctuary_ban", "Sanctuary policies banned"),
                ],
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="ordinance",
            name="number",
            field=models.CharField(
                blank=True,
                help_text="The official number the instrument was given, e.g. Ordinance No. 188441; not the council file number.",
                max_length=100,
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="Office or role, e.g. “Council member”, shown only when no dated role is recorded (see Roles).",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="policyprovision",
            name="category",
            field=models.CharField(
                choices=[
                    ("resources", "Local resources"),
                    ("information_sharing", "Information sharing"),
                    ("detainers", "Detainers"),
                    ("facility_access", "Facility access"),
                    ("training", "Training"),
                    ("education", "Education"),
                    ("declaration", "Declaration"),
                    ("other", "Other"),
                    ("cooperation_mandate", "Cooperation mandated"),
                    ("sanctuary_ban", "Sanctuary policies banned"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="federalstatement",
            constraint=models.CheckConstraint(
                condition=models.Q(("made_on_precision__in", ["day", "month", "year"])),
                name="statement_made_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="federalstatement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("made_on__isnull", True),
                    ("withdrawn_on__isnull", True),
                    ("made_on__lte", models.F("withdrawn_on")),
                    _connector="OR",
                ),
                name="statement_made_le_withdrawn",
                violation_error_message="“made_on” must not be after “withdrawn_on”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("passed_on__isnull", True),
                    ("signed_on__isnull", True),
                    ("passed_on__lte", models.F("signed_on")),
                    _connector="OR",
                ),
                name="ordinance_pass_le_sign",
                violation_error_message="“passed_on” must not be after “signed_on”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("signed_on__isnull", True),
                    ("effective_on__isnull", True),
                    ("signed_on__lte", models.F("effective_on")),
                    _connector="OR",
                ),
                name="ordinance_sign_le_effect",
                violation_error_message="“signed_on” must not be after “effective_on”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("introduced_on_precision__in", ["day", "month", "year"])
                ),
                name="ordinance_introduced_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("passed_on_precision__in", ["day", "month", "year"])
                ),
                name="ordinance_passed_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("signed_on_precision__in", ["day", "month", "year"])
                ),
                name="ordinance_signed_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("effective_on_precision__in", ["day", "month", "year"])
                ),
                name="ordinance_effective_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ordinanceaction",
            constraint=models.CheckConstraint(
                condition=models.Q(("date_precision__in", ["day", "month", "year"])),
                name="ordinance_action_date_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="policyprovision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "category__in",
                        [
                            "resources",
                            "information_sharing",
                            "detainers",
                            "facility_access",
                            "training",
                            "education",
                            "declaration",
                            "other",
                            "cooperation_mandate",
                            "sanctuary_ban",
                        ],
                    )
                ),
                name="provision_category_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(
                condition=models.Q(("said_on_precision__in", ["day", "month", "year"])),
                name="quote_said_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="schooldistrictresolution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("adopted_on_precision__in", ["day", "month", "year"])
                ),
                name="resolution_adopted_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="schooldistrictresolution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reaffirms__isnull", True),
                    models.Q(("reaffirms", models.F("pk")), _negated=True),
                    _connector="OR",
                ),
                name="resolution_not_reaffirming_itself",
                violation_error_message="A resolution cannot reaffirm itself.",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="challenged",
            field=models.ManyToManyField(
                blank=True,
                help_text="Instruments the case challenges.",
                related_name="cases",
                to="jurisdictions.ordinance",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="defendants",
            field=models.ManyToManyField(
                blank=True,
                related_name="cases_as_defendant",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="plaintiffs",
            field=models.ManyToManyField(
                blank=True,
                related_name="cases_as_plaintiff",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="sources",
            field=models.ManyToManyField(
                blank=True, related_name="%(class)s_set", to="jurisdictions.source"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="statements",
            field=models.ManyToManyField(
                blank=True,
                help_text="Federal statements or actions the case answers or brings.",
                related_name="cases",
                to="jurisdictions.federalstatement",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_challenged",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_challenged",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicalcase",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_challenged",
            name="ordinance",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.ordinance",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_defendants",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_defendants",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicalcase",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_defendants",
            name="jurisdiction",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_plaintiffs",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_plaintiffs",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicalcase",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_plaintiffs",
            name="jurisdiction",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_sources",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_sources",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicalcase",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_sources",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_statements",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_statements",
            name="federalstatement",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.federalstatement",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase_statements",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicalcase",
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry",
            name="jurisdiction",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry",
            name="list",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="A federal statement of kind “designation”.",
                limit_choices_to={"kind": "designation"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.federalstatement",
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry_sources",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicallistentry",
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry_sources",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalrole",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalrole",
            name="jurisdiction",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The place the role serves, when the tracker holds it.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="historicalrole",
            name="person",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.person",
            ),
        ),
        migrations.AddField(
            model_name="historicalrole_sources",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="jurisdictions.historicalrole",
            ),
        ),
        migrations.AddField(
            model_name="historicalrole_sources",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.source",
            ),
        ),
        migrations.AddField(
            model_name="listentry",
            name="jurisdiction",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="list_entries",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="listentry",
            name="list",
            field=models.ForeignKey(
                help_text="A federal statement of kind “designation”.",
                limit_choices_to={"kind": "designation"},
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entries",
                to="jurisdictions.federalstatement",
            ),
        ),
        migrations.AddField(
            model_name="listentry",
            name="sources",
            field=models.ManyToManyField(
                blank=True, related_name="%(class)s_set", to="jurisdictions.source"
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry_sources",
            name="listentry",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.listentry",
            ),
        ),
        migrations.AddField(
            model_name="role",
            name="jurisdiction",
            field=models.ForeignKey(
                blank=True,
                help_text="The place the role serves, when the tracker holds it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="roles",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="role",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="roles",
                to="jurisdictions.person",
            ),
        ),
        migrations.AddField(
            model_name="role",
            name="sources",
            field=models.ManyToManyField(
                blank=True, related_name="%(class)s_set", to="jurisdictions.source"
            ),
        ),
        migrations.AddField(
            model_name="historicalrole_sources",
            name="role",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.role",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["status"], name="jurisdictio_status_e8a0ad_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["filed_on"], name="jurisdictio_filed_o_844ab1_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["title"], name="jurisdictio_title_1a388b_idx"),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "pending",
                            "dismissed",
                            "dismissed_appealed",
                            "decided_for_plaintiff",
                            "decided_for_defendant",
                            "preliminary_injunction",
                            "settled",
                            "unknown",
                        ],
                    )
                ),
                name="case_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(("publication_status__in", ["draft", "published"])),
                name="case_pubstatus_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("filed_on__isnull", True),
                    ("decided_on__isnull", True),
                    ("filed_on__lte", models.F("decided_on")),
                    _connector="OR",
                ),
                name="case_filed_le_decided",
                violation_error_message="“filed_on” must not be after “decided_on”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("filed_on_precision__in", ["day", "month", "year"])
                ),
                name="case_filed_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("decided_on_precision__in", ["day", "month", "year"])
                ),
                name="case_decided_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="listentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("publication_status__in", ["draft", "published"])),
                name="list_entry_pubstatus_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="listentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("listed_on__isnull", True),
                    ("removed_on__isnull", True),
                    ("listed_on__lte", models.F("removed_on")),
                    _connector="OR",
                ),
                name="list_entry_listed_le_removed",
                violation_error_message="“listed_on” must not be after “removed_on”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="listentry",
            constraint=models.UniqueConstraint(
                fields=("list", "jurisdiction", "listed_on"),
                name="list_entry_unique",
                violation_error_message="This place is already on this list from that day.",
            ),
        ),
        migrations.AddConstraint(
            model_name="role",
            constraint=models.CheckConstraint(
                condition=models.Q(("publication_status__in", ["draft", "published"])),
                name="role_pubstatus_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="role",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("started_on__isnull", True),
                    ("ended_on__isnull", True),
                    ("started_on__lte", models.F("ended_on")),
                    _connector="OR",
                ),
                name="role_start_le_end",
                violation_error_message="“started_on” must not be after “ended_on”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="role",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("started_on_precision__in", ["day", "month", "year"])
                ),
                name="role_started_on_precision_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="role",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ended_on_precision__in", ["day", "month", "year"])
                ),
                name="role_ended_on_precision_valid",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="federalstatement",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalfederalstatement",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicaljurisdiction",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicallistentry",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalordinance",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalquote",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalrole",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="historicalschooldistrictresolution",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="jurisdiction",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="listentry",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="ordinance",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="role",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.AddField(
            model_name="schooldistrictresolution",
            name="editor_notes",
            field=models.TextField(
                blank=True,
                help_text="For editors only, never shown or exported: what is unverified and what to check before publishing.",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
