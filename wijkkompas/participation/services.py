"""The one write path for contributions, supports, reactions, reports and the trail.

Every function checks permission through accounts.permissions, validates (ValidationError by
field, in Dutch), runs in one transaction, appends to the trail, audits status changes and
moderation, and writes the notifications of a public event in that same transaction (the outbox).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkompas.accounts.permissions import Action, require, roles_of
from wijkkompas.core.audit import record, target_of
from wijkkompas.indicators.models import Theme
from wijkkompas.participation.models import (
    ASSISTED_CHANNELS, Channel, Contribution, ContributionEvent, EventKind, Follow, Kind, Reaction, Report,
    ReportReason, Support,
)
from wijkkompas.participation.photos import clean_photo
from wijkkompas.participation.workflow import CLOSING, REOPEN_DAYS, Status, TransitionError, check_transition
from wijkkompas.regions.geometry import contains_point
from wijkkompas.regions.models import Level, Region, RegionYear

#: Contributions belong to a neighbourhood or a district, never to a whole municipality.
CONTRIBUTION_LEVELS = (Level.NEIGHBOURHOOD, Level.DISTRICT)


def submit_contribution(
    *, author, region: Region, kind: str, title: str, text: str, theme: str, latitude: float | None = None,
    longitude: float | None = None, place_description: str = "", photo=None, is_example: bool = False,
) -> Contribution:
    require(author, Action.SUBMIT, region=region)
    contribution = Contribution(
        author=author, region=region, kind=kind, title=title.strip(), text=text.strip(), theme=theme,
        latitude=latitude, longitude=longitude, place_description=place_description.strip(),
        channel=Channel.ONLINE, is_example=is_example,
    )
    errors = _content_errors(contribution)
    if photo is not None:
        try:
            cleaned = clean_photo(photo)
        except ValidationError as error:
            errors["photo"] = error.messages
    _raise(errors)
    with transaction.atomic():
        if photo is not None:
            contribution.photo.save(cleaned.name, cleaned, save=False)
        contribution.save()
        _append(contribution, kind=EventKind.SUBMITTED, to_status=Status.RECEIVED, actor=author)
    return contribution


def record_assisted_input(
    *, entered_by, region: Region, kind: str, title: str, text: str, theme: str, channel: str,
    conversation_date: datetime.date, residents_count: int, consent_asked: bool, place_description: str = "",
    is_example: bool = False,
) -> Contribution:
    """What residents said offline, recorded by a professional; no personal data of residents.
    `is_example` marks demo content (it cannot change later: the trail's triggers rely on it)."""
    require(entered_by, Action.RECORD_ASSISTED, region=region)
    contribution = Contribution(
        author=None, entered_by=entered_by, region=region, kind=kind, title=title.strip(), text=text.strip(),
        theme=theme, channel=channel, conversation_date=conversation_date, residents_count=residents_count,
        consent_asked=consent_asked, place_description=place_description.strip(), is_example=is_example,
    )
    errors = _content_errors(contribution)
    if channel not in ASSISTED_CHANNELS:
        errors["channel"] = _("Choose how the residents told it.")
    if consent_asked is not True:
        errors["consent_asked"] = _("Ask the residents whether their words may be published, and tick that you did.")
    if conversation_date is None or conversation_date > timezone.localdate():
        errors["conversation_date"] = _("Fill in the date of the conversation; it cannot be in the future.")
    if not isinstance(residents_count, int) or residents_count < 1:
        errors["residents_count"] = _("Fill in how many residents said this (at least 1).")
    _raise(errors)
    with transaction.atomic():
        contribution.save()
        _append(contribution, kind=EventKind.SUBMITTED, to_status=Status.RECEIVED, actor=entered_by)
    return contribution


def support(*, user, contribution: Contribution) -> bool:
    """Support once per person; False when already supported. The unique constraint keeps the
    count exact when two requests arrive at the same time."""
    require(user, Action.SUPPORT, contribution=contribution)
    _refuse_hidden(contribution)
    try:
        with transaction.atomic():
            Support.objects.create(contribution=contribution, user=user)
    except IntegrityError:
        return False
    return True


def withdraw_support(*, user, contribution: Contribution) -> None:
    require(user, Action.SUPPORT, contribution=contribution)
    Support.objects.filter(contribution=contribution, user=user).delete()


def react(*, author, contribution: Contribution, text: str) -> Reaction:
    require(author, Action.REACT, contribution=contribution)
    _refuse_hidden(contribution)
    reaction = Reaction(contribution=contribution, author=author, text=text.strip())
    _raise(_field_errors(reaction, exclude=["contribution", "author"]))
    reaction.save()
    return reaction


def follow(*, user, contribution: Contribution) -> None:
    require(user, Action.FOLLOW, contribution=contribution)
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(contribution=contribution, user=user)
    except IntegrityError:  # followed at the same moment in another request
        pass


def unfollow(*, user, contribution: Contribution) -> None:
    require(user, Action.FOLLOW, contribution=contribution)
    Follow.objects.filter(contribution=contribution, user=user).delete()


def report(*, reporter, contribution: Contribution | None = None, reaction: Reaction | None = None,
           reason: str, text: str = "") -> Report:
    target = _one_target(contribution, reaction)
    require(reporter, Action.REPORT, contribution=target)
    item = Report(contribution=contribution, reaction=reaction, reporter=reporter, reason=reason, text=text.strip())
    errors = _field_errors(item, exclude=["contribution", "reaction", "reporter", "handled_by"])
    if reason not in ReportReason.values:
        errors["reason"] = _("Choose a reason.")
    _raise(errors)
    item.save()
    return item


def change_status(*, actor, contribution: Contribution, to_status: str, public_text: str = "",
                  reason_category: str = "", organisation=None) -> ContributionEvent:
    """A staff decision on a contribution, with its public explanation where the workflow needs one."""
    require(actor, Action.CHANGE_STATUS, contribution=contribution)
    if to_status == Status.FORWARDED:
        require(actor, Action.FORWARD, contribution=contribution)
    if to_status == Status.REOPENED:
        raise TransitionError("Reopening is asked by the author (request_reopen).")
    public_text = public_text.strip()
    _check_length(public_text)
    with transaction.atomic():
        locked = _locked(contribution)
        check_transition(
            from_status=locked.status, to_status=to_status, roles=roles_of(actor, locked.region),
            public_text=public_text, reason_category=reason_category, organisation=organisation,
        )
        now = timezone.now()
        if to_status == Status.FORWARDED:
            locked.forwarded_to = organisation
            locked.forward_due = timezone.localdate() + datetime.timedelta(days=organisation.response_days)
            locked.forward_accepted_at = None
        elif locked.status == Status.FORWARDED:
            locked.forwarded_to, locked.forward_due = None, None
        event = _change(locked, to_status=to_status, kind=EventKind.STATUS_CHANGED, actor=actor, now=now,
                        public_text=public_text, reason_category=reason_category if to_status == Status.NOT_ADOPTED else "",
                        organisation=organisation if to_status == Status.FORWARDED else None)
    _sync(contribution, locked)
    return event


def accept_forwarded(*, actor, contribution: Contribution) -> ContributionEvent:
    """The organisation it was forwarded to takes it on (within its response term)."""
    require(actor, Action.HANDLE_FORWARDED, contribution=contribution)
    with transaction.atomic():
        locked = _locked(contribution)
        if locked.status != Status.FORWARDED or locked.forward_accepted_at is not None:
            raise ValidationError({"status": _("This contribution is not waiting to be accepted.")})
        locked.forward_accepted_at = timezone.now()
        locked.save(update_fields=["forward_accepted_at"])
        event = _append(locked, kind=EventKind.FORWARD_ACCEPTED, actor=actor, organisation=locked.forwarded_to)
        _audit(actor, "contribution.accept_forwarded", locked)
    _sync(contribution, locked)
    return event


def answer_forwarded(*, actor, contribution: Contribution, public_text: str, close: bool = True) -> ContributionEvent:
    """The organisation's public answer; by default it also closes the contribution as done."""
    require(actor, Action.HANDLE_FORWARDED, contribution=contribution)
    public_text = public_text.strip()
    _check_length(public_text)
    if not public_text:
        raise ValidationError({"public_text": _("Explain in public what was decided and why.")})
    with transaction.atomic():
        locked = _locked(contribution)
        if locked.status != Status.FORWARDED:
            raise ValidationError({"status": _("This contribution is not forwarded to an organisation.")})
        now = timezone.now()
        locked.forward_accepted_at = locked.forward_accepted_at or now
        if close:
            check_transition(from_status=locked.status, to_status=Status.DONE,
                             roles=roles_of(actor, locked.region), public_text=public_text)
            event = _change(locked, to_status=Status.DONE, kind=EventKind.FORWARD_ANSWERED, actor=actor, now=now,
                            public_text=public_text, organisation=locked.forwarded_to)
        else:
            locked.first_public_answer_at = locked.first_public_answer_at or now
            locked.save(update_fields=["forward_accepted_at", "first_public_answer_at"])
            event = _append(locked, kind=EventKind.FORWARD_ANSWERED, actor=actor, public_text=public_text,
                            organisation=locked.forwarded_to)
            _audit(actor, "contribution.answer_forwarded", locked)
    _sync(contribution, locked)
    return event


def rate_answer(*, user, contribution: Contribution, satisfied: bool) -> ContributionEvent:
    """The author says whether the answer satisfies them: once per closing, shown only in the figures."""
    require(user, Action.RATE_ANSWER, contribution=contribution)
    with transaction.atomic():
        locked = _locked(contribution)
        if locked.status not in CLOSING:
            raise ValidationError({"satisfied": _("You can rate the answer once the contribution is closed.")})
        if locked.satisfied is not None:
            raise ValidationError({"satisfied": _("You have already rated this answer.")})
        locked.satisfied = bool(satisfied)
        locked.save(update_fields=["satisfied"])
        event = _append(locked, kind=EventKind.RATED, actor=user, is_public=False)
    _sync(contribution, locked)
    return event


def request_reopen(*, user, contribution: Contribution, reason: str) -> ContributionEvent:
    """The author asks, within REOPEN_DAYS of closing and with a reason, to take it up again."""
    require(user, Action.REQUEST_REOPEN, contribution=contribution)
    reason = reason.strip()
    _check_length(reason, field="reason")
    if not reason:
        raise ValidationError({"reason": _("Tell us why the contribution should be reopened.")})
    with transaction.atomic():
        locked = _locked(contribution)
        if locked.status not in CLOSING:
            raise ValidationError({"reason": _("Only a closed contribution can be reopened.")})
        if timezone.now() - locked.closed_at > datetime.timedelta(days=REOPEN_DAYS):
            raise ValidationError({"reason": _("A contribution can be reopened up to 14 days after it was closed.")})
        check_transition(from_status=locked.status, to_status=Status.REOPENED, roles=roles_of(user, locked.region),
                         public_text=reason)
        event = _change(locked, to_status=Status.REOPENED, kind=EventKind.REOPEN_REQUESTED, actor=user,
                        now=timezone.now(), public_text=reason)
    _sync(contribution, locked)
    return event


def hide(*, moderator, contribution: Contribution | None = None, reaction: Reaction | None = None, reason: str):
    """Hide a contribution or reaction; the public sees a placeholder with the reason."""
    return _moderate(moderator, contribution, reaction, hidden=True, reason=reason)


def restore(*, moderator, contribution: Contribution | None = None, reaction: Reaction | None = None, reason: str = ""):
    return _moderate(moderator, contribution, reaction, hidden=False, reason=reason)


def anonymise_closed(*, older_than_days: int = 365) -> int:
    """Unlink the people from contributions closed longer than `older_than_days` ago; the public
    contribution and its trail stay. Returns how many contributions were anonymised."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    due = Contribution.objects.filter(status__in=CLOSING, closed_at__lt=cutoff, anonymised=False)
    count = 0
    for contribution_id in due.values_list("id", flat=True).iterator():
        with transaction.atomic():
            contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
            forget_people(contribution)
        count += 1
    return count


def forget_people(contribution: Contribution) -> None:
    """Drop the personal data on one contribution: author, who entered it, the photo (it may
    show people), followers, reaction authors and reporters; the trail keeps its texts."""
    people = {contribution.author_id, contribution.entered_by_id} - {None}
    ContributionEvent.objects.filter(contribution=contribution, actor_id__in=people).forget_actors()
    if contribution.photo:
        contribution.photo.delete(save=False)
    contribution.author, contribution.entered_by, contribution.anonymised = None, None, True
    contribution.save(update_fields=["author", "entered_by", "photo", "anonymised"])
    contribution.follows.all().delete()
    contribution.reactions.update(author=None)
    Report.objects.filter(contribution=contribution).update(reporter=None)
    Report.objects.filter(reaction__contribution=contribution).update(reporter=None)


def delete_example_content() -> int:
    """Remove all demo contributions with everything hanging on them, trail included (the one
    deletion the trail's triggers allow). Returns how many contributions were removed."""
    examples = Contribution.objects.filter(is_example=True)
    with transaction.atomic():
        events = ContributionEvent.objects.filter(contribution__in=examples)
        for relation in ContributionEvent._meta.related_objects:  # e.g. notifications of these events
            relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": events}).delete()
        events.delete_examples()
        for contribution in examples.exclude(photo=""):
            contribution.photo.delete(save=False)
        count, _by_model = examples.delete()
        return _by_model.get(Contribution._meta.label, 0)


# Helpers


def _content_errors(contribution: Contribution) -> dict[str, list[str]]:
    """Field errors of a new contribution: lengths and choices, level of its region, its point."""
    errors = _field_errors(contribution, exclude=["region", "author", "entered_by", "photo", "forwarded_to"])
    if contribution.kind not in Kind.values:
        errors["kind"] = [_("Choose what kind of contribution this is.")]
    if contribution.theme not in Theme.values:
        errors["theme"] = [_("Choose a theme.")]
    if contribution.region.level not in CONTRIBUTION_LEVELS:
        errors["region"] = [_("Choose a neighbourhood or district.")]
    point_error = _point_error(contribution)
    if point_error:
        errors["latitude"] = [point_error]
    return errors


def _point_error(contribution: Contribution) -> str | None:
    latitude, longitude = contribution.latitude, contribution.longitude
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        return _("The point on the map is incomplete.")
    boundary = (
        RegionYear.objects.filter(region=contribution.region, geometry__isnull=False)
        .order_by("-year").values_list("geometry", flat=True).first()
    )
    if boundary is None:
        return _("There is no map of this area. Describe the place in words instead.")
    if not contains_point(boundary, float(longitude), float(latitude)):
        return _("The point is not inside %(area)s. Choose a point in the area, or describe the place.") % {
            "area": contribution.region.name
        }
    return None


def _field_errors(instance, *, exclude: list[str]) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        return dict(error.message_dict)
    return {}


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _check_length(text: str, *, field: str = "public_text", limit: int = 4000) -> None:
    if len(text) > limit:
        raise ValidationError({field: _("Use at most %(limit)s characters.") % {"limit": limit}})


def _refuse_hidden(contribution: Contribution) -> None:
    if contribution.hidden:
        raise ValidationError({"contribution": _("This contribution has been hidden by a moderator.")})


def _one_target(contribution, reaction) -> Contribution:
    if (contribution is None) == (reaction is None):
        raise ValidationError(_("Choose either a contribution or a reaction."))
    return contribution or reaction.contribution


def _locked(contribution: Contribution) -> Contribution:
    """The contribution re-read under a row lock, so two changes at once see each other's status."""
    return Contribution.objects.select_for_update().select_related("region").get(pk=contribution.pk)


def _sync(contribution: Contribution, locked: Contribution) -> None:
    """Give the caller's instance the values that were written through the locked copy."""
    for field in contribution._meta.concrete_fields:
        setattr(contribution, field.attname, getattr(locked, field.attname))


def _change(contribution, *, to_status, kind, actor, now, public_text="", reason_category="",
            organisation=None) -> ContributionEvent:
    """Move to `to_status` with a public event; keeps the closing and answer times in step."""
    from_status = contribution.status
    contribution.status = to_status
    if to_status in CLOSING:
        contribution.closed_at, contribution.satisfied = now, None
    elif to_status == Status.REOPENED:
        contribution.closed_at = None
    if public_text and kind != EventKind.REOPEN_REQUESTED:
        contribution.first_public_answer_at = contribution.first_public_answer_at or now
    contribution.save()
    event = _append(contribution, kind=kind, from_status=from_status, to_status=to_status, actor=actor,
                    public_text=public_text, reason_category=reason_category, organisation=organisation)
    _audit(actor, f"contribution.{kind}", contribution, details={"from": from_status, "to": to_status})
    return event


def _append(contribution, *, kind, actor, from_status="", to_status="", public_text="", reason_category="",
            organisation=None, is_public=True) -> ContributionEvent:
    """Append one event to the trail and, when it is public, write its notifications (same transaction)."""
    event = ContributionEvent.objects.create(
        contribution=contribution, kind=kind, from_status=from_status, to_status=to_status, public_text=public_text,
        reason_category=reason_category, organisation=organisation, actor=actor, is_public=is_public,
    )
    if is_public:
        from wijkkompas.notifications.services import notify_change

        notify_change(contribution=contribution, event=event)
    return event


def _audit(actor, action: str, contribution: Contribution, *, details: dict | None = None) -> None:
    record(actor, action, target_of(contribution), region=contribution.region, details=details)


def _moderate(moderator, contribution, reaction, *, hidden: bool, reason: str):
    target = _one_target(contribution, reaction)
    require(moderator, Action.MODERATE, contribution=target)
    reason = reason.strip()
    if hidden and not reason:
        raise ValidationError({"reason": _("Give the reason, for the public placeholder.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("Use at most %(limit)s characters.") % {"limit": 300}})
    item = contribution or reaction
    with transaction.atomic():
        item.hidden, item.hidden_reason = hidden, reason if hidden else ""
        item.save(update_fields=["hidden", "hidden_reason"])
        if contribution is not None and hidden and contribution.first_public_answer_at is None:
            # The placeholder with its reason is a public answer too (it counts in the figures).
            contribution.first_public_answer_at = timezone.now()
            contribution.save(update_fields=["first_public_answer_at"])
        reports = Report.objects.filter(contribution=item) if contribution else Report.objects.filter(reaction=item)
        reports.filter(handled=False).update(handled=True, handled_by=moderator)
        action = "moderation.hide" if hidden else "moderation.restore"
        record(moderator, action, target_of(item), region=target.region, details={"reason": reason})
        if contribution is not None:
            _append(contribution, kind=EventKind.HIDDEN if hidden else EventKind.RESTORED, actor=moderator,
                    public_text=reason)
    return item
