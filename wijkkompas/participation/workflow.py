"""The lifecycle of a contribution: one explicit state machine, so nothing closes silently.

Every change is a new row in the append-only trail (models.ContributionEvent); this module only
says which changes exist, who may make them and what each one needs. Every closing state needs a
public explanation, "niet overgenomen" also a reason category, "doorgezet" an organisation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "ontvangen", _("received")
    IN_PROGRESS = "in_behandeling", _("in progress")
    IN_AGENDA = "opgenomen_in_agenda", _("taken into the neighbourhood agenda")
    FORWARDED = "doorgezet", _("forwarded")
    NOT_ADOPTED = "niet_overgenomen", _("not adopted")
    DONE = "afgerond", _("done")
    REOPENED = "heropend", _("reopened")
