"""The fixed vocabularies of the tracker, shared by models, filters and exports."""

import us
from django.db import models


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# Every USPS code the `us` package knows: 50 states, DC and the territories.
USState = models.TextChoices(
    "USState",
    sorted(
        (state.abbr, (state.abbr, state.name))
        for state in us.states.STATES_AND_TERRITORIES
    ),
)


class JurisdictionKind(models.TextChoices):
    STATE = "state", "State"
    COUNTY = "county", "County"
    CITY = "city", "City"
    SCHOOL_DISTRICT = "school_district", "School district"
    OTHER = "other", "Other local government"


class Stance(models.TextChoices):
    SANCTUARY = "sanctuary", "Sanctuary"
    LIMITED = "limited", "Limited cooperation"
    COOPERATIVE = "cooperative", "Cooperative"
    ANTI_SANCTUARY = "anti_sanctuary", "Anti-sanctuary"
    UNKNOWN = "unknown", "Unknown"


class Direction(models.TextChoices):
    """What a place's own instruments in force do to cooperation."""

    LIMITS = "limits", "Limits cooperation"
    MANDATES = "mandates", "Mandates cooperation"
    NONE = "none", "Neither found"


class Instrument(models.TextChoices):
    ORDINANCE = "ordinance", "Ordinance"
    EXECUTIVE_ORDER = "executive_order", "Executive order or directive"
    RESOLUTION = "resolution", "Council resolution"
    STATE_LAW = "state_law", "State law"
    POLICY = "policy", "Policy"


class OrdinanceStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PASSED = "passed", "Passed"
    AWAITING_SIGNATURE = "awaiting_signature", "Awaiting signature"
    IN_EFFECT = "in_effect", "In effect"
    VETOED = "vetoed", "Vetoed"
    REPEALED = "repealed", "Repealed"
    ENJOINED = "enjoined", "Enjoined by a court"
    UNKNOWN = "unknown", "Unknown"


class ActionKind(models.TextChoices):
    INTRODUCED = "introduced", "Introduced"
    COMMITTEE = "committee", "Committee action"
    PASSED_FIRST_READING = "passed_first_reading", "Passed first reading"
    PASSED = "passed", "Passed"
    SIGNED = "signed", "Signed"
    ISSUED = "issued", "Issued"
    EFFECTIVE = "effective", "Took effect"
    VETOED = "vetoed", "Vetoed"
    REPEALED = "repealed", "Repealed"
    ENJOINED = "enjoined", "Enjoined by a court"
    OTHER = "other", "Other"


class ResolutionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ADOPTED = "adopted", "Adopted"
    RESCINDED = "rescinded", "Rescinded"


class StatementKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    THREAT = "threat", "Threat"
    POLICY_ANNOUNCEMENT = "policy_announcement", "Policy announcement"
    APPOINTMENT = "appointment", "Appointment"
    DESIGNATION = "designation", "Designation"
    LAWSUIT = "lawsuit", "Lawsuit"
    FUNDING_ACTION = "funding_action", "Funding action"


class ProvisionCategory(models.TextChoices):
    RESOURCES = "resources", "Local resources"
    INFORMATION_SHARING = "information_sharing", "Information sharing"
    DETAINERS = "detainers", "Detainers"
    FACILITY_ACCESS = "facility_access", "Facility access"
    TRAINING = "training", "Training"
    EDUCATION = "education", "Education"
    DECLARATION = "declaration", "Declaration"
    OTHER = "other", "Other"
    COOPERATION_MANDATE = "cooperation_mandate", "Cooperation mandated"
    SANCTUARY_BAN = "sanctuary_ban", "Sanctuary policies banned"


class DatePrecision(models.TextChoices):
    """How much of a date its source gives: 2025-02-01 at month precision
    reads "February 2025", never as an invented day."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class CaseStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DISMISSED = "dismissed", "Dismissed"
    DISMISSED_APPEALED = "dismissed_appealed", "Dismissed, on appeal"
    DECIDED_FOR_PLAINTIFF = "decided_for_plaintiff", "Decided for the plaintiff"
    DECIDED_FOR_DEFENDANT = "decided_for_defendant", "Decided for the defendant"
    PRELIMINARY_INJUNCTION = "preliminary_injunction", "Preliminary injunction"
    SETTLED = "settled", "Settled"
    UNKNOWN = "unknown", "Unknown"


class ProtectedGroup(models.TextChoices):
    UNDOCUMENTED_STUDENTS = "undocumented_students", "Undocumented students"
    IMMIGRANT_FAMILIES = "immigrant_families", "Immigrant families"
    LGBTQ_STUDENTS = "lgbtq_students", "LGBTQ students"
    STAFF = "staff", "Staff"


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
