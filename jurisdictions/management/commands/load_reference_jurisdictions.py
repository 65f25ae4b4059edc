import datetime

import us
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from jurisdictions.choices import JurisdictionKind, PublicationStatus
from jurisdictions.models import Jurisdiction, Source

US_PACKAGE_URL = "https://pypi.org/project/us/"


def reference_source():
    source, _ = Source.objects.get_or_create(
        url=US_PACKAGE_URL,
        defaults={
            "title": f"us: US state metadata (version {us.__version__})",
            "publisher": "Python Package Index",
            "note": "States, the District of Columbia and counties with their "
            "FIPS codes.",
            "accessed_on": datetime.date.today(),
        },
    )
    return source


def reference_rows():
    """Yield (kind, state code, name, GEOID, parent state code) for every row."""
    states = sorted([*us.states.STATES, us.states.DC], key=lambda s: s.fips)
    for state in states:
        yield JurisdictionKind.STATE, state.abbr, state.name, state.fips, None
    for state in states:
        if state == us.states.DC:
            # DC is one jurisdiction; its county equivalent (11001) is not a second.
            continue
        for county in state.counties:
            yield (
                JurisdictionKind.COUNTY,
                state.abbr,
                county.name,
                county.fips,
                state.abbr,
            )


class Command(BaseCommand):
    help = (
        "Load all 50 states, DC and every county with FIPS codes from the `us` "
        "package. Idempotent: merges with existing records matching on GEOID or "
        "on kind + state + name."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        source = reference_source()
        by_geoid = {j.geoid: j for j in Jurisdiction.objects.exclude(geoid="")}
        by_name = {
            (j.kind, j.state, j.name.casefold()): j
            for j in Jurisdiction.objects.filter(
                kind__in=[JurisdictionKind.STATE, JurisdictionKind.COUNTY]
            )
        }
        slugs = set(Jurisdiction.objects.values_list("slug", flat=True))
        state_ids = {}
        created = updated = 0
        now = timezone.now()

        for kind in (JurisdictionKind.STATE, JurisdictionKind.COUNTY):
            new, changed = [], []
            rows = [row for row in reference_rows() if row[0] == kind]
            for _, code, name, geoid, parent_code in rows:
                parent_id = state_ids.get(parent_code)
                existing = by_geoid.get(geoid) or by_name.get(
                    (kind, code, name.casefold())
                )
                if existing is None:
                    slug = self.unique_slug(
                        name if kind == "state" else f"{name} {code}", slugs
                    )
                    new.append(
                        Jurisdiction(
                            name=name,
                            slug=slug,
                            kind=kind,
                            state=code,
                            geoid=geoid,
                            parent_id=parent_id,
                            publication_status=PublicationStatus.PUBLISHED,
                            published_at=now,
                        )
                    )
                    continue
                if kind == JurisdictionKind.STATE:
                    state_ids[code] = existing.pk
                fields = []
                if not existing.geoid:
                    existing.geoid = geoid
                    fields.append("geoid")
                if existing.parent_id is None and parent_id is not None:
                    existing.parent_id = parent_id
                    fields.append("parent")
                if fields:
                    existing.save(update_fields=[*fields, "updated_at"])
                    changed.append(existing)
            if new:
                bulk_create_with_history(new, Jurisdiction, batch_size=1000)
                # bulk_create_with_history does not return primary keys on SQLite.
                new = list(
                    Jurisdiction.objects.filter(geoid__in=[j.geoid for j in new])
                )
                Jurisdiction.sources.through.objects.bulk_create(
                    [
                        Jurisdiction.sources.through(
                            jurisdiction_id=j.pk, source_id=source.pk
                        )
                        for j in new
                    ]
                )
            for jurisdiction in changed:
                jurisdiction.sources.add(source)
            if kind == JurisdictionKind.STATE:
                state_ids.update({j.state: j.pk for j in new})
            created += len(new)
            updated += len(changed)

        if options["verbosity"]:
            self.stdout.write(
                f"Reference jurisdictions: {created} created, {updated} updated."
            )

    @staticmethod
    def unique_slug(text, taken):
        base = slugify(text)[:110]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug
