from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.column_report import column_report_lines
from wijkkompas.imports.registry import importer_descriptions
from wijkkompas.imports.services import UnknownImporter, import_file
from wijkkompas.scores.services import scores_recompute


class Command(BaseCommand):
    help = "Import one data file with the named importer, then recompute the scores."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="Importer name; see --list.")
        parser.add_argument("file", nargs="?", type=Path)
        parser.add_argument("--year", type=int, help="The year the file is about, for files that do not say.")
        parser.add_argument("--list", action="store_true", help="List the importers and stop.")
        parser.add_argument("--no-scores", action="store_true", help="Do not recompute the scores afterwards.")

    def handle(self, *args, source=None, file=None, year=None, list=False, no_scores=False, **options):
        if list or not source:
            for name, description in importer_descriptions().items():
                self.stdout.write(f"{name:32} {description}")
            return
        if file is None:
            raise CommandError(_("Name the file to import."))
        try:
            run = import_file(source=source, path=file, year=year)
        except UnknownImporter:
            raise CommandError(
                _("There is no importer called '%(name)s'. Choose one of: %(names)s.")
                % {"name": source, "names": ", ".join(importer_descriptions())}
            ) from None
        except ImportRefused as refused:
            raise CommandError(_("Import refused, nothing was changed. %(reason)s") % {"reason": refused.message}) from None
        self.stdout.write(
            _("%(file)s: %(status)s. %(rows)s rows read, %(regions)s regions added, "
              "%(created)s figures added, %(updated)s figures changed.")
            % {
                "file": run.file_name, "status": run.get_status_display(), "rows": run.rows_read,
                "regions": run.regions_created, "created": run.observations_created,
                "updated": run.observations_updated,
            }
        )
        if run.status == "succeeded" and run.message:  # regions left aside or without a link (services.regions_note)
            self.stdout.write(run.message)
        for line in column_report_lines(run.column_report):
            self.stdout.write(line)
        if not no_scores and run.status == "succeeded":
            scores_recompute()
            self.stdout.write(_("Scores recomputed."))
