from django.core.management.base import BaseCommand

from wijkkompas.accounts.table import DOCS_PATH, permissions_markdown


class Command(BaseCommand):
    help = "Write the role × action table of accounts.permissions to docs/permissions.md."

    def add_arguments(self, parser):
        parser.add_argument("--stdout", action="store_true", help="Print the table instead of writing the file.")

    def handle(self, *args, stdout: bool = False, **options):
        table = permissions_markdown()
        if stdout:
            self.stdout.write(table, ending="")
            return
        DOCS_PATH.write_text(table, encoding="utf-8")
        self.stdout.write(f"Wrote {DOCS_PATH}")
