"""Example content for a local demo: `demo_content` loads every app's, `--remove` takes it all out."""

from django.conf import settings
from django.core.management.base import BaseCommand

from wijkkompas.core.demo import example_contents


class Command(BaseCommand):
    help = "Load the example (voorbeeld) content and demo accounts of every app, or remove them with --remove."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--remove", action="store_true", help="Remove all example content and demo accounts.")

    def handle(self, *args, remove: bool, **options) -> None:
        if remove:
            for examples in reversed(example_contents()):
                self.stdout.write(f"{examples.name}: {examples.remove()} verwijderd.")
            return
        if not settings.DEMO_CONTENT:
            self.stdout.write("DEMO_CONTENT staat uit: geen voorbeeldinhoud geladen.")
            return
        for examples in example_contents():
            made = examples.load()
            if made:
                self.stdout.write(f"{examples.name}: {made} geladen.")
            else:
                self.stdout.write(f"{examples.name}: er al (of de gebieden ontbreken), niets gedaan.")
