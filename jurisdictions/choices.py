"""The fixed vocabularies of the tracker, shared by models, filters and exports."""

import us
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# Every USPS code the `us` package knows: 50 states, DC and the territories.
USState = models.TextChoices(
    "USState",
    sorted(
        (state.abbr, (state.abbr, state.name))
        for state in us.states.STATES_AND_TERRITORIES
    ),
)


class JurisdictionKind(models.TextChoices):
    STATE = "state", _("State")
    COUNTY = "county", _("County")
    CITY = "city", _("City")
    SCHOOL_DISTRICT = "school_district", _("School district")
    OTHER = "other", _("Other local government")


class Stance(models.TextChoices):
    SANCTUARY = "sanctuary", _("Sanctuary")
    LIMITED = "limited", _("Limited cooperation")
    COOPERATIVE = "cooperative", _("Cooperative")
    ANTI_SANCTUARY = "anti_sanctuary", _("Anti-sanctuary")
    # Researched, and no instrument of the place's own either way was found:
    # a finding, told apart from a place not yet researched.
    NONE_FOUND = "none_found", _("No law found")
    UNKNOWN = "unknown", pgettext_lazy("stance", "Unknown")


class Direction(models.TextChoices):
    """What a place's own instruments in force do to cooperation."""

    LIMITS = "limits", _("Limits cooperation")
    MANDATES = "mandates", _("Mandates cooperation")
    NONE = "none", _("Neither found")


class Instrument(models.TextChoices):
    ORDINANCE = "ordinance", _("Ordinance")
    EXECUTIVE_ORDER = "executive_order", _("Executive order or directive")
    RESOLUTION = "resolution", _("Council resolution")
    STATE_LAW = "state_law", _("State law")
    POLICY = "policy", _("Policy")


class OrdinanceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PASSED = "passed", _("Passed")
    AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting signature")
    IN_EFFECT = "in_effect", _("In effect")
    # In force, except the provisions a court blocked (ProvisionBlock).
    ENJOINED_IN_PART = "enjoined_in_part", _("In effect in part")
    VETOED = "vetoed", _("Vetoed")
    REPEALED = "repealed", _("Repealed")
    RESCINDED = "rescinded", _("Rescinded")
    SUPERSEDED = "superseded", _("Superseded")
    ENJOINED = "enjoined", _("Enjoined by a court")
    # Spanish gives each status set its own gender (docs/GLOSSARY.md).
    UNKNOWN = "unknown", pgettext_lazy("instrument status", "Unknown")


# An instrument binds in these states (in part: less its blocked provisions).
IN_FORCE_STATUSES = (OrdinanceStatus.IN_EFFECT, OrdinanceStatus.ENJOINED_IN_PART)


class ChangeKind(models.TextChoices):
    """What one instrument does to another (InstrumentChange)."""

    RESCINDS = "rescinds", _("Rescinds")
    SUPERSEDES = "supersedes", _("Supersedes")
    AMENDS = "amends", _("Amends")


# The status an instrument takes on the day another rescinds or supersedes it.
STATUS_AFTER_CHANGE = {
    ChangeKind.RESCINDS: OrdinanceStatus.RESCINDED,
    ChangeKind.SUPERSEDES: OrdinanceStatus.SUPERSEDED,
}


class SourceKind(models.TextChoices):
    """Who published a page, for the publication rule and /method/."""

    GOVERNMENT = "government", _("Government or legislature")
    COURT = "court", _("Court or court record")
    NEWS = "news", _("Newspaper or wire service")
    TRACKER = "tracker", _("Established tracker")
    ADVOCACY = "advocacy", _("Advocacy group or think tank")
    REFERENCE = "reference", _("Encyclopedia or other tertiary page")
    LEAD = "lead", _("Lead only (aggregator or copy site)")
    UNCLASSIFIED = "", _("Not classified")


class Confidence(models.TextChoices):
    """How sure the reference was of a record (the publication rule needs high)."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
    UNRATED = "", _("Not rated")


class ActionKind(models.TextChoices):
    INTRODUCED = "introduced", _("Introduced")
    COMMITTEE = "committee", _("Committee action")
    PASSED_FIRST_READING = "passed_first_reading", _("Passed first reading")
    PASSED = "passed", _("Passed")
    SIGNED = "signed", _("Signed")
    ISSUED = "issued", _("Issued")
    EFFECTIVE = "effective", _("Took effect")
    VETOED = "vetoed", _("Vetoed")
    REPEALED = "repealed", _("Repealed")
    ENJOINED = "enjoined", _("Enjoined by a court")
    ENJOINED_IN_PART = "enjoined_in_part", _("Enjoined in part by a court")
    BECAME_LAW_WITHOUT_SIGNATURE = (
        "became_law_unsigned",
        _("Became law without the governor’s signature"),
    )
    RESCINDED = "rescinded", _("Rescinded")
    SUPERSEDED = "superseded", _("Superseded")
    OTHER = "other", _("Other")


class ResolutionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")
    RESCINDED = "rescinded", _("Rescinded")


class StatementKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    THREAT = "threat", _("Threat")
    POLICY_ANNOUNCEMENT = "policy_announcement", _("Policy announcement")
    APPOINTMENT = "appointment", _("Appointment")
    DESIGNATION = "designation", _("Designation")
    LAWSUIT = "lawsuit", _("Lawsuit")
    FUNDING_ACTION = "funding_action", _("Funding action")


class ProvisionCategory(models.TextChoices):
    RESOURCES = "resources", _("Local resources")
    INFORMATION_SHARING = "information_sharing", _("Information sharing")
    DETAINERS = "detainers", _("Detainers")
    FACILITY_ACCESS = "facility_access", _("Facility access")
    TRAINING = "training", _("Training")
    EDUCATION = "education", _("Education")
    DECLARATION = "declaration", _("Declaration")
    OTHER = "other", _("Other")
    COOPERATION_MANDATE = "cooperation_mandate", _("Cooperation mandated")
    SANCTUARY_BAN = "sanctuary_ban", _("Sanctuary policies banned")


class DatePrecision(models.TextChoices):
    """How much of a date its source gives: 2025-02-01 at month precision
    reads "February 2025", never as an invented day."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DISMISSED = "dismissed", _("Dismissed")
    DISMISSED_APPEALED = "dismissed_appealed", _("Dismissed, on appeal")
    DECIDED_FOR_PLAINTIFF = "decided_for_plaintiff", _("Decided for the plaintiff")
    DECIDED_FOR_DEFENDANT = "decided_for_defendant", _("Decided for the defendant")
    PRELIMINARY_INJUNCTION = "preliminary_injunction", _("Preliminary injunction")
    SETTLED = "settled", _("Settled")
    UNKNOWN = "unknown", pgettext_lazy("case status", "Unknown")


class ProtectedGroup(models.TextChoices):
    UNDOCUMENTED_STUDENTS = "undocumented_students", _("Undocumented students")
    IMMIGRANT_FAMILIES = "immigrant_families", _("Immigrant families")
    LGBTQ_STUDENTS = "lgbtq_students", _("LGBTQ students")
    STAFF = "staff", _("Staff")


# GEOID shape by jurisdiction kind (Census: 2-digit state, 5-digit county,
# 7-digit place; NCES-based 7-digit school district). "other" takes any
# all-digit code of 2 to 12 digits.
GEOID_PATTERNS = {
    JurisdictionKind.STATE: r"^[0-9]{2}$",
    JurisdictionKind.COUNTY: r"^[0-9]{5}$",
    JurisdictionKind.CITY: r"^[0-9]{7}$",
    JurisdictionKind.SCHOOL_DISTRICT: r"^[0-9]{7}$",
    JurisdictionKind.OTHER: r"^[0-9]{2,12}$",
}
