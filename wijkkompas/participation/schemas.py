"""Output schemas of the contributions API: public data only (no names, e-mail, or who entered or changed what)."""

import datetime

from ninja import Schema


class ContributionOut(Schema):
    id: int
    url: str
    kind: str
    title: str | None  # null when hidden by a moderator
    text: str | None
    theme: str
    region: str  # the region's code
    latitude: float | None
    longitude: float | None
    place_description: str | None
    photo_url: str | None
    channel: str
    assisted: bool
    residents_count: int
    status: str
    forwarded_to: str | None
    forward_due: datetime.date | None
    created_at: datetime.datetime
    first_public_answer_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    support_count: int
    is_example: bool
    hidden: bool
    hidden_reason: str


class ContributionListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ContributionOut]


class TrailEventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    public_text: str
    reason_category: str
    organisation: str | None
    created_at: datetime.datetime


class ContributionDetailOut(ContributionOut):
    trail: list[TrailEventOut]


class ResponseFiguresOut(Schema):
    region: str
    count: int
    residents_count: int
    share_answered: float | None
    median_days_to_first_answer: float | None
    share_in_agenda: float | None
    share_forwarded: float | None
    share_forwarded_answered: float | None
    share_assisted: float | None
    overdue_count: int
    rated_count: int
    share_satisfied: float | None
