"""The ``coproduce`` command.

Commands that answer from the pure rules (the statutory clock, the plan checker) run without starting
Django, so they are quick enough for council data teams to script. Everything else is handed to Django's
management commands (``coproduce migrate``, ``coproduce demo-data``, ``coproduce sen2`` ...).
"""

from __future__ import annotations

import importlib
import os
import sys

# name -> "module:function"; each function takes the arguments after the command name and returns
# an exit status.
RULE_COMMANDS: dict[str, str] = {
    "deadlines": "coproduce.rules.clock.cli:deadlines_main",
    "school-year": "coproduce.rules.clock.cli:school_year_main",
    "check-provision": "coproduce.rules.checker.cli:check_provision_main",
    "check-plan": "coproduce.rules.checker.cli:check_plan_main",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else None
    if command in RULE_COMMANDS:
        module_name, function_name = RULE_COMMANDS[command].split(":")
        function = getattr(importlib.import_module(module_name), function_name)
        return int(function(argv[2:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.config.settings")
    from django.core.management import execute_from_command_line

    # Our own commands are spelt with hyphens on the command line (coproduce demo-data).
    rest = argv[1:]
    if rest and not rest[0].startswith("-"):
        rest[0] = rest[0].replace("-", "_")
    execute_from_command_line(["coproduce", *rest])
    return 0
