"""Work for the huey worker (`manage.py run_huey`, started by `make run` beside the web server).

Delivery is enqueued after each commit that wrote notifications, and swept every minute for
whatever is due (a retry after a failure, or a row whose task never ran). Neither can send a
notification twice: delivery claims each row first (services.deliver_pending).
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from wijkkompas.notifications import services
from wijkkompas.participation import services as participation_services


@db_task()
def deliver_notifications() -> int:
    return services.deliver_pending()


@db_periodic_task(crontab(minute="*"))
def sweep_notifications() -> int:
    return services.deliver_pending()


@db_periodic_task(crontab(hour="3", minute="30"))
def anonymise_closed() -> None:
    """Each night: personal data of contributions closed long ago goes, and so do old e-mails."""
    participation_services.anonymise_closed()
    services.delete_sent()


@db_periodic_task(crontab(hour="8", minute="0"))
def notify_overdue() -> int:
    """Each morning: municipal managers hear which forwarded input waits past its term."""
    return services.notify_overdue()
