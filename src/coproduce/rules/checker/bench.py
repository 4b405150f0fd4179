"""How fast is the plan checker? ``python -m coproduce.rules.checker.bench`` prints timings; asserts nothing.

* one plan of 100 provision items (plus needs and outcomes) through ``check_plan``;
* one plan's paragraphs against an index of a council's plans (``--plans``, default 3000) with
  ``find_copied_paragraphs``.

The texts are generated from a few templates, so the numbers are about speed, not quality.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from collections.abc import Callable

from coproduce.rules.checker.copies import ParagraphIndex, find_copied_paragraphs
from coproduce.rules.checker.plan import NeedInput, OutcomeInput, PlanInput, ProvisionInput, check_plan

_ROLES = ["teaching assistant", "speech and language therapist", "specialist teacher", "key adult", "SENCo"]
_WHAT = ["phonics", "social skills", "fine motor skills", "reading", "emotional regulation", "maths"]
_PROVISION = [
    "A trained {role} will deliver {n} minutes of 1:1 {what} support {freq}.",
    "Access to {what} support from a {role} as appropriate.",
    "Regular {what} sessions in a small group.",
    "Up to {n} hours per week of {what} support from a {role}.",
    "Three {n}-minute {what} sessions per week, delivered by a {role} in a group of no more than 4 pupils.",
]
_FREQ = ["daily", "twice a week", "every morning", "once each half term", "three times a week"]
# Plan paragraphs share a lot of stock wording; the rest is about the child. A few hundred common words
# with a few thousand rarer ones, drawn with Zipf-like weights, behaves roughly like that.
_VOCABULARY = [f"w{i}" for i in range(5000)]
_CUMULATIVE = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(_VOCABULARY))))


def _plan(rng: random.Random, items: int) -> PlanInput:
    needs = tuple(NeedInput(f"B{i}", "B", f"Need {i}: finds {rng.choice(_WHAT)} hard.") for i in range(20))
    outcomes = tuple(
        OutcomeInput(f"E{i}", f"By the end of Year 6 will improve {rng.choice(_WHAT)}.", need_ids=(f"B{i}",))
        for i in range(20)
    )
    provision = tuple(
        ProvisionInput(
            f"F{i}",
            "F",
            rng.choice(_PROVISION).format(
                role=rng.choice(_ROLES), what=rng.choice(_WHAT), n=rng.choice([10, 20, 30]), freq=rng.choice(_FREQ)
            ),
            need_ids=(f"B{i % 20}",),
        )
        for i in range(items)
    )
    return PlanInput(stage="final", year_group=5, needs=needs, outcomes=outcomes, provision=provision)


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choices(_VOCABULARY, cum_weights=_CUMULATIVE, k=rng.randrange(15, 60)))


def _time(label: str, repeat: int, function: Callable[[], object]) -> None:
    function()  # warm up
    began = time.perf_counter()
    for _ in range(repeat):
        function()
    each = (time.perf_counter() - began) / repeat
    print(f"{label}: {each * 1000:.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coproduce.rules.checker.bench")
    parser.add_argument("--items", type=int, default=100, help="provision items in the plan (default 100)")
    parser.add_argument("--plans", type=int, default=3000, help="plans in the council index (default 3000)")
    parser.add_argument("--paragraphs", type=int, default=30, help="paragraphs per plan (default 30)")
    options = parser.parse_args(argv)
    rng = random.Random(2026)  # noqa: S311 - made-up texts for timing, not security

    plan = _plan(rng, options.items)
    _time(f"check_plan, {options.items} provision items", 20, lambda: check_plan(plan))

    council = [[_paragraph(rng) for _ in range(options.paragraphs)] for _ in range(options.plans)]
    began = time.perf_counter()
    index = ParagraphIndex()
    for number, paragraphs in enumerate(council):
        index.add_plan(f"plan-{number}", paragraphs)
    print(f"index {len(index)} paragraphs of {options.plans} plans: {(time.perf_counter() - began):.2f} s")
    mine = [_paragraph(rng) for _ in range(options.paragraphs - 2)] + [council[7][3], council[99][0]]
    _time(
        f"find_copied_paragraphs, {options.paragraphs} paragraphs against the index",
        5,
        lambda: find_copied_paragraphs(mine, index, 0.8),
    )
    print(f"  (found {len(find_copied_paragraphs(mine, index, 0.8))} copied paragraphs; 2 were planted)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
