"""Reading the blocks and changes of instruments: a query per relation,
and none for the instruments that have neither."""

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects

from ..models import InstrumentChange, ProvisionBlock


def blocks_prefetch(to_attr=None, sources=False):
    """The blocks with their cases and provisions (and their `sources`)."""
    blocks = ProvisionBlock.objects.select_related("case", "provision")
    if sources:
        blocks = blocks.prefetch_related("sources")
    return Prefetch("blocks", queryset=blocks, to_attr=to_attr)


def changes_prefetch(relation, to_attr=None):
    """`relation` ("changed_by" or "changes_made") with its other instrument
    and that instrument's place, drafts and all: public_changes() sifts."""
    other = "acting" if relation == "changed_by" else "target"
    return Prefetch(
        relation,
        queryset=InstrumentChange.objects.select_related(f"{other}__jurisdiction"),
        to_attr=to_attr,
    )


def flagged(ordinances):
    """`ordinances` (a queryset) with has_blocks and has_changes: whether
    each has any court block, any change either way (fetch() reads them)."""
    return ordinances.annotate(
        has_blocks=Exists(ProvisionBlock.objects.filter(ordinance=OuterRef("pk"))),
        has_changes=Exists(
            InstrumentChange.objects.filter(
                Q(acting=OuterRef("pk")) | Q(target=OuterRef("pk"))
            )
        ),
    )


def fetch(ordinances):
    """Prefetch the blocks and changes of those `ordinances` (from
    flagged()) that have any, and give the others empty ones without a
    query: few instruments have either, and a list or a place's page would
    otherwise pay a query for each relation (or one per instrument in force,
    whose stance reads its blocks)."""
    ordinances = list(ordinances)
    for flag, prefetches in (
        ("has_blocks", [blocks_prefetch()]),
        (
            "has_changes",
            [changes_prefetch("changed_by"), changes_prefetch("changes_made")],
        ),
    ):
        having = []
        for ordinance in ordinances:
            if getattr(ordinance, flag):
                having.append(ordinance)
                continue
            cache = ordinance.__dict__.setdefault("_prefetched_objects_cache", {})
            for prefetch in prefetches:
                name = prefetch.prefetch_through
                # What prefetch_related() leaves for a relation with no rows.
                cache[name] = getattr(ordinance, name).none()
        prefetch_related_objects(having, *prefetches)
    return ordinances
