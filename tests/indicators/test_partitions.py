"""Observations on PostgreSQL, one partition per year: a new year is loaded as a partition of its
own, a year that has one is written row by row, and a refused import leaves no partition."""

import pytest
from django.db import connection

from tests.imports.cbs_files import fresh_import
from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation
from wijkkompas.indicators.partitions import partition_name

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's partitions"),
]

YEAR = 2025  # a KWB year for which no bundled file has figures (only the 2025 names)
HEADER = "regiocode,soort_regio,jaar,WijkenEnBuurten,AantalInwoners_5,Bevolkingsdichtheid_33\n"


def kwb_file(path, overvecht_inhabitants="35255", *, density="4310"):
    path.write_text(
        HEADER
        + f'GM0344,Gemeente,{YEAR},"Utrecht",374238,3970\n'
        + f'WK034403,Wijk,{YEAR},"Overvecht",{overvecht_inhabitants},{density}\n',
        encoding="utf-8",
    )
    return path


def partition_of(year):
    """The partition that holds the year's rows, by name; None when the year has none of its own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass AND c.relname = %s",
            [Observation._meta.db_table, partition_name(year)],
        )
        found = cursor.fetchone()
    return found[0] if found else None


def values(year):
    return dict(Observation.objects.filter(year=year).values_list("region__code", "value").filter(
        indicator__key="inwoners"))


def test_a_new_year_becomes_a_partition_with_its_percentiles_and_indexes(tmp_path):
    fresh_import("cbs-kwb-odata", kwb_file(tmp_path / "kwb2025.csv"))

    assert partition_of(YEAR) == partition_name(YEAR)
    assert values(YEAR) == {"GM0344": 374238.0, "WK034403": 35255.0}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {Observation._meta.db_table}_default WHERE year = %s", [YEAR])
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", [partition_name(YEAR)])
        assert cursor.fetchone()[0] == 3  # primary key, unique observation, (indicator, year)
    ids = list(Observation.objects.filter(year=YEAR).values_list("id", flat=True))
    assert len(set(ids)) == 4 and Observation.objects.filter(id__in=ids).count() == 4


def test_a_year_with_a_partition_is_updated_in_place(tmp_path):
    fresh_import("cbs-kwb-odata", kwb_file(tmp_path / "kwb2025.csv"))
    run = fresh_import("cbs-kwb-odata", kwb_file(tmp_path / "kwb2025_correctie.csv", "35300"))

    assert (run.observations_created, run.observations_updated) == (0, 1)
    assert values(YEAR) == {"GM0344": 374238.0, "WK034403": 35300.0}


def test_an_import_refused_after_loading_its_partition_leaves_none(tmp_path, monkeypatch):
    from wijkkompas.imports import services

    def written_then_refused(incoming):
        services_write(incoming)
        assert partition_of(YEAR) == partition_name(YEAR)
        raise ImportRefused("refused at the last moment", file="kwb2025.csv")

    services_write = services._observations_write
    monkeypatch.setattr(services, "_observations_write", written_then_refused)
    with pytest.raises(ImportRefused):
        import_file(source="cbs-kwb-odata", path=kwb_file(tmp_path / "kwb2025.csv"))

    assert partition_of(YEAR) is None
    assert not Observation.objects.filter(year=YEAR).exists()
