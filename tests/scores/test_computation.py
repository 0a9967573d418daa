"""The score computation against values computed by hand on small real slices.

Slice 1: six Groningen wijken from CBS Kerncijfers wijken en buurten 2022
(shared/data/cbs_kwb2022_wijken_tmap.csv, rows WK001400-WK001405):

    code      woz_waarde  nettoarbeidsparticipatie  pct_personen_laag_inkomen  pct_personen_hoog_inkomen  pct_hbo_wo  inwoners
    WK001400  244         59                        60.3                       10.5                       46          23065
    WK001401  232         62                        49.4                       14.5                       49          20250
    WK001402  257         62                        49.9                       16.2                       53          14035
    WK001403  199         60                        55.2                        9.9                       42          18265
    WK001404  219         60                        49.0                       12.4                       45          12515
    WK001405  311         67                        29.0                       30.3                       58           3195

Themes: woz_waarde -> wonen (higher better, thousands of euros: money); nettoarbeidsparticipatie
(higher better), pct_personen_laag_inkomen (higher worse) and pct_personen_hoog_inkomen (higher
better) -> inkomen_werk; pct_hbo_wo -> onderwijs (higher better); inwoners is neutral and must
not count.
"""

import math

import pandas as pd
import pytest

from wijkkompas.scores.computation import compute_scores, half_rounded_up, score_change, score_gap

WIJKEN = {
    # region_id: (woz, arbeidsparticipatie, laag inkomen, hoog inkomen, hbo/wo, inwoners)
    1400: (244, 59, 60.3, 10.5, 46, 23065),
    1401: (232, 62, 49.4, 14.5, 49, 20250),
    1402: (257, 62, 49.9, 16.2, 53, 14035),
    1403: (199, 60, 55.2, 9.9, 42, 18265),
    1404: (219, 60, 49.0, 12.4, 45, 12515),
    1405: (311, 67, 29.0, 30.3, 58, 3195),
}
INDICATORS = [
    ("woz_waarde", "wonen", "higher_better", "thousand_euro"),
    ("nettoarbeidsparticipatie", "inkomen_werk", "higher_better", "percent"),
    ("pct_personen_laag_inkomen", "inkomen_werk", "higher_worse", "percent"),
    ("pct_personen_hoog_inkomen", "inkomen_werk", "higher_better", "percent"),
    ("pct_hbo_wo", "onderwijs", "higher_better", "percent"),
    ("inwoners", "bevolking", "neutral", "count"),
]


def frame(rows=WIJKEN, drop=()):
    records = [
        {"region_id": region_id, "indicator_key": key, "theme": theme, "direction": direction, "unit": unit,
         "value": float(value)}
        for region_id, values in rows.items()
        for (key, theme, direction, unit), value in zip(INDICATORS, values, strict=True)
        if (region_id, key) not in drop
    ]
    return pd.DataFrame(records)


def lookup(scores, region_id, theme):
    rows = scores[(scores["region_id"] == region_id) & (scores["theme"] == theme)]
    return None if rows.empty else rows.iloc[0]


def test_basis_is_population_mean_and_sd_of_directional_indicators():
    basis = compute_scores(frame()).basis.set_index("indicator_key")
    # woz: sum 1462 / 6 = 243.666667; squared deviations 0.111111 + 136.111111 + 177.777778
    # + 1995.111111 + 608.444444 + 4533.777778 = 7451.333333; / 6 = 1241.888889; sqrt = 35.240444
    assert basis.loc["woz_waarde", "mean"] == pytest.approx(243.666667, abs=1e-6)
    assert basis.loc["woz_waarde", "std"] == pytest.approx(35.240444, abs=1e-6)
    # laag inkomen: sum 292.8 / 6 = 48.8; deviations 11.5, 0.6, 1.1, 6.4, 0.2, -19.8;
    # squares sum 566.86; / 6 = 94.476667; sqrt = 9.719911
    assert basis.loc["pct_personen_laag_inkomen", "mean"] == pytest.approx(48.8, abs=1e-6)
    assert basis.loc["pct_personen_laag_inkomen", "std"] == pytest.approx(9.719911, abs=1e-6)
    # hoog inkomen: sum 93.8 / 6 = 15.633333; squared deviations 26.351111 + 1.284444 + 0.321111
    # + 32.871111 + 10.454444 + 215.111111 = 286.393333; / 6 = 47.732222; sqrt = 6.908851
    assert basis.loc["pct_personen_hoog_inkomen", "std"] == pytest.approx(6.908851, abs=1e-6)
    assert basis.loc["pct_hbo_wo", "region_count"] == 6
    assert "inwoners" not in basis.index  # neutral: describes, does not judge


def test_theme_and_overall_scores_by_hand():
    scores = compute_scores(frame()).scores
    # WK001403 (Oud-Noord):
    #   wonen        z_woz  = (199 - 243.666667) / 35.240444 = -1.267483
    #   inkomen_werk z_arb  = (60 - 61.666667) / 2.624669 = -0.635001
    #                z_laag = -(55.2 - 48.8) / 9.719911 = -0.658442  (higher is worse: sign flipped)
    #                z_hoog = (9.9 - 15.633333) / 6.908851 = -0.829853
    #                theme  = (-0.635001 - 0.658442 - 0.829853) / 3 = -0.707765
    #   onderwijs    z_hbo  = (42 - 48.833333) / 5.335937 = -1.280625
    #   weights      wonen is money only, so it weighs 0.5 against 1 for the others: 0.5 / 2.5 = 0.2,
    #                inkomen_werk and onderwijs 1 / 2.5 = 0.4 each
    #   totaal       0.2 x -1.267483 + 0.4 x -0.707765 + 0.4 x -1.280625 = -1.048853
    assert lookup(scores, 1403, "wonen").value == pytest.approx(-1.26748309, abs=1e-6)
    assert lookup(scores, 1403, "inkomen_werk").value == pytest.approx(-0.70776542, abs=1e-6)
    assert lookup(scores, 1403, "inkomen_werk").indicator_count == 3
    assert lookup(scores, 1403, "onderwijs").value == pytest.approx(-1.28062485, abs=1e-6)
    assert lookup(scores, 1403, "totaal").value == pytest.approx(-1.04885273, abs=1e-6)
    assert lookup(scores, 1403, "totaal").indicator_count == 5
    # WK001400 (Centrum): 0.2 x 0.009459 + 0.4 x (-1.016001 - 1.183138 - 0.743008) / 3 + 0.4 x -0.530991
    # = -0.602791
    assert lookup(scores, 1400, "totaal").value == pytest.approx(-0.60279091, abs=1e-6)
    # WK001405 (Zuidoost): 0.2 x 1.910683 + 0.4 x (2.032002 + 2.037056 + 2.122881) / 3 + 0.4 x 1.717911 = 1.894893
    assert lookup(scores, 1405, "totaal").value == pytest.approx(1.89489304, abs=1e-6)
    assert lookup(scores, 1400, "bevolking") is None


def test_theme_weights_and_contributions_add_up_to_the_overall_score():
    scores = compute_scores(frame()).scores
    themes = scores[(scores["region_id"] == 1403) & (scores["theme"] != "totaal")].set_index("theme")
    assert themes["weight"].to_dict() == pytest.approx({"wonen": 0.2, "inkomen_werk": 0.4, "onderwijs": 0.4})
    # Contributions: -0.253497 (wonen), -0.283106 (inkomen_werk), -0.512250 (onderwijs); sum -1.048853
    contributions = themes["value"] * themes["weight"]
    assert contributions["onderwijs"] == pytest.approx(-0.51224994, abs=1e-6)
    assert contributions.sum() == pytest.approx(lookup(scores, 1403, "totaal").value, abs=1e-12)
    assert math.isnan(lookup(scores, 1403, "totaal").weight)


def test_a_theme_of_figures_that_are_not_money_weighs_as_much_as_any_other():
    # The same figures with woz counted as a percentage: the three themes weigh a third each.
    # 1403: (-1.267483 - 0.707765 - 1.280625) / 3 = -1.085291
    scores = compute_scores(frame().replace({"unit": {"thousand_euro": "percent"}})).scores
    assert lookup(scores, 1403, "wonen").weight == pytest.approx(1 / 3)
    assert lookup(scores, 1403, "totaal").value == pytest.approx(-1.08529117, abs=1e-6)


def test_rank_one_is_the_lowest_score():
    scores = compute_scores(frame()).scores
    overall = scores[scores["theme"] == "totaal"].sort_values("rank")
    # totaal: 1403 -1.049, 1400 -0.603, 1404 -0.577, 1401 -0.067, 1402 0.401, 1405 1.895
    assert overall["region_id"].tolist() == [1403, 1400, 1404, 1401, 1402, 1405]
    assert overall["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert set(scores["peer_count"]) == {6}


def test_missing_value_is_left_out_never_filled_in():
    result = compute_scores(frame(drop={(1405, "pct_hbo_wo")}))
    basis = result.basis.set_index("indicator_key")
    # hbo/wo of the other five: mean 235 / 5 = 47; squared deviations 1 + 4 + 36 + 25 + 4 = 70;
    # 70 / 5 = 14; sd = sqrt(14) = 3.741657
    assert basis.loc["pct_hbo_wo", "region_count"] == 5
    assert basis.loc["pct_hbo_wo", "mean"] == pytest.approx(47.0, abs=1e-6)
    assert basis.loc["pct_hbo_wo", "std"] == pytest.approx(math.sqrt(14), abs=1e-6)
    scores = result.scores
    # onderwijs has one indicator, so 1405 (without it) has no onderwijs score, and two themes are
    # fewer than the three an overall score needs (MIN_OVERALL_THEMES), although they are half of three.
    assert lookup(scores, 1405, "onderwijs") is None
    assert lookup(scores, 1405, "totaal") is None
    assert lookup(scores, 1403, "totaal").peer_count == 5
    # z of 1403 in the new peer group: (42 - 47) / 3.741657 = -1.336306
    assert lookup(scores, 1403, "onderwijs").value == pytest.approx(-1.33630621, abs=1e-6)
    assert lookup(scores, 1403, "onderwijs").peer_count == 5


def test_theme_score_needs_half_of_its_indicators_rounded_up():
    assert [half_rounded_up(n) for n in (1, 2, 3, 4, 5)] == [1, 1, 2, 2, 3]
    # inkomen_werk has 3 indicators, so two are enough: 1401 without laag inkomen keeps its theme
    # score, now (z_arb + z_hoog) / 2 = ((62 - 61.666667) / 2.624669 + (14.5 - 15.633333) / 6.908851) / 2
    # = (0.127000 - 0.164041) / 2 = -0.018520.
    scores = compute_scores(frame(drop={(1401, "pct_personen_laag_inkomen")})).scores
    assert lookup(scores, 1401, "inkomen_werk").value == pytest.approx(-0.01852033, abs=1e-6)
    assert lookup(scores, 1401, "inkomen_werk").indicator_count == 2
    # With one of the three left, it has none.
    fewer = compute_scores(frame(drop={(1401, "pct_personen_laag_inkomen"), (1401, "pct_personen_hoog_inkomen")}))
    assert lookup(fewer.scores, 1401, "inkomen_werk") is None


def test_overall_needs_half_of_the_themes_rounded_up():
    # 1400 keeps only wonen: 1 of 3 themes < 2 needed -> no overall score; 5 peers remain.
    scores = compute_scores(
        frame(drop={(1400, "nettoarbeidsparticipatie"), (1400, "pct_personen_laag_inkomen"), (1400, "pct_hbo_wo")})
    ).scores
    assert lookup(scores, 1400, "wonen") is not None
    assert lookup(scores, 1400, "totaal") is None
    assert lookup(scores, 1401, "totaal").peer_count == 5


def test_indicator_with_fewer_than_five_regions_or_no_spread_is_left_out():
    few = {region_id: values for region_id, values in WIJKEN.items() if region_id <= 1403}
    assert compute_scores(frame(rows=few)).basis.empty  # only 4 wijken
    assert compute_scores(frame(rows=few)).scores.empty
    flat = {region_id: (250, *values[1:]) for region_id, values in WIJKEN.items()}
    basis = compute_scores(frame(rows=flat)).basis
    assert "woz_waarde" not in set(basis["indicator_key"])
    assert set(basis["theme"]) == {"inkomen_werk", "onderwijs"}


def test_z_is_clipped_to_three():
    # Ten regions with 0 and one with 1: mean 1/11, population SD sqrt(10/121) = 0.287480,
    # so the eleventh has z = (10/11) / 0.287480 = sqrt(10) = 3.162278, clipped to 3.
    rows = pd.DataFrame(
        {"region_id": range(11), "indicator_key": "x", "theme": "veiligheid",
         "direction": "higher_better", "unit": "percent", "value": [0.0] * 10 + [1.0]}
    )
    scores = compute_scores(rows).scores
    assert lookup(scores, 10, "veiligheid").value == pytest.approx(3.0, abs=1e-9)
    # The others: (0 - 1/11) / 0.287480 = -0.316228, not clipped
    assert lookup(scores, 0, "veiligheid").value == pytest.approx(-1 / math.sqrt(10), abs=1e-6)
    # Higher is worse flips the sign before clipping: the eleventh gets -3.
    flipped = compute_scores(rows.assign(direction="higher_worse")).scores
    assert lookup(flipped, 10, "veiligheid").value == pytest.approx(-3.0, abs=1e-9)
    assert lookup(flipped, 10, "totaal") is None  # one theme and one figure: too few for an overall score


# Slice 2: Leefbaarometer 3.0, Amstelveen wijken WK036201-WK036206, 2018 and 2022
# (shared/data/leefbaarometer3_amstelveen_wijken_2014_2022.csv, lbm and onv rounded to 3 decimals).
LBM = {1: (4.303, 4.328), 2: (4.300, 4.326), 3: (4.257, 4.288), 4: (4.147, 4.190), 5: (4.085, 4.055), 6: (4.141, 4.174)}
ONV = {1: (0.051, 0.054), 2: (0.020, 0.024), 3: (0.033, 0.031), 4: (-0.013, -0.020), 5: (-0.074, -0.076),
       6: (0.013, 0.020)}


def year_frame(position, drop=()):
    return pd.DataFrame([
        {"region_id": region_id, "indicator_key": key, "theme": "leefbaarheid", "direction": "higher_better",
         "unit": "score", "value": values[position]}
        for key, series in (("lbm", LBM), ("onv", ONV))
        for region_id, values in series.items()
        if (region_id, key) not in drop
    ])


def test_score_change_uses_the_first_years_mean_and_sd():
    result = score_change(year_frame(0), year_frame(1))
    changes = result.changes.set_index("region_id")
    # 2018 lbm: mean 25.233 / 6 = 4.2055, population SD 0.084844; onv: mean 0.005, SD 0.040320.
    # The mean cancels: z_2022 - z_2018 = (v_2022 - v_2018) / SD_2018.
    # WK036205: lbm (4.055 - 4.085) / 0.084844 = -0.353588; onv (-0.076 + 0.074) / 0.040320 = -0.049604
    #           change = (-0.353588 - 0.049604) / 2 = -0.201596 (worsened)
    assert changes.loc[5, "change"] == pytest.approx(-0.20159595, abs=1e-6)
    # WK036206: lbm 0.033 / 0.084844 = 0.388947; onv 0.007 / 0.040320 = 0.173613; mean 0.281280
    assert changes.loc[6, "change"] == pytest.approx(0.28128001, abs=1e-6)
    assert changes.loc[5, "indicator_count"] == 2
    # It says what it compared: both figures, over the six wijken, with the 2018 mean and SD.
    basis = result.basis.set_index("indicator_key")
    assert basis["region_count"].to_dict() == {"lbm": 6, "onv": 6}
    assert basis.loc["lbm", "std"] == pytest.approx(0.084844, abs=1e-6)


def test_score_change_compares_the_same_regions_in_both_years():
    # 1 lacks onv in 2022; 2 has lbm only in 2018 and onv only in 2022. Per figure the peer set is
    # the wijken with it in both years: lbm 1, 3, 4, 5, 6; onv 3, 4, 5, 6 (four: fewer than
    # MIN_REGIONS, so onv is not compared at all).
    before = year_frame(0, drop={(2, "onv")})
    after = year_frame(1, drop={(1, "onv"), (2, "lbm")})
    result = score_change(before, after)
    assert result.basis["indicator_key"].tolist() == ["lbm"]
    # 2018 lbm of the five: sum 20.933 / 5 = 4.1866; squared deviations sum 0.0324752; / 5 = 0.00649504;
    # SD 0.080592. 1: (4.328 - 4.303) / 0.080592 = 0.310205
    changes = result.changes.set_index("region_id")
    assert changes.loc[1, "change"] == pytest.approx(0.31020521, abs=1e-6)
    assert changes.loc[1, "indicator_count"] == 1
    assert 2 not in changes.index


def test_score_change_leaves_money_out():
    # The same figures, with onv an amount in thousands of euros: only lbm is compared.
    # WK036205: (4.055 - 4.085) / 0.084844 = -0.353588
    before, after = year_frame(0), year_frame(1)
    for frame_ in (before, after):
        frame_.loc[frame_["indicator_key"] == "onv", "unit"] = "thousand_euro"
    result = score_change(before, after)
    assert result.basis["indicator_key"].tolist() == ["lbm"]
    assert result.changes.set_index("region_id").loc[5, "change"] == pytest.approx(-0.35358770, abs=1e-6)


def test_score_change_without_shared_indicators_is_empty():
    after = year_frame(1).assign(indicator_key="other")
    result = score_change(year_frame(0), after)
    assert result.changes.empty and result.basis.empty


def test_gap_between_best_and_worst_tenth():
    scores = pd.DataFrame({"year": [2022] * 20 + [2023] * 9, "value": [float(v) for v in range(1, 21)] + [0.0] * 9})
    gap = score_gap(scores)
    assert gap["year"].tolist() == [2022]  # 2023 has fewer than 10 regions
    row = gap.iloc[0]
    # 20 values 1..20: a tenth is 2; best (19 + 20) / 2 = 19.5, worst (1 + 2) / 2 = 1.5, gap 18.
    assert (row.tenth, row.best_mean, row.worst_mean, row.gap) == (2, 19.5, 1.5, 18.0)
    # P90 at position 0.9 x 19 = 17.1 -> 18 + 0.1 = 18.1; P10 at 1.9 -> 2 + 0.9 = 2.9; spread 15.2
    assert row.p90 == pytest.approx(18.1) and row.p10 == pytest.approx(2.9)
    assert row.p90_p10 == pytest.approx(15.2)


def test_several_peer_groups_at_once_equal_one_at_a_time():
    one = frame()
    other = frame(drop={(1405, "pct_hbo_wo"), (1401, "pct_personen_laag_inkomen")})
    together = pd.concat([one.assign(level="wijk", year=2022), other.assign(level="wijk", year=2023)])
    result = compute_scores(together, by=("level", "year"))
    for year, part in ((2022, one), (2023, other)):
        alone = compute_scores(part)
        mine = result.scores[result.scores["year"] == year].drop(columns=["level", "year"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(
            mine.sort_values(["theme", "region_id"], ignore_index=True),
            alone.scores.sort_values(["theme", "region_id"], ignore_index=True),
        )
        basis = result.basis[result.basis["year"] == year].drop(columns=["level", "year"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(basis, alone.basis)


def test_theme_covering_less_than_half_of_the_areas_stays_out_of_the_overall_score():
    # Twelve areas (the six wijken twice over); a Leefbaarometer-like theme covers only five of them.
    twelve = {**WIJKEN, **{region_id + 1000: values for region_id, values in WIJKEN.items()}}
    narrow = pd.DataFrame([
        {"region_id": region_id, "indicator_key": "lbm", "theme": "leefbaarheid", "direction": "higher_better",
         "unit": "score", "value": float(value)}
        for region_id, value in zip([1400, 1401, 1402, 1403, 1404], [4.1, 4.3, 3.9, 4.0, 4.4], strict=True)
    ])
    with_narrow = compute_scores(pd.concat([frame(twelve), narrow], ignore_index=True)).scores
    without = compute_scores(frame(twelve)).scores

    # The narrow theme still has its own score ...
    assert lookup(with_narrow, 1400, "leefbaarheid") is not None
    # ... but every overall score is what it would be without it.
    for region_id in twelve:
        assert lookup(with_narrow, region_id, "totaal").value == pytest.approx(lookup(without, region_id, "totaal").value)
