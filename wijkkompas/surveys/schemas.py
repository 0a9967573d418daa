"""Output schemas of the survey API: aggregates only, never a response or a person."""

import datetime

from ninja import Schema


class PeriodOut(Schema):
    id: int
    region: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    is_example: bool
    url: str


class PeriodListOut(Schema):
    items: list[PeriodOut]


class OptionOut(Schema):
    value: str
    label: str
    count: int | None  # null when withheld (see `suppressed_reason` of the question)
    share: float | None  # 0 to 1


class QuestionOut(Schema):
    key: str
    version: int
    wording: str
    kind: str
    origin: str
    respondents: int | None
    mean: float | None  # the report mark's average
    suppressed: bool
    suppressed_reason: str | None
    options: list[OptionOut]


class ResultsOut(Schema):
    period: PeriodOut
    breakdown: str | None
    group: str | None
    respondents: int | None
    suppressed: bool
    suppressed_reason: str | None
    threshold: int
    responses_so_far: int | None  # while open: responses rounded down to a multiple of 10; null once closed
    questions: list[QuestionOut]
