"""The plan checker: is provision specified and quantified, does the golden thread hold, is anything copied.

Pure Python (no Django): plain values in, plain values out.

* ``check_provision(text)`` / ``is_vague(text)``: one provision statement (``provision.py``).
* ``check_plan(PlanInput)`` / ``check_plan_json(dict)``: a whole plan (``plan.py``, ``plan_json.py``).
* ``find_copied_paragraphs`` / ``ParagraphIndex``: near-duplicate paragraphs across plans (``copies.py``).
* ``find_other_names``: another child's name in a plan (``names.py``).
* ``coproduce check-provision``: the command line (``cli.py``); ``python -m coproduce.rules.checker.bench``
  times it.
"""

from coproduce.rules.checker.copies import CopyMatch, ParagraphIndex, find_copied_paragraphs
from coproduce.rules.checker.names import NameMatch, find_other_names
from coproduce.rules.checker.plan import (
    PLAN_CODES,
    AspirationInput,
    NeedInput,
    OutcomeInput,
    PlanFinding,
    PlanInput,
    ProvisionInput,
    check_outcome,
    check_plan,
)
from coproduce.rules.checker.plan_json import PlanFormatError, check_plan_json, plan_from_dict
from coproduce.rules.checker.provision import CODES, Finding, check_provision, is_vague

__all__ = [
    "CODES",
    "PLAN_CODES",
    "AspirationInput",
    "CopyMatch",
    "Finding",
    "NameMatch",
    "NeedInput",
    "OutcomeInput",
    "ParagraphIndex",
    "PlanFinding",
    "PlanFormatError",
    "PlanInput",
    "ProvisionInput",
    "check_outcome",
    "check_plan",
    "check_plan_json",
    "check_provision",
    "find_copied_paragraphs",
    "find_other_names",
    "is_vague",
    "plan_from_dict",
]
