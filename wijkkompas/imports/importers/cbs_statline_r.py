"""CBS Kerncijfers wijken en buurten 2017 (83765NED) and 2019 (84583NED), downloaded from
StatLine and re-saved by R (shared/data/SOURCES.md, file 6).

R turned the StatLine labels into column names (spaces and punctuation become dots), so a
column name is a label, e.g. `Bevolking.Aantal.inwoners..aantal.`. The file has no year
column: year and table come from the file name (`..._kwb2019_84583NED_...`) or from the
year given. Each table year has its own set of columns; a column of the other year, or one
neither year has, is refused. Every data column maps to a catalogue indicator.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused
from wijkkompas.imports.importers.cbs_rows import (
    check_region_kind, check_unique, observations, region_code, region_name, region_record,
)
from wijkkompas.imports.importers.cbs_sources import KWB_TABLES, kwb_source
from wijkkompas.imports.parsing import read_csv
from wijkkompas.imports.registry import register

#: The region columns. The gemeentenaam is required but not used: the parent follows from the code.
NAME, MUNICIPALITY, KIND, CODE = (
    "Wijken.en.buurten", "Regioaanduiding.Gemeentenaam..naam.",
    "Regioaanduiding.Soort.regio..omschrijving.", "Regioaanduiding.Codering..code.",
)
#: Known columns that hold no statistic: a change code, the most common postcode and its coverage.
IGNORED = (
    "Regioaanduiding.Indelingswijziging.wijken.en.buurten..code.",
    "Postcode.Meest.voorkomende.postcode..code.",
    "Postcode.Dekkingspercentage..code.",
)

_B, _W, _E = "Bevolking.", "Wonen.Woningen.naar.", "Energie.Gemiddeld."
_ELEC, _GAS = _E + "elektriciteitsverbruik.", _E + "aardgasverbruik."
_INC_P, _INC_H = "Inkomen.Inkomen.van.personen.", "Inkomen.Inkomen.van.huishoudens."
_SBI, _CARS = "Bedrijfsvestigingen..SBI.2008.", "Motorvoertuigen.Personenauto.s."
_NEAR = "Nabijheid.voorzieningen."

#: Column -> indicator key, for the columns of both tables.
COLUMNS = {
    _B + "Aantal.inwoners..aantal.": "inwoners",
    _B + "Geslacht.Mannen..aantal.": "mannen",
    _B + "Geslacht.Vrouwen..aantal.": "vrouwen",
    _B + "Leeftijdsgroepen.0.tot.15.jaar..aantal.": "inwoners_0_14",
    _B + "Leeftijdsgroepen.15.tot.25.jaar..aantal.": "inwoners_15_24",
    _B + "Leeftijdsgroepen.25.tot.45.jaar..aantal.": "inwoners_25_44",
    _B + "Leeftijdsgroepen.45.tot.65.jaar..aantal.": "inwoners_45_64",
    _B + "Leeftijdsgroepen.65.jaar.of.ouder..aantal.": "inwoners_65_plus",
    _B + "Burgerlijke.staat.Ongehuwd..aantal.": "inwoners_ongehuwd",
    _B + "Burgerlijke.staat.Gehuwd..aantal.": "inwoners_gehuwd",
    _B + "Burgerlijke.staat.Gescheiden..aantal.": "inwoners_gescheiden",
    _B + "Burgerlijke.staat.Verweduwd..aantal.": "inwoners_verweduwd",
    _B + "Personen.met.een.migratieachtergrond.Westers.totaal..aantal.": "inwoners_westerse_migratieachtergrond",
    _B + "Personen.met.een.migratieachtergrond.Niet.westers.Niet.westers.totaal..aantal.":
        "inwoners_niet_westerse_migratieachtergrond",
    _B + "Personen.met.een.migratieachtergrond.Niet.westers.Marokko..aantal.": "inwoners_migratieachtergrond_marokko",
    _B + "Personen.met.een.migratieachtergrond.Niet.westers.Nederlandse.Antillen.en.Aruba..aantal.":
        "inwoners_migratieachtergrond_antillen_aruba",
    _B + "Personen.met.een.migratieachtergrond.Niet.westers.Suriname..aantal.": "inwoners_migratieachtergrond_suriname",
    _B + "Personen.met.een.migratieachtergrond.Niet.westers.Turkije..aantal.": "inwoners_migratieachtergrond_turkije",
    _B + "Personen.met.een.migratieachtergrond.Niet.westers.Overig.niet.westers..aantal.":
        "inwoners_migratieachtergrond_overig_niet_westers",
    _B + "Geboorte.en.sterfte.Geboorte.totaal..aantal.": "geboorten",
    _B + "Geboorte.en.sterfte.Geboorte.relatief..per.1.000.inwoners.": "geboorten_per_1000",
    _B + "Geboorte.en.sterfte.Sterfte.totaal..aantal.": "sterfgevallen",
    _B + "Geboorte.en.sterfte.Sterfte.relatief..per.1.000.inwoners.": "sterfgevallen_per_1000",
    _B + "Particuliere.huishoudens.Huishoudens.totaal..aantal.": "huishoudens",
    _B + "Particuliere.huishoudens.Eenpersoonshuishoudens..aantal.": "eenpersoonshuishoudens",
    _B + "Particuliere.huishoudens.Huishoudens.zonder.kinderen..aantal.": "huishoudens_zonder_kinderen",
    _B + "Particuliere.huishoudens.Huishoudens.met.kinderen..aantal.": "huishoudens_met_kinderen",
    _B + "Particuliere.huishoudens.Gemiddelde.huishoudensgrootte..aantal.": "huishoudensgrootte",
    _B + "Bevolkingsdichtheid..aantal.inwoners.per.km..": "bevolkingsdichtheid",
    "Wonen.Woningvoorraad..aantal.": "woningvoorraad",
    "Wonen.Gemiddelde.WOZ.waarde.van.woningen..x.1.000.euro.": "woz_waarde",
    _W + "type.Percentage.eengezinswoning....": "pct_eengezinswoningen",
    _W + "type.Percentage.meergezinswoning....": "pct_meergezinswoningen",
    _W + "bewoning.Percentage.bewoond....": "pct_bewoond",
    _W + "bewoning.Percentage.onbewoond....": "pct_onbewoond",
    _W + "eigendom.Koopwoningen....": "pct_koopwoningen",
    _W + "eigendom.Huurwoningen.Huurwoningen.totaal....": "pct_huurwoningen",
    _W + "eigendom.Huurwoningen.In.bezit.woningcorporatie....": "pct_corporatiewoningen",
    _W + "eigendom.Huurwoningen.In.bezit.overige.verhuurders....": "pct_huur_overige_verhuurders",
    _W + "eigendom.Eigendom.onbekend....": "pct_eigendom_onbekend",
    _W + "bouwjaar.Bouwjaar.voor.2000....": "pct_bouwjaar_voor_2000",
    _W + "bouwjaar.Bouwjaar.vanaf.2000....": "pct_bouwjaar_vanaf_2000",
    **{
        f"{prefix}{column}": f"{key}{suffix}"
        for prefix, unit, key in ((_ELEC, "kWh", "elektriciteitsverbruik"), (_GAS, "m.", "aardgasverbruik"))
        for column, suffix in (
            (f"Gemiddeld.{key}.totaal..{unit}.", ""),
            (f"Naar.woningtype.Appartement..{unit}.", "_appartement"),
            (f"Naar.woningtype.Tussenwoning..{unit}.", "_tussenwoning"),
            (f"Naar.woningtype.Hoekwoning..{unit}.", "_hoekwoning"),
            (f"Naar.woningtype.Twee.onder.één.kap.woning..{unit}.", "_twee_onder_een_kap"),
            (f"Naar.woningtype.Vrijstaande.woning..{unit}.", "_vrijstaand"),
            (f"Naar.eigendom.Huurwoning..{unit}.", "_huurwoning"),
            (f"Naar.eigendom.Eigen.woning..{unit}.", "_koopwoning"),
        )
    },
    _GAS + "Percentage.woningen.met.stadsverwarming....": "pct_stadsverwarming",
    "Opleidingsniveau.Opleidingsniveau.laag..aantal.": "inwoners_opleiding_laag",
    "Opleidingsniveau.Opleidingsniveau.middelbaar..aantal.": "inwoners_opleiding_middelbaar",
    "Opleidingsniveau.Opleidingsniveau.hoog..aantal.": "inwoners_opleiding_hoog",
    "Arbeid.Nettoarbeidsparticipatie....": "nettoarbeidsparticipatie",
    "Arbeid.Onderverdeling.werkenden.Percentage.werknemers....": "pct_werknemers",
    "Arbeid.Onderverdeling.werkenden.Percentage.zelfstandigen....": "pct_zelfstandigen",
    _INC_P + "Aantal.inkomensontvangers....aantal.": "inkomensontvangers",
    _INC_P + "Gemiddeld.inkomen.per.inkomensontvanger...x.1.000.euro.": "inkomen_per_ontvanger",
    _INC_P + "Gemiddeld.inkomen.per.inwoner...x.1.000.euro.": "inkomen_per_inwoner",
    _INC_P + "40..personen.met.laagste.inkomen....": "pct_personen_laag_inkomen",
    _INC_P + "20..personen.met.hoogste.inkomen....": "pct_personen_hoog_inkomen",
    _INC_P + "Actieven.15.75.jaar....": "pct_actieven_15_75",
    _INC_H + "Gem..gestandaardiseerd.inkomen.van.huish..x.1.000.euro.": "gestandaardiseerd_inkomen_huishouden",
    _INC_H + "40..huishoudens.met.laagste.inkomen....": "pct_huishoudens_laagste_40",
    _INC_H + "20..huishoudens.met.hoogste.inkomen....": "pct_huishoudens_hoogste_20",
    _INC_H + "Huishoudens.met.een.laag.inkomen....": "pct_huishoudens_laag_inkomen",
    _INC_H + "Huish..onder.of.rond.sociaal.minimum....": "pct_huishoudens_rond_sociaal_minimum",
    _INC_H + "Huishoudens.tot.110..van.sociaal.minimum....": "pct_huishoudens_tot_110_sociaal_minimum",
    _INC_H + "Huishoudens.tot.120..van.sociaal.minimum....": "pct_huishoudens_tot_120_sociaal_minimum",
    _INC_H + "Mediaan.vermogen.van.particuliere.huish...x.1.000.euro.": "mediaan_vermogen_huishoudens",
    "Sociale.zekerheid.Personen.per.soort.uitkering..Bijstand..aantal.": "personen_bijstand",
    "Sociale.zekerheid.Personen.per.soort.uitkering..AO..aantal.": "personen_ao_uitkering",
    "Sociale.zekerheid.Personen.per.soort.uitkering..WW..aantal.": "personen_ww_uitkering",
    "Sociale.zekerheid.Personen.per.soort.uitkering..AOW..aantal.": "personen_aow_uitkering",
    "Zorg.Jongeren.met.jeugdzorg.in.natura..aantal.": "jongeren_jeugdzorg",
    "Zorg.Percentage.jongeren.met.jeugdzorg....": "pct_jongeren_jeugdzorg",
    "Zorg.Wmo.cliënten..aantal.": "wmo_clienten",
    "Zorg.Wmo.cliënten.relatief..per.1.000.inwoners.": "wmo_clienten_per_1000",
    _SBI + "Bedrijfsvestigingen.totaal..aantal.": "bedrijfsvestigingen",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.A.Landbouw..bosbouw.en.visserij..aantal.": "bedrijfsvestigingen_landbouw",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.B.F.Nijverheid.en.energie..aantal.": "bedrijfsvestigingen_nijverheid_energie",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.G.I.Handel.en.horeca..aantal.": "bedrijfsvestigingen_handel_horeca",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.H.J.Vervoer..informatie.en.communicatie..aantal.":
        "bedrijfsvestigingen_vervoer_ict",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.K.L.Financiële.diensten..onroerend.goed..aantal.":
        "bedrijfsvestigingen_financieel_onroerend_goed",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.M.N.Zakelijke.dienstverlening..aantal.": "bedrijfsvestigingen_zakelijke_diensten",
    _SBI + "Bedrijfsvestigingen.naar.activiteit.R.U.Cultuur..recreatie..overige.diensten..aantal.":
        "bedrijfsvestigingen_cultuur_recreatie_overig",
    _CARS + "Personenauto.s.totaal..aantal.": "personenautos",
    _CARS + "Personenauto.s..leeftijd.Personenauto.s..jonger.dan.6.jaar..aantal.": "personenautos_jonger_dan_6_jaar",
    _CARS + "Personenauto.s..leeftijd.Personenauto.s..6.jaar.en.ouder..aantal.": "personenautos_6_jaar_en_ouder",
    _CARS + "Personenauto.s..brandstoftype.Personenauto.s..brandstof.benzine..aantal.": "personenautos_benzine",
    _CARS + "Personenauto.s..brandstoftype.Personenauto.s..overige.brandstof..aantal.": "personenautos_overige_brandstof",
    _CARS + "Personenauto.s.per.huishouden..per.huishouden.": "personenautos_per_huishouden",
    _CARS + "Personenauto.s.naar.oppervlakte..per.km..": "personenautos_per_km2",
    "Motorvoertuigen.Motorfietsen..aantal.": "motorfietsen",
    _NEAR + "Afstand.tot.huisartsenpraktijk..km.": "afstand_huisartsenpraktijk",
    _NEAR + "Afstand.tot.grote.supermarkt..km.": "afstand_grote_supermarkt",
    _NEAR + "Afstand.tot.kinderdagverblijf..km.": "afstand_kinderdagverblijf",
    _NEAR + "Basisonderwijs.Afstand.tot.school..km.": "afstand_basisschool",
    _NEAR + "Basisonderwijs.Scholen.binnen.3.km..aantal.": "basisscholen_binnen_3km",
    "Oppervlakte.Oppervlakte.totaal..ha.": "oppervlakte_totaal",
    "Oppervlakte.Oppervlakte.land..ha.": "oppervlakte_land",
    "Oppervlakte.Oppervlakte.water..ha.": "oppervlakte_water",
    "Stedelijkheid.Mate.van.stedelijkheid..code.": "stedelijkheid",
    "Stedelijkheid.Omgevingsadressendichtheid..per.km..": "omgevingsadressendichtheid",
    "Criminaliteit.Totaal.diefstal.uit.woning.schuur.e.d...per.1.000.inwoners.": "diefstal_uit_woning_per_1000",
    "Criminaliteit.Vernieling..misdrijf.tegen.openbare.orde..per.1.000.inwoners.": "vernieling_openbare_orde_per_1000",
    "Criminaliteit.Gewelds..en.seksuele.misdrijven..per.1.000.inwoners.": "geweld_seksuele_misdrijven_per_1000",
}

_2017_KEYS = {"pct_actieven_15_75", "personenautos_jonger_dan_6_jaar", "personenautos_6_jaar_en_ouder",
              "diefstal_uit_woning_per_1000", "vernieling_openbare_orde_per_1000", "geweld_seksuele_misdrijven_per_1000"}
_2019_KEYS = {"inwoners_opleiding_laag", "inwoners_opleiding_middelbaar", "inwoners_opleiding_hoog",
              "nettoarbeidsparticipatie", "pct_werknemers", "pct_zelfstandigen", "gestandaardiseerd_inkomen_huishouden",
              "pct_huishoudens_tot_110_sociaal_minimum", "pct_huishoudens_tot_120_sociaal_minimum",
              "mediaan_vermogen_huishoudens", "jongeren_jeugdzorg", "pct_jongeren_jeugdzorg", "wmo_clienten",
              "wmo_clienten_per_1000"}
#: The data columns of each table: those of both years plus its own.
LAYOUTS = {
    "83765NED": {column: key for column, key in COLUMNS.items() if key not in _2019_KEYS},
    "84583NED": {column: key for column, key in COLUMNS.items() if key not in _2017_KEYS},
}

_FILE_NAME = re.compile(r"kwb(\d{4})_(\d+NED)", re.IGNORECASE)


def table_of(path: Path, year: int | None) -> tuple[int, str]:
    """Year and StatLine table of the file: from its name, else from the year given."""
    match = _FILE_NAME.search(path.name)
    if match is None and year is None:
        raise ImportRefused(
            _("the file name does not say which table it is (as in 'kwb2019_84583NED'). Give the year with --year."),
            file=path,
        )
    if match is not None and year is not None and int(match[1]) != year:
        raise ImportRefused(
            _("the file name says %(found)s but the year given is %(year)s.") % {"found": match[1], "year": year},
            file=path,
        )
    year = int(match[1]) if match else year
    table = match[2].upper() if match else KWB_TABLES.get(year, "")
    if table not in LAYOUTS or KWB_TABLES.get(year) != table:
        raise ImportRefused(
            _("this importer reads Kerncijfers wijken en buurten %(known)s, not %(year)s (table %(table)s).")
            % {"known": ", ".join(f"{y} ({t})" for y, t in KWB_TABLES.items() if t in LAYOUTS),
               "year": year, "table": table or "?"},
            file=path,
        )
    return year, table


@register
class CbsStatlineRImporter(Importer):
    name = "cbs-kwb-statline-r"
    description = "CBS Kerncijfers wijken en buurten 2017 or 2019, StatLine CSV re-saved by R (column names with dots)"
    #: The file name usually says the year; `read` refuses when neither it nor the caller does.
    needs_year = False

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        year, table = table_of(path, year)
        columns = LAYOUTS[table]
        source = kwb_source(year)
        batch = ImportBatch(sources=[source])
        seen: set[tuple] = set()
        for row in read_csv(path, required=[NAME, MUNICIPALITY, KIND, CODE, *columns], optional=IGNORED):
            batch.rows_read += 1
            code = region_code(path, row, CODE)
            check_region_kind(path, row, KIND, code)
            check_unique(path, row, CODE, seen, (code,))
            batch.regions.append(region_record(code=code, year=year, name=region_name(path, row, NAME)))
            batch.observations.extend(observations(path, row, columns, code=code, year=year, source_key=source.key))
        return batch
