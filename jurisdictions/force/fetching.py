"""Reading the blocks and changes of instruments, with plain prefetches."""

from django.db.models import Prefetch, prefetch_related_objects

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


def fetch(ordinances, changes=True):
    """The `ordinances` as a list, their blocks (and, with `changes`, the
    changes either way) prefetched: a query per relation whatever their
    number, none for an empty list."""
    ordinances = list(ordinances)
    relations = [blocks_prefetch()]
    if changes:
        relations += [changes_prefetch("changed_by"), changes_prefetch("changes_made")]
    prefetch_related_objects(ordinances, *relations)
    return ordinances
