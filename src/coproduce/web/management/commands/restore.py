from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.web.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database with the backup in FILE, then check row counts and checksums against it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="confirm that the current data will be replaced")

    def handle(self, *args, file: Path, yes: bool, **options):
        if not yes:
            raise CommandError("Restoring replaces all current data. Run again with --yes to confirm.")
        try:
            facts = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(facts)} tables from {file}; every count and checksum matches the backup."
            )
        )
