"""The method page's worked example (Overvecht, Utrecht, 2022), recomputed here from the bundled
figures of every wijk of 2022, without the score code: population mean and SD per figure,
direction-aware standard scores capped at 3, theme means, and the weights (housing, with only the
WOZ value, an amount of money, weighs half: 0.5 / 2.5 = 20%, the two other themes 40% each).
Also the composite on the bundled data: no figure counted twice, and what the minimums keep."""

import math

import pytest
from django.urls import reverse

from tests.core.html import parse
from wijkkompas.core.numbers import local_number
from wijkkompas.indicators.models import Direction, Indicator, Observation
from wijkkompas.regions.models import Level
from wijkkompas.scores import example, selectors
from wijkkompas.scores.models import OVERALL, Score, ScoreBasis

pytestmark = pytest.mark.django_db
CODE, YEAR = example.EXAMPLE_REGION, example.EXAMPLE_YEAR
#: The figures of a 2022 wijk in the bundled data that count (CBS Kerncijfers wijken en buurten 2022).
FIGURES = {
    "woz_waarde": "wonen", "nettoarbeidsparticipatie": "inkomen_werk", "pct_personen_laag_inkomen": "inkomen_werk",
    "pct_personen_hoog_inkomen": "inkomen_werk", "pct_hbo_wo": "onderwijs",
}
WEIGHTS = {"wonen": 0.2, "inkomen_werk": 0.4, "onderwijs": 0.4}


def by_hand():
    """(value, mean, SD, z) per figure, theme scores and the overall score, from the raw figures."""
    figures = {}
    for key in FIGURES:
        indicator = Indicator.objects.get(key=key)
        values = list(Observation.objects.filter(indicator=indicator, year=YEAR, region__level=Level.DISTRICT)
                      .values_list("region__code", "value"))
        numbers = [value for _, value in values]
        mean = sum(numbers) / len(numbers)
        sd = math.sqrt(sum((value - mean) ** 2 for value in numbers) / len(numbers))
        own = dict(values)[CODE]
        sign = -1 if indicator.direction == Direction.HIGHER_IS_WORSE else 1
        figures[key] = (own, mean, sd, max(-3.0, min(3.0, sign * (own - mean) / sd)))
    themes = {theme: [] for theme in WEIGHTS}
    for key, theme in FIGURES.items():
        themes[theme].append(figures[key][3])
    theme_scores = {theme: sum(zs) / len(zs) for theme, zs in themes.items()}
    overall = sum(WEIGHTS[theme] * score for theme, score in theme_scores.items())
    return figures, theme_scores, overall


def test_the_stored_scores_of_the_example_are_the_hand_computation(bundled_data):
    figures, theme_scores, overall = by_hand()
    stored = {score.theme: score for score in Score.objects.filter(region__code=CODE, year=YEAR)}
    assert stored[OVERALL].value == pytest.approx(overall, abs=1e-9)
    assert stored[OVERALL].indicator_count == 5
    for theme, score in theme_scores.items():
        assert stored[theme].value == pytest.approx(score, abs=1e-9)
        assert stored[theme].weight == pytest.approx(WEIGHTS[theme])
    assert sum(stored[theme].contribution for theme in WEIGHTS) == pytest.approx(overall, abs=1e-9)


def test_the_method_page_shows_the_worked_example(client, bundled_data):
    figures, theme_scores, overall = by_hand()
    document = parse(client.get(reverse("method")).content)
    section = document.find("section", aria_labelledby="voorbeeld")
    assert CODE in section.text()
    rows = section.find("table", id="voorbeeld-cijfers").find("tbody").find_all("tr")
    assert len(rows) == len(FIGURES)
    labels = {Indicator.objects.get(key=key).label: key for key in FIGURES}
    for row in rows:
        label = max((label for label in labels if row.find("th").text().startswith(label)), key=len)
        key = labels[label]
        value, mean, sd, z = figures[key]
        cells = [td.text() for td in row.find_all("td")]
        assert cells[1:] == [local_number(value, 2), local_number(mean, 2), local_number(sd, 2), local_number(z, 3)]
    themes = {row.find("th").text(): [td.text() for td in row.find_all("td")]
              for row in section.find("table", id="voorbeeld-thema").find("tbody").find_all("tr")}
    assert themes["Totaal"][-1] == local_number(overall, 3)
    assert themes["Inkomen en werk"] == [local_number(theme_scores["inkomen_werk"], 3), "40%",
                                         local_number(0.4 * theme_scores["inkomen_werk"], 3)]
    assert themes["Wonen"][1] == "20%"


def test_no_figure_counts_twice_in_the_bundled_scores(bundled_data):
    """The 2022 wijk scores rest on the five figures above (and Amstelveen's own Leefbaarometer
    theme): none of the nested low-income shares, the SES-WOA total or a second average income."""
    keys = set(ScoreBasis.objects.filter(level=Level.DISTRICT, year=YEAR).values_list("indicator__key", flat=True))
    assert {key for key in keys if not key.startswith("lbm_")} == set(FIGURES)
    kept_out = ["ses_woa_totaalscore", "pct_huishoudens_laagste_40", "pct_huishoudens_tot_120_sociaal_minimum",
                "pct_huishoudens_laag_inkomen", "inkomen_per_ontvanger", "gestandaardiseerd_inkomen_huishouden"]
    assert not ScoreBasis.objects.filter(indicator__key__in=kept_out).exists()


def test_what_the_minimums_keep_of_the_2022_wijken(bundled_data):
    """At least 3 themes and 5 figures for an overall score, and at least 500 inhabitants in the
    lists: on the bundled data 3,043 wijken have a 2022 overall score (169 have too few figures),
    and 2,793 of them have at least 500 inhabitants."""
    scored = Score.objects.filter(level=Level.DISTRICT, year=YEAR, theme=OVERALL)
    assert scored.count() == 3043
    assert scored.filter(indicator_count__lt=5).count() == 0
    assert len(selectors.ranking(level=Level.DISTRICT, year=YEAR, min_population=500, limit=None)) == 2793
