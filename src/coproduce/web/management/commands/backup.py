from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.web.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE, with a manifest of row counts and checksums beside it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            facts = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in facts.values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {len(facts)} tables ({rows:,} rows) to {file}"))
