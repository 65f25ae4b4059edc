"""Index each list's default order: newest first, undated last, then title.

A list's first page then reads 50 index entries instead of sorting every row.
Django's Index cannot say NULLS LAST portably (SQLite refuses it in an index),
so the SQL is per database (`newest_first` in jurisdictions/triggers.py):
SQLite already sorts NULLs last when descending.
"""

from django.db import migrations

from jurisdictions import triggers


def create(apps, schema_editor):
    parts = triggers.newest_first(schema_editor.connection.vendor)
    triggers.create(schema_editor, parts)


def drop(apps, schema_editor):
    parts = triggers.newest_first(schema_editor.connection.vendor)
    triggers.drop(schema_editor, parts)


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0007_jurisdiction_website_http")]

    operations = [migrations.RunPython(create, drop)]
