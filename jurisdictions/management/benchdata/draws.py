"""What synthetic bench records are drawn from: weights, word lists, draws."""

import datetime

from jurisdictions.choices import Instrument, OrdinanceStatus, Stance

# Rough shares of the US population, so big states hold more records.
STATE_WEIGHTS = {
    "CA": 118, "TX": 90, "FL": 66, "NY": 59, "PA": 39, "IL": 38, "OH": 35,
    "GA": 33, "NC": 32, "MI": 30, "NJ": 28, "VA": 26, "WA": 23, "AZ": 22,
    "TN": 21, "MA": 21, "IN": 20, "MD": 19, "MO": 19, "WI": 18, "CO": 17,
    "MN": 17, "SC": 16, "AL": 15, "LA": 14, "KY": 14, "OR": 13, "OK": 12,
    "CT": 11, "UT": 10, "IA": 10, "NV": 10, "AR": 9, "MS": 9, "KS": 9,
    "NM": 6, "NE": 6, "ID": 6, "WV": 5, "HI": 4, "NH": 4, "ME": 4, "MT": 3,
    "RI": 3, "DE": 3, "SD": 3, "ND": 2, "AK": 2, "DC": 2, "VT": 2, "WY": 2,
}  # fmt: skip
STATUS_WEIGHTS = {
    OrdinanceStatus.IN_EFFECT: 40,
    OrdinanceStatus.PASSED: 18,
    OrdinanceStatus.PROPOSED: 15,
    OrdinanceStatus.AWAITING_SIGNATURE: 4,
    OrdinanceStatus.VETOED: 5,
    OrdinanceStatus.REPEALED: 6,
    OrdinanceStatus.ENJOINED: 3,
    OrdinanceStatus.UNKNOWN: 9,
}
INSTRUMENT_WEIGHTS = {
    Instrument.ORDINANCE: 45,
    Instrument.RESOLUTION: 25,
    Instrument.EXECUTIVE_ORDER: 12,
    Instrument.POLICY: 13,
    Instrument.STATE_LAW: 5,
}
STANCE_WEIGHTS = {
    Stance.SANCTUARY: 12,
    Stance.LIMITED: 18,
    Stance.COOPERATIVE: 30,
    Stance.ANTI_SANCTUARY: 10,
    Stance.UNKNOWN: 30,
}
PREFIXES = (
    "Spring Oak River Cedar Maple Fair Green Lake Mill Pine Stone Clear Elm Ash "
    "Willow North South East West New Port Glen Red Silver"
).split()
SUFFIXES = (
    "field ville ton wood dale brook view port ford haven ridge mont burg".split()
)
TOPICS = [
    "immigrant protection", "welcoming city", "trust act", "civil detainers",
    "data privacy", "due process", "community safety", "language access",
    "public charge", "legal defense fund", "family unity", "safe schools",
]  # fmt: skip
PUBLISHERS = [
    "Daily Courier", "Public Radio", "City Clerk", "County Register",
    "State Gazette", "Associated Wire", "Metro Tribune", "School Board",
]  # fmt: skip


def weighted(rng, weights, k):
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def date_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days))
