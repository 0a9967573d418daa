"""Score selectors on the test world: rankings with filters, changes, the gap, the basis."""

import pytest

from wijkkompas.scores import selectors
from wijkkompas.scores.models import Score, ScoreBasis
from wijkkompas.scores.services import scores_recompute


def codes(rows):
    return [row.region.code for row in rows]


def test_ranking_lowest_first_with_facts(world):
    rows = selectors.ranking(level="wijk", year=2031)
    # totaal by hand (test_computation.py): 3 -1.049, 0 -0.603, 4 -0.577, 1 -0.067, 2 0.401, 5 1.895
    assert codes(rows) == [world.code(i) for i in (3, 0, 4, 1, 2, 5)]
    assert [row.rank for row in rows] == [1, 2, 3, 4, 5, 6]
    first = rows[0]
    assert first.score == pytest.approx(-1.04885273, abs=1e-6)
    assert (first.facts.population, first.facts.municipality_name, first.facts.focus_area) == (
        18265, "Testgemeente Overig", False)
    assert rows[1].facts.focus_area  # wijk 0 lies in GM9801, which has an NPLV focus area


def test_ranking_filters_keep_the_rank_among_all(world):
    by_province = selectors.ranking(level="wijk", year=2031, province="pv98")  # via the municipality's province
    assert codes(by_province) == [world.code(i) for i in (0, 1, 2)]
    assert [row.rank for row in by_province] == [2, 4, 5]
    assert codes(selectors.ranking(level="wijk", year=2031, municipality="GM9802")) == [
        world.code(i) for i in (3, 4, 5)]
    assert codes(selectors.ranking(level="wijk", year=2031, focus_only=True)) == [world.code(i) for i in (0, 1, 2)]
    # at least 15,000 inwoners in 2031: wijk 0 (23,065), 1 (20,250) and 3 (18,265)
    assert codes(selectors.ranking(level="wijk", year=2031, min_population=15000)) == [
        world.code(i) for i in (3, 0, 1)]
    assert codes(selectors.ranking(level="wijk", year=2031, limit=2)) == [world.code(3), world.code(0)]


def test_ranking_per_theme(world):
    rows = selectors.ranking(level="wijk", year=2031, theme="onderwijs")
    # hbo/wo: 42 (3) < 45 (4) < 46 (0) < 49 (1) < 53 (2) < 58 (5)
    assert codes(rows) == [world.code(i) for i in (3, 4, 0, 1, 2, 5)]
    assert rows[0].score == pytest.approx(-1.28062485, abs=1e-6)


def test_score_changes_by_hand(world):
    changes = selectors.score_changes(level="wijk", year_from=2031, year_to=2032)
    rows = changes.rows
    # Every woz value rose by 20, but money does not count in a change. Only wijk 3 changed: laag
    # inkomen +10 with 2031 SD 9.719911, higher is worse, over the four other figures:
    # (0 - 10 / 9.719911 + 0 + 0) / 4 = -1.028816 / 4 = -0.257204
    assert [item.indicator.key for item in changes.indicators] == [
        "test_arbeidsparticipatie", "test_laag_inkomen", "test_hoog_inkomen", "test_hbo_wo"]
    assert rows[0].region.code == world.code(3)
    assert rows[0].change == pytest.approx(-0.25720398, abs=1e-6)
    assert rows[0].indicator_count == 4
    assert all(row.change == pytest.approx(0, abs=1e-12) for row in rows[1:])
    assert len(rows) == 6
    assert codes(selectors.score_changes(level="wijk", year_from=2031, year_to=2032, municipality="GM9801").rows) == [
        world.code(i) for i in (0, 1, 2)]


def test_score_gap_by_hand(world):
    gap = {row.year: row for row in selectors.score_gap(level="wijk")}
    assert 2031 not in gap  # six wijken: fewer than ten
    row = gap[2033]
    # Twelve wijken with all five figures; overall scores as in test_computation.py (wonen weighs
    # 0.2, inkomen_werk and onderwijs 0.4), sorted: -1.344830 (wijk 10), -0.727472, -0.716739,
    # -0.539529, -0.347200, -0.315758, -0.297737, 0.098982, 0.480626, 0.618755, 1.225936,
    # 1.864965 (wijk 5). A tenth is 1 wijk: best 1.864965, worst -1.344830, gap 3.209795.
    assert (row.region_count, row.tenth) == (12, 1)
    assert row.best_mean == pytest.approx(1.86496537, abs=1e-6)
    assert row.worst_mean == pytest.approx(-1.34482959, abs=1e-6)
    assert row.gap == pytest.approx(3.20979496, abs=1e-6)
    # P90 at 0.9 x 11 = 9.9: 0.618755 + 0.9 x (1.225936 - 0.618755) = 1.165218;
    # P10 at 1.1: -0.727472 + 0.1 x (-0.716739 + 0.727472) = -0.726399
    assert row.p90 == pytest.approx(1.16521793, abs=1e-6)
    assert row.p10 == pytest.approx(-0.72639910, abs=1e-6)
    assert row.p90_p10 == pytest.approx(1.89161703, abs=1e-6)


def test_years_and_levels(world):
    assert {2031, 2032, 2033} <= set(selectors.score_years(level="wijk"))
    counts = selectors.score_year_counts(level="wijk")
    assert (counts[2031], counts[2033]) == (6, 12)
    year = selectors.default_score_year(level="wijk")
    assert counts[year] == max(counts.values())
    assert "wijk" in selectors.score_levels()
    assert {2031, 2032} <= set(selectors.change_years(level="wijk"))
    assert selectors.score_themes(level="wijk", year=2031) == ["totaal", "inkomen_werk", "onderwijs", "wonen"]


def test_region_scores_by_year_and_theme(world):
    scores = selectors.region_scores(region=world.wijken[3])
    assert set(scores) >= {2031, 2032, 2033}
    assert scores[2031]["totaal"].value == pytest.approx(-1.04885273, abs=1e-6)
    assert set(scores[2033]) == {"wonen", "inkomen_werk", "onderwijs", "totaal"}


def test_method_basis(world):
    bases = selectors.method_basis(level="wijk", year=2031)
    assert [basis.indicator.key for basis in bases] == [
        "test_arbeidsparticipatie", "test_laag_inkomen", "test_hoog_inkomen", "test_hbo_wo", "test_woz"]
    assert {b.year for b in selectors.method_basis(indicator_key="test_woz")} >= {2031, 2032, 2033}


def test_figures_version_is_remembered_until_scores_are_recomputed(world, django_capture_on_commit_callbacks):
    before = selectors.figures_version()
    Score.objects.filter(id=Score.objects.latest("id").id).update(id=10**9)  # a write that bypasses the services
    assert selectors.figures_version() == before
    with django_capture_on_commit_callbacks(execute=True):
        scores_recompute()
    assert selectors.figures_version() != before


def test_years_that_share_only_money_amounts_cannot_be_compared(world):
    """A change leaves money out, so years whose only shared figure is an amount in euros are no pair."""
    ScoreBasis.objects.filter(level="wijk", year__in=[2031, 2033]).exclude(indicator=world.woz).delete()
    ScoreBasis.objects.filter(level="wijk", year=2032).delete()
    assert not {2031, 2033} & set(selectors.change_years(level="wijk"))  # they share only test_woz
