import pytest

from wijkkompas.indicators.catalogue import CatalogueError, load_catalogue
from wijkkompas.indicators.models import Direction, Indicator
from wijkkompas.indicators.services import catalogue_sync


def test_bundled_catalogue_is_complete():
    catalogue = load_catalogue()
    assert len(catalogue.indicators) > 30
    for spec in catalogue.indicators.values():
        assert spec.label and spec.definition and spec.unit and spec.theme


def test_duplicate_key_is_refused(tmp_path):
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(
            '[indicators.x]\nlabel = "X"\nunit = "count"\ntheme = "bevolking"\ndefinition = "d"\n'
        )
    with pytest.raises(CatalogueError, match="twice"):
        load_catalogue.__wrapped__(tmp_path)


def test_unknown_theme_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text('[indicators.x]\nlabel = "X"\nunit = "count"\ntheme = "weer"\ndefinition = "d"\n')
    with pytest.raises(CatalogueError, match="theme"):
        load_catalogue.__wrapped__(tmp_path)


@pytest.mark.django_db
def test_sync_copies_catalogue_into_database():
    catalogue_sync()
    woz = Indicator.objects.get(key="woz_waarde")
    assert woz.direction == Direction.HIGHER_IS_BETTER
    assert Indicator.objects.count() >= len(load_catalogue().indicators)


def test_a_neutral_indicator_cannot_be_excluded_from_scores(tmp_path):
    (tmp_path / "a.toml").write_text(
        '[indicators.x]\nlabel = "X"\nunit = "count"\ntheme = "bevolking"\ndefinition = "d"\n'
        'score_exclusion = "Telt dubbel."\n'
    )
    with pytest.raises(CatalogueError, match="neutral"):
        load_catalogue.__wrapped__(tmp_path)


def test_totals_of_other_indicators_stay_out_of_the_scores():
    """A published total next to its own parts would count the same figures twice."""
    indicators = load_catalogue().indicators
    scored_safety_index = {key for key, spec in indicators.items()
                           if key.startswith("vi_") and spec.direction != Direction.NEUTRAL and not spec.score_exclusion}
    assert scored_safety_index == {"vi_onveiligheids_belevingindex", "vi_overlastindex", "vi_criminaliteitsindex"}
    assert indicators["lbm_totaalscore"].score_exclusion and indicators["lbm_afwijking"].score_exclusion
    assert not indicators["lbm_woningen"].score_exclusion
