"""The record of force: an instrument in effect in part (with the provisions a
court blocked), one instrument rescinding, superseding or amending another,
findings of no instrument, "No law found" as a stance, the body that issued
an instrument, a source's kind and a record's confidence.

Altering a column rebuilds the table on SQLite, which loses its triggers:
`strip` removes every trigger first and `restore` puts them back (both ways),
for the new tables too, as in 0011 and 0012.
"""

import importlib


import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def earlier(name):
    return importlib.import_module(f"jurisdictions.migrations.{name}")


def strip(apps, schema_editor):
    earlier("0011_record_as_it_stands").strip(apps, schema_editor)


def restore(apps, schema_editor):
    earlier("0011_record_as_it_stands").reinstall(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('jurisdictions', '0015_provision_spanish'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(strip, restore),
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('publication_status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records appear on the public site.', max_length=10)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('last_verified_on', models.DateField(blank=True, help_text='Date an editor last checked this record.', null=True)),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised on every save; guards against overwriting another edit.')),
                ('earlier_report', models.TextField(blank=True, help_text='What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.')),
                ('editor_notes', models.TextField(blank=True, help_text='For editors only, never shown or exported: what is unverified and what to check before publishing.')),
                ('confidence', models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10)),
                ('summary', models.TextField(help_text='What was searched and what the pages say, in your own words.')),
            ],
            options={
                'ordering': ['jurisdiction__name', '-last_verified_on', 'pk'],
                'permissions': [('can_publish', 'Can publish and unpublish records')],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='HistoricalFinding',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('publication_status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records appear on the public site.', max_length=10)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('last_verified_on', models.DateField(blank=True, help_text='Date an editor last checked this record.', null=True)),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised on every save; guards against overwriting another edit.')),
                ('earlier_report', models.TextField(blank=True, help_text='What an earlier source reported that the record corrects, shown under the record, e.g. “The article (November 2024) reported …”.')),
                ('editor_notes', models.TextField(blank=True, help_text='For editors only, never shown or exported: what is unverified and what to check before publishing.')),
                ('confidence', models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10)),
                ('summary', models.TextField(help_text='What was searched and what the pages say, in your own words.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical finding',
                'verbose_name_plural': 'historical findings',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalFinding_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'HistoricalFinding_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInstrumentChange',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('rescinds', 'Rescinds'), ('supersedes', 'Supersedes'), ('amends', 'Amends')], max_length=20)),
                ('on', models.DateField(blank=True, help_text='When it takes effect; empty when no source gives it.', null=True, verbose_name='effective on')),
                ('on_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='Month or year when the source gives no day: store the first day of that month or year.', max_length=5, verbose_name='on precision')),
                ('note', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical instrument change',
                'verbose_name_plural': 'historical instrument changes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProvisionBlock',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('clause', models.CharField(help_text='The blocked part in words, e.g. “the ban on officials who ‘endorse’ sanctuary policies”.', max_length=300)),
                ('court', models.CharField(blank=True, help_text='The court, when the case has no record of its own.', max_length=200)),
                ('blocked_on', models.DateField(blank=True, null=True)),
                ('blocked_on_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='Month or year when the source gives no day: store the first day of that month or year.', max_length=5, verbose_name='blocked on precision')),
                ('lifted_on', models.DateField(blank=True, help_text='When the block ended (reversed or dissolved); empty while it stands.', null=True)),
                ('lifted_on_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='Month or year when the source gives no day: store the first day of that month or year.', max_length=5, verbose_name='lifted on precision')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical provision block',
                'verbose_name_plural': 'historical provision blocks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProvisionBlock_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'HistoricalProvisionBlock_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='InstrumentChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('rescinds', 'Rescinds'), ('supersedes', 'Supersedes'), ('amends', 'Amends')], max_length=20)),
                ('on', models.DateField(blank=True, help_text='When it takes effect; empty when no source gives it.', null=True, verbose_name='effective on')),
                ('on_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='Month or year when the source gives no day: store the first day of that month or year.', max_length=5, verbose_name='on precision')),
                ('note', models.TextField(blank=True)),
            ],
            options={
                'ordering': [models.OrderBy(models.F('on'), nulls_last=True), 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ProvisionBlock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('clause', models.CharField(help_text='The blocked part in words, e.g. “the ban on officials who ‘endorse’ sanctuary policies”.', max_length=300)),
                ('court', models.CharField(blank=True, help_text='The court, when the case has no record of its own.', max_length=200)),
                ('blocked_on', models.DateField(blank=True, null=True)),
                ('blocked_on_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='Month or year when the source gives no day: store the first day of that month or year.', max_length=5, verbose_name='blocked on precision')),
                ('lifted_on', models.DateField(blank=True, help_text='When the block ended (reversed or dissolved); empty while it stands.', null=True)),
                ('lifted_on_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='Month or year when the source gives no day: store the first day of that month or year.', max_length=5, verbose_name='lifted on precision')),
            ],
            options={
                'ordering': [models.OrderBy(models.F('blocked_on'), nulls_last=True), 'pk'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='jurisdiction',
            name='jurisdiction_stance_valid',
        ),
        migrations.RemoveConstraint(
            model_name='ordinance',
            name='ordinance_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='ordinanceaction',
            name='ordinance_action_valid',
        ),
        migrations.AddField(
            model_name='case',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='federalstatement',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalcase',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalfederalstatement',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicaljurisdiction',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicallistentry',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalordinance',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalordinance',
            name='issued_by',
            field=models.CharField(blank=True, help_text="The body or office that issued it when it is not the place's legislature, e.g. “Sheriff's Department” or “Police Department”: a sheriff's policy is the sheriff's, not the board's.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalquote',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalrole',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalschooldistrictresolution',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='kind',
            field=models.CharField(blank=True, choices=[('government', 'Government or legislature'), ('court', 'Court or court record'), ('news', 'Newspaper or wire service'), ('tracker', 'Established tracker'), ('advocacy', 'Advocacy group or think tank'), ('reference', 'Encyclopedia or other tertiary page'), ('lead', 'Lead only (aggregator or copy site)'), ('', 'Not classified')], default='', help_text='Who published the page. A record is published only when it cites a page that is not a lead only (an aggregator or copy site).', max_length=20),
        ),
        migrations.AddField(
            model_name='jurisdiction',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='listentry',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='ordinance',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='ordinance',
            name='issued_by',
            field=models.CharField(blank=True, help_text="The body or office that issued it when it is not the place's legislature, e.g. “Sheriff's Department” or “Police Department”: a sheriff's policy is the sheriff's, not the board's.", max_length=200),
        ),
        migrations.AddField(
            model_name='person',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='quote',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='role',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='schooldistrictresolution',
            name='confidence',
            field=models.CharField(blank=True, choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low'), ('', 'Not rated')], default='', help_text='How sure the research is: “High” means an official source, or two independent sources that agree. Only high-confidence records are published.', max_length=10),
        ),
        migrations.AddField(
            model_name='source',
            name='kind',
            field=models.CharField(blank=True, choices=[('government', 'Government or legislature'), ('court', 'Court or court record'), ('news', 'Newspaper or wire service'), ('tracker', 'Established tracker'), ('advocacy', 'Advocacy group or think tank'), ('reference', 'Encyclopedia or other tertiary page'), ('lead', 'Lead only (aggregator or copy site)'), ('', 'Not classified')], default='', help_text='Who published the page. A record is published only when it cites a page that is not a lead only (an aggregator or copy site).', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicaljurisdiction',
            name='stance',
            field=models.CharField(choices=[('sanctuary', 'Sanctuary'), ('limited', 'Limited cooperation'), ('cooperative', 'Cooperative'), ('anti_sanctuary', 'Anti-sanctuary'), ('none_found', 'No law found'), ('unknown', 'Unknown')], default='unknown', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalordinance',
            name='status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('passed', 'Passed'), ('awaiting_signature', 'Awaiting signature'), ('in_effect', 'In effect'), ('enjoined_in_part', 'In effect in part'), ('vetoed', 'Vetoed'), ('repealed', 'Repealed'), ('rescinded', 'Rescinded'), ('superseded', 'Superseded'), ('enjoined', 'Enjoined by a court'), ('unknown', 'Unknown')], default='unknown', help_text='“Unknown” when a source names the instrument without its state.', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalordinanceaction',
            name='action',
            field=models.CharField(choices=[('introduced', 'Introduced'), ('committee', 'Committee action'), ('passed_first_reading', 'Passed first reading'), ('passed', 'Passed'), ('signed', 'Signed'), ('issued', 'Issued'), ('effective', 'Took effect'), ('vetoed', 'Vetoed'), ('repealed', 'Repealed'), ('enjoined', 'Enjoined by a court'), ('enjoined_in_part', 'Enjoined in part by a court'), ('became_law_unsigned', 'Became law without the governor’s signature'), ('rescinded', 'Rescinded'), ('superseded', 'Superseded'), ('other', 'Other')], max_length=30),
        ),
        migrations.AlterField(
            model_name='jurisdiction',
            name='stance',
            field=models.CharField(choices=[('sanctuary', 'Sanctuary'), ('limited', 'Limited cooperation'), ('cooperative', 'Cooperative'), ('anti_sanctuary', 'Anti-sanctuary'), ('none_found', 'No law found'), ('unknown', 'Unknown')], default='unknown', max_length=20),
        ),
        migrations.AlterField(
            model_name='ordinance',
            name='status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('passed', 'Passed'), ('awaiting_signature', 'Awaiting signature'), ('in_effect', 'In effect'), ('enjoined_in_part', 'In effect in part'), ('vetoed', 'Vetoed'), ('repealed', 'Repealed'), ('rescinded', 'Rescinded'), ('superseded', 'Superseded'), ('enjoined', 'Enjoined by a court'), ('unknown', 'Unknown')], default='unknown', help_text='“Unknown” when a source names the instrument without its state.', max_length=20),
        ),
        migrations.AlterField(
            model_name='ordinanceaction',
            name='action',
            field=models.CharField(choices=[('introduced', 'Introduced'), ('committee', 'Committee action'), ('passed_first_reading', 'Passed first reading'), ('passed', 'Passed'), ('signed', 'Signed'), ('issued', 'Issued'), ('effective', 'Took effect'), ('vetoed', 'Vetoed'), ('repealed', 'Repealed'), ('enjoined', 'Enjoined by a court'), ('enjoined_in_part', 'Enjoined in part by a court'), ('became_law_unsigned', 'Became law without the governor’s signature'), ('rescinded', 'Rescinded'), ('superseded', 'Superseded'), ('other', 'Other')], max_length=30),
        ),
        migrations.AddConstraint(
            model_name='jurisdiction',
            constraint=models.CheckConstraint(condition=models.Q(('stance__in', ['sanctuary', 'limited', 'cooperative', 'anti_sanctuary', 'none_found', 'unknown'])), name='jurisdiction_stance_valid'),
        ),
        migrations.AddConstraint(
            model_name='ordinance',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['proposed', 'passed', 'awaiting_signature', 'in_effect', 'enjoined_in_part', 'vetoed', 'repealed', 'rescinded', 'superseded', 'enjoined', 'unknown'])), name='ordinance_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='ordinanceaction',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['introduced', 'committee', 'passed_first_reading', 'passed', 'signed', 'issued', 'effective', 'vetoed', 'repealed', 'enjoined', 'enjoined_in_part', 'became_law_unsigned', 'rescinded', 'superseded', 'other'])), name='ordinance_action_valid'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['government', 'court', 'news', 'tracker', 'advocacy', 'reference', 'lead', ''])), name='source_kind_valid'),
        ),
        migrations.AddField(
            model_name='finding',
            name='jurisdiction',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='jurisdictions.jurisdiction'),
        ),
        migrations.AddField(
            model_name='finding',
            name='sources',
            field=models.ManyToManyField(blank=True, related_name='%(class)s_set', to='jurisdictions.source'),
        ),
        migrations.AddField(
            model_name='historicalfinding',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfinding',
            name='jurisdiction',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.jurisdiction'),
        ),
        migrations.AddField(
            model_name='historicalfinding_sources',
            name='finding',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.finding'),
        ),
        migrations.AddField(
            model_name='historicalfinding_sources',
            name='history',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='jurisdictions.historicalfinding'),
        ),
        migrations.AddField(
            model_name='historicalfinding_sources',
            name='source',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.source'),
        ),
        migrations.AddField(
            model_name='historicalinstrumentchange',
            name='acting',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The instrument that rescinds, supersedes or amends.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.ordinance'),
        ),
        migrations.AddField(
            model_name='historicalinstrumentchange',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalinstrumentchange',
            name='target',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The instrument it acts on.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.ordinance'),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock',
            name='case',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The case whose order blocked it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.case'),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock',
            name='ordinance',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.ordinance'),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock',
            name='provision',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The provision of the instrument the court blocked.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.policyprovision'),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock_sources',
            name='history',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='jurisdictions.historicalprovisionblock'),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock_sources',
            name='source',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.source'),
        ),
        migrations.AddField(
            model_name='instrumentchange',
            name='acting',
            field=models.ForeignKey(help_text='The instrument that rescinds, supersedes or amends.', on_delete=django.db.models.deletion.CASCADE, related_name='changes_made', to='jurisdictions.ordinance'),
        ),
        migrations.AddField(
            model_name='instrumentchange',
            name='target',
            field=models.ForeignKey(help_text='The instrument it acts on.', on_delete=django.db.models.deletion.CASCADE, related_name='changed_by', to='jurisdictions.ordinance'),
        ),
        migrations.AddField(
            model_name='provisionblock',
            name='case',
            field=models.ForeignKey(blank=True, help_text='The case whose order blocked it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='blocks', to='jurisdictions.case'),
        ),
        migrations.AddField(
            model_name='provisionblock',
            name='ordinance',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='blocks', to='jurisdictions.ordinance'),
        ),
        migrations.AddField(
            model_name='provisionblock',
            name='provision',
            field=models.ForeignKey(help_text='The provision of the instrument the court blocked.', on_delete=django.db.models.deletion.PROTECT, related_name='blocks', to='jurisdictions.policyprovision'),
        ),
        migrations.AddField(
            model_name='provisionblock',
            name='sources',
            field=models.ManyToManyField(blank=True, related_name='blocks', to='jurisdictions.source'),
        ),
        migrations.AddField(
            model_name='historicalprovisionblock_sources',
            name='provisionblock',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jurisdictions.provisionblock'),
        ),
        migrations.AddConstraint(
            model_name='instrumentchange',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['rescinds', 'supersedes', 'amends'])), name='instrument_change_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='instrumentchange',
            constraint=models.CheckConstraint(condition=models.Q(('on_precision__in', ['day', 'month', 'year'])), name='instrument_change_on_precision_valid'),
        ),
        migrations.AddConstraint(
            model_name='instrumentchange',
            constraint=models.CheckConstraint(condition=models.Q(('acting', models.F('target')), _negated=True), name='instrument_change_not_itself', violation_error_message='An instrument cannot act on itself.'),
        ),
        migrations.AddConstraint(
            model_name='instrumentchange',
            constraint=models.UniqueConstraint(fields=('acting', 'target', 'kind'), name='instrument_change_unique'),
        ),
        migrations.AddConstraint(
            model_name='provisionblock',
            constraint=models.CheckConstraint(condition=models.Q(('blocked_on__isnull', True), ('lifted_on__isnull', True), ('blocked_on__lte', models.F('lifted_on')), _connector='OR'), name='block_from_le_until', violation_error_message='“blocked_on” must not be after “lifted_on”.'),
        ),
        migrations.AddConstraint(
            model_name='provisionblock',
            constraint=models.CheckConstraint(condition=models.Q(('blocked_on_precision__in', ['day', 'month', 'year'])), name='provision_block_blocked_on_precision_valid'),
        ),
        migrations.AddConstraint(
            model_name='provisionblock',
            constraint=models.CheckConstraint(condition=models.Q(('lifted_on_precision__in', ['day', 'month', 'year'])), name='provision_block_lifted_on_precision_valid'),
        ),
        migrations.AddField(
            model_name='historicalordinance',
            name='direction',
            field=models.CharField(blank=True, choices=[('limits', 'Limits cooperation'), ('mandates', 'Mandates cooperation'), ('none', 'Neither found')], help_text='What the instrument does to cooperation, as its text reads. One that limits or mandates it needs a provision of that kind, or the stance criteria never see it (the attention queue lists those).', max_length=10),
        ),
        migrations.AddField(
            model_name='ordinance',
            name='direction',
            field=models.CharField(blank=True, choices=[('limits', 'Limits cooperation'), ('mandates', 'Mandates cooperation'), ('none', 'Neither found')], help_text='What the instrument does to cooperation, as its text reads. One that limits or mandates it needs a provision of that kind, or the stance criteria never see it (the attention queue lists those).', max_length=10),
        ),
        migrations.RunPython(restore, strip),
    ]
