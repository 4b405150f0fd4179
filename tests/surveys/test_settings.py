"""The surveys' settings come from the environment through the typed settings object (decision 2)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coproduce.config.env import Env


def test_the_survey_rate_limit_and_embeddings_switch_have_safe_defaults(monkeypatch):
    monkeypatch.delenv("COPRODUCE_SURVEY_SUBMISSIONS_PER_HOUR", raising=False)
    monkeypatch.delenv("COPRODUCE_SURVEY_THEME_EMBEDDINGS", raising=False)
    env = Env()
    assert env.survey_submissions_per_hour == 20
    assert env.survey_theme_embeddings is False


def test_the_survey_rate_limit_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("COPRODUCE_SURVEY_SUBMISSIONS_PER_HOUR", "5")
    monkeypatch.setenv("COPRODUCE_SURVEY_THEME_EMBEDDINGS", "true")
    env = Env()
    assert env.survey_submissions_per_hour == 5
    assert env.survey_theme_embeddings is True


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_rate_limit_that_would_stop_everyone_or_is_not_a_number_is_refused(monkeypatch, value):
    monkeypatch.setenv("COPRODUCE_SURVEY_SUBMISSIONS_PER_HOUR", value)
    with pytest.raises(ValidationError):
        Env()
