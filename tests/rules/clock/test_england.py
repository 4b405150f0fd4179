"""England's processes through the Regime interface; every expected date worked out on the calendar."""

import datetime as dt
import subprocess
import sys

import pytest

import coproduce.rules.clock
from coproduce.rules.clock import Regime, SchoolYear, due_dates, get_regime

d = dt.date.fromisoformat
ENGLAND = get_regime("england")


def dates(deadlines) -> dict[str, str]:
    return {key: due.isoformat() for key, due in due_dates(deadlines).items()}


# --- EHC needs assessment --------------------------------------------------------------------------
def test_needs_assessment_worked_example():
    # statutory-ENGLAND.md §0: receipt Mon 6 Jan 2025 -> 6 weeks 17 Feb, 16 weeks 28 Apr, 20 weeks 26 May.
    assert dates(ENGLAND.needs_assessment(d("2025-01-06"))) == {
        "decision_to_assess": "2025-02-17",
        "decision_not_to_issue": "2025-04-28",
        "final_plan": "2025-05-26",
    }


def test_needs_assessment_with_advice_and_draft():
    deadlines = ENGLAND.needs_assessment(
        d("2025-01-06"), advice_requested=d("2025-02-20"), draft_served=d("2025-01-06")
    )
    assert dates(deadlines) == {
        "decision_to_assess": "2025-02-17",
        "advice_due": "2025-04-03",  # 20 Feb + 6 weeks
        "decision_not_to_issue": "2025-04-28",
        "draft_comments_close": "2025-01-20",  # worked example: served 6 Jan, window ends 20 Jan
        "final_plan": "2025-05-26",
    }


def test_needs_assessment_across_29_february():
    # Request Thu 1 Feb 2024; 2024 is a leap year, so +42 days is 14 Mar (not 15 Mar).
    assert dates(ENGLAND.needs_assessment(d("2024-02-01"))) == {
        "decision_to_assess": "2024-03-14",
        "decision_not_to_issue": "2024-05-23",
        "final_plan": "2024-06-20",
    }


def test_deadlines_carry_their_citations():
    deadlines = ENGLAND.needs_assessment(d("2025-01-06"))
    assert deadlines["decision_to_assess"].citation == "SEND Regulations 2014 reg 5(1)"
    assert deadlines["decision_not_to_issue"].citation == "SEND Regulations 2014 reg 10(1)"
    assert deadlines["final_plan"].citation == "SEND Regulations 2014 reg 13(2)"
    assert deadlines["final_plan"].trigger == d("2025-01-06")
    assert "20 weeks" in deadlines["final_plan"].rule


def test_re_assessment_final_plan_within_14_weeks():
    deadlines = ENGLAND.re_assessment(d("2025-01-06"))
    assert dates(deadlines) == {"final_plan": "2025-04-14"}
    assert deadlines["final_plan"].citation == "SEND Regulations 2014 reg 27(2)"


# --- Annual review ---------------------------------------------------------------------------------
def test_annual_review_with_meeting_and_amendments():
    deadlines = ENGLAND.annual_review(d("2025-03-15"), meeting=d("2026-02-02"), amendment_notice=d("2026-03-02"))
    assert dates(deadlines) == {
        "review_period_ends": "2026-03-14",
        "invitations_by": "2026-01-19",
        "advice_circulated_by": "2026-01-19",
        "report_due": "2026-02-16",
        "decision_due": "2026-03-02",  # 2 Feb + 28 days, February 2026 having 28 days
        "amendment_comments_close": "2026-03-16",
        "final_amended_plan_due": "2026-04-27",
    }


def test_annual_review_alone_gives_the_review_period():
    assert dates(ENGLAND.annual_review(d("2024-02-29"))) == {"review_period_ends": "2025-02-27"}
    assert dates(ENGLAND.annual_review(d("2023-03-01"))) == {"review_period_ends": "2024-02-29"}


def test_under_five_review_is_off_unless_chosen():
    assert "under_five_review_by" not in ENGLAND.annual_review(d("2025-03-15"))
    assert ENGLAND.default_under_five_review_months == 6
    six = ENGLAND.annual_review(d("2025-03-15"), under_five_review_months=6)
    three = ENGLAND.annual_review(d("2025-03-15"), under_five_review_months=3)
    assert six["under_five_review_by"].due == d("2025-09-14")
    assert three["under_five_review_by"].due == d("2025-06-14")
    month_end = ENGLAND.annual_review(d("2025-08-31"), under_five_review_months=6)
    assert month_end["under_five_review_by"].due == d("2026-02-27")
    assert "9.178" in six["under_five_review_by"].citation


@pytest.mark.parametrize("months", [0, 2, 7, 12])
def test_under_five_review_interval_is_three_to_six_months(months):
    with pytest.raises(ValueError):
        ENGLAND.annual_review(d("2025-03-15"), under_five_review_months=months)


# --- Phase transfer --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "year", "expected"),
    [("school", 2027, "2027-02-15"), ("post16", 2027, "2027-03-31"), ("post16", 2028, "2028-03-31")],
)
def test_phase_transfer_in_a_calendar_year(kind, year, expected):
    assert dates(ENGLAND.phase_transfer(kind, year=year)) == {"final_amended_plan_due": expected}


@pytest.mark.parametrize(
    ("transfer", "expected"),
    [
        ("2026-09-01", "2026-04-01"),
        ("2027-07-31", "2027-02-28"),
        ("2028-07-31", "2028-02-29"),
        ("2027-01-15", "2026-08-15"),
    ],
)
def test_post16_move_five_months_before(transfer, expected):
    deadlines = ENGLAND.phase_transfer("post16-move", transfer_date=d(transfer))
    assert dates(deadlines) == {"final_amended_plan_due": expected}


@pytest.mark.parametrize(
    "call",
    [
        {"kind": "nursery", "year": 2027},
        {"kind": "school"},
        {"kind": "school", "transfer_date": d("2027-09-01")},
        {"kind": "post16-move", "year": 2027},
        {"kind": "post16-move"},
    ],
)
def test_phase_transfer_rejects_bad_input(call):
    with pytest.raises(ValueError):
        ENGLAND.phase_transfer(**call)


# --- Mediation and appeal --------------------------------------------------------------------------
def test_mediation_gives_a_deadline_per_input():
    assert ENGLAND.mediation() == {}
    assert dates(ENGLAND.mediation(decision_letter=d("2024-12-31"))) == {"mediation_contact_by": "2025-02-28"}
    assert dates(
        ENGLAND.mediation(decision_letter=d("2023-12-31"), declined=d("2026-12-24"), requested=d("2025-01-06"))
    ) == {
        "mediation_contact_by": "2024-02-29",
        "certificate_due": "2026-12-31",  # 3 working days over Christmas 2026
        "mediation_by": "2025-02-05",
    }


@pytest.mark.parametrize(
    ("letter", "certificate", "expected"),
    [
        ("2025-03-12", None, "2025-05-12"),
        ("2025-03-12", "2025-03-20", "2025-05-12"),  # certificate + 1 month is earlier
        ("2025-03-12", "2025-05-20", "2025-06-20"),  # certificate + 1 month is later
        ("2024-12-31", None, "2025-02-28"),
        # IPSEA's example: letter 1 Oct, certificate 29 Nov -> 29 Dec -> first working day after 1 Jan.
        ("2026-10-01", "2026-11-29", "2027-01-04"),
        ("2026-10-24", None, "2026-12-24"),  # 24 December is outside the window
        ("2026-10-25", None, "2027-01-04"),  # 25 December
        ("2026-10-29", None, "2027-01-04"),
        ("2026-11-01", None, "2027-01-04"),  # 1 January 2027, a Friday
        ("2025-11-01", None, "2026-01-02"),  # 1 January 2026; 2 January is a Friday
        ("2027-10-27", None, "2028-01-04"),  # 27 Dec 2027; 3 Jan 2028 is the substitute holiday
        ("2025-06-15", None, "2025-09-01"),  # 15 August 2025 -> Monday 1 September
        ("2024-06-30", None, "2024-09-02"),  # 30 August 2024 -> 1 September is a Sunday
        ("2026-06-02", None, "2026-09-01"),
        ("2024-05-10", "2024-07-31", "2024-09-02"),  # certificate + 1 month = 31 August
        ("2025-05-31", None, "2025-07-31"),  # 31 July is outside August
        ("2025-07-01", None, "2025-09-01"),
    ],
)
def test_appeal_due(letter, certificate, expected):
    certificate = None if certificate is None else d(certificate)
    assert dates(ENGLAND.appeal(d(letter), certificate=certificate)) == {"appeal_due": expected}


def test_appeal_due_is_not_otherwise_moved_off_a_weekend():
    # The contract moves only the Christmas/New Year and August cases: 10 May 2025 is a Saturday.
    # (The tribunal's general next-working-day rule is a contract question; see the clock's report.)
    assert dates(ENGLAND.appeal(d("2025-03-10"))) == {"appeal_due": "2025-05-10"}
    assert dates(ENGLAND.appeal(d("2027-11-02"))) == {"appeal_due": "2028-01-02"}


# --- School years ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("dob", "on", "year_group", "young_person_from"),
    [
        ("2015-10-10", "2026-11-27", 6, "2032-06-26"),
        ("2010-03-01", "2025-09-01", 11, "2026-06-27"),  # turns 16 in Year 11; last Friday 26 Jun 2026
        ("2021-08-31", "2025-09-01", 0, "2037-06-27"),  # summer-born: Reception at 4
        ("2021-09-01", "2025-09-01", -1, "2038-06-26"),  # a day younger: a year behind
    ],
)
def test_school_year(dob, on, year_group, young_person_from):
    assert ENGLAND.school_year(d(dob), d(on)) == SchoolYear(year_group, d(young_person_from))


# --- The regime registry ---------------------------------------------------------------------------
def test_england_is_the_default_regime():
    regime = get_regime()
    assert isinstance(regime, Regime)
    assert regime is get_regime("england")
    assert regime.code == "england"


def test_unknown_regime():
    with pytest.raises(LookupError, match="wales"):
        get_regime("wales")


class Elsewhere(Regime):
    """A second jurisdiction needs only another class with the same interface."""

    code = "elsewhere"
    name = "Elsewhere"
    exception_rules = {}
    default_under_five_review_months = 4

    def needs_assessment(self, received, *, advice_requested=None, draft_served=None):
        return {}

    def re_assessment(self, decided):
        return {}

    def annual_review(self, last, *, meeting=None, amendment_notice=None, under_five_review_months=None):
        return {}

    def phase_transfer(self, kind, *, year=None, transfer_date=None):
        return {}

    def mediation(self, *, decision_letter=None, declined=None, requested=None):
        return {}

    def appeal(self, decision_letter, *, certificate=None):
        return {}

    def school_year(self, dob, on):
        return SchoolYear(0, dob)


def test_another_regime_is_chosen_by_code(monkeypatch):
    monkeypatch.setitem(coproduce.rules.clock.REGIMES, "elsewhere", f"{__name__}:Elsewhere")
    assert isinstance(get_regime("elsewhere"), Elsewhere)


def test_a_regime_must_implement_the_whole_interface():
    class Partial(Regime):
        def needs_assessment(self, received, *, advice_requested=None, draft_served=None):
            return {}

    with pytest.raises(TypeError):
        Partial()


def test_the_clock_does_not_import_django():
    script = (
        "import sys, coproduce.rules.clock.cli, coproduce.rules.clock.england; "
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'django'}))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
