"""``coproduce check-delivery``: find provision delivered below the council's threshold.

By default it puts the job on the task queue for the worker (``coproduce db_worker``). Run it once a day,
from cron or any scheduler. ``--now`` runs it in this process instead.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from coproduce.progress.tasks import check_delivery


class Command(BaseCommand):
    help = (
        "Check every provision item in every plan in force: where less than the council's threshold was "
        "delivered over the last four weeks, flag it and email the case officer and the family once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run the check here instead of queueing it.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD), for checking.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"]).isoformat()
            except ValueError:
                raise CommandError("--date must be a date like 2026-03-27") from None
        if options["now"]:
            result = check_delivery.call(today)
            self.stdout.write(f"Checked {result['checked']} provision items; {result['open']} shortfalls open.")
        else:
            queued = check_delivery.enqueue(today)
            self.stdout.write(f"The delivery check is queued ({queued.id}); the worker will run it.")
