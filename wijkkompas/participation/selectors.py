"""Reads of contributions: lists per area, one contribution and its trail, and the response figures."""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from wijkkompas.participation.models import (
    ASSISTED_CHANNELS, Contribution, ContributionEvent, EventKind, Follow, Report, Support,
)
from wijkkompas.participation.workflow import Status
from wijkkompas.regions.models import Region
from wijkkompas.regions.selectors import region_ids_below

#: The CBS hierarchy below a gemeente is at most two levels deep (wijk, buurt).


def _with_counts(contributions: QuerySet) -> QuerySet:
    """With `support_count`, counted per row in a subquery on the supports' unique index: a join
    with GROUP BY over every selected column costs more the more popular a contribution is."""
    supports = (
        Support.objects.filter(contribution=OuterRef("pk")).order_by()
        .values("contribution").annotate(count=Count("*")).values("count")
    )
    return contributions.select_related("region", "forwarded_to").annotate(
        support_count=Coalesce(Subquery(supports, output_field=IntegerField()), 0)
    )


def area_contributions(*, region: Region, kind: str | None = None, theme: str | None = None,
                       status: str | None = None, include_children: bool = True) -> QuerySet:
    """The area's contributions, newest first, with `support_count`. Hidden ones are included:
    the pages show a placeholder with the reason in their place."""
    regions = region_ids_below(region.pk) if include_children else {region.pk}
    contributions = Contribution.objects.filter(region_id__in=regions)
    if kind:
        contributions = contributions.filter(kind=kind)
    if theme:
        contributions = contributions.filter(theme=theme)
    if status:
        contributions = contributions.filter(status=status)
    return _with_counts(contributions)


def contribution_detail(*, contribution_id: int) -> Contribution | None:
    return _with_counts(Contribution.objects.filter(pk=contribution_id)).first()


def contribution_to_act_on(*, contribution_id: int) -> Contribution | None:
    """A contribution with its region (which the permission check reads), without counts."""
    return Contribution.objects.select_related("region").filter(pk=contribution_id).first()


def public_trail(*, contribution: Contribution) -> QuerySet:
    """The events everyone sees, oldest first. Never show their `actor`: that is for staff."""
    return contribution.events.filter(is_public=True).select_related("organisation")


def staff_trail(*, contribution: Contribution) -> QuerySet:
    """Every event with who made it (including who entered assisted input)."""
    return contribution.events.select_related("organisation", "actor")


def viewer_state(*, user, contribution: Contribution) -> tuple[bool, bool]:
    """(has supported, is following) for the signed-in visitor."""
    if user is None or not user.is_authenticated:
        return False, False
    return (
        Support.objects.filter(contribution=contribution, user=user).exists(),
        Follow.objects.filter(contribution=contribution, user=user).exists(),
    )


@dataclass(frozen=True)
class OwnContributions:
    own: list[Contribution]
    supported: list[Contribution]


def contributions_of(*, user) -> OwnContributions:
    """For /mijn-inbreng/: what the person wrote and what they support, each with its public trail
    prefetched as `public_events`."""
    from django.db.models import Prefetch

    events = Prefetch("events", queryset=ContributionEvent.objects.filter(is_public=True).select_related("organisation"),
                      to_attr="public_events")
    own = _with_counts(Contribution.objects.filter(author=user)).prefetch_related(events)
    supported = _with_counts(Contribution.objects.filter(supports__user=user).exclude(author=user)).prefetch_related(events)
    return OwnContributions(own=list(own), supported=list(supported))


def overdue_forwarded(*, region: Region) -> QuerySet:
    """Forwarded contributions the organisation has not answered within its term."""
    return _with_counts(
        Contribution.objects.filter(
            region_id__in=region_ids_below(region.pk), status=Status.FORWARDED, forward_due__lt=timezone.localdate(),
        )
    ).order_by("forward_due", "id")


def forwarded_items(*, organisation) -> list[Contribution]:
    """What was forwarded to an organisation: still open first (oldest term first), each with `is_overdue`."""
    today = timezone.localdate()
    items = list(_with_counts(Contribution.objects.filter(forwarded_to=organisation)))
    for item in items:
        item.is_overdue = item.status == Status.FORWARDED and item.forward_due is not None and item.forward_due < today
    items.sort(key=lambda item: (item.status != Status.FORWARDED, item.forward_due or datetime.date.max, item.pk))
    return items


@dataclass(frozen=True)
class ResponseFigures:
    """How an area's contributions were answered. Assisted input and hidden ones count too."""

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


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def response_figures(*, region: Region) -> ResponseFigures:
    contributions = Contribution.objects.filter(region_id__in=region_ids_below(region.pk)).annotate(
        was_forwarded=Exists(ContributionEvent.objects.filter(contribution=OuterRef("pk"), to_status=Status.FORWARDED)),
        was_answered=Exists(ContributionEvent.objects.filter(contribution=OuterRef("pk"),
                                                             kind=EventKind.FORWARD_ANSWERED)),
    )
    rows = list(contributions.values(
        "created_at", "first_public_answer_at", "status", "channel", "residents_count", "forward_due", "satisfied",
        "was_forwarded", "was_answered",
    ))
    count, today = len(rows), timezone.localdate()
    days = [(row["first_public_answer_at"] - row["created_at"]).total_seconds() / 86400
            for row in rows if row["first_public_answer_at"]]
    forwarded = [row for row in rows if row["was_forwarded"]]
    rated = [row for row in rows if row["satisfied"] is not None]
    return ResponseFigures(
        count=count,
        residents_count=sum(row["residents_count"] for row in rows),
        share_answered=_share(len(days), count),
        median_days_to_first_answer=statistics.median(days) if days else None,
        share_in_agenda=_share(sum(row["status"] == Status.IN_AGENDA for row in rows), count),
        share_forwarded=_share(len(forwarded), count),
        share_forwarded_answered=_share(sum(row["was_answered"] for row in forwarded), len(forwarded)),
        share_assisted=_share(sum(row["channel"] in ASSISTED_CHANNELS for row in rows), count),
        overdue_count=sum(row["status"] == Status.FORWARDED and row["forward_due"] is not None
                          and row["forward_due"] < today for row in rows),
        rated_count=len(rated),
        share_satisfied=_share(sum(row["satisfied"] for row in rated), len(rated)),
    )


@dataclass(frozen=True)
class ThemeVoice:
    count: int
    by_kind: dict[str, int]
    latest: list[Contribution]


def voice_per_theme(*, region: Region, latest: int = 3) -> dict[str, ThemeVoice]:
    """What residents say per theme, for the profile: counts by kind and the latest visible ones."""
    contributions = Contribution.objects.filter(region_id__in=region_ids_below(region.pk))
    counts: dict[str, dict[str, int]] = {}
    for row in contributions.values("theme", "kind").annotate(n=Count("id")):
        counts.setdefault(row["theme"], {})[row["kind"]] = row["n"]
    voices = {}
    for theme, by_kind in counts.items():
        recent = _with_counts(contributions.filter(theme=theme, hidden=False)).order_by("-created_at", "-id")[:latest]
        voices[theme] = ThemeVoice(count=sum(by_kind.values()), by_kind=by_kind, latest=list(recent))
    return voices


def moderation_queue(*, regions: set[int] | None = None) -> QuerySet:
    """Open reports, oldest first, with what they are about; `regions` limits them to those areas."""
    reports = Report.objects.filter(handled=False).select_related(
        "contribution__region", "reaction__contribution__region", "reporter",
    )
    if regions is not None:
        reports = reports.filter(Q(contribution__region_id__in=regions) | Q(reaction__contribution__region_id__in=regions))
    return reports.order_by("created", "id")
