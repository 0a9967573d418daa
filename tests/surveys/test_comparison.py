"""Leefwereld next to systeemwereld on small data worked out by hand: the latest closed period's
published results beside the Leefbaarometer, registered crime, the Veiligheidsindex and the
weakest themes, with the written rules for when they disagree."""

import pytest
from django.urls import reverse

from tests.indicators.factories import IndicatorFactory, ObservationFactory
from tests.surveys.factories import add_responses, close_period, make_survey_area, open_period
from wijkkompas.indicators.models import Direction, Observation, Perspective, Theme, Unit
from wijkkompas.profiles.selectors import profile_for
from wijkkompas.scores.models import Score
from wijkkompas.surveys.comparison import compare

pytestmark = pytest.mark.django_db

FIGURES = {  # key: (theme, direction, perspective, unit)
    "lbm_totaalscore": (Theme.LIVABILITY, Direction.HIGHER_IS_BETTER, Perspective.MODEL, Unit.SCORE),
    "lbm_sociale_samenhang": (Theme.LIVABILITY, Direction.HIGHER_IS_BETTER, Perspective.MODEL, Unit.SCORE),
    "diefstal_uit_woning_per_1000": (Theme.SAFETY, Direction.HIGHER_IS_WORSE, Perspective.REGISTERED, Unit.PER_1000),
    "vi_veiligheidsindex": (Theme.SAFETY, Direction.HIGHER_IS_WORSE, Perspective.REGISTERED, Unit.INDEX),
}
UNHAPPY = {"rapportcijfer": ["4"], "veilig_avond": ["nooit"], "kennen_elkaar": ["oneens"], "helpen_elkaar": ["oneens"],
           "thuis_voelen": ["eens"], "eerst_beter": ["wonen"]}


def figures(region, **percentiles):
    for key, percentile in percentiles.items():
        theme, direction, perspective, unit = FIGURES[key]
        indicator = IndicatorFactory(key=key, theme=theme, direction=direction, perspective=perspective, unit=unit)
        ObservationFactory(region=region, indicator=indicator, year=2020, value=1.0, percentile=percentile)


def theme_scores(region, **ranks):
    for theme, rank in ranks.items():
        Score.objects.create(region=region, level=region.level, year=2022, theme=theme, value=-rank / 100,
                             indicator_count=5, rank=rank, peer_count=100, weight=1.0)


def pairs(region):
    comparison = compare(profile=profile_for(region=region))
    return comparison, {pair.key: pair for pair in comparison.pairs}


def test_where_residents_and_figures_disagree_the_block_says_so():
    """12 residents: mark 4, never safe in the evening, 2 of 3 cohesion items disagreed, housing
    first. The figures: Leefbaarometer at percentile 80 (better half), theft at 20 and the
    Veiligheidsindex at 30 (both higher-is-worse, so better half), cohesion at 60; weakest themes
    safety (place 1 of 100), education (5) and health (10), housing at 90."""
    area = make_survey_area()
    figures(area.wijk, lbm_totaalscore=80, lbm_sociale_samenhang=60, diefstal_uit_woning_per_1000=20,
            vi_veiligheidsindex=30)
    theme_scores(area.wijk, veiligheid=1, onderwijs=5, gezondheid=10, wonen=90)
    period = open_period(area.wijk)
    add_responses(period, 12, answers=UNHAPPY)
    close_period(period)

    comparison, by_key = pairs(area.wijk)
    assert comparison.period == period
    mark = by_key["rapportcijfer"]
    assert (mark.survey, mark.respondents) == ("Gemiddeld cijfer 4,0", 12)
    assert [row.indicator.key for row in mark.figures] == ["lbm_totaalscore"]
    assert mark.disagreement.startswith("Bewoners geven hun buurt gemiddeld een onvoldoende")
    unsafe = by_key["onveilig"]
    assert unsafe.survey.startswith("100%")
    assert {row.indicator.key for row in unsafe.figures} == {"diefstal_uit_woning_per_1000", "vi_veiligheidsindex"}
    assert unsafe.disagreement is not None
    cohesion = by_key["samenhang"]
    assert cohesion.survey.startswith("33% eens, 67% oneens")  # (0 + 0 + 1) / 3 agree, (1 + 1 + 0) / 3 disagree
    assert cohesion.disagreement is not None
    improve = by_key["eerst_beter"]
    assert [theme.theme for theme in improve.themes] == ["veiligheid", "onderwijs", "gezondheid"]
    assert "wonen" in improve.disagreement and "veiligheid" in improve.disagreement
    assert all(pair.rule for pair in comparison.pairs)


def test_agreement_and_figures_that_point_both_ways_say_nothing():
    """Mark 8 with the Leefbaarometer in the better half agrees; everyone unsafe with theft in the
    better half but the Veiligheidsindex in the worse half cannot be called either way; safety as
    the weakest theme and residents' first choice agree."""
    area = make_survey_area()
    figures(area.wijk, lbm_totaalscore=80, diefstal_uit_woning_per_1000=20, vi_veiligheidsindex=90)
    theme_scores(area.wijk, veiligheid=1, wonen=90)
    period = open_period(area.wijk)
    add_responses(period, 10, answers={"rapportcijfer": ["8"], "veilig_avond": ["soms"], "eerst_beter": ["veiligheid"]})
    close_period(period)
    _comparison, by_key = pairs(area.wijk)
    assert by_key["rapportcijfer"].disagreement is None
    assert by_key["onveilig"].survey.startswith("100%") and by_key["onveilig"].disagreement is None
    assert by_key["eerst_beter"].disagreement is None
    assert by_key["samenhang"].reason == "te weinig antwoorden" and by_key["samenhang"].figures == []


def test_only_published_figures_of_a_closed_period_are_used_and_none_enter_the_scores():
    area = make_survey_area()
    figures(area.wijk, lbm_totaalscore=80)
    theme_scores(area.wijk, wonen=90)
    assert compare(profile=profile_for(region=area.wijk)) is None  # no closed period

    small = open_period(area.wijk, title="Peiling 2025")
    add_responses(small, 9, answers=UNHAPPY)
    close_period(small)
    current = open_period(area.wijk, title="Peiling 2026")
    add_responses(current, 30, answers=UNHAPPY)  # still open: not used
    observations, scores = list(Observation.objects.values_list("pk", "value", "percentile")), list(Score.objects.values())

    comparison, by_key = pairs(area.wijk)
    assert comparison.period == small
    assert all(pair.survey is None and pair.disagreement is None for pair in comparison.pairs)
    assert by_key["rapportcijfer"].reason == "te weinig antwoorden"
    assert list(Observation.objects.values_list("pk", "value", "percentile")) == observations
    assert list(Score.objects.values()) == scores


def test_the_profile_loads_the_block_fresh_and_it_works_as_a_page_without_htmx(client):
    area = make_survey_area()
    figures(area.wijk, lbm_totaalscore=80)
    period = open_period(area.wijk)
    add_responses(period, 12, answers=UNHAPPY)
    url = reverse("surveys:beside", args=[area.wijk.code])
    profile = client.get(reverse("profile", args=[area.wijk.code])).content.decode()
    assert f'hx-get="{url}"' in profile

    assert "nog geen gesloten buurtpeiling" in client.get(url, headers={"HX-Request": "true"}).content.decode()
    close_period(period)
    fragment = client.get(url, headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert fragment["Cache-Control"] == "no-store" and "<html" not in body
    assert "Gemiddeld cijfer 4,0" in body and "Ze verschillen:" in body
    assert reverse("indicator", args=["lbm_totaalscore"]) in body
    page = client.get(url).content.decode()
    assert "<html" in page and "Gemiddeld cijfer 4,0" in page
    assert client.post(url).status_code == 405
