"""The published figures the generated council follows. Sources and how each figure is used:
``docs/scale-data.md``. Counts are kept as published, so the weights can be checked against the source."""

from __future__ import annotations

#: EHC plans in England at January 2025 by primary type of need (DfE, "Education, health and care plans",
#: reporting year 2026, data set "EHC plans as at January each year, by primary type of need", national row
#: 2024/25, all EHC plans: 638,745). Down syndrome is shown as "x" (not available) in that row, so it is 0
#: here; the 4,870 plans whose need is unknown are left out.
PRIMARY_NEED_PLANS: dict[str, int] = {
    "ASD": 201_183,
    "SLCN": 135_835,
    "SEMH": 132_218,
    "MLD": 67_861,
    "SLD": 25_025,
    "PD": 24_897,
    "SPLD": 15_030,
    "HI": 8_765,
    "PMLD": 8_577,
    "OTH": 7_512,
    "VI": 5_280,
    "MSI": 1_692,
}

#: Per cent of EHC plans by age band at January 2024 (DfE, "Education, health and care plans", reporting
#: year 2024, data set "Caseload - Age groups"): 11 to 15 is 208,609 (36.4%) and 16 to 19 is 115,002
#: (20.1%) of the 572,830 plans whose age is known; under 5 is 26,500 (4.6%). The data set's rows for 5 to
#: 10 and 20 to 25 were not retrieved: 20 to 25 takes 6%, the share the DfE reported for January 2020
#: ("rising to 6% of all plans in 2020"), and 5 to 10 takes the rest (32.9%).
AGE_BAND_PERCENT: dict[tuple[int, int], float] = {
    (2, 4): 4.6,
    (5, 10): 32.9,
    (11, 15): 36.4,
    (16, 19): 20.1,
    (20, 24): 6.0,
}

#: Per cent of plans by type of placement at January 2022 (DfE, reporting year 2022): mainstream 40.5%,
#: special schools 34.8%; further education about 17% (January 2020); the rest early years, alternative
#: provision and other arrangements.
PLACEMENT_PERCENT: dict[str, float] = {"mainstream": 40.5, "special": 34.8, "further_education": 17.0, "other": 7.7}

#: Share of new plans issued within 20 weeks (excluding exceptions) in calendar year 2024: 46.4%.
WITHIN_20_WEEKS = 0.464

#: Share of children and young people with an EHC plan who are male (January 2023): 71.8%.
MALE_SHARE = 0.718

#: Requests for assessment and new plans in calendar year 2024 (154,489 requests, 97,747 new plans).
REQUESTS_2024 = 154_489
NEW_PLANS_2024 = 97_747

#: The caseload of one case officer: 200 or more children (``design/performance.md``).
CASELOAD_PER_OFFICER = 220


def need_weights() -> tuple[list[str], list[int]]:
    return list(PRIMARY_NEED_PLANS), list(PRIMARY_NEED_PLANS.values())


def need_share(code: str) -> float:
    return PRIMARY_NEED_PLANS[code] / sum(PRIMARY_NEED_PLANS.values())


def age_weights() -> tuple[list[int], list[float]]:
    """Each year of age from 2 to 24, weighted so each band keeps its share, spread evenly inside it."""
    ages: list[int] = []
    weights: list[float] = []
    for (low, high), percent in AGE_BAND_PERCENT.items():
        for age in range(low, high + 1):
            ages.append(age)
            weights.append(percent / (high - low + 1))
    return ages, weights


def age_band(age: int) -> tuple[int, int]:
    for band in AGE_BAND_PERCENT:
        if band[0] <= age <= band[1]:
            return band
    raise ValueError(f"No age band for {age}")
