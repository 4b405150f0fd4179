"""How well does ``is_vague`` agree with labelled statements?

Two sets: ``provision-dev.tsv`` (a copy of the shared reference's labelled statements, kept here so a
clone anywhere tests the same; the rules were developed against it) and ``provision-heldout.tsv``, written
separately in other words before the rules were tuned, as a check that the rules generalise. Precision and
recall are for the label "vague" and are printed (run pytest with ``-s`` to see them).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from coproduce.rules.checker.provision import check_provision, is_vague

DEV = Path(__file__).parent / "provision-dev.tsv"
HELD_OUT = Path(__file__).parent / "provision-heldout.tsv"
MIN_RECALL = 0.95
MIN_PRECISION = 0.90


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    n: int
    missed: list[str]  # vague statements not flagged
    false_alarms: list[str]  # specific statements flagged


def load(path: Path) -> list[tuple[bool, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    labels = {row["label"] for row in rows}
    assert labels <= {"vague", "specific"}, f"unexpected labels in {path.name}: {labels}"
    return [(row["label"] == "vague", row["statement"]) for row in rows]


def score(rows: list[tuple[bool, str]]) -> Score:
    predicted = [(gold, is_vague(text), text) for gold, text in rows]
    tp = sum(1 for gold, guess, _ in predicted if gold and guess)
    fp = sum(1 for gold, guess, _ in predicted if not gold and guess)
    fn = sum(1 for gold, guess, _ in predicted if gold and not guess)
    return Score(
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
        n=len(rows),
        missed=[text for gold, guess, text in predicted if gold and not guess],
        false_alarms=[text for gold, guess, text in predicted if guess and not gold],
    )


def explain(result: Score) -> str:
    lines = [f"missed (vague, not flagged): {t!r}" for t in result.missed]
    for text in result.false_alarms:
        found = ", ".join(f"{f.code} {text[f.start : f.end]!r}" for f in check_provision(text) if f.makes_vague)
        lines.append(f"false alarm (specific, flagged): {text!r}: {found}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", [DEV, HELD_OUT], ids=["dev", "held-out"])
def test_precision_and_recall(path: Path) -> None:
    assert path.exists(), f"labelled statements not found at {path.resolve()}"
    rows = load(path)
    result = score(rows)
    print(
        f"\nplan checker on {path.name}: precision {result.precision:.2f}, recall {result.recall:.2f} "
        f"(n={result.n}, vague={sum(gold for gold, _ in rows)})"
    )
    assert result.recall >= MIN_RECALL, explain(result)
    assert result.precision >= MIN_PRECISION, explain(result)


def test_held_out_set_is_balanced_and_not_copied_from_dev() -> None:
    held_out = load(HELD_OUT)
    assert len(held_out) >= 40
    assert 0.35 <= sum(gold for gold, _ in held_out) / len(held_out) <= 0.65
    if DEV.exists():
        dev = {text.lower() for _, text in load(DEV)}
        assert not [text for _, text in held_out if text.lower() in dev]
