"""The way through a survey: which questions someone is shown, given what they have answered so far.

Answers are kept as plain values keyed by the question's id (as text): an option's id for one answer
from a list, a rating or yes/no; a list of option ids for "any number"; words for free text. A question
with ``show_if`` is shown only when that earlier question was shown and answered with one of
``show_if_options``. Works on loaded objects: no queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.surveys.models import Question, QuestionKind


@dataclass(frozen=True)
class Loaded:
    """A survey's questions in order, each with its options and its condition, loaded once."""

    questions: list[Question]
    options: dict[str, list]  # question id -> options
    conditions: dict[str, set[str]]  # question id -> option ids that show it

    def options_of(self, question: Question) -> list:
        return self.options.get(str(question.pk), [])


def chosen(value) -> set[str]:
    if value is None or value == "":
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value if v}
    return {str(value)}


def is_answered(question: Question, value) -> bool:
    if question.kind == QuestionKind.FREE_TEXT:
        return bool((value or "").strip()) if isinstance(value, str) else False
    return bool(chosen(value))


def shown(loaded: Loaded, answers: dict) -> list[Question]:
    """The questions to show, in order, given ``answers``."""
    result: list[Question] = []
    shown_ids: set[str] = set()
    for question in loaded.questions:
        qid = str(question.pk)
        if question.show_if_id is not None:
            parent = str(question.show_if_id)
            if parent not in shown_ids or not (chosen(answers.get(parent)) & loaded.conditions.get(qid, set())):
                continue
        result.append(question)
        shown_ids.add(qid)
    return result


def clean(loaded: Loaded, answers: dict) -> dict:
    """Only the answers to questions that are shown: a changed answer can hide a later question."""
    keep = {str(question.pk) for question in shown(loaded, answers)}
    return {qid: value for qid, value in answers.items() if qid in keep}


def next_question(loaded: Loaded, answers: dict, after: Question | None = None) -> Question | None:
    """The next question to ask: after ``after`` if given, else the first one not yet answered."""
    questions = shown(loaded, answers)
    if after is not None:
        ids = [q.pk for q in questions]
        if after.pk in ids:
            rest = questions[ids.index(after.pk) + 1 :]
            return rest[0] if rest else None
    for question in questions:
        if str(question.pk) not in answers:
            return question
    return None


def missing(loaded: Loaded, answers: dict) -> list[Question]:
    """Required questions shown but not answered: the answers cannot be sent until they are."""
    return [q for q in shown(loaded, answers) if q.required and not is_answered(q, answers.get(str(q.pk)))]
