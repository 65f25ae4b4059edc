"""Detail pages of places and people; every related record they show is published."""

import datetime
from urllib.parse import urlencode

from django.db.models import (
    Prefetch,
    Q,
)
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from .. import answers, force, maps, stances
from ..choices import JurisdictionKind, Stance
from ..models import (
    FederalStatement,
    Finding,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    Quote,
    SchoolDistrictResolution,
)
from ..timeline.place import Event, case_events, party_cases, timeline
from .details import (
    PublicDetailView,
    published_ordinances,
    published_quotes,
    published_roles,
    published_statements,
    vote_phrase,
)

# Ancestors are fetched with the page itself up to this depth (school district
# → city → county → state is three); a deeper chain costs a query per level.
ANCESTOR_DEPTH = 4
# A state may hold thousands of places; the page lists the first ones.
CHILDREN_SHOWN = 100


class JurisdictionDetailView(PublicDetailView):
    section = "jurisdictions"
    queryset = (
        Jurisdiction.objects.published()
        .select_related("__".join(["parent"] * ANCESTOR_DEPTH))
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Jurisdiction.objects.published()[: CHILDREN_SHOWN + 1],
                to_attr="published_children",
            ),
            Prefetch(
                "ordinances",
                # Their blocks and changes: force.fetch() in get_context_data().
                queryset=Ordinance.objects.published().prefetch_related(
                    "provisions", "actions", "sources"
                ),
                to_attr="published_ordinances",
            ),
            Prefetch(
                "resolutions",
                queryset=SchoolDistrictResolution.objects.published().prefetch_related(
                    "provisions", "sources"
                ),
                to_attr="published_resolutions",
            ),
            Prefetch(
                "federal_statements",
                queryset=published_statements(),
                to_attr="published_statements",
            ),
        )
    )
    optional = (
        # Few places are on a federal list: the others pay no query for it.
        Prefetch(
            "list_entries",
            queryset=ListEntry.objects.published()
            .select_related("list")
            .prefetch_related("sources")
            .order_by("listed_on", "list__title", "pk"),
            to_attr="federal_listings",
        ),
        # Few places have a finding of no law: the others pay no query for it.
        Prefetch(
            "findings",
            queryset=Finding.objects.published().prefetch_related("sources"),
            to_attr="published_findings",
        ),
    )

    def get_context_data(self, **kwargs):
        place = self.object
        force.fetch(place.published_ordinances, changes=False)
        instruments = [*place.published_ordinances, *place.published_resolutions]
        findings = place.published_findings
        quotes = (
            published_quotes()
            .select_related("ordinance", "resolution", "jurisdiction")
            .filter(
                Q(jurisdiction=place)
                | Q(ordinance__jurisdiction=place)
                | Q(resolution__district=place)
            )
        )
        listed_by = [e for e in place.federal_listings if e.is_current]
        self.cases = list(party_cases(place).prefetch_related("sources"))
        ancestors = [a for a in place.ancestors() if a.is_published]
        return super().get_context_data(
            answer=answers.answer(
                place, ancestors, instruments, listed_by, self.cases, findings
            ),
            ancestors=ancestors,
            children=place.published_children[:CHILDREN_SHOWN],
            more_children=len(place.published_children) > CHILDREN_SHOWN,
            provisions_in_force=self.provisions(instruments, in_force=True),
            other_provisions=self.provisions(instruments, in_force=False),
            timeline=timeline(self.events()),
            quotes=quotes,
            # The stance box: what the place's own instruments suggest, and
            # the lists naming it (which never set its stance).
            evidence=stances.weigh(
                instruments,
                school_district=place.kind == JurisdictionKind.SCHOOL_DISTRICT,
                none_found=bool(findings),
            ),
            findings=[
                (finding, answers.finding_sentence(place, finding))
                for finding in findings
            ],
            listed_by=listed_by,
            state_map=self.state_map(place),
            **kwargs,
        )

    @staticmethod
    def state_map(place):
        """A state's outline and its published counties shaded by stance."""
        if place.kind != JurisdictionKind.STATE or not place.geoid:
            return None
        counties = Jurisdiction.objects.published().filter(
            kind=JurisdictionKind.COUNTY, parent=place
        )
        # One reverse() for every county: a large state has hundreds.
        placeholder = "county-slug"
        head, _, tail = reverse(
            "jurisdictions:jurisdiction-detail", kwargs={"slug": placeholder}
        ).rpartition(placeholder)
        rows = [
            {
                "geoid": geoid,
                "name": name,
                "stance": stance,
                "stance_label": Stance(stance).label,
                "url": f"{head}{slug}{tail}",
            }
            for geoid, name, slug, stance in counties.values_list(
                "geoid", "name", "slug", "stance"
            )
        ]
        query = urlencode({"state": place.state, "kind": JurisdictionKind.COUNTY})
        return maps.state_map(
            place.geoid,
            rows,
            table_url=f"{reverse('jurisdictions:jurisdiction-list')}?{query}",
        )

    @staticmethod
    def provisions(instruments, in_force):
        """Map each provision to the instruments carrying it, in force or not
        (in force as the stance criteria count it: a provision a court still
        blocks is not)."""
        found = {}
        for instrument in instruments:
            binding = (
                stances.binding_provisions(instrument)
                if stances.in_force(instrument)
                else []
            )
            if in_force:
                carried = binding
            else:
                carried = [p for p in instrument.provisions.all() if p not in binding]
            for provision in carried:
                found.setdefault(provision, []).append(instrument)
        return sorted(found.items(), key=lambda item: item[0].name)

    def events(self):
        place = self.object
        for ordinance in place.published_ordinances:
            for action in ordinance.actions.all():
                yield Event(
                    date=action.date,
                    kind=action.get_action_display(),
                    title=ordinance.title,
                    url=ordinance.get_absolute_url(),
                    detail=", ".join(
                        part for part in (action.body, vote_phrase(action)) if part
                    ),
                    precision=action.date_precision,
                )
        for resolution in place.published_resolutions:
            yield Event(
                date=resolution.adopted_on,
                kind=gettext("Resolution %(status)s")
                % {"status": resolution.get_status_display().lower()},
                title=resolution.title,
                url=resolution.get_absolute_url(),
                detail=vote_phrase(resolution),
                precision=resolution.adopted_on_precision,
            )
        for statement in place.published_statements:
            yield Event(
                date=statement.made_on,
                # "Federal threat"; Spanish puts the kind first: capitalised.
                kind=capfirst(
                    gettext("Federal %(kind)s")
                    % {"kind": statement.get_kind_display().lower()}
                ),
                title=statement.title,
                url=statement.get_absolute_url(),
                detail=str(statement.speaker or ""),
                precision=statement.made_on_precision,
                withdrawn_on=statement.withdrawn_on,
            )
        yield from case_events(self.cases)
        named = {statement.pk for statement in place.published_statements}
        for entry in place.federal_listings:
            # A list naming the place among its targets is already above.
            if entry.list_id not in named:
                yield Event(
                    date=entry.listed_on,
                    kind=gettext("Put on a federal list"),
                    title=entry.list.title,
                    url=entry.list.get_absolute_url(),
                    withdrawn_on=entry.list.withdrawn_on,
                )
            if entry.removed_on:
                yield Event(
                    date=entry.removed_on,
                    kind=gettext("Removed from a federal list"),
                    title=entry.list.title,
                    url=entry.list.get_absolute_url(),
                )


class PersonDetailView(PublicDetailView):
    # Statements and quotes come back with the person as their speaker, so
    # their titles on the day read the roles fetched here.
    queryset = Person.objects.published().prefetch_related(
        Prefetch("jurisdiction", queryset=Jurisdiction.objects.published()),
        Prefetch(
            "roles",
            queryset=published_roles().prefetch_related(
                Prefetch("jurisdiction", queryset=Jurisdiction.objects.published()),
                "sources",
            ),
        ),
        Prefetch("statements", queryset=FederalStatement.objects.published()),
        Prefetch("sponsored", queryset=published_ordinances()),
        Prefetch(
            "quotes",
            queryset=Quote.objects.published().select_related(
                "ordinance", "resolution", "jurisdiction"
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        person = self.object
        roles = person.public_roles()
        current = person.current_role()
        # No role held now: the one that ended last, without claiming the
        # person holds none (a later role may simply not be recorded).
        former = None
        if current is None and roles:
            former = max(roles, key=lambda role: role.ended_on or datetime.date.min)
        return super().get_context_data(
            roles=roles, current_role=current, former_role=former, **kwargs
        )
