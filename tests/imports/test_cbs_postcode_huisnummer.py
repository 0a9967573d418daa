"""CBS's postcode-huisnummer file, on small files in its real layout: aggregated to postcodes and
buurten or wijken, read as a stream, and refused when broken."""

import gzip
import tracemalloc

import pytest

from tests.imports import copies
from tests.imports.cbs_files import assert_refused, fresh_import
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.imports.importers.cbs_postcode_huisnummer import CbsPostcodeHuisnummerImporter
from wijkkompas.imports.models import ImportRun
from wijkkompas.imports.services import import_file
from wijkkompas.regions.models import Level, PostcodeArea
from wijkkompas.regions.selectors import regions_for_postcode

pytestmark = pytest.mark.django_db

SOURCE = "cbs-postcode-huisnummer"
HEADER = "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024"
#: One address a line, as CBS writes them: codes without prefix, a letter code as Amsterdam has.
LINES = [
    "9901AA;1;99010101;990101;9901",
    "9901AA;3;99010101;990101;9901",
    "9901AA;5;99010102;990101;9901",
    "9901AB;2;9901AB01;9901AB;9901",
    "9902AC;7;9901AB01;9901AB;9901",
    "9902AC;7;9901AB01;9901AB;9901",
]


@pytest.fixture
def regions_2024():
    gemeente = RegionFactory(code="GM9901", level=Level.MUNICIPALITY)
    RegionYearFactory(region=gemeente, year=2024)
    for wijk, buurten in {"WK990101": ["BU99010101", "BU99010102"], "WK9901AB": ["BU9901AB01"]}.items():
        wijk_region = RegionFactory(code=wijk, level=Level.DISTRICT, municipality_code="GM9901")
        RegionYearFactory(region=wijk_region, year=2024, parent=gemeente)
        for buurt in buurten:
            region = RegionFactory(code=buurt, level=Level.NEIGHBOURHOOD, municipality_code="GM9901")
            RegionYearFactory(region=region, year=2024, parent=wijk_region)


def write(tmp_path, lines, name="pc6hnr20240801_gwb.csv", header=HEADER):
    path = tmp_path / name
    path.write_bytes(("\n".join([header, *lines]) + "\n").encode("utf-8"))
    return path


def refused(tmp_path, lines, *, row, column, header=HEADER, match="", year=None):
    path = write(tmp_path, lines, header=header)
    before = PostcodeArea.objects.count()
    assert_refused(SOURCE, path, row=row, column=column, match=match, year=year)
    assert PostcodeArea.objects.count() == before


def test_addresses_become_postcode_areas_of_buurten_and_wijken(tmp_path, regions_2024):
    run = fresh_import(SOURCE, write(tmp_path, LINES))

    assert run.rows_read == 6
    assert [(m.region.code, m.address_count, round(m.share, 3)) for m in regions_for_postcode(postcode="9901 aa")] == [
        ("BU99010101", 2, 0.667), ("BU99010102", 1, 0.333),
    ]
    assert [(m.region.code, m.share) for m in regions_for_postcode(postcode="9901")] == [
        ("WK990101", 0.75), ("WK9901AB", 0.25),
    ]
    # Two addresses with one house number (7A, 7B) are two addresses.
    assert [(m.region.code, m.address_count) for m in regions_for_postcode(postcode="9902AC")] == [("BU9901AB01", 2)]
    # A 6-digit postcode without buurten of its own gives the wijken of its 4 digits.
    assert [m.region.code for m in regions_for_postcode(postcode="9902ZZ")] == ["WK9901AB"]


def test_a_compressed_file_imports_and_a_second_import_leaves_the_same_rows(tmp_path, regions_2024):
    path = tmp_path / "pc6hnr.csv.gz"
    path.write_bytes(gzip.compress(write(tmp_path, LINES).read_bytes()))
    fresh_import(SOURCE, path)
    first = sorted(PostcodeArea.objects.values_list("postcode", "region__code", "year", "address_count", "share"))
    fresh_import(SOURCE, path)
    assert sorted(PostcodeArea.objects.values_list("postcode", "region__code", "year", "address_count", "share")) == first
    assert len(first) == 7


def test_the_file_is_read_as_a_stream(tmp_path, regions_2024):
    """Memory stays flat however long the file: 150,000 addresses (about 5 MB) take far less."""
    path = write(tmp_path, [f"99{n % 10:02d}AA;{n % 9999 + 1};99010101;990101;9901" for n in range(150_000)])
    tracemalloc.start()
    try:
        batch = CbsPostcodeHuisnummerImporter().read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert batch.rows_read == 150_000
    assert path.stat().st_size > 4_000_000
    assert peak < 1_000_000


@pytest.mark.parametrize(
    ("lines", "header", "row", "column"),
    [
        pytest.param(LINES, "PC6;Huisnummer;Buurt2024;Wijk2024", 1, "Gemeente2024", id="missing-column"),
        pytest.param([line + ";1" for line in LINES], HEADER + ";Toevoeging", 1, "Toevoeging", id="unknown-column"),
        pytest.param(LINES, "PC6;Huisnummer;Buurt2024;Wijk2023;Gemeente2024", 1, "Wijk2024", id="years-differ"),
        pytest.param(LINES, "Huisnummer;PC6;Buurt2024;Wijk2024;Gemeente2024", 1, None, id="columns-swapped"),
        pytest.param(["9901 AA;1;99010101;990101;9901"], HEADER, 2, "PC6", id="postcode-with-space"),
        pytest.param([*LINES[:2], "9901AA;0;99010101;990101;9901"], HEADER, 4, "Huisnummer", id="house-number-0"),
        pytest.param(["9901AA;1;9010101;990101;9901"], HEADER, 2, "Buurt2024", id="leading-zeros-lost"),
        pytest.param(["9901AA;1;BU99010101;990101;9901"], HEADER, 2, "Buurt2024", id="code-with-prefix"),
        pytest.param(["9901AA;1;99010101;9901AB;9901"], HEADER, 2, "Wijk2024", id="buurt-in-other-wijk"),
        pytest.param(["9901AA;1;99020101;990201;9901"], HEADER, 2, "Gemeente2024", id="wijk-in-other-gemeente"),
        pytest.param([*LINES, "9901AA;9;99010103;990101;9901"], HEADER, 8, "Buurt2024", id="buurt-not-of-2024"),
        pytest.param([*LINES, "9901AA;9;99010101"], HEADER, 8, None, id="truncated"),
    ],
)
def test_broken_files_are_refused(tmp_path, regions_2024, lines, header, row, column):
    refused(tmp_path, lines, header=header, row=row, column=column)


def test_a_spreadsheet_that_lost_leading_zeros_is_named(tmp_path, regions_2024):
    refused(tmp_path, ["9901AA;1;9010101;990101;9901"], row=2, column="Buurt2024", match="voorloopnullen")


def test_commas_instead_of_semicolons_are_refused(tmp_path, regions_2024):
    refused(tmp_path, [line.replace(";", ",") for line in LINES], header=HEADER.replace(";", ","), row=1, column=None)


def test_a_year_other_than_asked_is_refused(tmp_path, regions_2024):
    refused(tmp_path, LINES, row=1, column="Buurt2024", year=2025)


def test_another_encoding_is_refused_at_its_row(tmp_path, regions_2024):
    path = tmp_path / "latin1.csv"
    path.write_bytes(("\n".join([HEADER, *LINES[:3]]) + "\n9901AA;1;99010101;990101;9901 \xe9\n").encode("latin-1"))
    assert_refused(SOURCE, path, row=5, column=None)


def test_a_cut_off_gzip_file_is_refused(tmp_path, regions_2024):
    path = tmp_path / "cut.csv.gz"
    data = gzip.compress(write(tmp_path, LINES * 2000).read_bytes())
    path.write_bytes(data[: len(data) // 2])
    assert "gzip" in copies.assert_refused(SOURCE, path).message


def test_a_file_with_only_a_header_is_refused(tmp_path, regions_2024):
    refused(tmp_path, [], row=None, column=None)
    assert ImportRun.objects.filter(source=SOURCE).latest("started_at").status == "failed"
