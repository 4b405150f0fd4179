from __future__ import annotations

import pytest

from tests.surveys import builders


@pytest.fixture
def area(world):
    made = builders.area_for(world.council)
    world.people["forum_coordinator"] = made.coordinator
    return made


@pytest.fixture
def branching(area):
    survey, questions = builders.branching_survey(area)
    builders.publish(survey, area.coordinator)
    return survey, questions
