"""scores_recompute on the database: stored scores, basis and percentiles equal the hand computation."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from wijkkompas.indicators.models import Indicator, Observation
from wijkkompas.indicators.services import catalogue_sync
from wijkkompas.regions.models import Region
from wijkkompas.scores import services
from wijkkompas.scores.computation import METHOD_VERSION
from wijkkompas.scores.models import OVERALL, PercentileCheck, Score, ScoreBasis
from wijkkompas.scores.services import observation_percentiles_update, scores_recompute


def stored(world, index, year=2031, theme=OVERALL):
    return Score.objects.get(region=world.wijken[index], year=year, theme=theme)


def test_scores_equal_the_hand_computation(world):
    # Same slice as test_computation.py (WK001403 there is wijk 3 here): totaal -1.048853, rank 1 of 6.
    score = stored(world, 3)
    assert score.value == pytest.approx(-1.04885273, abs=1e-6)
    assert (score.rank, score.peer_count, score.indicator_count, score.level) == (1, 6, 5, "wijk")
    assert (score.method_version, score.weight) == (METHOD_VERSION, None)
    assert stored(world, 5).value == pytest.approx(1.89489304, abs=1e-6)
    assert stored(world, 3, theme="inkomen_werk").value == pytest.approx(-0.70776542, abs=1e-6)
    assert stored(world, 3, theme="wonen").weight == pytest.approx(0.2)  # money only: half of 1 in 2.5
    assert not Score.objects.filter(region=world.focus_municipality).exists()  # alone: fewer than 5 peers


def test_basis_lists_the_indicators_and_years_that_went_in(world):
    bases = {(b.indicator.key, b.year): b for b in ScoreBasis.objects.filter(level="wijk", year__in=[2031, 2033])}
    assert set(bases) == {
        (indicator.key, year)
        for indicator in (world.woz, world.work, world.low_income, world.high_income, world.education)
        for year in (2031, 2033)
    }  # inwoners is neutral
    woz = bases[("test_woz", 2031)]
    assert (woz.mean, woz.std, woz.region_count) == (pytest.approx(243.666667, abs=1e-6),
                                                     pytest.approx(35.240444, abs=1e-6), 6)
    # 2033, twelve wijken: sum 2927 / 12 = 243.916667; squared deviations sum 13562.916667;
    # / 12 = 1130.243056; sqrt = 33.619088
    assert bases[("test_woz", 2033)].std == pytest.approx(33.619088, abs=1e-6)
    assert not ScoreBasis.objects.filter(level="gemeente", year=2031).exists()


def test_percentile_is_the_share_of_other_regions_with_a_lower_value(world):
    def percentiles(indicator, year=2031):
        rows = Observation.objects.filter(indicator=indicator, year=year, region__in=world.wijken)
        return {row.region.code: row.percentile for row in rows.select_related("region")}

    # woz 2031 sorted: 199 (wijk 3), 219 (4), 232 (1), 244 (0), 257 (2), 311 (5); 5 others each
    woz = percentiles(world.woz)
    assert [woz[world.code(i)] for i in (3, 4, 1, 0, 2, 5)] == pytest.approx([0, 20, 40, 60, 80, 100])
    # arbeidsparticipatie: 59 (0) | 60, 60 (3, 4) | 62, 62 (1, 2) | 67 (5): ties share the lower share
    work = percentiles(world.work)
    assert [work[world.code(i)] for i in (0, 3, 4, 1, 2, 5)] == pytest.approx([0, 20, 20, 60, 60, 100])
    # Neutral indicators get a percentile too.
    assert percentiles(world.inhabitants)[world.code(5)] == 0
    # GM9801 is the only gemeente with test_woz in 2031: alone, so no percentile.
    alone = Observation.objects.get(indicator=world.woz, region=world.focus_municipality, year=2031)
    assert alone.percentile is None


def test_percentiles_follow_changed_values(world):
    row = Observation.objects.get(indicator=world.woz, region=world.wijken[3], year=2031)
    row.value = 1000
    row.save()
    observation_percentiles_update()
    row.refresh_from_db()
    assert row.percentile == 100
    assert Observation.objects.get(indicator=world.woz, region=world.wijken[5], year=2031).percentile == 80


def test_a_percentile_written_by_hand_is_set_right_again(world):
    row = Observation.objects.get(indicator=world.woz, region=world.wijken[3], year=2031)
    right = row.percentile
    Observation.objects.filter(pk=row.pk).update(percentile=55.5)
    observation_percentiles_update()
    row.refresh_from_db()
    assert row.percentile == right


def test_a_region_of_another_level_has_its_years_checked_again(world):
    observation_percentiles_update()
    checked = dict(PercentileCheck.objects.values_list("year", "fingerprint"))
    Region.objects.filter(pk=world.wijken[3].pk).update(level="buurt")
    observation_percentiles_update()
    assert Observation.objects.get(indicator=world.woz, region=world.wijken[3], year=2031).percentile is None
    if connection.vendor == "postgresql":
        assert dict(PercentileCheck.objects.values_list("year", "fingerprint")) != checked


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="fingerprints need PostgreSQL's hash functions")
def test_years_unchanged_since_their_check_are_not_read(world, monkeypatch):
    observation_percentiles_update()
    monkeypatch.setattr(services, "percentile_changes", lambda *args: pytest.fail("a checked year was read"))
    observation_percentiles_update()


def test_recompute_replaces_everything_and_is_repeatable(world):
    before = {(s.region_id, s.year, s.theme): s.value for s in Score.objects.filter(region__in=world.wijken)}
    again = scores_recompute()
    assert (again.score_count, again.basis_count) == (world.recompute.score_count, world.recompute.basis_count)
    after = {(s.region_id, s.year, s.theme): s.value for s in Score.objects.filter(region__in=world.wijken)}
    assert after == before


def test_recompute_drops_scores_of_removed_figures(world):
    Observation.objects.filter(region__in=world.wijken, year=2033).delete()
    scores_recompute()
    assert not Score.objects.filter(region__in=world.wijken, year=2033).exists()
    assert not ScoreBasis.objects.filter(level="wijk", year=2033, indicator=world.woz).exists()


def test_an_indicator_the_catalogue_excludes_is_shown_but_not_scored(world):
    Indicator.objects.filter(key="test_hbo_wo").update(score_exclusion="Telt al mee in een ander cijfer.")
    scores_recompute()
    assert not ScoreBasis.objects.filter(indicator__key="test_hbo_wo").exists()
    assert not Score.objects.filter(region__in=world.wijken, theme="onderwijs").exists()  # its only indicator
    # Two themes are left: fewer than an overall score needs.
    assert not Score.objects.filter(region__in=world.wijken, theme=OVERALL).exists()
    assert stored(world, 3, theme="inkomen_werk").indicator_count == 3
    assert Observation.objects.filter(indicator__key="test_hbo_wo", percentile__isnull=False).exists()


def test_make_run_on_loaded_figures_follows_a_changed_catalogue(world):
    """`load_bundled_data --if-empty` imports nothing, but a changed catalogue brings new scores."""
    catalogue_sync()
    Indicator.objects.filter(key="woz_waarde").update(label="Een oud label")  # as an older version had it
    Score.objects.filter(region__in=world.wijken).delete()
    call_command("load_bundled_data", "--if-empty", stdout=io.StringIO())
    assert Score.objects.filter(region__in=world.wijken).exists()
    assert Indicator.objects.get(key="woz_waarde").label != "Een oud label"
    Score.objects.filter(region__in=world.wijken).delete()
    call_command("load_bundled_data", "--if-empty", stdout=io.StringIO())  # nothing changed since
    assert not Score.objects.filter(region__in=world.wijken).exists()


def test_recompute_keeps_the_results_of_an_older_method_version(world):
    """What a goal or a policy test pointed at stays findable: only the current version is replaced."""
    count = Score.objects.filter(region__in=world.wijken).update(method_version="2025.1")
    ScoreBasis.objects.filter(indicator=world.woz).update(method_version="2025.1")
    old = {(s.region_id, s.year, s.theme): s.value
           for s in Score.all_versions.filter(region__in=world.wijken, method_version="2025.1")}
    scores_recompute()
    kept = {(s.region_id, s.year, s.theme): s.value
            for s in Score.all_versions.filter(region__in=world.wijken, method_version="2025.1")}
    assert kept == old and len(old) == count > 0
    assert ScoreBasis.all_versions.filter(indicator=world.woz, method_version="2025.1").count() == 3
    # Pages read the current version only, which the recomputation wrote again beside the old one.
    assert stored(world, 3).value == pytest.approx(-1.04885273, abs=1e-6)
    assert Score.objects.filter(region__in=world.wijken).count() == len(old)


def test_recompute_of_some_years_leaves_the_other_years_alone(world):
    Score.objects.filter(region__in=world.wijken, year=2033).update(value=42)
    Score.objects.filter(region__in=world.wijken, year=2031).update(value=42)
    result = scores_recompute(years=[2031])
    assert result.score_count == Score.objects.filter(year=2031).count()
    assert stored(world, 3).value == pytest.approx(-1.04885273, abs=1e-6)
    assert set(Score.objects.filter(region__in=world.wijken, year=2033).values_list("value", flat=True)) == {42}
