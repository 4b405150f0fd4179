"""``coproduce seed --plans 25000 --seed 1``: a realistic council for the benchmark (see ``docs/scale-data.md``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coproduce.scale.generator import DEFAULT_COUNCIL, DEFAULT_PASSWORD, AlreadySeeded, council_exists, seed_council


class Command(BaseCommand):
    help = "Generate a realistic council with N EHC plans, their families, teams, clocks, progress, forum and audit."

    def add_arguments(self, parser):
        parser.add_argument("--plans", type=int, default=1000, help="How many EHC plans (default 1000).")
        parser.add_argument("--seed", type=int, default=1, help="The random seed: the same seed gives the same data.")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="The day the data is dated from (YYYY-MM-DD); default today. Fix it for identical data.",
        )
        parser.add_argument(
            "--council", default=DEFAULT_COUNCIL, help=f"The council's name (default {DEFAULT_COUNCIL!r})."
        )
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="The password of every generated person (made-up data only)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) if the council has already been seeded, instead of refusing.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even with COPRODUCE_ENVIRONMENT=production: only for a benchmark's own database.",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "This is a production setting (COPRODUCE_ENVIRONMENT=production). The seed writes made-up people "
                "who all share one known password: never run it on a live council's database. For a database "
                "kept only for a benchmark, add --allow-production."
            )
        name = options["council"]
        if council_exists(name):
            if options["if_empty"]:
                self.stdout.write(f"{name} is already seeded: nothing to do.")
                return
            raise CommandError(f"{name} is already seeded. Use another --council name, or --if-empty to skip.")
        try:
            result = seed_council(
                plans=options["plans"],
                seed=options["seed"],
                today=options["today"],
                council_name=name,
                password=options["password"],
                say=lambda line: self.stdout.write(line) or self.stdout.flush(),
            )
        except AlreadySeeded as error:
            raise CommandError(f"{error} is already seeded.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.plans:,} plans ({result.children:,} children) in {result.seconds:.0f} s."
            )
        )
        self.stdout.write(f"Sign in as {result.manager.email} (SEND service manager, whole caseload),")
        self.stdout.write(f"  {result.case_officers[0].email} (case officer, about 220 children),")
        self.stdout.write(f"  {result.coordinator.email} (forum coordinator); every password is the --password.")
