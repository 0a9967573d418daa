"""The survey's entries in the register of personal data (accounts/privacy.py), and its hooks
for a person's data export and for deleting an account: answers keep counting, without the link
to the person."""

from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.privacy import PersonalData
from wijkkompas.surveys.models import PaperCode, PeriodEvent, Response

until_deleted = _("Until you delete your account; your answers then count on without your name.")
PERSONAL_DATA = [
    PersonalData(Response, ("respondent",),
                 _("To count your answers once per survey, and let you change them while the survey is open."),
                 until_deleted),
    PersonalData(Response, ("entered_by",),
                 _("To know which professional entered a paper form or a conversation (visible to staff only)."),
                 until_deleted),
    PersonalData(PaperCode, ("created_by",), _("To know who printed the paper forms with codes."), until_deleted),
    PersonalData(PeriodEvent, ("actor",), _("Who opened or closed a survey (visible to staff only)."),
                 _("The history is kept; a deleted account is removed from it.")),
]


def export_surveys(user) -> list[dict]:
    """A person's own answers per survey."""
    responses = Response.objects.filter(respondent=user).select_related("period__region").prefetch_related("answers__question")
    return [
        {"survey": response.period.title, "region": response.period.region.code, "age_group": response.age_group,
         "changed_at": response.updated_at.isoformat(),
         "answers": [{"question": answer.question.key, "value": answer.value} for answer in response.answers.all()]}
        for response in responses
    ]


def anonymise_surveys(user) -> None:
    Response.objects.filter(respondent=user).update(respondent=None)
    Response.objects.filter(entered_by=user).update(entered_by=None)
    PaperCode.objects.filter(created_by=user).update(created_by=None)
    PeriodEvent.objects.filter(actor=user).forget_actors()


EXPORTERS = {"surveys": export_surveys}
ANONYMISERS = [anonymise_surveys]
