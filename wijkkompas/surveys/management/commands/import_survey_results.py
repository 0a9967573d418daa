"""manage.py import_survey_results FILE --source NAME: existing survey results per area from CSV."""

from django.core.management.base import BaseCommand, CommandError

from wijkkompas.imports.base import ImportRefused
from wijkkompas.surveys.importing import import_results


class Command(BaseCommand):
    help = "Import existing survey results per area (a municipality's own monitor) from CSV, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", required=True, help="Who published the results, shown with them.")
        parser.add_argument("--delimiter", default=";", choices=[";", ","])

    def handle(self, *args, file, source, delimiter, **options):
        try:
            count = import_results(path=file, source=source, delimiter=delimiter)
        except ImportRefused as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(f"{count} cellen ingelezen uit {file}.")
