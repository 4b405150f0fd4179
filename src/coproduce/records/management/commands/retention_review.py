"""``coproduce retention-review [--council NAME] [--json]``: the records due for disposal, for scheduling.

Lists, for each council, the records past the council's retention date (date of birth + 31 years unless
the council has set another period), and whether a legal hold blocks each. It changes nothing: disposal
is always a person's decision on the Retention page. Output has record ids and dates, never names.
Exits with status 0; the count due is on the last line (or in the JSON) for monitoring.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.records.selectors import due_for_disposal, retention_years
from coproduce.rules import retention


class Command(BaseCommand):
    help = (
        "List the records due for disposal under each council's retention rule (date of birth + 31 years by "
        "default), with whether a legal hold blocks them. Changes nothing; prints ids, never names."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", help="Only this council (its name).")
        parser.add_argument("--json", action="store_true", help="Write JSON instead of lines of text.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name")
        if options["council"]:
            councils = councils.filter(name__iexact=options["council"])
            if not councils.exists():
                raise CommandError("No council has that name")
        report = []
        for council in councils:
            years = retention_years(council)
            due = due_for_disposal(council, today)
            report.append(
                {
                    "council": council.name,
                    "rule": retention.retention_rule(years),
                    "due": [
                        {"record_id": str(each.child.pk), "due_on": each.due_on.isoformat(), "legal_hold": each.on_hold}
                        for each in due
                    ],
                }
            )
        total = sum(len(entry["due"]) for entry in report)
        held = sum(1 for entry in report for each in entry["due"] if each["legal_hold"])
        if options["json"]:
            self.stdout.write(json.dumps({"date": today.isoformat(), "councils": report, "due": total, "held": held}))
            return
        for entry in report:
            self.stdout.write(f"{entry['council']} ({entry['rule']}): {len(entry['due'])} due")
            for each in entry["due"]:
                hold = " (legal hold)" if each["legal_hold"] else ""
                self.stdout.write(f"  {each['record_id']} due {each['due_on']}{hold}")
        self.stdout.write(f"{total} records due for disposal, {held} of them on legal hold, on {today.isoformat()}")
