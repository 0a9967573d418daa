"""`cbs-kwb-odata` on files in the layouts CBS publishes Kerncijfers wijken en buurten in:
StatLine/OData CSV with semicolons, JSON TypedDataSet, with and without metadata, and the key
lists of real table years. The figures are small real slices (tests/imports/odata_slices.py)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.imports.cbs_files import assert_refused, fresh_import, import_names_2024, value
from tests.imports import odata_slices as slices
from wijkkompas.imports.base import ImportRefused, observation_table
from wijkkompas.imports.importers.cbs_kwb_keys import NO_INDICATOR, NOT_A_FIGURE, OTHER_UNIT, plan_columns
from wijkkompas.imports.importers.cbs_sources import KWB_TABLES
from wijkkompas.imports.models import ImportRun
from wijkkompas.imports.registry import get_importer
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Source
from wijkkompas.regions.models import RegionYear

pytestmark = pytest.mark.django_db

HERKOMST = {"Nederland_17": "inwoners_herkomst_nederland", "EuropaExclusiefNederland_18": "inwoners_herkomst_europa",
            "BuitenEuropa_19": "inwoners_herkomst_buiten_europa"}


def catalogue_units():
    return {key: spec.unit for key, spec in load_catalogue().indicators.items()}


def read(path, year=None):
    return get_importer("cbs-kwb-odata").read(path, year=year)


def values_of(batch, code):
    table = observation_table(batch)
    return dict(zip(*table.loc[table["region_code"] == code, ["indicator_key", "value"]].T.values, strict=True))


def test_semicolon_csv_as_statline_publishes_it_imports_and_reports_its_columns(tmp_path):
    path = slices.write_csv(tmp_path / "85984NED_TypedDataSet.csv", slices.records_2024())
    import_names_2024(tmp_path)  # the OData feed has codes, no names, in WijkenEnBuurten

    run = fresh_import("cbs-kwb-odata", path)

    # WK034403 Overvecht in 85984NED: 35255 inhabitants, 16781 dwellings, 848 ha (basis file),
    # 6255 aged 0-15 (population file).
    assert [value("WK034403", key, 2024) for key in ("inwoners", "woningvoorraad", "oppervlakte_totaal",
                                                      "inwoners_0_14", "bevolkingsdichtheid")] == [
        35255, 16781, 848, 6255, 4310,
    ]
    assert value("GM1680", "inwoners", 2024) == 25845
    assert Source.objects.get(key="cbs-kwb-2024").table == "85984NED"
    report = ImportRun.objects.get(pk=run.pk).column_report
    assert report["imported"]["AantalInwoners_5"] == "inwoners"
    assert report["imported"]["k_65JaarOfOuder_12"] == "inwoners_65_plus"
    assert report["imported"]["OppervlakteWater_124"] == "oppervlakte_water"
    assert set(report["region"]) == {"ID", "WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3"}
    assert report["left_aside"]["IndelingswijzigingGemeenteWijkBuurt_4"] == NOT_A_FIGURE
    for column in HERKOMST:  # mapped when the catalogue has the herkomst counts, else listed
        assert report["imported"].get(column) == HERKOMST[column] or report["left_aside"][column] == NO_INDICATOR
    reported = [*report["imported"], *report["region"], *report["left_aside"]]
    assert sorted(reported) == sorted(slices.records_2024()[0])  # every column once


def test_gemeente_rows_get_their_name_from_gemeentenaam(tmp_path):
    batch = read(slices.write_csv(tmp_path / "85984NED.csv", slices.records_2024()))
    names = {region.code: region.name for region in batch.regions}
    # WijkenEnBuurten holds the padded code here (as the OData feed has it): no wijk name to read.
    assert names == {"GM0344": "Utrecht", "WK034403": None, "GM1680": "Aa en Hunze", "WK168000": None}
    assert {region.code: region.parent_code for region in batch.regions}["WK034403"] == "GM0344"


def test_json_typed_dataset_with_embedded_metadata_gives_names_parents_and_year(tmp_path):
    records = slices.records_2024(slices.JSON_CODES, with_basis=False, name_in_key=True)
    path = slices.write_json(tmp_path / "kerncijfers.json", records)

    batch = read(path)
    run = fresh_import("cbs-kwb-odata", path)

    assert batch.sources[0].year == 2024 and batch.sources[0].table == "85984NED"
    assert {r.code: (r.name, r.parent_code) for r in batch.regions} == {
        "NL00": ("Nederland", None), "GM0344": ("Utrecht", None), "WK034403": ("Wijk 03 Overvecht", "GM0344"),
        "BU03440311": ("Taag- en Rubicondreef en omgeving", "WK034403"),
        "BU03440312": ("Wolga- en Donaudreef en omgeving", "WK034403"),
    }
    # BU03440311 in 85984NED: 4260 inhabitants, 2220 men, 510 aged 65 or older.
    assert [value("BU03440311", key, 2024) for key in ("inwoners", "mannen", "inwoners_65_plus")] == [4260, 2220, 510]
    assert value("NL00", "inwoners", 2024) == 17942942
    buurt = RegionYear.objects.select_related("parent").get(region__code="BU03440312", year=2024)
    assert (buurt.name, buurt.parent.code) == ("Wolga- en Donaudreef en omgeving", "WK034403")
    assert ImportRun.objects.get(pk=run.pk).column_report["imported"]["Vrouwen_7"] == "vrouwen"


def test_json_bare_list_takes_the_year_from_the_table_id_in_its_name(tmp_path):
    records = [slices.typed(record) for record in slices.records_2024(("GM0344",), with_basis=False)]
    path = tmp_path / "85984NED_TypedDataSet.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    batch = read(path)
    assert (batch.sources[0].key, values_of(batch, "GM0344")["inwoners"]) == ("cbs-kwb-2024", 374238)


def test_metadata_beside_the_file_as_cbsodata_saves_it(tmp_path):
    """`cbsodata.download_data` writes TypedDataSet.json with TableInfos.json and DataProperties.json."""
    records = slices.records_2024(("GM0344",), with_basis=False)
    path = tmp_path / "TypedDataSet.json"
    path.write_text(json.dumps([slices.typed(record) for record in records]), encoding="utf-8")
    (tmp_path / "TableInfos.json").write_text(json.dumps([slices.TABLE_INFOS_2024]), encoding="utf-8")
    units = slices.key_units("85984NED")
    (tmp_path / "DataProperties.json").write_text(
        json.dumps([{"Key": key, "Unit": "%" if key == "Mannen_6" else units[key]} for key in records[0] if units[key]]),
        encoding="utf-8",
    )
    batch = read(path)
    assert batch.sources[0].table == "85984NED"
    # A unit that cannot be the catalogue's is not stored under that indicator.
    assert batch.column_report.left_aside["Mannen_6"] == OTHER_UNIT
    assert "mannen" not in values_of(batch, "GM0344")


def test_region_names_from_the_dimension_saved_beside_a_typed_dataset(tmp_path):
    """A raw TypedDataSet has codes in WijkenEnBuurten; `cbsodata` saves their names in WijkenEnBuurten.json."""
    records = slices.records_2024(slices.JSON_CODES, with_basis=False)
    slices.write_json(tmp_path / "TypedDataSet.json", records)
    names = slices.records_2024(slices.JSON_CODES, with_basis=False, name_in_key=True)
    (tmp_path / "WijkenEnBuurten.json").write_text(json.dumps(
        [{"Key": coded["WijkenEnBuurten"], "Title": named["WijkenEnBuurten"]} for coded, named in zip(records, names)]
    ), encoding="utf-8")

    fresh_import("cbs-kwb-odata", tmp_path / "TypedDataSet.json")

    buurt = RegionYear.objects.get(region__code="BU03440311", year=2024)
    assert buurt.name == "Taag- en Rubicondreef en omgeving"
    assert value("BU03440311", "inwoners", 2024) == 4260


def test_another_table_year_with_decimal_commas_and_repeated_energy_keys(tmp_path):
    """84583NED (2019) numbers its columns otherwise, and repeats `Appartement` for electricity
    (`_48`) and gas (`_56`); a semicolon file writes `1,8` for 1.8."""
    path = slices.write_csv(tmp_path / "84583NED.csv", slices.records_2019())
    assert "1,8" in path.read_text(encoding="utf-8")

    batch = read(path)

    found = values_of(batch, "GM0363")
    for indicator in slices.KEYS_2019.values():
        assert found[indicator] == slices.value_2019("GM0363", indicator), indicator
    assert found["huishoudensgrootte"] == 1.8  # Amsterdam 2019: 1.8 persons per household
    assert found["elektriciteitsverbruik_appartement"] != found["aardgasverbruik_appartement"]
    assert batch.sources[0].key == "cbs-kwb-2019"
    assert {r.code: r.name for r in batch.regions} == {"GM0363": "Amsterdam", "WK036300": "Burgwallen-Oude Zijde"}


@pytest.mark.parametrize("table", ["83765NED", "84583NED", "85984NED"])
def test_key_lists_of_real_tables_map_every_figure_the_catalogue_has(table):
    """Every key of a real table is imported, a region column, or listed as left aside; and the
    left-aside ones are exactly those the catalogue has no indicator for."""
    units = slices.key_units(table)
    plan = plan_columns(units, units={k: u for k, u in units.items() if u}, catalogue_units=catalogue_units())
    assert set(plan.values) | set(plan.region.values()) | set(plan.left_aside) == set(units)
    assert len(set(plan.values.values())) == len(plan.values)
    expected_aside = {
        "83765NED": {"MeestVoorkomendePostcode_102", "Dekkingspercentage_103"},
        "84583NED": {"IndelingswijzigingWijkenEnBuurten_4", "MeestVoorkomendePostcode_113", "Dekkingspercentage_114"},
        "85984NED": {
            "IndelingswijzigingGemeenteWijkBuurt_4", "Nederland_20", "EuropaExclusiefNederland_21", "BuitenEuropa_22",
            "EuropaExclusiefNederland_23", "BuitenEuropa_24", "NieuwbouwWoningen_36", "NietWoningvoorraad_37",
            "NieuwbouwNietWoningen_38", "PercentageTussenwoningEengezins_41", "PercentageHoekwoningEengezins_42",
            "PercentageTweeOnderEenKapWoningEe_43", "PercentageVrijstaandeWoningEengezins_44",
            "BouwjaarMeerDanTienJaarGeleden_51", "BouwjaarAfgelopenTienJaar_52",
            "GemiddeldeElektriciteitsleveringTotaal_53", "Appartement_54", "Tussenwoning_55", "Hoekwoning_56",
            "TweeOnderEenKapWoning_57", "VrijstaandeWoning_58", "Huurwoning_59", "EigenWoning_60",
            "LeerlingenPo_70", "LeerlingenVoInclVavo_71", "StudentenMboExclExtranei_72", "StudentenHbo_73",
            "StudentenWo_74", "MeestVoorkomendePostcode_125", "Dekkingspercentage_126",
        },
    }[table]
    expected_aside |= {column for column in HERKOMST if column in units and HERKOMST[column] not in catalogue_units()}
    assert set(plan.left_aside) == expected_aside
    assert plan.values.get("Appartement_56" if table != "85984NED" else "Appartement_62") == "aardgasverbruik_appartement"


def test_every_known_table_id_is_a_distinct_year_from_2013_to_2025():
    assert sorted(KWB_TABLES) == list(range(2013, 2026))
    assert len(set(KWB_TABLES.values())) == len(KWB_TABLES)
    assert (KWB_TABLES[2019], KWB_TABLES[2024], KWB_TABLES[2025]) == ("84583NED", "85984NED", "86165NED")


def test_import_data_prints_the_column_report(tmp_path):
    path = slices.write_csv(tmp_path / "85984NED_report.csv", slices.records_2024(("GM0344",)))
    import_names_2024(tmp_path)
    ImportRun.objects.filter(source="cbs-kwb-odata").delete()
    out = StringIO()
    call_command("import_data", "cbs-kwb-odata", str(path), "--no-scores", stdout=out)
    text = out.getvalue()
    assert "AantalInwoners_5 → inwoners" in text
    assert "IndelingswijzigingGemeenteWijkBuurt_4" in text and "geen cijfer" in text


# --- Refusals: file, row and column named, nothing written -------------------------------------

def test_year_of_the_table_id_and_the_year_given_must_agree(tmp_path):
    path = slices.write_csv(tmp_path / "85984NED.csv", slices.records_2024())
    refused = assert_refused("cbs-kwb-odata", path, row=None, column=None, year=2023,
                             match="tabel 85984NED zegt 2024, maar --year zegt 2023")
    assert refused.file == "85984NED.csv"


def test_metadata_and_file_name_must_name_the_same_table(tmp_path):
    records = slices.records_2024(("GM0344",), with_basis=False)
    assert_refused("cbs-kwb-odata", slices.write_json(tmp_path / "84583NED.json", records), row=None, column=None,
                   match="84583NED.*85984NED")


def test_year_column_must_agree_with_the_table(tmp_path):
    records = [{**record, "Perioden": "2023JJ00"} for record in slices.records_2024(("GM0344", "WK034403"))]
    assert_refused("cbs-kwb-odata", slices.write_csv(tmp_path / "85984NED.csv", records), row=2, column="Perioden",
                   match="2024.*2023")


def test_unknown_table_without_a_year_is_refused(tmp_path):
    path = slices.write_csv(tmp_path / "99999NED.csv", slices.records_2024(("GM0344",)))
    assert_refused("cbs-kwb-odata", path, row=None, column=None, match="99999NED.*--year")


def test_unknown_table_for_a_year_with_a_known_table_is_refused(tmp_path):
    path = slices.write_csv(tmp_path / "99999NED.csv", slices.records_2024(("GM0344",)))
    assert_refused("cbs-kwb-odata", path, row=None, column=None, year=2024, match="85984NED")


def test_kind_of_region_must_fit_the_code(tmp_path):
    records = slices.records_2024()
    records[1]["SoortRegio_2"] = "Gemeente  "  # WK034403
    assert_refused("cbs-kwb-odata", slices.write_csv(tmp_path / "85984NED.csv", records), row=3,
                   column="SoortRegio_2", match="WK034403")


def test_code_in_wijken_en_buurten_must_match_codering(tmp_path):
    records = slices.records_2024()
    records[2]["WijkenEnBuurten"] = "GM0363    "
    assert_refused("cbs-kwb-odata", slices.write_csv(tmp_path / "85984NED.csv", records), row=4,
                   column="WijkenEnBuurten", match="GM0363")


def test_truncated_json_is_refused(tmp_path):
    path = slices.write_json(tmp_path / "85984NED.json", slices.records_2024(slices.JSON_CODES, with_basis=False))
    text = path.read_text(encoding="utf-8")
    cut = text[: len(text) // 2]
    path.write_text(cut, encoding="utf-8")
    # Refused at the line where the text stops.
    assert_refused("cbs-kwb-odata", path, row=cut.count("\n") + 1, column=None, match="geen geldige JSON")


def test_truncated_row_of_a_semicolon_file_is_refused(tmp_path):
    path = slices.write_csv(tmp_path / "85984NED.csv", slices.records_2024())
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:-1], lines[-1][: len(lines[-1]) // 2]]) + "\n", encoding="utf-8")
    assert_refused("cbs-kwb-odata", path, row=5, column=None)


def test_a_json_figure_that_is_not_a_number_is_refused(tmp_path):
    path = slices.write_json(tmp_path / "85984NED.json", slices.records_2024(slices.JSON_CODES, with_basis=False))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["value"][3]["Mannen_6"] = True
    path.write_text(json.dumps(document), encoding="utf-8")
    assert_refused("cbs-kwb-odata", path, row=4, column="Mannen_6")


def test_a_json_record_with_other_fields_is_refused(tmp_path):
    path = slices.write_json(tmp_path / "85984NED.json", slices.records_2024(slices.JSON_CODES, with_basis=False))
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["value"][2]["Vrouwen_7"]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert_refused("cbs-kwb-odata", path, row=3, column="Vrouwen_7")


def test_a_count_with_a_thousands_separator_is_refused(tmp_path):
    records = slices.records_2024()
    records[0]["AantalInwoners_5"] = "374.238"
    assert_refused("cbs-kwb-odata", slices.write_csv(tmp_path / "85984NED.csv", records), row=2,
                   column="AantalInwoners_5")


@pytest.mark.parametrize("layout", ["csv", "json"])
def test_a_control_character_in_a_name_is_refused(tmp_path, layout):
    records = slices.records_2024(slices.JSON_CODES, with_basis=False, name_in_key=True)
    records[2]["WijkenEnBuurten"] = "Wijk 03 Over\x00vecht"
    write = slices.write_csv if layout == "csv" else slices.write_json
    path = write(tmp_path / f"85984NED.{layout}", records)
    assert_refused("cbs-kwb-odata", path, row=4 if layout == "csv" else 3, column="WijkenEnBuurten",
                   match="U\\+0000")


def test_a_json_count_with_decimals_is_refused(tmp_path):
    path = slices.write_json(tmp_path / "85984NED.json", slices.records_2024(slices.JSON_CODES, with_basis=False))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["value"][1]["AantalInwoners_5"] = 374.238  # a count read with a thousands separator
    path.write_text(json.dumps(document), encoding="utf-8")
    assert_refused("cbs-kwb-odata", path, row=2, column="AantalInwoners_5")


CLEANED_HEADER = "regiocode,soort_regio,jaar,WijkenEnBuurten,AantalInwoners_5,Bevolkingsdichtheid_33\n"


def write_cleaned(path, *lines):
    path.write_text(CLEANED_HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("cells", "count"), [
    (("35255,4310", "0,."), 3),  # plain numbers and a suppressed cell
    (("35255,4310", "12.0,7"), 4),  # a point in a count: read cell by cell (and accepted as 12)
    (("35255,4310", "1_000,7"), 4),  # what float() reads, in the columns and cell by cell alike
])
def test_whole_columns_give_the_observations_of_cell_by_cell_reading(tmp_path, cells, count):
    path = write_cleaned(
        tmp_path / "kwb2024.csv",
        f'WK034403,Wijk,2024,"Overvecht",{cells[0]}',
        f'WK061307,Wijk,2024,"Wijk 07",{cells[1]}',
    )
    importer = get_importer("cbs-kwb-odata")
    by_cell = observation_table(importer._read(path, None, whole_columns=False))
    batch = importer.read(path)
    assert observation_table(batch).astype(object).values.tolist() == by_cell.astype(object).values.tolist()
    assert len(by_cell) == count


@pytest.mark.parametrize(("cell", "reason"), [
    ("24.430", "scheidingsteken voor duizendtallen"),
    ("-5", "ligt buiten het geldige bereik"),
    ("inf", "is geen getal"),
])
def test_a_figure_the_columns_cannot_read_is_refused_cell_by_cell_with_its_row(tmp_path, cell, reason):
    path = write_cleaned(
        tmp_path / "kwb2024.csv", 'WK034403,Wijk,2024,"Overvecht",35255,4310', f'WK061307,Wijk,2024,"Wijk 07",{cell},7',
    )
    with pytest.raises(ImportRefused) as refused:
        get_importer("cbs-kwb-odata").read(path)
    assert (refused.value.row, refused.value.column) == (3, "AantalInwoners_5")
    assert reason in refused.value.reason
