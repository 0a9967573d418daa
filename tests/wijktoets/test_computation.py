"""The Wijktoets computation on small frames, every expected figure worked out by hand."""

import math

import pandas as pd
import pytest

from wijkkompas.wijktoets import computation
from wijkkompas.wijktoets.definition import Definition, Group


def areas(rows):
    return pd.DataFrame(rows, columns=["region_id", "code", "name", "municipality_code", "population", "score"])


def values(rows):
    return pd.DataFrame(rows, columns=["region_id", "indicator_key", "value"])


NO_FOCUS = pd.DataFrame(columns=["municipality_code", "name"])
#: Five areas; E has no low-income figure, D no overall score.
AREAS = areas([
    (1, "WK000101", "A", "GM0001", 1000.0, -1.0),
    (2, "WK000102", "B", "GM0001", 2000.0, -0.5),
    (3, "WK000103", "C", "GM0002", 3000.0, 0.5),
    (4, "WK000104", "D", "GM0002", 4000.0, math.nan),
    (5, "WK000105", "E", "GM0002", 500.0, 1.0),
])
VALUES = values([
    (1, "pct_laag", 50.0), (2, "pct_laag", 25.0), (3, "pct_laag", 10.0), (4, "pct_laag", 20.0),
    (1, "ouderen", 100.0), (2, "ouderen", 300.0), (3, "ouderen", 600.0), (4, "ouderen", 400.0), (5, "ouderen", 50.0),
])
LOW_INCOME = Group(indicator="pct_laag", base="inwoners")


def values_with_population():
    rows = [(int(row.region_id), "inwoners", row.population) for row in AREAS.itertuples()]
    return pd.concat([VALUES, values(rows)], ignore_index=True)


def definition(*groups):
    return Definition(level="wijk", year=2022, groups=tuple(groups))


def test_a_share_times_its_base_is_a_number_and_a_missing_figure_is_missing_not_zero():
    result = computation.run(AREAS, values_with_population(), definition(LOW_INCOME), focus=NO_FOCUS)
    by_code = {row["code"]: row for row in result["areas"]}
    assert by_code["WK000101"]["burden"] == 500.0  # 1000 x 50%
    assert by_code["WK000102"]["burden"] == 500.0  # 2000 x 25%
    assert by_code["WK000103"]["burden_share"] == pytest.approx(0.1)  # 300 / 3000
    assert by_code["WK000105"]["burden"] is None
    assert by_code["WK000105"]["missing"] == ["pct_laag"]
    assert result["coverage"]["areas_missing_figures"] == 1
    assert result["coverage"]["areas_with_exposure"] == 4
    assert result["coverage"]["areas_without_score"] == 1  # D has exposure but no score
    assert result["coverage"]["population"] == 10500.0
    assert result["coverage"]["population_with_exposure"] == 10000.0


def test_concentration_ratios_by_count_of_areas_over_the_areas_with_exposure_population_and_score():
    side = computation.run(AREAS, values_with_population(), definition(LOW_INCOME), focus=NO_FOCUS)["sides"]["burden"]
    # A, B and C take part (D has no score, E no figure): exposure 500 + 500 + 300 = 1300, population 6000.
    assert side["total"] == 1300.0
    assert side["population"] == 6000.0
    # A tenth and a fifth of 3 areas are rounded down to 0, and at least 1: A alone.
    assert side["ratios"]["fifth"] == {
        "areas": 1, "exposure_share": round(500 / 1300, 9), "population_share": round(1000 / 6000, 9),
        "ratio": round((500 / 1300) / (1000 / 6000), 9),
    }
    assert side["ratios"]["tenth"]["areas"] == 1
    # A third of 3 is 1 area.
    assert side["ratios"]["third"]["areas"] == 1
    assert side["curve"] == [
        [0.0, 0.0], [round(1000 / 6000, 9), round(500 / 1300, 9)], [0.5, round(1000 / 1300, 9)], [1.0, 1.0],
    ]


def test_burden_and_benefit_are_added_up_apart_with_their_weights():
    elderly = Group(indicator="ouderen", weight=2.0, effect="benefit")
    result = computation.run(AREAS, values_with_population(), definition(LOW_INCOME, elderly), focus=NO_FOCUS)
    a = next(row for row in result["areas"] if row["code"] == "WK000101")
    assert (a["burden"], a["benefit"], a["benefit_share"]) == (500.0, 200.0, 0.2)
    assert set(result["sides"]) == {"burden", "benefit"}
    # E lacks the low-income figure, so it has no figures on either side.
    e = next(row for row in result["areas"] if row["code"] == "WK000105")
    assert e["benefit"] is None


def test_an_area_without_inhabitants_has_no_share_and_is_not_compared():
    frame = AREAS.copy()
    frame.loc[frame["code"] == "WK000102", "population"] = math.nan
    result = computation.run(frame, VALUES, definition(Group(indicator="ouderen")), focus=NO_FOCUS)
    b = next(row for row in result["areas"] if row["code"] == "WK000102")
    assert b["burden"] == 300.0 and b["burden_share"] is None
    assert b["missing"] == ["inwoners"]
    assert result["coverage"]["areas_without_population"] == 1
    assert result["coverage"]["areas_in_concentration"] == 3  # A, C and E (D: no score; B: no inhabitants)


def test_ties_in_the_score_are_broken_by_code_and_input_order_does_not_matter():
    tied = AREAS.assign(score=[0.0, 0.0, 0.0, 0.0, 0.0])
    first = computation.run(tied, VALUES, definition(Group(indicator="ouderen")), focus=NO_FOCUS)
    shuffled = computation.run(tied.sample(frac=1, random_state=3), VALUES.sample(frac=1, random_state=4),
                               definition(Group(indicator="ouderen")), focus=NO_FOCUS)
    assert first == shuffled
    ranks = {row["code"]: row["vulnerability_rank"] for row in first["areas"]}
    assert ranks == {"WK000101": 1, "WK000102": 2, "WK000103": 3, "WK000104": 4, "WK000105": 5}


def test_most_touched_fifth_and_focus_municipalities():
    focus = pd.DataFrame([("GM0002", "Focus Twee")], columns=["municipality_code", "name"])
    result = computation.run(AREAS, VALUES, definition(Group(indicator="ouderen")), focus=focus)
    side = result["sides"]["burden"]
    # Shares: A 0.1, B 0.15, C 0.2, D 0.1, E 0.1; a fifth of 5 areas is 1: C.
    assert side["most_touched"] == ["WK000103"]
    assert side["focus"] == [{
        "municipality_code": "GM0002", "focus_areas": ["Focus Twee"], "areas": 3,
        "exposure": 1050.0, "exposure_share": round(1050 / 1450, 9), "population_share": round(7500 / 10500, 9),
    }]


def test_no_area_with_figures_gives_no_ratio():
    result = computation.run(AREAS, values([]), definition(Group(indicator="ouderen")), focus=NO_FOCUS)
    side = result["sides"]["burden"]
    assert side["ratios"]["fifth"] == {"areas": 0, "exposure_share": None, "population_share": None, "ratio": None}
    assert side["curve"] == [[0.0, 0.0]]
    assert result["coverage"]["areas_with_exposure"] == 0


@pytest.mark.parametrize(("count", "fraction", "size"), [
    (0, 0.2, 0), (1, 0.1, 1), (3, 0.2, 1), (3, 1 / 3, 1), (9, 1 / 3, 3), (10, 0.2, 2), (3340, 0.1, 334),
    (14, 0.2, 2),
])
def test_group_size_is_rounded_down_and_at_least_one(count, fraction, size):
    assert computation.group_size(count, fraction) == size
