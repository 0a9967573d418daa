from django.core.management.base import BaseCommand

from wijkkompas.notifications.services import retry_failed


class Command(BaseCommand):
    help = "Put failed e-mail notifications back in the queue; the worker sends them within a minute."

    def handle(self, *args, **options) -> None:
        count = retry_failed()
        self.stdout.write(f"{count} notification(s) back in the queue.")
