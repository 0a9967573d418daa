"""The results of a period as CSV rows: exactly what the page and the API publish (suppression
applies through selectors), a withheld cell empty with the reason in the last column."""

from __future__ import annotations

from wijkkompas.core.spreadsheets import safe_cell
from wijkkompas.surveys import selectors
from wijkkompas.surveys.models import SurveyPeriod

HEADER = ["gebied", "peiling", "indeling", "groep", "vraag", "versie", "vraagtekst", "antwoord", "aantal", "aandeel",
          "respondenten", "gemiddelde", "opmerking", "voorbeeld"]


def results_rows(*, period: SurveyPeriod) -> list[list[str]]:
    rows = [HEADER]
    views = [(None, None, "", "")]
    for breakdown, label in selectors.BREAKDOWNS.items():
        if breakdown == "buurt" and selectors.is_buurt_period(period):
            continue
        views += [(breakdown, key, str(label), name)
                  for key, name in selectors.breakdown_groups(period=period, breakdown=breakdown)]
    for breakdown, key, breakdown_label, group_label in views:
        result = selectors.results(period=period, breakdown=breakdown, group=key)
        for question in result.questions:
            for option in question.options:
                rows.append([
                    period.region.code, safe_cell(period.title), breakdown_label, safe_cell(group_label),
                    question.key, str(question.version), safe_cell(question.wording), safe_cell(option.label),
                    _number(option.count), _decimal(option.share), _number(question.respondents),
                    _decimal(question.mean), question.reason or "", "ja" if period.is_example else "nee",
                ])
    return rows


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"
