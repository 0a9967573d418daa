"""Response figures per area: assisted input and hidden contributions count in every figure."""

import datetime

import pytest
from django.utils import timezone

from tests.participation.factories import ContributionFactory, UserFactory
from wijkkompas.participation import selectors, services
from wijkkompas.participation.models import Channel, Contribution, Kind
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db


def days_ago(contribution, days):
    Contribution.objects.filter(pk=contribution.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_an_area_without_contributions_has_no_shares(area):
    figures = selectors.response_figures(region=area[0])
    assert figures.count == 0 and figures.share_answered is None and figures.median_days_to_first_answer is None


def test_the_figures_follow_what_happened(area, buurt, professional, organisation, org_member, moderator):
    agenda, forwarded, overdue, waiting = (ContributionFactory(region=buurt) for _ in range(4))
    assisted = services.record_assisted_input(
        entered_by=professional, region=buurt, kind=Kind.SIGNAL, title="Te hard rijden", text="Op de Kerkweg.",
        theme="veiligheid", channel=Channel.PAPER, conversation_date=datetime.date(2026, 1, 1), residents_count=4,
        consent_asked=True,
    )
    for contribution, days in ((agenda, 4), (forwarded, 10), (overdue, 30), (assisted, 2)):
        days_ago(contribution, days)
        contribution.refresh_from_db()
    services.change_status(actor=professional, contribution=agenda, to_status=Status.IN_AGENDA, public_text="Ja.")
    for contribution in (forwarded, overdue):
        services.change_status(actor=professional, contribution=contribution, to_status=Status.FORWARDED,
                               public_text="Naar de corporatie.", organisation=organisation)
    services.answer_forwarded(actor=org_member, contribution=forwarded, public_text="Opgelost.")
    Contribution.objects.filter(pk=overdue.pk).update(forward_due=timezone.localdate() - datetime.timedelta(days=1))
    services.rate_answer(user=agenda.author, contribution=agenda, satisfied=True)
    services.rate_answer(user=forwarded.author, contribution=forwarded, satisfied=False)
    services.hide(moderator=moderator, contribution=waiting, reason="Spam")

    figures = selectors.response_figures(region=area[0])  # the gemeente: its buurt counts
    assert figures.count == 5 and figures.residents_count == 1 * 4 + 4
    assert figures.share_answered == pytest.approx(4 / 5)  # agenda, forwarded, overdue, and the hidden one's reason
    assert figures.median_days_to_first_answer == pytest.approx((4 + 10) / 2, abs=0.01)  # of 0, 4, 10 and 30
    assert figures.share_in_agenda == pytest.approx(1 / 5)
    assert figures.share_forwarded == pytest.approx(2 / 5)
    assert figures.share_forwarded_answered == pytest.approx(1 / 2)
    assert figures.share_assisted == pytest.approx(1 / 5)
    assert figures.overdue_count == 1
    assert list(selectors.overdue_forwarded(region=area[0])) == [overdue]
    assert (figures.rated_count, figures.share_satisfied) == (2, pytest.approx(1 / 2))


def test_voice_per_theme_counts_by_kind_and_shows_the_latest_visible(buurt):
    older = ContributionFactory(region=buurt, theme="veiligheid", kind=Kind.SIGNAL, title="Donker pad")
    days_ago(older, 3)
    newer = ContributionFactory(region=buurt, theme="veiligheid", kind=Kind.COMPLIMENT, title="Fijne wijkagent")
    hidden = ContributionFactory(region=buurt, theme="veiligheid", kind=Kind.SIGNAL, hidden=True)
    ContributionFactory(region=buurt, theme="wonen")
    voices = selectors.voice_per_theme(region=buurt)
    assert set(voices) == {"veiligheid", "wonen"}
    safety = voices["veiligheid"]
    assert safety.count == 3 and safety.by_kind == {Kind.SIGNAL: 2, Kind.COMPLIMENT: 1}
    assert safety.latest == [newer, older] and hidden not in safety.latest


def test_contributions_of_lists_own_and_supported_with_their_trail(buurt):
    user = UserFactory()
    own = ContributionFactory(region=buurt, author=user)
    supported = ContributionFactory(region=buurt)
    services.support(user=user, contribution=supported)
    services.support(user=user, contribution=own)
    ContributionFactory(region=buurt)
    mine = selectors.contributions_of(user=user)
    assert mine.own == [own] and mine.supported == [supported]
    assert [event.kind for event in mine.own[0].public_events] == ["submitted"]
    assert selectors.viewer_state(user=user, contribution=supported) == (True, False)
