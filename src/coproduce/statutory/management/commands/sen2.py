"""``coproduce sen2 --year YYYY --as EMAIL [--output DIR]``: the SEN2 person-level return."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coproduce.statutory.sen2.export import Sen2Error, write_sen2
from coproduce.teams.policy import councils_for


class Command(BaseCommand):
    help = (
        "Write the SEN2 person-level return for a collection year: an XML file validated against the "
        "schema in coproduce/statutory/sen2/sen2.xsd, and one CSV file per module. The return for year Y "
        "counts activity in calendar year Y-1 and the plans active on the January reference date of Y."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The collection year, for example 2026.")
        parser.add_argument("--output", default=".", help="The folder to write the files in (default: here).")
        parser.add_argument(
            "--as",
            dest="as_email",
            required=True,
            help="The email address of the council officer making the return (needs caseload access).",
        )
        parser.add_argument("--council", help="The council's name, if the officer works for more than one.")
        parser.add_argument("--lea", default="000", help="The council's three-digit LA number (default 000).")
        parser.add_argument(
            "--reference-date",
            help="The census reference date, YYYY-MM-DD (default: the third Thursday of January of --year).",
        )

    def handle(self, *args, **options):
        year = options["year"]
        if not 2015 <= year <= 2100:
            raise CommandError("--year must be a collection year like 2026")
        if not re.fullmatch(r"\d{3}", options["lea"]):
            raise CommandError("--lea must be the council's three-digit LA number, like 123")
        reference = None
        if options["reference_date"]:
            try:
                reference = dt.date.fromisoformat(options["reference_date"])
            except ValueError:
                raise CommandError("--reference-date must be a date like 2026-01-15") from None
        user = get_user_model().objects.with_email(options["as_email"]).filter(is_active=True).first()
        if user is None:
            raise CommandError("Nobody has that email address")
        council = None
        councils = councils_for(user)
        if options["council"]:
            council = councils.filter(name__iexact=options["council"]).first()
            if council is None:
                raise CommandError("That person has no caseload access at a council of that name")
        elif councils.count() > 1:
            names = ", ".join(c.name for c in councils)
            raise CommandError(f"Choose the council with --council (one of: {names})")
        try:
            result = write_sen2(
                user,
                year,
                Path(options["output"]),
                lea=options["lea"],
                council=council,
                reference_date=reference,
            )
        except Sen2Error as error:
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{n} {module}" for module, n in result.counts.items())
        self.stdout.write(
            f"Wrote {result.xml_path} (valid against the SEN2 schema) and {len(result.csv_paths)} CSV files."
        )
        self.stdout.write(f"Records: {counts}.")
