"""Example participation content for a local demo: `demo_content` loads it, `--remove` takes it out."""

from django.conf import settings
from django.core.management.base import BaseCommand

from wijkkompas.participation.demo import load_example_content, remove_example_content


class Command(BaseCommand):
    help = "Load the example (voorbeeld) contributions and demo accounts, or remove them with --remove."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--remove", action="store_true", help="Remove all example content and demo accounts.")

    def handle(self, *args, remove: bool, **options) -> None:
        if remove:
            removed = remove_example_content()
            self.stdout.write(f"Voorbeeldinbreng verwijderd: {removed} bijdragen; demo-accounts geanonimiseerd.")
            return
        if not settings.DEMO_CONTENT:
            self.stdout.write("DEMO_CONTENT staat uit: geen voorbeeldinbreng geladen.")
            return
        made = load_example_content()
        if made:
            self.stdout.write(f"Voorbeeldinbreng geladen: {made} bijdragen in drie wijken.")
        else:
            self.stdout.write("Voorbeeldinbreng is er al (of de wijken ontbreken): niets gedaan.")
