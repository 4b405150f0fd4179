from django.core.management.base import BaseCommand

from coproduce.demo.loader import load_demo_data


class Command(BaseCommand):
    help = "Load the demo council (Northmoor): its people, four families and their teams. Safe to run again."

    def handle(self, *args, **options):
        created = load_demo_data()
        summary = ", ".join(f"{count} {what}" for what, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (added {summary})."))
