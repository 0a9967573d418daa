"""The printable paper questionnaire (PDF, WeasyPrint): the same questions as online, one form
per one-time code, with the code and the address where it can also be filled in online."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from wijkkompas.surveys import selectors
from wijkkompas.surveys.models import PaperCode, SurveyPeriod
from wijkkompas.surveys.pages import buurten_of
from wijkkompas.surveys.questionnaire import AgeGroup
from wijkkompas.surveys.texts import option_labels, question_text


def questionnaire_pdf(request: HttpRequest, *, period: SurveyPeriod, codes: list[PaperCode]) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment and only this needs it

    questions = [{"text": question_text(question), "kind": question.kind, "options": option_labels(question)}
                 for question in selectors.period_questions(period=period)]
    html = render_to_string("surveys/paper_form.html", {
        "period": period, "codes": [_printed(code.code) for code in codes], "questions": questions,
        "age_groups": AgeGroup.choices, "buurten": buurten_of(period),
        "address": request.build_absolute_uri(reverse("surveys:survey", args=[period.region.code])),
    })
    return HTML(string=html).write_pdf()


def _printed(code: str) -> str:
    """ABCDEFGH as ABCD-EFGH, easier to copy."""
    return f"{code[:4]}-{code[4:]}"
