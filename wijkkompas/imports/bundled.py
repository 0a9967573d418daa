"""The open data bundled with Wijkkompas (data/, see data/PROVENANCE.md), in the order it must be
imported: boundaries and region lists before the figures that hang under them."""

from pathlib import Path

from django.conf import settings

BUNDLED_FILES: list[tuple[str, str]] = [
    ("cbs-provincies-geojson", "cbs_provincies2022_tmap.geojson"),
    ("cbs-kwb-tmap", "cbs_kwb2022_gemeenten_tmap.csv"),
    ("cbs-kwb-tmap", "cbs_kwb2022_wijken_tmap.csv"),
    ("cbs-kwb-tmap-geojson", "cbs_kwb2022_gemeenten_tmap.geojson"),
    ("cbs-kwb-tmap-geojson", "cbs_kwb2022_wijken_tmap.geojson"),
    ("cbs-wijken-codelijst", "cbs_wijken2023_v0_codelijst.csv"),
    ("cbs-wijkbuurtkaart-gemeenten", "cbs_wijkbuurtkaart2023_v1_gemeenten.csv"),
    # Every gemeente, wijk and buurt of 2024, before the postcodes that name the wijken of 2024.
    ("cbs-kwb-bevolking", "cbs_kwb2024_85984NED_alle_regios_bevolking.csv"),
    # Codes without names: after the file that names the regions of 2024 (no region is named by its code).
    ("cbs-kwb-odata", "cbs_kwb2024_85984NED_gemeente_wijk_basis.csv"),
    ("cbs-pc4-wijk", "cbs_pc4_wijk_2024.csv"),
    # The names of 2025: gemeenten before wijken before buurten, each parent named first.
    ("cbs-namen", "cbs_gemeentenamen_2025.csv"),
    ("cbs-namen", "cbs_wijknamen_2025.csv"),
    ("cbs-namen", "cbs_buurtnamen_2025.csv"),
    ("cbs-kwb-statline-r", "cbs_kwb2017_83765NED_amsterdam.csv"),
    ("cbs-kwb-statline-r", "cbs_kwb2019_84583NED_amsterdam.csv"),
    ("cbs-kwb-selectie", "cbs_kwb2020_amsterdam_selectie.csv"),
    ("cbs-kwb-selectie", "cbs_kwb2023_amsterdam_inkomen.csv"),
    ("cbs-kwb-selectie", "cbs_kwb2024_amsterdam_selectie.csv"),
    ("cbs-nabijheid", "cbs_nabijheid_amsterdam_2020_2024.csv"),
    ("cbs-ses-woa", "cbs_ses_woa_85163NED_amsterdam_2019.csv"),
    ("cbs-wijkenbuurten-geojson", "cbs_wijkenbuurten2024_buurten_baarn.geojson"),
    ("amsterdam-buurten-geometrie", "amsterdam_buurten2022_geometrie.geojson"),
    ("veiligheidsindex", "amsterdam_veiligheidsindex_2014_2018_vmgebieden.csv"),
    ("eindhoven-buurten-geometrie", "eindhoven_buurten_geometrie.geojson"),
    ("eindhoven-tijdreeksen", "eindhoven_buurten_tijdreeksen_2006_2022.csv"),
    ("leefbaarometer-wijken", "leefbaarometer3_amstelveen_wijken_2014_2022.csv"),
    ("leefbaarometer-buurten", "leefbaarometer3_buurten_2002_2020.csv"),
    ("rivm-gezondheid", "rivm_gezondheid_wijk_buurt_50090NED_18plus.csv"),
    ("rivm-gezondheid", "rivm_gezondheid_wijk_buurt_50090NED_65plus.csv"),
    ("nplv-focusgebieden", "nplv_focusgebieden.csv"),
]

#: Files kept beside the data for reference, not imported: the Veiligheidsindex workbook's own
#: list of its variables, from which the catalogue's definitions were written.
REFERENCE_FILES: list[str] = ["amsterdam_veiligheidsindex_2014_2018_variabelen.csv"]


def bundled_path(file_name: str) -> Path:
    """Where a bundled file is in the data folder: as it is, or gzip-compressed as the repository
    keeps it (`WIJKKOMPAS_DATA_DIR` may point at a folder of uncompressed files)."""
    plain = Path(settings.DATA_DIR) / file_name
    compressed = plain.with_name(f"{plain.name}.gz")
    return compressed if compressed.exists() and not plain.exists() else plain
