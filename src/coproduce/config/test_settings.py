"""Settings for the test suite: the ordinary settings, in the test environment."""

import os

os.environ["COPRODUCE_ENVIRONMENT"] = "test"

from coproduce.config.settings import *  # noqa: E402, F403
