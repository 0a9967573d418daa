"""The suppression rule against the derivation attacks of issue 13, on small data computed by hand.

Each test builds a period whose groups are known, then plays the attacker: it takes every figure
that is published and checks that the withheld one cannot be computed from them.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.surveys.factories import add_responses, close_period, make_survey_area, open_period, professional
from wijkkompas.surveys import selectors, services
from wijkkompas.surveys.models import Channel
from wijkkompas.surveys.suppression import THRESHOLD, withheld_groups

pytestmark = pytest.mark.django_db


def mark(results, key="rapportcijfer"):
    return next(question for question in results.questions if question.key == key)


def test_primary_and_complementary_rule_by_hand():
    assert withheld_groups({"a": 12, "b": 10}) == frozenset()
    assert withheld_groups({"a": 12, "b": 9}) == {"a", "b"}  # 9 alone would be 21 - 12
    assert withheld_groups({"a": 12, "b": 5, "c": 6}) == {"b", "c"}  # together 11: their union is safe
    assert withheld_groups({"a": 30, "b": 12, "c": 4, "d": 0}) == {"b", "c", "d"}  # the smallest published goes
    assert withheld_groups({"a": 5, "b": 4}) == {"a", "b"}  # a total under 10 publishes nothing
    assert withheld_groups({"a": 15, "b": 0}) == {"b"}  # an empty group gives nothing away
    assert THRESHOLD == 10


def test_a_subgroup_cannot_be_subtracted_from_the_total():
    """14 respondents: 10 aged 25-44 and 4 aged 65+. The total (14) is published; if the 25-44
    group were too, 14 - 10 = 4 would give the 65+ answers. So both age groups are withheld."""
    area = make_survey_area()
    period = open_period(area.wijk)
    add_responses(period, 10, age_group="25_44", answers={"rapportcijfer": ["8"]})
    add_responses(period, 4, age_group="65_plus", answers={"rapportcijfer": ["3"]})
    close_period(period)

    total = selectors.results(period=period)
    assert total.respondents == 14
    assert mark(total).respondents == 14 and mark(total).mean == pytest.approx((10 * 8 + 4 * 3) / 14)
    for group in ("25_44", "65_plus", "45_64", "15_24", ""):
        by_age = selectors.results(period=period, breakdown="leeftijd", group=group)
        assert by_age.respondents is None and by_age.reason == "te weinig antwoorden"
        assert mark(by_age).respondents is None and mark(by_age).mean is None
        assert all(option.count is None and option.share is None for option in mark(by_age).options)


def test_a_period_total_minus_the_other_channels_gives_nothing():
    """22 respondents: 15 online and 7 on paper. Total 22 minus online 15 would be the 7 on paper,
    so online is withheld as well; with 12 online, 6 on paper and 5 in conversations, the two
    small channels together hold 11 and online (12) can be published."""
    area = make_survey_area()
    period = open_period(area.buurt_a)
    add_responses(period, 15, channel=Channel.ONLINE)
    add_responses(period, 7, channel=Channel.PAPER, answers={"rapportcijfer": ["2"]})
    close_period(period)
    assert selectors.results(period=period).respondents == 22
    for channel in Channel.values:
        assert selectors.results(period=period, breakdown="kanaal", group=channel).respondents is None

    other = open_period(area.buurt_b)
    add_responses(other, 12, channel=Channel.ONLINE)
    add_responses(other, 6, channel=Channel.PAPER)
    add_responses(other, 5, channel=Channel.CONVERSATION)
    close_period(other)
    online = selectors.results(period=other, breakdown="kanaal", group=Channel.ONLINE)
    assert online.respondents == 12 and mark(online).options[6].count == 12  # mark 7
    assert selectors.results(period=other, breakdown="kanaal", group=Channel.PAPER).respondents is None
    assert selectors.results(period=other, breakdown="kanaal", group=Channel.CONVERSATION).respondents is None
    # What the attacker can compute: 23 - 12 = 11 for paper and conversation together, which is 10 or more.


def test_each_question_is_protected_on_its_own_respondents():
    """12 online and 10 on paper, but one paper respondent skipped the home question: its paper
    base is 9, so the home figures of both channels are withheld (22 - 12 = 9 otherwise), while
    the respondent counts and the report mark stay published."""
    area = make_survey_area()
    period = open_period(area.buurt_a)
    both = {"rapportcijfer": ["6"], "woning": ["tevreden"]}
    add_responses(period, 12, channel=Channel.ONLINE, answers=both)
    add_responses(period, 9, channel=Channel.PAPER, answers={"rapportcijfer": ["6"], "woning": ["ontevreden"]})
    add_responses(period, 1, channel=Channel.PAPER, answers={"rapportcijfer": ["6"]})
    close_period(period)
    for channel, respondents in ((Channel.ONLINE, 12), (Channel.PAPER, 10)):
        result = selectors.results(period=period, breakdown="kanaal", group=channel)
        assert result.respondents == respondents
        assert mark(result).respondents == respondents
        assert mark(result, "woning").respondents is None
        assert all(option.count is None for option in mark(result, "woning").options)
    home = mark(selectors.results(period=period), "woning")
    assert home.respondents == 21
    assert [option.count for option in home.options] == [12, 0, 9]


def test_two_overlapping_filters_are_never_combined():
    """13 aged 65+ and 12 in the Noordbuurt, of whom 3 are both. Each filter on its own is
    published; their overlap (3) is not, not as a combination and not as a group of anything."""
    area = make_survey_area()
    period = open_period(area.wijk)
    add_responses(period, 3, age_group="65_plus", buurt=area.buurt_a, answers={"rapportcijfer": ["1"]})
    add_responses(period, 10, age_group="65_plus", buurt=area.buurt_b)
    add_responses(period, 9, age_group="25_44", buurt=area.buurt_a)
    add_responses(period, 11, age_group="25_44", buurt=area.buurt_b)
    close_period(period)
    aged = selectors.results(period=period, breakdown="leeftijd", group="65_plus")
    north = selectors.results(period=period, breakdown="buurt", group=area.buurt_a.code)
    assert (aged.respondents, north.respondents) == (13, 12)
    with pytest.raises(TypeError):
        selectors.results(period=period, breakdown="leeftijd", group="65_plus", buurt=area.buurt_a.code)
    published = [selectors.results(period=period)] + [
        selectors.results(period=period, breakdown=breakdown, group=key)
        for breakdown in selectors.BREAKDOWNS
        for key, _label in selectors.breakdown_groups(period=period, breakdown=breakdown)
    ]
    # The marks of 1 were given by the 3 in the overlap only; no published group is that small.
    assert all(result.respondents is None or result.respondents >= THRESHOLD for result in published)
    assert {result.respondents for result in published} == {None, 33, 13, 20, 12, 21}


def test_the_tenth_respondent_makes_the_figures_appear():
    area = make_survey_area()
    period = open_period(area.buurt_a)
    add_responses(period, 9)
    nine = selectors.results(period=close_period(period))
    assert nine.respondents is None and all(question.suppressed for question in nine.questions)
    assert nine.reason == "te weinig antwoorden"
    other = open_period(area.buurt_b)
    add_responses(other, 10)
    ten = selectors.results(period=close_period(other))
    assert ten.respondents == 10 and mark(ten).respondents == 10 and mark(ten).options[6].share == 1.0


def everything_published(client, period) -> dict:
    """All an attacker can get about the period at one moment: the page's results, the API for
    everyone and for every group, the CSV, who took part and the comparison over periods."""
    code = period.region.code
    page = client.get(reverse("surveys:survey", args=[code]), {"periode": period.pk}).content.decode()
    section = re.search(r'<section class="wk-section" aria-labelledby="resultaten">.*?</section>', page, re.S).group()
    api = [client.get(f"/api/surveys/{period.pk}/results").json()] + [
        client.get(f"/api/surveys/{period.pk}/results", {name: key}).json()
        for name, breakdown in (("channel", "kanaal"), ("age_group", "leeftijd"), ("buurt", "buurt"))
        for key, _label in selectors.breakdown_groups(period=period, breakdown=breakdown) if key
    ]
    return {
        "page": section, "api": api,
        "csv": client.get(reverse("surveys:csv", args=[code]), {"periode": period.pk}).content.decode(),
        "participation": [selectors.participation(period=period, breakdown=breakdown) for breakdown in ("leeftijd", "buurt")],
        "trend": repr(selectors.trend(region=period.region)),
    }


def test_figures_before_and_after_one_response_give_nothing_away(client):
    """Time differencing: 14 respondents, then one more (mark 1, aged 65+, in the Zuidbuurt), then
    one changes their answer. With live results the difference between two looks would be that one
    person's answers. While the period is open, every look gives the same: no figure, and the
    number of responses rounded down to tens. Once closed, the figures appear and stay final."""
    area = make_survey_area()
    period = open_period(area.wijk)
    add_responses(period, 14, age_group="25_44", buurt=area.buurt_a)
    before = everything_published(client, period)
    assert before["api"][0]["respondents"] is None and before["api"][0]["responses_so_far"] == 10
    assert "te weinig antwoorden" not in before["page"] and "10 of meer" in before["page"]

    worker = professional(area.gemeente)
    first, second = services.issue_paper_codes(actor=worker, period=period, count=2)
    answers = {"rapportcijfer": ["1"], "veilig_avond": ["nooit"]}
    services.submit_with_code(period=period, code=first.code, answers=answers, age_group="65_plus", buurt=area.buurt_b)
    assert everything_published(client, period) == before
    services.submit_with_code(period=period, code=first.code, answers={"rapportcijfer": ["10"]})
    assert everything_published(client, period) == before

    add_responses(period, 4, age_group="25_44", buurt=area.buurt_a)
    services.submit_with_code(period=period, code=second.code, answers=answers)  # the 20th
    twenty = everything_published(client, period)
    assert twenty["api"][0]["responses_so_far"] == 20
    assert all(question["respondents"] is None and all(option["count"] is None for option in question["options"])
               for result in twenty["api"] for question in result["questions"])
    assert twenty["csv"] == before["csv"] and twenty["participation"] == before["participation"]

    close_period(period)
    final = everything_published(client, period)
    assert final["api"][0]["respondents"] == 20 and final["api"][0]["responses_so_far"] is None
    with pytest.raises(ValidationError):
        services.submit_with_code(period=period, code=first.code, answers=answers)
    assert everything_published(client, period) == final
