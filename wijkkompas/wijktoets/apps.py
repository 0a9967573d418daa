from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijktoetsConfig(AppConfig):
    name = "wijkkompas.wijktoets"
    verbose_name = _("Wijktoets")
