"""Small helpers for the surveys' integration tests."""

from __future__ import annotations

import html
import re

from django.urls import reverse


def words(response) -> str:
    text = re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode()))
    return re.sub(r"\s+", " ", text)


def url(name: str, survey, **kwargs) -> str:
    if name in ("start", "about-you", "question", "check", "done", "talk", "talk-done"):
        return reverse(f"surveys:{name}", kwargs={"survey_slug": survey.slug, **kwargs})
    return reverse(f"surveys:{name}", kwargs={"survey_id": survey.pk, **kwargs})


def option(question, label: str) -> str:
    return str(question.options.get(label=label).pk)


def submission_key(response) -> str:
    match = re.search(r'name="submission_key" value="([^"]+)"', response.content.decode())
    assert match, "The check-your-answers page has a submission key"
    return match.group(1)
