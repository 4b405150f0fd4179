"""``coproduce deadlines ...`` and ``coproduce school-year ...``: the statutory clock on the command line.

Each call prints one JSON object on standard output, dates as ``YYYY-MM-DD``. Bad input (not a valid
date, a missing or unknown option, an unknown process) exits with status 2 and one line on standard
error. The contract is in ``shared/domain/clock-rules.md``; the answers come from a ``Regime``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from coproduce.rules.clock.model import Schedule, due_dates
from coproduce.rules.clock.regime import DEFAULT_REGIME, REGIMES, Regime, get_regime

USAGE_ERROR = 2
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR = re.compile(r"[0-9]{4}")
LONDON = ZoneInfo("Europe/London")
TRANSFER_KINDS = ("school", "post16", "post16-move")
REGIME_DEFAULT = object()  # --under-five-review given without a number of months


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error in one line instead of printing its usage."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def iso_date(value: str) -> dt.date:
    if ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"not a valid date (YYYY-MM-DD): {value!r}")


def year(value: str) -> int:
    if YEAR.fullmatch(value) and int(value) > 0:
        return int(value)
    raise argparse.ArgumentTypeError(f"not a valid year (YYYY): {value!r}")


def today_in_london() -> dt.date:
    return dt.datetime.now(LONDON).date()


Handler = Callable[[Regime, argparse.Namespace], Schedule]


def _process(subparsers: Any, name: str, summary: str, handler: Handler) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    parser.set_defaults(handler=handler)
    return parser


def _date_option(parser: argparse.ArgumentParser, flag: str, *, required: bool = False) -> None:
    parser.add_argument(flag, type=iso_date, required=required, metavar="YYYY-MM-DD")


def _needs_assessment(regime: Regime, options: argparse.Namespace) -> Schedule:
    return regime.needs_assessment(
        options.received, advice_requested=options.advice_requested, draft_served=options.draft_served
    )


def _re_assessment(regime: Regime, options: argparse.Namespace) -> Schedule:
    return regime.re_assessment(options.decision)


def _annual_review(regime: Regime, options: argparse.Namespace) -> Schedule:
    months = options.under_five_review
    if months is REGIME_DEFAULT:
        months = regime.default_under_five_review_months
    return regime.annual_review(
        options.last,
        meeting=options.meeting,
        amendment_notice=options.amendment_notice,
        under_five_review_months=months,
    )


def _phase_transfer(regime: Regime, options: argparse.Namespace) -> Schedule:
    if options.kind == "post16-move":
        if options.transfer_date is None or options.year is not None:
            raise UsageError("--kind post16-move needs --transfer-date (and no --year)")
    elif options.year is None or options.transfer_date is not None:
        raise UsageError(f"--kind {options.kind} needs --year (and no --transfer-date)")
    return regime.phase_transfer(options.kind, year=options.year, transfer_date=options.transfer_date)


def _mediation(regime: Regime, options: argparse.Namespace) -> Schedule:
    if options.decision_letter is None and options.declined is None and options.requested is None:
        raise UsageError("give at least one of --decision-letter, --declined, --requested")
    return regime.mediation(
        decision_letter=options.decision_letter, declined=options.declined, requested=options.requested
    )


def _appeal(regime: Regime, options: argparse.Namespace) -> Schedule:
    return regime.appeal(options.decision_letter, certificate=options.certificate)


def deadlines_parser() -> Parser:
    parser = Parser(prog="coproduce deadlines", description="Statutory deadlines, as one JSON object.")
    parser.add_argument("--regime", default=DEFAULT_REGIME, choices=sorted(REGIMES))
    processes = parser.add_subparsers(dest="process", metavar="PROCESS", required=True)

    needs = _process(processes, "needs-assessment", "EHC needs assessment", _needs_assessment)
    _date_option(needs, "--received", required=True)
    _date_option(needs, "--advice-requested")
    _date_option(needs, "--draft-served")

    re_assess = _process(processes, "re-assessment", "EHC re-assessment", _re_assessment)
    _date_option(re_assess, "--decision", required=True)

    review = _process(processes, "annual-review", "Annual review and amendment", _annual_review)
    _date_option(review, "--last", required=True)
    _date_option(review, "--meeting")
    _date_option(review, "--amendment-notice")
    review.add_argument(
        "--under-five-review",
        nargs="?",
        const=REGIME_DEFAULT,
        type=int,
        metavar="MONTHS",
        help="also give the review date for a child under five (3 to 6 months; default 6)",
    )

    transfer = _process(processes, "phase-transfer", "Transfer between phases", _phase_transfer)
    transfer.add_argument("--kind", required=True, choices=TRANSFER_KINDS)
    transfer.add_argument("--year", type=year, metavar="YYYY")
    _date_option(transfer, "--transfer-date")

    mediation = _process(processes, "mediation", "Mediation before an appeal", _mediation)
    _date_option(mediation, "--decision-letter")
    _date_option(mediation, "--declined")
    _date_option(mediation, "--requested")

    appeal = _process(processes, "appeal", "Appeal to the SEND Tribunal", _appeal)
    _date_option(appeal, "--decision-letter", required=True)
    _date_option(appeal, "--certificate")
    return parser


def school_year_parser() -> Parser:
    parser = Parser(prog="coproduce school-year", description="Year group and young-person date.")
    parser.add_argument("--regime", default=DEFAULT_REGIME, choices=sorted(REGIMES))
    _date_option(parser, "--dob", required=True)
    parser.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    return parser


def _answer(parser: Parser, args: Sequence[str], answer: Callable[[argparse.Namespace], dict]) -> int:
    """Parse, answer, print the JSON object; a usage error is one line on stderr and status 2."""
    try:
        options = parser.parse_args(list(args))
        result = answer(options)
    except (UsageError, ValueError) as error:
        message = " ".join(str(error).split())
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return USAGE_ERROR
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    print(json.dumps(result))
    return 0


def deadlines_main(args: Sequence[str]) -> int:
    """``coproduce deadlines PROCESS ...``: the process's deadlines, key -> ISO date."""

    def answer(options: argparse.Namespace) -> dict[str, str]:
        deadlines = options.handler(get_regime(options.regime), options)
        return {key: due.isoformat() for key, due in due_dates(deadlines).items()}

    return _answer(deadlines_parser(), args, answer)


def school_year_main(args: Sequence[str]) -> int:
    """``coproduce school-year --dob D [--on D]``: year_group (integer) and young_person_from (date)."""

    def answer(options: argparse.Namespace) -> dict[str, object]:
        school_year = get_regime(options.regime).school_year(options.dob, options.on or today_in_london())
        return {
            "year_group": school_year.year_group,
            "young_person_from": school_year.young_person_from.isoformat(),
        }

    return _answer(school_year_parser(), args, answer)
