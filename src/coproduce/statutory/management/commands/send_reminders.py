"""``coproduce send-reminders``: the daily reminders.

By default it puts the day's reminder job on the task queue, where the worker picks it up (``make demo``
starts one: ``coproduce db_worker``). Run it once a day, from cron or any scheduler. ``--now`` runs the
job in this process instead, without a worker.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from coproduce.statutory.tasks import send_daily_reminders


class Command(BaseCommand):
    help = (
        "Email the people who must act before a statutory deadline (by default 10 and 2 days before, and "
        "when it passes), and tell families what has opened for them. Queues the job for the worker "
        "(coproduce db_worker, which `make demo` runs) unless --now is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run the job here instead of queueing it.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD), for checking.")
        parser.add_argument(
            "--days",
            help="Days before a deadline to remind people, separated by commas (default: 10,2).",
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"]).isoformat()
            except ValueError:
                raise CommandError("--date must be a date like 2025-02-17") from None
        days = None
        if options["days"]:
            try:
                days = sorted({int(part) for part in options["days"].split(",") if part.strip()}, reverse=True)
            except ValueError:
                raise CommandError("--days must be whole numbers separated by commas, like 10,2") from None
            if not days or min(days) < 0:
                raise CommandError("--days must be whole numbers of 0 or more, like 10,2")
        if options["now"]:
            result = send_daily_reminders.call(today, days)
            self.stdout.write(
                f"Reminders: {result['queued']} new, {result['sent']} emails sent, "
                f"{result['digests']} daily emails sent."
            )
        else:
            queued = send_daily_reminders.enqueue(today, days)
            self.stdout.write(f"The reminders job is queued ({queued.id}); the worker will run it.")
