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
