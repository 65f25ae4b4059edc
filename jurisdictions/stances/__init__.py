"""Stances from evidence: what a place's own instruments in force say.

A stance is the place's own position, read from the provisions of its own
instruments in force by the criteria below (the /stances/ page states them
to readers). Editors set each place's stance; the tracker suggests one from
the evidence, stores it beside the stance (Jurisdiction.evidence_stance, kept
by database triggers) and flags every place whose stance differs, but never
sets the stance itself.

A federal designation (a list entry, a statement naming the place) is the
federal government's claim about a place, not an instrument of its own: it
never enters the computation.
"""

from .criteria import (
    BINDING,
    CORE,
    CRITERIA,
    DECIDING,
    GROUPS,
    IN_FORCE,
    MANDATE,
    REASONS,
    SCHOOL_CORE,
    STANCE_OF_REASON,
    provision_groups,
    reason_for,
    stance_for,
)
from .evidence import (
    Evidence,
    binding_provisions,
    directions,
    evidence_for,
    in_force,
    weigh,
)
from .sql import (
    BITS,
    NONE_FOUND_BIT,
    SCHOOL_DISTRICT_BIT,
    STANCE_OF_MASK,
    WEIGHED,
    StanceOfMask,
    blocked,
    category_mask,
    evidence_stance,
)
from .stored import refresh_sql

__all__ = [
    "BINDING",
    "BITS",
    "CORE",
    "CRITERIA",
    "DECIDING",
    "GROUPS",
    "IN_FORCE",
    "MANDATE",
    "NONE_FOUND_BIT",
    "REASONS",
    "SCHOOL_CORE",
    "SCHOOL_DISTRICT_BIT",
    "STANCE_OF_MASK",
    "STANCE_OF_REASON",
    "WEIGHED",
    "Evidence",
    "StanceOfMask",
    "binding_provisions",
    "blocked",
    "category_mask",
    "directions",
    "evidence_for",
    "evidence_stance",
    "in_force",
    "provision_groups",
    "reason_for",
    "refresh_sql",
    "stance_for",
    "weigh",
]
