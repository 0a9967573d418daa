from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.bundled import BUNDLED_FILES, bundled_path
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation
from wijkkompas.indicators.services import catalogue_sync
from wijkkompas.scores.services import scores_recompute


class Command(BaseCommand):
    help = "Import all open data bundled in the data folder, in dependency order, then compute the scores."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when figures are already loaded.")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Observation.objects.exists():
            # A new version of Wijkkompas may bring a changed catalogue; the scores follow it.
            if catalogue_sync():
                scores_recompute()
                self.stdout.write(_("Figures are already loaded; the indicator catalogue changed, so the scores were recomputed."))
            else:
                self.stdout.write(_("Figures are already loaded; nothing to do."))
            return
        for source, file_name in BUNDLED_FILES:
            try:
                run = import_file(source=source, path=bundled_path(file_name))
            except ImportRefused as refused:
                raise CommandError(_("Import refused, nothing was changed. %(reason)s") % {"reason": refused.message}) from None
            self.stdout.write(
                f"{file_name}: {run.get_status_display()} "
                f"(+{run.observations_created} / ~{run.observations_updated})"
            )
        scores_recompute()
        self.stdout.write(_("Scores recomputed."))
