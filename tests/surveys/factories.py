"""Survey test data: a wijk with two buurten, an open period, staff, and responses made fast.

Codes start with GM9871/WK987101/BU987101xx, a range the real CBS data and other factories do not use.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tests.participation.factories import staff
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.permissions import Role
from wijkkompas.regions.models import Level, Region
from wijkkompas.surveys import services
from wijkkompas.surveys.models import Answer, Channel, PaperCode, Response, SurveyPeriod
from wijkkompas.surveys.workflow import PeriodStatus


@dataclass
class SurveyArea:
    gemeente: Region
    wijk: Region
    buurt_a: Region
    buurt_b: Region


def make_survey_area() -> SurveyArea:
    gemeente = RegionFactory(code="GM9871", level=Level.MUNICIPALITY, name="Peilgemeente")
    wijk = RegionFactory(code="WK987101", level=Level.DISTRICT, name="Peilwijk", municipality_code="GM9871")
    buurt_a = RegionFactory(code="BU98710101", level=Level.NEIGHBOURHOOD, name="Noordbuurt", municipality_code="GM9871")
    buurt_b = RegionFactory(code="BU98710102", level=Level.NEIGHBOURHOOD, name="Zuidbuurt", municipality_code="GM9871")
    RegionYearFactory(region=gemeente)
    RegionYearFactory(region=wijk, parent=gemeente)
    RegionYearFactory(region=buurt_a, parent=wijk)
    RegionYearFactory(region=buurt_b, parent=wijk)
    return SurveyArea(gemeente, wijk, buurt_a, buurt_b)


def manager(region: Region):
    return staff(Role.MANAGER, region, mfa=True)


def professional(region: Region):
    return staff(Role.PROFESSIONAL, region)


def open_period(region: Region, *, actor=None, title: str = "Peiling 2026", opened: bool = True) -> SurveyPeriod:
    actor = actor or manager(region)
    period = services.create_period(actor=actor, region=region, title=title, starts_on=datetime.date(2026, 1, 1),
                                    ends_on=datetime.date(2026, 12, 31))
    if opened:
        services.change_period_status(actor=actor, period=period, to_status=PeriodStatus.OPEN)
    return period


_numbers = iter(range(1, 10**9))


def add_responses(period: SurveyPeriod, count: int, *, answers: dict[str, list[str]] | None = None,
                  channel: str = Channel.ONLINE, age_group: str = "", buurt: Region | None = None,
                  skip: tuple[str, ...] = ()) -> list[Response]:
    """`count` responses written straight to the tables (the services are tested on their own):
    by default everyone gives mark 7 and is always safe by day."""
    answers = answers or {"rapportcijfer": ["7"], "veilig_overdag": ["altijd"]}
    questions = {question.key: question for question in period.questions.all()}
    made = []
    for _index in range(count):
        code = PaperCode.objects.create(period=period, code=f"T{next(_numbers):07d}")
        response = Response.objects.create(period=period, paper_code=code, channel=channel, age_group=age_group,
                                           buurt=buurt)
        Answer.objects.bulk_create(
            Answer(response=response, question=questions[key], value=value)
            for key, values in answers.items() if key not in skip for value in values
        )
        made.append(response)
    return made


def close_period(period: SurveyPeriod, *, actor=None) -> SurveyPeriod:
    """Close the period, so its results are published (suppression rule 5)."""
    services.change_period_status(actor=actor or manager(period.region), period=period, to_status=PeriodStatus.CLOSED)
    return period
