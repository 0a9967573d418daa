"""The national benchmark's generated data: KWB-shaped, within the catalogue's ranges, seeded, and
imported through the normal importer under a source that says it is synthetic."""

import csv

import pytest

from bench import synthetic_kwb
from wijkkompas.imports.importers import cbs_odata
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Observation, Source

#: A real hierarchy of KWB 2024: Nederland, a gemeente, one of its wijken and a buurt in it.
REGIONS = [
    ("NL00", "Land", "Nederland"), ("GM1680", "Gemeente", "Aa en Hunze"),
    ("WK168000", "Wijk", "Wijk 00 Annen"), ("BU16800000", "Buurt", "Annen"),
]


def test_every_region_of_2024_by_its_real_code():
    regions = synthetic_kwb.national_regions()
    assert len(regions) > 18_000
    assert regions[0] == ("NL00", "Land", "Nederland")
    assert len({code for code, _, _ in regions}) == len(regions)


def test_the_plan_has_the_asked_shape_on_importer_stems_first():
    plan = synthetic_kwb.make_plan(years=[2005, 2006], indicators=120, regions=REGIONS)
    assert plan.value_count == 4 * 2 * 120
    keys = [column.indicator.key for column in plan.columns]
    assert len(set(keys)) == 120 and set(keys) <= load_catalogue().indicators.keys()
    assert len({column.name for column in plan.columns}) == 120
    mapped = set(cbs_odata.ODATA_KEYS.values())
    assert all(column.indicator.key not in mapped for column in plan.columns if column.lent)
    assert not plan.lent_keys.keys() & cbs_odata.ODATA_KEYS.keys()


def test_a_year_file_is_seeded_and_within_the_catalogue_ranges(tmp_path):
    plan = synthetic_kwb.make_plan(years=[2005], indicators=120, regions=REGIONS)
    path = synthetic_kwb.write_year(plan, 2005, tmp_path, seed=7)
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [*synthetic_kwb.REGION_COLUMNS, *(column.name for column in plan.columns)]
    assert [row[:4] for row in rows[1:]] == [[code, kind, "2005", name] for code, kind, name in REGIONS]
    for row in rows[1:]:
        for column, cell in zip(plan.columns, row[4:], strict=True):
            spec = column.indicator
            assert spec.minimum is None or float(cell) >= spec.minimum
            assert spec.maximum is None or float(cell) <= spec.maximum
    (tmp_path / "again").mkdir()
    again = synthetic_kwb.write_year(plan, 2005, tmp_path / "again", seed=7)
    assert again.read_text() == path.read_text()
    assert synthetic_kwb.year_values(plan, 2005, seed=8).tolist() != synthetic_kwb.year_values(plan, 2005, seed=7).tolist()


@pytest.mark.django_db
def test_imported_through_the_normal_importer_and_marked_synthetic(tmp_path):
    plan = synthetic_kwb.make_plan(years=[2005], indicators=120, regions=REGIONS)
    path = synthetic_kwb.write_year(plan, 2005, tmp_path, seed=7)
    with synthetic_kwb.bench_odata_keys(plan):
        run = import_file(source="cbs-kwb-odata", path=path)
        synthetic_kwb.mark_synthetic([2005])
    assert not plan.lent_keys.keys() & cbs_odata.ODATA_KEYS.keys()  # lent for the block only
    assert run.observations_created == plan.value_count
    source = Source.objects.get(observations__region__code="BU16800000", observations__year=2005,
                                observations__indicator__key=plan.columns[0].indicator.key)
    assert "SYNTHETISCH" in source.title and "geen statistieken" in source.note
    assert source.publisher == synthetic_kwb.SYNTHETIC_PUBLISHER and not source.licence
    assert Observation.objects.filter(source=source).count() == plan.value_count
