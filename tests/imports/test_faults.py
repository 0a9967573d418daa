"""Faults that used to be stored as wrong data or end in a traceback, refused in Dutch with file,
row (or feature) and column, leaving the database as it was: numbers with thousands separators
or decimal commas, phantom regions and codes of another indeling, control characters, boundaries
outside the Netherlands or malformed, files too large, and imports that run at the same time."""

import gzip
import json
import re
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import F

from tests.imports import copies
from tests.imports.cbs_files import assert_refused, fresh_import, read_rows, set_cell, value, write_rows
from tests.imports.copies import CODELIJST_2023, data_text, geojson_copy, import_first, set_property, table_counts
from tests.imports.separate_database import count_rows, run_script, separate_database, start_manage
from wijkkompas.imports import locking, registry
from wijkkompas.imports.base import ImportBatch, Importer, ObservationRecord, RegionRecord, SourceRecord
from wijkkompas.imports.bundled import bundled_path
from wijkkompas.regions.models import Region, RegionYear

pytestmark = pytest.mark.django_db

SELECTIE = bundled_path("cbs_kwb2024_amsterdam_selectie.csv")
NABIJHEID = bundled_path("cbs_nabijheid_amsterdam_2020_2024.csv")
PROVINCES = bundled_path("cbs_provincies2022_tmap.geojson")
GEMEENTEN = bundled_path("cbs_kwb2022_gemeenten_tmap.csv")


def selectie_copy(tmp_path: Path, row: int, column: str, text: str) -> Path:
    """The first rows of the real KWB 2024 selection (GM0363, WK0363AA and two of its buurten)
    with one cell changed; `row` 1 is the first data row."""
    return write_rows(tmp_path / "kwb2024_selectie.csv", set_cell(read_rows(SELECTIE), row, column, text))


# Numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["24.430", "24,430", "1.234.567"])
def test_count_with_a_thousands_separator_is_refused(tmp_path, text):
    broken = selectie_copy(tmp_path, 2, "Population_Total", text)
    refused = assert_refused("cbs-kwb-selectie", broken, row=3, column="Population_Total",
                             match="scheidingsteken voor duizendtallen")
    assert text.replace(".", "").replace(",", "") in refused.message


def test_count_with_decimals_is_refused(tmp_path):
    broken = selectie_copy(tmp_path, 2, "Population_Total", "9180.5")
    assert_refused("cbs-kwb-selectie", broken, row=3, column="Population_Total", match="geen heel getal")


def test_decimal_comma_in_a_percentage_is_refused(tmp_path):
    broken = selectie_copy(tmp_path, 3, "Pct_Owner_Occupied", "12,5")
    assert_refused("cbs-kwb-selectie", broken, row=4, column="Pct_Owner_Occupied", match="komma")


def test_point_in_a_percentage_is_the_decimal_point(tmp_path):
    fresh_import("cbs-kwb-selectie", selectie_copy(tmp_path, 2, "Pct_Owner_Occupied", "24.430"))
    assert value("WK0363AA", "pct_koopwoningen", 2024) == 24.43
    assert value("WK0363AA", "inwoners", 2024) == 9180


class FractionalCountImporter(Importer):
    """An importer that misreads a CBS count, as a new importer might; the write path refuses it."""

    name = "test-fractional-count"
    description = "test only"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        source = SourceRecord(key="test-cbs", publisher="CBS", title="Testtabel")
        return ImportBatch(
            rows_read=1, sources=[source],
            regions=[RegionRecord(code="GM9901", level="gemeente", year=2024, name="Testgemeente")],
            observations=[ObservationRecord("GM9901", "inwoners", 2024, 24.43, source.key)],
        )


def test_fractional_cbs_count_is_refused_by_the_write_path(tmp_path, monkeypatch):
    monkeypatch.setitem(registry._importers, FractionalCountImporter.name, FractionalCountImporter)
    path = tmp_path / "counts.txt"
    path.write_text("x")
    refused = copies.assert_refused(FractionalCountImporter.name, path)
    assert "GM9901 heeft 24.43 voor 'inwoners' in 2024" in refused.message


# Regions ------------------------------------------------------------------------------------

def nabijheid_copy(tmp_path: Path, *rows: list[str]) -> Path:
    header = read_rows(NABIJHEID)[0]
    return write_rows(tmp_path / "nabijheid.csv", [header, *rows])


def nabijheid_row(year: int, code: str) -> list[str]:
    return [str(year), code, "Amsterdam", code, "5.6", "32.0", "19.1", "28.0", "52.8", "0.5", "0.9", "2.5"]


def test_unknown_region_without_a_name_is_refused_never_named_by_its_code(tmp_path):
    """A figures file that names only gemeenten: its wijk must be known from a file that names it."""
    broken = nabijheid_copy(tmp_path, nabijheid_row(2024, "GM0363"), nabijheid_row(2024, "WK0363ZZ"))
    assert_refused("cbs-nabijheid", broken, row=3, column="Encoding", match="WK0363ZZ is niet bekend voor 2024")
    assert not Region.objects.filter(code="WK0363ZZ").exists()


def test_code_of_an_older_indeling_is_refused(tmp_path):
    """WK036300 is a wijk of Amsterdam's indeling up to 2021; the database knows the wijken of 2024."""
    import_first(("cbs-kwb-selectie", "cbs_kwb2020_amsterdam_selectie.csv"),
                 ("cbs-kwb-selectie", "cbs_kwb2024_amsterdam_selectie.csv"))
    broken = nabijheid_copy(tmp_path, nabijheid_row(2024, "GM0363"), nabijheid_row(2024, "WK036300"))
    assert_refused("cbs-nabijheid", broken, row=3, column="Encoding",
                   match=r"WK036300 komt het laatst voor in 20\d\d en staat niet in de indeling van 20\d\d")


def test_a_known_region_fits_a_later_year_when_no_later_indeling_leaves_it_out(tmp_path):
    import_first(("cbs-kwb-selectie", "cbs_kwb2020_amsterdam_selectie.csv"))
    later = nabijheid_copy(tmp_path, nabijheid_row(2021, "GM0363"), nabijheid_row(2021, "WK036300"))
    fresh_import("cbs-nabijheid", later)
    assert value("WK036300", "afstand_basisschool", 2021) == 0.5
    assert not Region.objects.filter(name=F("code")).exists()


class WrongParentImporter(Importer):
    """Regions whose parents contradict their codes, with the place in the file the importer knows."""

    name = "test-wrong-parent"
    description = "test only"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        parent = path.read_text().strip()
        return ImportBatch(rows_read=2, regions=[
            RegionRecord(code="GM0363", level="gemeente", year=2023, name="Amsterdam", row=2, column="code"),
            RegionRecord(code="WK036301", level="wijk", year=2023, name="Wijk 01", parent_code=parent,
                         row=3, column="code"),
        ])


@pytest.mark.parametrize(("parent", "match"), [
    ("GM0344", "WK036301 kan niet in GM0344 liggen: volgens de code ligt het in GM0363"),
    ("GM0999", "WK036301 kan niet in GM0999 liggen"),
])
def test_a_parent_must_fit_the_code(tmp_path, monkeypatch, parent, match):
    monkeypatch.setitem(registry._importers, WrongParentImporter.name, WrongParentImporter)
    path = tmp_path / "parents.txt"
    path.write_text(parent)
    assert_refused(WrongParentImporter.name, path, row=3, column="code", match=match)


class UnknownParentImporter(Importer):
    """A named buurt of a wijk that nobody names (codes in a range CBS does not use)."""

    name = "test-unknown-parent"
    description = "test only"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        return ImportBatch(rows_read=1, regions=[
            RegionRecord(code="BU99010101", level="buurt", year=2024, name="Testbuurt", parent_code="WK990101"),
        ])


def test_a_parent_nobody_describes_is_not_created_and_the_link_is_listed(tmp_path, monkeypatch):
    monkeypatch.setitem(registry._importers, UnknownParentImporter.name, UnknownParentImporter)
    path = tmp_path / "buurt.txt"
    path.write_text("x")
    run = fresh_import(UnknownParentImporter.name, path)
    assert not Region.objects.filter(code="WK990101").exists()
    assert RegionYear.objects.get(region__code="BU99010101", year=2024).parent is None
    assert "1 gebieden waarin andere gebieden liggen, zijn nog niet bekend" in run.message and "WK990101" in run.message


class SeriesImporter(Importer):
    """A series over many years whose older codes no file names, as the RIVM and Leefbaarometer
    files are: it asks the write path to leave those figures aside (`leave_aside` in the file)."""

    name = "test-series"
    description = "test only"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        source = SourceRecord(key="test-series", publisher="Test", title="Testreeks")
        return ImportBatch(
            rows_read=2, sources=[source], leave_aside_unknown_regions=path.read_text() == "leave_aside",
            regions=[RegionRecord(code=code, level="gemeente", year=2016, row=row, column="code")
                     for row, code in ((2, "GM0363"), (3, "GM9903"))],
            observations=[ObservationRecord(code, "inwoners", 2016, 100.0, source.key) for code in ("GM0363", "GM9903")],
        )


@pytest.mark.parametrize("leave_aside", [False, True])
def test_an_unknown_region_is_refused_or_left_aside_and_listed_when_the_import_says_so(tmp_path, monkeypatch,
                                                                                        leave_aside):
    monkeypatch.setitem(registry._importers, SeriesImporter.name, SeriesImporter)
    import_first(CODELIJST_2023)
    path = tmp_path / "series.txt"
    path.write_text("leave_aside" if leave_aside else "refuse")
    if not leave_aside:
        assert_refused(SeriesImporter.name, path, row=3, column="code", match="GM9903 is niet bekend voor 2016")
        return
    run = fresh_import(SeriesImporter.name, path)
    assert value("GM0363", "inwoners", 2016) == 100.0
    assert not Region.objects.filter(code="GM9903").exists()
    assert "1 gebieden zijn niet bekend voor hun jaar" in run.message and "GM9903" in run.message


# Control characters -------------------------------------------------------------------------

@pytest.mark.parametrize(("column", "text", "character"), [
    ("regio_naam", "Haarlemmer\x00buurt", "U+0000"),
    ("regio_naam", "Haarlemmer\nbuurt", "U+000A"),
    ("Area_Code", "WK0363AA\x1b", "U+001B"),
    ("Population_Total", "9180\x07", "U+0007"),
])
def test_control_character_in_a_cell_is_refused(tmp_path, column, text, character):
    broken = selectie_copy(tmp_path, 2, column, text)
    assert_refused("cbs-kwb-selectie", broken, row=3, column=column, match=re.escape(f"stuurteken ({character})"))


def test_control_character_in_the_header_is_refused(tmp_path):
    table = read_rows(SELECTIE)
    table[0][4] = "Population\x00_Total"
    broken = write_rows(tmp_path / "kwb2024_selectie.csv", table)
    assert_refused("cbs-kwb-selectie", broken, row=1, column="Population\\x00_Total", match="stuurteken")


def test_control_character_in_a_geojson_name_is_refused(tmp_path):
    broken = geojson_copy(tmp_path, PROVINCES, set_property(3, "name", "Dren\u0000the"))
    copies.assert_refused("cbs-provincies-geojson", broken, feature=4, column="name")


# Boundaries ---------------------------------------------------------------------------------

def set_ring(index: int, ring) -> callable:
    def change(document):
        document["features"][index]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    return change


def move(index: int, position) -> callable:
    """Apply `position` to every position of feature `index`."""
    def change(document):
        geometry = document["features"][index]["geometry"]
        geometry["coordinates"] = [
            [[position(point) for point in ring] for ring in polygon] for polygon in geometry["coordinates"]
        ]
    return change


SQUARE = [[4.9, 52.3], [5.0, 52.3], [5.0, 52.4], [4.9, 52.3]]


@pytest.mark.parametrize(("change", "match"), [
    (move(2, lambda point: [point[1], point[0]]), "breedtegraad en lengtegraad zijn verwisseld"),
    (move(2, lambda point: [point[0] + 30, point[1] - 20]), "buiten Nederland"),
    (set_ring(2, [[-68.9, 12.1], [-68.8, 12.1], [-68.8, 12.2], [-68.9, 12.1]]), "buiten Nederland"),
    (set_ring(2, [[str(x), str(y)] for x, y in SQUARE]), "een coördinaat is '4.9', geen getal"),
    (set_ring(2, [[x, y] for x, y in SQUARE[:3]] + [[float("nan"), 52.3]]), "een coördinaat is 'nan', geen getal"),
    (set_ring(2, [[[x, y], [x, y]] for x, y in SQUARE]), "dieper genest"),
    (set_ring(2, [[x] for x, y in SQUARE]), "1 waarden"),
    (set_ring(2, SQUARE[:2]), "minder dan vier posities"),
    (set_ring(2, [[True, False]] * 4), "geen getal"),
    (set_ring(2, "4.9 52.3"), "ongeldige coördinaten"),
], ids=["swapped", "far-away", "caribbean", "strings", "nan", "nested-deeper", "one-value", "short-ring",
        "booleans", "text"])
def test_malformed_or_misplaced_boundary_is_refused(tmp_path, change, match):
    broken = geojson_copy(tmp_path, PROVINCES, change)
    refused = copies.assert_refused("cbs-provincies-geojson", broken, feature=3)
    assert match in refused.message, refused.message


def test_arrays_nested_too_deeply_for_the_parser_are_refused(tmp_path):
    depth = 200_000
    broken = tmp_path / "deep.geojson"
    broken.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "PV20", '
        '"name": "Groningen"}, "geometry": {"type": "Polygon", "coordinates": ' + "[" * depth + "]" * depth + "}}]}"
    )
    refused = copies.assert_refused("cbs-provincies-geojson", broken)
    assert "te diep" in refused.message, refused.message


def test_feature_that_is_not_an_object_is_refused(tmp_path):
    broken = geojson_copy(tmp_path, PROVINCES, lambda document: document["features"].insert(1, [1, 2]))
    copies.assert_refused("cbs-provincies-geojson", broken, feature=2)


# Size ---------------------------------------------------------------------------------------

def test_file_above_the_maximum_size_is_refused_before_reading(tmp_path, settings):
    large = tmp_path / "provincies.geojson"
    large.write_text(data_text(PROVINCES) + "\n")  # not the bytes of an earlier run, so it is read
    settings.IMPORT_MAX_BYTES = 64 * 1024
    refused = copies.assert_refused("cbs-provincies-geojson", large)
    assert "groter dan 0.0625 MB" in refused.message and "IMPORT_MAX_BYTES" in refused.message


def test_gzip_file_that_unpacks_above_the_maximum_is_refused(tmp_path, settings):
    """A gzip bomb: 20 MB of spaces in a file of some kilobytes."""
    settings.IMPORT_MAX_BYTES = 5 * 1024 * 1024
    bomb = tmp_path / "bom.geojson.gz"
    with gzip.open(bomb, "wb") as handle:
        for _ in range(20):
            handle.write(b" " * (1024 * 1024))
    assert bomb.stat().st_size < 100_000
    refused = copies.assert_refused("cbs-provincies-geojson", bomb)
    assert "uitgepakt is het bestand groter dan 5 MB" in refused.message, refused.message


def test_gzip_file_below_the_maximum_imports(settings):
    settings.IMPORT_MAX_BYTES = 2 * len(data_text(PROVINCES).encode())
    fresh_import("cbs-provincies-geojson", PROVINCES)


# Imports at the same time -------------------------------------------------------------------

def test_two_imports_at_the_same_time_both_succeed_one_after_the_other(tmp_path):
    """Both create the same gemeenten and the catalogue's indicators: without the import lock the
    second fails on PostgreSQL with an IntegrityError."""
    with separate_database(tmp_path) as environment:
        imports = [
            start_manage(environment, "import_data", "cbs-kwb-tmap", str(GEMEENTEN), "--no-scores"),
            start_manage(environment, "import_data", "cbs-wijken-codelijst",
                         str(bundled_path(CODELIJST_2023[1])), "--no-scores"),
        ]
        results = [process.communicate(timeout=600) for process in imports]
        for process, (out, err) in zip(imports, results):
            assert process.returncode == 0 and "Traceback" not in err, err
        counts = count_rows(environment)
    assert counts["runs"] == ["succeeded", "succeeded"]
    assert counts["named_by_code"] == 0
    assert counts["figures"] > 5000


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's own write lock")
def test_sqlite_locked_by_another_writer_refuses_in_dutch_and_records_the_run(tmp_path):
    """Another connection holds SQLite's write lock; the import waits for the timeout (1 s here),
    is refused without a traceback, and records its failed run once the other writer is done."""
    with separate_database(tmp_path) as environment:
        outcome = run_script(environment, f"""
import sqlite3
from django.db import connection
from wijkkompas.imports import services
from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.models import ImportRun
from wijkkompas.regions.models import Region, RegionYear
connection.settings_dict["OPTIONS"]["timeout"] = 1
other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
other.execute("BEGIN IMMEDIATE")
record = services._record
def other_writer_done_then_record(*args):
    other.rollback()
    return record(*args)
services._record = other_writer_done_then_record
try:
    services.import_file(source="cbs-provincies-geojson", path="{PROVINCES}")
    message = ""
except ImportRefused as refused:
    message = refused.message
print(json.dumps({{"message": message, "regions": Region.objects.count(),
    "runs": [[run.status, run.message] for run in ImportRun.objects.all()]}}))
""")
    assert "de database is bezig met een andere import; er is niets veranderd" in outcome["message"]
    assert outcome["regions"] == 0
    assert outcome["runs"] == [["failed", outcome["message"]]]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's advisory lock")
def test_postgresql_import_waits_for_another_and_refuses_when_it_takes_too_long(tmp_path, monkeypatch):
    settings = connection.settings_dict
    monkeypatch.setattr(locking, "LOCK_WAIT_SECONDS", 0.5)
    import psycopg

    from wijkkompas.imports.models import ImportRun

    # The session's bundled data may hold this file already; an unchanged file never takes the lock.
    ImportRun.objects.filter(source="cbs-provincies-geojson").delete()

    with psycopg.connect(dbname=settings["NAME"], host=settings["HOST"] or "127.0.0.1",
                         port=settings["PORT"] or 5432, user=settings["USER"], autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [locking.LOCK_KEY])
        started = time.monotonic()
        refused = copies.assert_refused("cbs-provincies-geojson", PROVINCES)
        assert time.monotonic() - started >= 0.5
        release = threading.Timer(0.5, lambda: other.execute("SELECT pg_advisory_unlock_all()"))
        release.start()
        monkeypatch.setattr(locking, "LOCK_WAIT_SECONDS", 30)
        waited = time.monotonic()
        fresh_import("cbs-provincies-geojson", PROVINCES)  # succeeds once the other lets go
        release.join()
    assert "de database is bezig met een andere import" in refused.message
    assert time.monotonic() - waited >= 0.4
