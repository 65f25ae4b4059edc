"""The stance criteria: which stance a set of provision categories in force
meets, the words a reader is told, and the provision groups the criteria
page explains."""

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from ..choices import (
    IN_FORCE_STATUSES,
    ProvisionCategory,
    ResolutionStatus,
    Stance,
)
from ..models import (
    Ordinance,
    PolicyProvision,
    SchoolDistrictResolution,
)
from ..models.base import (
    BINDING_LIMITS,
    MANDATES,
    SUPPORTING,
)

# An instrument is in force when it is published and in one of these states;
# an ordinance in effect in part binds except for its blocked provisions.
IN_FORCE = {
    Ordinance: IN_FORCE_STATUSES,
    SchoolDistrictResolution: (ResolutionStatus.ADOPTED,),
}
BINDING = frozenset(BINDING_LIMITS)
MANDATE = frozenset(MANDATES)
# One of these must be among a sanctuary's binding limits; protections for
# students and families count as one only for a school district.
CORE = frozenset({ProvisionCategory.RESOURCES})
SCHOOL_CORE = CORE | {ProvisionCategory.EDUCATION}

# What a reader is told each stance means.
CRITERIA = {
    Stance.SANCTUARY: _(
        "The place’s own instruments in force carry binding limits of at least "
        "two different kinds, and one of them is a bar on using local resources "
        "for immigration enforcement or, for a school district, protections for "
        "students and families. None of its instruments in force requires "
        "cooperation or bans sanctuary policies."
    ),
    Stance.LIMITED: _(
        "The place’s own instruments in force carry at least one binding limit "
        "on cooperation with federal immigration enforcement, but do not meet "
        "the criterion for “Sanctuary”. None of its instruments in force "
        "requires cooperation or bans sanctuary policies."
    ),
    Stance.COOPERATIVE: _(
        "An instrument of the place’s own in force requires cooperation with "
        "federal immigration enforcement, such as honouring detainer requests "
        "or entering a 287(g) agreement. None of its instruments in force bans "
        "sanctuary policies or carries a binding limit."
    ),
    Stance.ANTI_SANCTUARY: _(
        "An instrument of the place’s own in force bans sanctuary policies, or "
        "penalises officials who adopt them. None of its instruments in force "
        "carries a binding limit on cooperation."
    ),
    Stance.NONE_FOUND: _(
        "Researched, and no instrument of the place’s own in force either "
        "limits or mandates cooperation: the sources checked, with the date "
        "they were checked, say so. A finding, not a gap; it gives way to any "
        "instrument found later."
    ),
    Stance.UNKNOWN: _(
        "No instrument of the place’s own in force carries a binding limit or a "
        "mandate (a symbolic declaration, staff training or funding for legal "
        "defence does not decide a stance on its own), or its instruments in "
        "force carry both binding limits and mandates, which conflict: an editor "
        "must weigh them."
    ),
}
# The criterion applied to one place, by the reason reason_for() gives.
REASONS = {
    **{stance: text for stance, text in CRITERIA.items() if stance != Stance.UNKNOWN},
    "none": _(
        "No instrument of its own in force carries a binding limit or a mandate; "
        "symbolic declarations, training or legal-defence funding alone do not "
        "decide a stance."
    ),
    "conflict": _(
        "Its instruments in force carry both binding limits and mandates, which "
        "conflict: an editor must judge."
    ),
}
STANCE_OF_REASON = {
    **{stance: stance for stance in Stance.values if stance != Stance.UNKNOWN},
    "none": Stance.UNKNOWN,
    "conflict": Stance.UNKNOWN,
}
# The categories whose instruments are "behind" each reason.
DECIDING = {
    Stance.SANCTUARY: BINDING,
    Stance.LIMITED: BINDING,
    Stance.COOPERATIVE: frozenset({ProvisionCategory.COOPERATION_MANDATE}),
    Stance.ANTI_SANCTUARY: frozenset({ProvisionCategory.SANCTUARY_BAN}),
    "conflict": BINDING | MANDATE,
    # Nothing decides: the instruments that carry anything at all.
    "none": frozenset(ProvisionCategory.values),
    Stance.NONE_FOUND: frozenset(ProvisionCategory.values),
}
# The provision groups the criteria page explains, in its order (title and
# intro translated when the page is drawn).
GROUPS = (
    (
        gettext_noop("Binding limits"),
        gettext_noop(
            "Rules that bind the place’s own officers, limiting what they do "
            "for federal immigration enforcement."
        ),
        BINDING_LIMITS,
    ),
    (
        gettext_noop("Mandates"),
        gettext_noop(
            "Rules that require cooperation with federal immigration "
            "enforcement, or forbid limiting it."
        ),
        MANDATES,
    ),
    (
        gettext_noop("Supporting provisions"),
        gettext_noop(
            "Provisions that state a position or support residents without "
            "binding officers. They are recorded, but alone they decide no stance."
        ),
        SUPPORTING,
    ),
)


def reason_for(categories, school_district=False, none_found=False):
    """Which criterion a set of provision categories in force meets (for a
    school district when `school_district`; a place with a published finding
    of no instrument when `none_found`)."""
    reason = reason_of_categories(categories, school_district)
    if reason == "none" and none_found:
        return Stance.NONE_FOUND
    return reason


def reason_of_categories(categories, school_district):
    limits = categories & BINDING
    if limits and categories & MANDATE:
        return "conflict"
    if ProvisionCategory.SANCTUARY_BAN in categories:
        return Stance.ANTI_SANCTUARY
    if ProvisionCategory.COOPERATION_MANDATE in categories:
        return Stance.COOPERATIVE
    if len(limits) >= 2 and limits & (SCHOOL_CORE if school_district else CORE):
        return Stance.SANCTUARY
    if limits:
        return Stance.LIMITED
    return "none"


def stance_for(categories, school_district=False, none_found=False):
    return STANCE_OF_REASON[
        reason_for(frozenset(categories), school_district, none_found)
    ]


def provision_groups():
    """(title, intro, [(category label, [provisions])]) for the criteria page."""
    by_category = {}
    for provision in PolicyProvision.objects.order_by("name"):
        by_category.setdefault(provision.category, []).append(provision)
    return [
        (
            gettext(title),
            gettext(intro),
            [(ProvisionCategory(c).label, by_category.get(c, [])) for c in categories],
        )
        for title, intro, categories in GROUPS
    ]
