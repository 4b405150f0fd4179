"""The command-line contract: one JSON object on stdout, or status 2 and one line on stderr."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from coproduce.rules.clock import cli
from coproduce.rules.clock.cli import deadlines_main, school_year_main


def run(main, args, capsys) -> dict:
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.endswith("\n") and out.count("\n") == 1
    return json.loads(out)


def test_needs_assessment_prints_the_contract_example_exactly(capsys):
    assert deadlines_main(["needs-assessment", "--received", "2025-01-06"]) == 0
    assert capsys.readouterr().out == (
        '{"decision_to_assess": "2025-02-17", "decision_not_to_issue": "2025-04-28", "final_plan": "2025-05-26"}\n'
    )


def test_needs_assessment_with_every_option(capsys):
    args = ["needs-assessment", "--received", "2025-01-06", "--advice-requested", "2025-02-20"]
    args += ["--draft-served", "2025-04-14"]
    assert run(deadlines_main, args, capsys) == {
        "decision_to_assess": "2025-02-17",
        "advice_due": "2025-04-03",
        "decision_not_to_issue": "2025-04-28",
        "draft_comments_close": "2025-04-28",
        "final_plan": "2025-05-26",
    }


def test_re_assessment(capsys):
    assert run(deadlines_main, ["re-assessment", "--decision", "2025-01-06"], capsys) == {"final_plan": "2025-04-14"}


def test_annual_review(capsys):
    assert run(deadlines_main, ["annual-review", "--last", "2024-02-29"], capsys) == {
        "review_period_ends": "2025-02-27"
    }
    with_meeting = run(deadlines_main, ["annual-review", "--last", "2025-03-15", "--meeting", "2026-02-02"], capsys)
    assert with_meeting == {
        "review_period_ends": "2026-03-14",
        "invitations_by": "2026-01-19",
        "advice_circulated_by": "2026-01-19",
        "report_due": "2026-02-16",
        "decision_due": "2026-03-02",
    }
    amended = run(deadlines_main, ["annual-review", "--last", "2025-03-15", "--amendment-notice", "2026-03-02"], capsys)
    assert amended == {
        "review_period_ends": "2026-03-14",
        "amendment_comments_close": "2026-03-16",
        "final_amended_plan_due": "2026-04-27",
    }


def test_annual_review_under_five_setting(capsys):
    base = ["annual-review", "--last", "2025-03-15", "--under-five-review"]
    assert run(deadlines_main, base, capsys)["under_five_review_by"] == "2025-09-14"  # default 6 months
    assert run(deadlines_main, [*base, "3"], capsys)["under_five_review_by"] == "2025-06-14"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "school", "--year", "2027"], "2027-02-15"),
        (["--kind", "post16", "--year", "2027"], "2027-03-31"),
        (["--kind", "post16-move", "--transfer-date", "2028-07-31"], "2028-02-29"),
    ],
)
def test_phase_transfer(capsys, args, expected):
    assert run(deadlines_main, ["phase-transfer", *args], capsys) == {"final_amended_plan_due": expected}


def test_mediation_prints_keys_only_for_the_inputs_given(capsys):
    assert run(deadlines_main, ["mediation", "--declined", "2026-12-24"], capsys) == {"certificate_due": "2026-12-31"}
    args = ["mediation", "--decision-letter", "2024-12-31", "--requested", "2025-01-06"]
    assert run(deadlines_main, args, capsys) == {
        "mediation_contact_by": "2025-02-28",
        "mediation_by": "2025-02-05",
    }


def test_appeal(capsys):
    assert run(deadlines_main, ["appeal", "--decision-letter", "2026-10-29"], capsys) == {"appeal_due": "2027-01-04"}
    args = ["appeal", "--decision-letter", "2025-03-12", "--certificate", "2025-05-20"]
    assert run(deadlines_main, args, capsys) == {"appeal_due": "2025-06-20"}


def test_school_year(capsys):
    args = ["--dob", "2010-03-01", "--on", "2025-09-01"]
    assert run(school_year_main, args, capsys) == {"year_group": 11, "young_person_from": "2026-06-27"}


def test_school_year_defaults_to_today_in_london(capsys, monkeypatch):
    monkeypatch.setattr(cli, "today_in_london", lambda: dt.date(2026, 11, 27))
    assert run(school_year_main, ["--dob", "2015-10-10"], capsys) == {
        "year_group": 6,
        "young_person_from": "2032-06-26",
    }


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["needs-assessment"],
        ["needs-assessment", "--received"],
        ["needs-assessment", "--received", "2025-02-30"],
        ["needs-assessment", "--received", "06/01/2025"],
        ["needs-assessment", "--received", "20250106"],
        ["needs-assessment", "--received", "2025-01-06", "--unknown", "x"],
        ["re-assessment"],
        ["annual-review", "--meeting", "2025-01-06"],
        ["annual-review", "--last", "2025-01-06", "--under-five-review", "9"],
        ["phase-transfer", "--kind", "nursery", "--year", "2027"],
        ["phase-transfer", "--year", "2027"],
        ["phase-transfer", "--kind", "school"],
        ["phase-transfer", "--kind", "school", "--year", "27"],
        ["phase-transfer", "--kind", "school", "--transfer-date", "2027-09-01"],
        ["phase-transfer", "--kind", "post16-move", "--year", "2027"],
        ["mediation"],
        ["mediation", "--declined", "yesterday"],
        ["appeal", "--certificate", "2025-01-06"],
        ["--regime", "wales", "needs-assessment", "--received", "2025-01-06"],
    ],
)
def test_bad_deadlines_input_exits_2_with_one_line(capsys, args):
    assert deadlines_main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert err.startswith("coproduce deadlines: error: ")


@pytest.mark.parametrize("args", [[], ["--dob", "2015-13-01"], ["--dob", "2015-10-10", "--on", "today"]])
def test_bad_school_year_input_exits_2_with_one_line(capsys, args):
    assert school_year_main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("coproduce school-year: error: ")


def test_messages_name_the_problem(capsys):
    deadlines_main(["needs-assessment", "--received", "2025-02-30"])
    assert "--received" in capsys.readouterr().err
    deadlines_main(["phase-transfer", "--kind", "post16-move"])
    assert "--transfer-date" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert deadlines_main(["--help"]) == 0
    assert "needs-assessment" in capsys.readouterr().out


def test_the_coproduce_command_runs_without_django():
    result = subprocess.run(
        [sys.executable, "-m", "coproduce", "deadlines", "needs-assessment", "--received", "2025-01-06"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "decision_to_assess": "2025-02-17",
        "decision_not_to_issue": "2025-04-28",
        "final_plan": "2025-05-26",
    }


def test_the_coproduce_command_reports_bad_input_in_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "coproduce", "deadlines", "appeal", "--decision-letter", "2025-02-29"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
