"""The Wijktoets on real slices of the bundled data, checked against figures worked out by hand
from the bundled files (CBS Kerncijfers wijken en buurten 2022, cbs_kwb2022_wijken_tmap.csv)."""

import pytest

from tests.wijktoets.zandvoort import FIGURES, TOUCHED, expected_ratio, vulnerability_order
from wijkkompas.scores.models import OVERALL, Score
from wijkkompas.wijktoets import services
from wijkkompas.wijktoets.definition import Definition, Group

pytestmark = pytest.mark.django_db

LOW_INCOME = Group(indicator="pct_personen_laag_inkomen", base="inwoners")


def zandvoort(*groups, **fields):
    return Definition(level="wijk", year=2022, municipality="GM0473", groups=groups or (LOW_INCOME,), **fields)


def test_zandvoort_low_income_by_hand(bundled_data):
    order = vulnerability_order()
    assert len(order) >= 2  # the stored scores of 2022 cover these wijken
    outcome = services.run_test(definition=zandvoort())
    assert outcome.score_year == 2022
    result = outcome.result
    rows = {row["code"]: row for row in result["areas"]}
    assert TOUCHED == pytest.approx({"WK047301": 3407.04, "WK047302": 3272.78, "WK047303": 398.475})
    for code, number in TOUCHED.items():
        assert rows[code]["burden"] == pytest.approx(number, abs=1e-6)
        assert rows[code]["burden_share"] == pytest.approx(FIGURES[code][1] / 100, abs=1e-9)
    # Buitengebied has no income figure: missing, not 0.
    assert rows["WK047304"]["burden"] is None and rows["WK047304"]["missing"] == ["pct_personen_laag_inkomen"]
    coverage = result["coverage"]
    assert (coverage["areas"], coverage["areas_with_exposure"], coverage["areas_missing_figures"]) == (4, 3, 1)
    assert (coverage["population"], coverage["population_with_exposure"]) == (17100.0, 17075.0)
    assert coverage["areas_in_concentration"] == len(order)
    side = result["sides"]["burden"]
    assert side["total"] == pytest.approx(sum(TOUCHED[code] for code in order))
    for name in ("tenth", "fifth", "third"):
        areas, exposure_share, population_share, ratio = expected_ratio(name)
        assert side["ratios"][name] == pytest.approx(
            {"areas": areas, "exposure_share": exposure_share, "population_share": population_share, "ratio": ratio})
    first = order[0]
    assert side["curve"][1] == pytest.approx([FIGURES[first][0] / sum(FIGURES[code][0] for code in order),
                                              TOUCHED[first] / sum(TOUCHED[code] for code in order)])
    assert side["curve"][-1] == [1.0, 1.0]
    assert side["most_touched"] == ["WK047301"]  # the highest share, 44.8%


def test_utrecht_wijken_elderly_benefit_with_a_focus_area(bundled_data):
    outcome = services.run_test(definition=Definition(
        level="wijk", year=2022, municipality="GM0344",
        groups=(Group(indicator="pct_65_plus", base="inwoners", effect="benefit"),),
    ))
    result = outcome.result
    assert result["coverage"]["areas"] == 10 and result["coverage"]["areas_missing_figures"] == 0
    side = result["sides"]["benefit"]
    rows = sorted((row for row in result["areas"]), key=lambda row: row["vulnerability_rank"])
    # By hand over the stored figures: 2 of 10 wijken are the fifth.
    fifth = rows[:2]
    total = sum(row["population"] * row["benefit_share"] for row in rows)
    population = sum(row["population"] for row in rows)
    assert side["ratios"]["fifth"]["areas"] == 2
    assert side["ratios"]["fifth"]["ratio"] == pytest.approx(
        (sum(row["benefit"] for row in fifth) / total) / (sum(row["population"] for row in fifth) / population))
    assert side["ratios"]["third"]["areas"] == 3
    # Utrecht has the focus area Overvecht; all of the test's exposure is in its municipality.
    assert side["focus"][0]["focus_areas"] == ["Utrecht Overvecht"]
    assert side["focus"][0]["exposure_share"] == 1.0


def test_a_rerun_on_the_same_data_gives_identical_figures(bundled_data):
    definition = Definition(level="wijk", year=2022, groups=(LOW_INCOME, Group(indicator="woningvoorraad",
                                                                                 weight=0.5)))
    first = services.run_test(definition=definition).result
    second = services.run_test(definition=definition).result
    assert first == second
    assert first["coverage"]["areas"] > 3000  # all wijken of the Netherlands


def test_buurten_of_2024_are_compared_with_the_scores_that_cover_most_of_them(bundled_data):
    outcome = services.run_test(definition=Definition(
        level="buurt", year=2024, municipality="GM0363", groups=(Group(indicator="inwoners_65_plus"),),
    ))
    coverage = outcome.result["coverage"]
    assert coverage["areas_with_exposure"] == coverage["areas"] > 400
    codes = [row["code"] for row in outcome.result["areas"]]
    years = set(Score.objects.filter(level="buurt", theme=OVERALL).values_list("year", flat=True))
    counts = {year: Score.objects.filter(level="buurt", year=year, theme=OVERALL, region__code__in=codes).count()
              for year in years}
    assert counts.get(outcome.score_year, 0) == max(counts.values(), default=0)
    assert coverage["areas_in_concentration"] == counts.get(outcome.score_year, 0)


@pytest.mark.parametrize(("definition", "field"), [
    (Definition(level="provincie", year=2022, groups=(LOW_INCOME,)), "level"),
    (Definition(level="wijk", year=2022, groups=()), "groups"),
    (Definition(level="wijk", year=2022, groups=(Group(indicator="pct_personen_laag_inkomen"),)), "groups"),
    (Definition(level="wijk", year=2022, groups=(Group(indicator="inwoners", base="woningvoorraad"),)), "groups"),
    (Definition(level="wijk", year=2022, groups=(Group(indicator="geen_indicator"),)), "groups"),
    (Definition(level="wijk", year=2022, groups=(Group(indicator="inwoners", weight=0),)), "groups"),
    (Definition(level="wijk", year=2022, municipality="GM9999", groups=(LOW_INCOME,)), "municipality"),
])
def test_definitions_the_data_cannot_answer_are_refused(bundled_data, definition, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.run_test(definition=definition)
    assert field in refused.value.message_dict
