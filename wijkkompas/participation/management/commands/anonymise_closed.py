"""manage.py anonymise_closed: unlink people from contributions closed long ago (run daily by the worker)."""

from django.core.management.base import BaseCommand, CommandError

from wijkkompas.participation.services import anonymise_closed


class Command(BaseCommand):
    help = "Remove the personal data of contributions closed more than --days days ago (default 365); the trail stays."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365, help="Retention after closing, in days (at least 1).")

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        count = anonymise_closed(older_than_days=days)
        self.stdout.write(f"{count} contributions anonymised.")
