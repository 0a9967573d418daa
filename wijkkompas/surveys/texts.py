"""How a question and its answers read: the standard questionnaire in the visitor's language
(stored as English msgids), extra questions as their authors wrote them."""

from django.utils.translation import gettext

from wijkkompas.surveys.models import Origin, Question


def question_text(question: Question) -> str:
    return gettext(question.wording) if question.origin == Origin.STANDARD else question.wording


def option_labels(question: Question) -> list[tuple[str, str]]:
    translate = gettext if question.origin == Origin.STANDARD else str
    return [(value, translate(label)) for value, label in question.options]
