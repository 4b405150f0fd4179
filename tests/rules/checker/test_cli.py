"""``coproduce check-provision`` (and ``check_plan_main``) on the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from coproduce.rules.checker import cli
from coproduce.rules.checker.plan import PLAN_CODES
from coproduce.rules.checker.provision import CODES

STATEMENTS = (
    "Access to speech and language therapy as appropriate.\n"
    "\n"
    "   \n"
    "  A trained teaching assistant will deliver 20 minutes of 1:1 phonics every morning.  \r\n"
    "Up to 10 hours per week of 1:1 support from a teaching assistant."
)


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, list[dict], str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = cli.check_provision_main(list(args))
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_one_json_object_per_statement(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(monkeypatch, capsys, STATEMENTS)
    assert status == 0
    assert err == ""
    assert [line["text"] for line in lines] == [
        "Access to speech and language therapy as appropriate.",
        "A trained teaching assistant will deliver 20 minutes of 1:1 phonics every morning.",
        "Up to 10 hours per week of 1:1 support from a teaching assistant.",
    ]
    assert [line["vague"] for line in lines] == [True, False, True]
    assert lines[1]["findings"] == []
    first = lines[0]
    assert {"code", "start", "end", "message", "suggestion", "makes_vague"} <= set(first["findings"][0])
    spans = {f["code"]: first["text"][f["start"] : f["end"]] for f in first["findings"]}
    assert spans["not-a-commitment"] == "Access to"
    assert spans["discretionary-wording"] == "as appropriate"
    [ceiling] = [f for f in lines[2]["findings"] if f["code"] == "ceiling-not-amount"]
    assert lines[2]["text"][ceiling["start"] : ceiling["end"]] == "Up to 10 hours"


def test_empty_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(monkeypatch, capsys, "") == (0, [], "")


def test_codes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.check_provision_main(["--codes"]) == 0
    assert json.loads(capsys.readouterr().out) == CODES


def test_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(monkeypatch, capsys, "x", "--nonsense")
    assert (status, lines) == (cli.USAGE_ERROR, [])
    assert err.startswith("coproduce check-provision: ")
    assert len(err.splitlines()) == 1


def test_through_the_coproduce_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coproduce", "check-provision"],
        input="Regular support from an adult.\n"
        "A qualified teacher of the deaf will teach Isaac for 2 hours per week.\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["vague"] for line in lines] == [True, False]
    assert lines[0]["findings"][0]["code"] == "vague-frequency"


# --- check_plan_main (ready for ``coproduce check-plan FILE``) -------------------------------------

PLAN = {
    "stage": "final",
    "section_a_child_words": ["I like trains."],
    "needs": [{"id": "B1", "section": "B", "text": "Finds reading hard."}],
    "provision": [{"id": "F1", "section": "F", "text": "Regular reading support.", "need_ids": ["B1"]}],
    "placement_text": "Oakfield Primary School",
}


def test_check_plan_from_a_file(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN), encoding="utf-8")
    assert cli.check_plan_main([str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == cli.check_plan_json(PLAN)
    assert result["summary"]["vague_provision_ids"] == ["F1"]


def test_check_plan_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(PLAN)))
    assert cli.check_plan_main(["-"]) == 0
    assert "need-without-outcome" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "complaint"),
    [("{not json", "not valid JSON"), (json.dumps({"stage": "agreed"}), "not a plan: stage")],
)
def test_check_plan_bad_input(tmp_path, capsys: pytest.CaptureFixture[str], content: str, complaint: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    assert cli.check_plan_main([str(path)]) == cli.USAGE_ERROR
    err = capsys.readouterr().err
    assert complaint in err and len(err.splitlines()) == 1


def test_check_plan_missing_file(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.check_plan_main([str(tmp_path / "nope.json")]) == cli.USAGE_ERROR
    assert "cannot read" in capsys.readouterr().err
    assert cli.check_plan_main([]) == cli.USAGE_ERROR
    assert "a plan file is required" in capsys.readouterr().err


def test_check_plan_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.check_plan_main(["--codes"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == set(PLAN_CODES) | set(CODES)
