"""``coproduce check-provision``: check provision statements on the command line.

Reads one provision statement per line from standard input (blank lines are skipped; each line is
stripped of surrounding whitespace) and writes one JSON object per line to standard output::

    {"text": "...", "vague": true,
     "findings": [{"code": "...", "start": 0, "end": 9, "message": "...", "suggestion": "...",
                   "makes_vague": true}]}

``start`` and ``end`` are offsets into ``text`` as written in the output. Exit status 0; 2 for a usage
error (one line on standard error). ``--codes`` prints the finding codes and what they mean.

``check_plan_main(args)`` is the same for a whole plan (``coproduce check-plan FILE``, FILE a JSON plan in
the shape documented in ``plan_json.py``, ``-`` for standard input); it is ready to be registered in
``coproduce.cli.RULE_COMMANDS``. ``check_plan_json`` is re-exported here for callers of the command line
module.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from coproduce.rules.checker.plan import PLAN_CODES
from coproduce.rules.checker.plan_json import PlanFormatError, check_plan_json
from coproduce.rules.checker.provision import CODES, check_provision

__all__ = ["check_plan_json", "check_plan_main", "check_provision_main", "provision_line"]

USAGE_ERROR = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Reports a usage error in one line instead of printing the usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def provision_line(text: str) -> dict[str, object]:
    """The JSON object written for one statement."""
    findings = check_provision(text)
    return {
        "text": text,
        "vague": any(f.makes_vague for f in findings),
        "findings": [f.as_dict() for f in findings],
    }


def _utf8(stream: TextIO) -> TextIO:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")
    return stream


def check_provision_main(args: list[str]) -> int:
    parser = _Parser(
        prog="coproduce check-provision",
        description="Check provision statements (one per line on standard input); write one JSON object per line.",
    )
    parser.add_argument("--codes", action="store_true", help="print the finding codes and their meanings")
    try:
        options = parser.parse_args(args)
    except UsageError as error:
        print(f"coproduce check-provision: {error}", file=sys.stderr)
        return USAGE_ERROR
    out = sys.stdout
    if options.codes:
        out.write(json.dumps(CODES, indent=2) + "\n")
        return 0
    for line in _utf8(sys.stdin):
        text = line.strip()
        if text:
            out.write(json.dumps(provision_line(text)) + "\n")
    out.flush()
    return 0


def check_portable_plan(data: dict) -> dict:
    """Findings for a plan in the portable format; item ids are its references (N1, O2, P3 ...)."""
    from coproduce.rules.checker.plan import check_plan
    from coproduce.rules.checker.portable import plan_input_from_portable

    findings = check_plan(plan_input_from_portable(data))
    by_code: dict[str, int] = {}
    for finding in findings:
        by_code[finding.code] = by_code.get(finding.code, 0) + 1
    return {
        "findings": [finding.as_dict() for finding in findings],
        "summary": {"findings": len(findings), "by_code": by_code},
    }


def check_plan_main(args: list[str]) -> int:
    parser = _Parser(
        prog="coproduce check-plan",
        description="Check a plan given as JSON (see coproduce.rules.checker.plan_json); print the findings.",
    )
    parser.add_argument("file", nargs="?", help="the plan as JSON, or - for standard input")
    parser.add_argument("--codes", action="store_true", help="print the finding codes and their meanings")
    try:
        options = parser.parse_args(args)
        if options.codes:
            sys.stdout.write(json.dumps({**PLAN_CODES, **CODES}, indent=2) + "\n")
            return 0
        if options.file is None:
            raise UsageError("a plan file is required (or - for standard input)")
        try:
            raw = _utf8(sys.stdin).read() if options.file == "-" else Path(options.file).read_text("utf-8")
        except OSError as error:
            raise UsageError(f"cannot read {options.file}: {error.strerror}") from error
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and data.get("format") == "coproduce-plan":
                result = check_portable_plan(data)
            else:
                result = check_plan_json(data)
        except json.JSONDecodeError as error:
            raise UsageError(f"not valid JSON: {error}") from error
        except (PlanFormatError, KeyError, TypeError, ValueError) as error:
            raise UsageError(f"not a plan: {error}") from error
    except UsageError as error:
        print(f"coproduce check-plan: {error}", file=sys.stderr)
        return USAGE_ERROR
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0
