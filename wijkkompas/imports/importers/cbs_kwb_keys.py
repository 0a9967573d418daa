"""The OData keys of CBS "Kerncijfers wijken en buurten" (KWB) and the catalogue indicator each
one holds, for every table year.

A key is a stem and the column's position in that year's table, e.g. `AantalInwoners_5` or
`Woningvoorraad_35`. The position shifts between years (2019 has `Woningvoorraad_34`, 2024
`Woningvoorraad_35`), the stem does not, so columns are mapped by stem.

The stems below are the ones the tables really use, read from the table metadata and from the
column lists of public projects that download them: 83765NED (2017) and 84583NED (2019) column
lists, and the `DataProperties` of 85984NED (2024). Where CBS renamed a variable, both stems map
to the same indicator only when the definition stayed the same (`GemiddeldeWoningwaarde` until
2017 and `GemiddeldeWOZWaardeVanWoningen` since are both the mean WOZ value in x 1,000 euro;
`OnbewoondeWoningen` of 2024 is, like `PercentageOnbewoond`, a percentage of the dwellings).
Not mapped on purpose: the 2024 `GemiddeldeElektriciteitslevering…` block (delivery from the
grid, which CBS separates from the consumption the catalogue's indicators describe) and the
herkomst columns split by place of birth (85984NED). They are reported as left aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wijkkompas.indicators.models import Unit

#: Stem -> indicator key, for stems that mean one thing wherever they appear in a table.
ODATA_KEYS: dict[str, str] = {
    # Bevolking
    "AantalInwoners": "inwoners",
    "Mannen": "mannen",
    "Vrouwen": "vrouwen",
    "k_0Tot15Jaar": "inwoners_0_14",
    "k_15Tot25Jaar": "inwoners_15_24",
    "k_25Tot45Jaar": "inwoners_25_44",
    "k_45Tot65Jaar": "inwoners_45_64",
    "k_65JaarOfOuder": "inwoners_65_plus",
    "Ongehuwd": "inwoners_ongehuwd",
    "Gehuwd": "inwoners_gehuwd",
    "Gescheiden": "inwoners_gescheiden",
    "Verweduwd": "inwoners_verweduwd",
    "WestersTotaal": "inwoners_westerse_migratieachtergrond",
    "NietWestersTotaal": "inwoners_niet_westerse_migratieachtergrond",
    "Marokko": "inwoners_migratieachtergrond_marokko",
    "NederlandseAntillenEnAruba": "inwoners_migratieachtergrond_antillen_aruba",
    "Suriname": "inwoners_migratieachtergrond_suriname",
    "Turkije": "inwoners_migratieachtergrond_turkije",
    "OverigNietWesters": "inwoners_migratieachtergrond_overig_niet_westers",
    "GeboorteTotaal": "geboorten",
    "GeboorteRelatief": "geboorten_per_1000",
    "SterfteTotaal": "sterfgevallen",
    "SterfteRelatief": "sterfgevallen_per_1000",
    "HuishoudensTotaal": "huishoudens",
    "Eenpersoonshuishoudens": "eenpersoonshuishoudens",
    "HuishoudensZonderKinderen": "huishoudens_zonder_kinderen",
    "HuishoudensMetKinderen": "huishoudens_met_kinderen",
    "GemiddeldeHuishoudensgrootte": "huishoudensgrootte",
    "Bevolkingsdichtheid": "bevolkingsdichtheid",
    # Wonen (en vastgoed)
    "Woningvoorraad": "woningvoorraad",
    "GemiddeldeWoningwaarde": "woz_waarde",
    "GemiddeldeWOZWaardeVanWoningen": "woz_waarde",
    "PercentageEengezinswoning": "pct_eengezinswoningen",
    "PercentageMeergezinswoning": "pct_meergezinswoningen",
    "PercentageBewoond": "pct_bewoond",
    "PercentageOnbewoond": "pct_onbewoond",
    "OnbewoondeWoningen": "pct_onbewoond",
    "Koopwoningen": "pct_koopwoningen",
    "HuurwoningenTotaal": "pct_huurwoningen",
    "InBezitWoningcorporatie": "pct_corporatiewoningen",
    "InBezitOverigeVerhuurders": "pct_huur_overige_verhuurders",
    "EigendomOnbekend": "pct_eigendom_onbekend",
    "BouwjaarVoor2000": "pct_bouwjaar_voor_2000",
    "BouwjaarVanaf2000": "pct_bouwjaar_vanaf_2000",
    # Energie (the totals; the blocks by dwelling type are in ENERGY_BLOCKS)
    "GemiddeldElektriciteitsverbruikTotaal": "elektriciteitsverbruik",
    "GemiddeldAardgasverbruikTotaal": "aardgasverbruik",
    "PercentageWoningenMetStadsverwarming": "pct_stadsverwarming",
    # Opleiding: until 2022 "opleidingsniveau", since 2023 "hoogst behaald onderwijsniveau",
    # the same three levels of people aged 15 to 75.
    "OpleidingsniveauLaag": "inwoners_opleiding_laag",
    "OpleidingsniveauMiddelbaar": "inwoners_opleiding_middelbaar",
    "OpleidingsniveauHoog": "inwoners_opleiding_hoog",
    "BasisonderwijsVmboMbo1": "inwoners_opleiding_laag",
    "HavoVwoMbo24": "inwoners_opleiding_middelbaar",
    "HboWo": "inwoners_opleiding_hoog",
    # Arbeid
    "Nettoarbeidsparticipatie": "nettoarbeidsparticipatie",
    "PercentageWerknemers": "pct_werknemers",
    "PercentageZelfstandigen": "pct_zelfstandigen",
    "Actieven1575Jaar": "pct_actieven_15_75",
    # Inkomen
    "AantalInkomensontvangers": "inkomensontvangers",
    "GemiddeldInkomenPerInkomensontvanger": "inkomen_per_ontvanger",
    "GemiddeldInkomenPerInwoner": "inkomen_per_inwoner",
    "k_40PersonenMetLaagsteInkomen": "pct_personen_laag_inkomen",
    "k_20PersonenMetHoogsteInkomen": "pct_personen_hoog_inkomen",
    "GemGestandaardiseerdInkomenVanHuish": "gestandaardiseerd_inkomen_huishouden",
    "k_40HuishoudensMetLaagsteInkomen": "pct_huishoudens_laagste_40",
    "k_20HuishoudensMetHoogsteInkomen": "pct_huishoudens_hoogste_20",
    "HuishoudensMetEenLaagInkomen": "pct_huishoudens_laag_inkomen",
    "HuishOnderOfRondSociaalMinimum": "pct_huishoudens_rond_sociaal_minimum",
    "HuishoudensTot110VanSociaalMinimum": "pct_huishoudens_tot_110_sociaal_minimum",
    "HuishoudensTot120VanSociaalMinimum": "pct_huishoudens_tot_120_sociaal_minimum",
    "MediaanVermogenVanParticuliereHuish": "mediaan_vermogen_huishoudens",
    # Sociale zekerheid en zorg
    "PersonenPerSoortUitkeringBijstand": "personen_bijstand",
    "PersonenPerSoortUitkeringAO": "personen_ao_uitkering",
    "PersonenPerSoortUitkeringWW": "personen_ww_uitkering",
    "PersonenPerSoortUitkeringAOW": "personen_aow_uitkering",
    "JongerenMetJeugdzorgInNatura": "jongeren_jeugdzorg",
    "PercentageJongerenMetJeugdzorg": "pct_jongeren_jeugdzorg",
    "WmoClienten": "wmo_clienten",
    "WmoClientenRelatief": "wmo_clienten_per_1000",
    # Bedrijfsvestigingen
    "BedrijfsvestigingenTotaal": "bedrijfsvestigingen",
    "ALandbouwBosbouwEnVisserij": "bedrijfsvestigingen_landbouw",
    "BFNijverheidEnEnergie": "bedrijfsvestigingen_nijverheid_energie",
    "GIHandelEnHoreca": "bedrijfsvestigingen_handel_horeca",
    "HJVervoerInformatieEnCommunicatie": "bedrijfsvestigingen_vervoer_ict",
    "KLFinancieleDienstenOnroerendGoed": "bedrijfsvestigingen_financieel_onroerend_goed",
    "MNZakelijkeDienstverlening": "bedrijfsvestigingen_zakelijke_diensten",
    "OQOverheidOnderwijsEnZorg": "bedrijfsvestigingen_overheid_onderwijs_zorg",
    "RUCultuurRecreatieOverigeDiensten": "bedrijfsvestigingen_cultuur_recreatie_overig",
    # Motorvoertuigen
    "PersonenautoSTotaal": "personenautos",
    "PersonenautoSJongerDan6Jaar": "personenautos_jonger_dan_6_jaar",
    "PersonenautoS6JaarEnOuder": "personenautos_6_jaar_en_ouder",
    "PersonenautoSBrandstofBenzine": "personenautos_benzine",
    "PersonenautoSOverigeBrandstof": "personenautos_overige_brandstof",
    "PersonenautoSPerHuishouden": "personenautos_per_huishouden",
    "PersonenautoSNaarOppervlakte": "personenautos_per_km2",
    "Motorfietsen": "motorfietsen",
    # Nabijheid voorzieningen
    "AfstandTotHuisartsenpraktijk": "afstand_huisartsenpraktijk",
    "AfstandTotGroteSupermarkt": "afstand_grote_supermarkt",
    "AfstandTotKinderdagverblijf": "afstand_kinderdagverblijf",
    "AfstandTotSchool": "afstand_basisschool",
    "ScholenBinnen3Km": "basisscholen_binnen_3km",
    # Oppervlakte en stedelijkheid
    "OppervlakteTotaal": "oppervlakte_totaal",
    "OppervlakteLand": "oppervlakte_land",
    "OppervlakteWater": "oppervlakte_water",
    "MateVanStedelijkheid": "stedelijkheid",
    "Omgevingsadressendichtheid": "omgevingsadressendichtheid",
    # Criminaliteit (per 1,000 inhabitants, in the tables up to 2017)
    "TotaalDiefstalUitWoningSchuurED": "diefstal_uit_woning_per_1000",
    "VernielingMisdrijfTegenOpenbareOrde": "vernieling_openbare_orde_per_1000",
    "GeweldsEnSeksueleMisdrijven": "geweld_seksuele_misdrijven_per_1000",
}

#: Energy blocks: their columns by dwelling type repeat the same stems (`Appartement_48` is
#: electricity, `Appartement_56` gas in 2019), so a stem means what the block it follows says.
#: A block starts at its total column; None: a block whose columns the catalogue does not hold.
ENERGY_BLOCKS: dict[str, str | None] = {
    "GemiddeldElektriciteitsverbruikTotaal": "elektriciteitsverbruik",
    "GemiddeldAardgasverbruikTotaal": "aardgasverbruik",
    "GemiddeldeElektriciteitsleveringTotaal": None,
}
ENERGY_BLOCK_STEMS = {
    "Appartement": "_appartement",
    "Tussenwoning": "_tussenwoning",
    "Hoekwoning": "_hoekwoning",
    "TweeOnderEenKapWoning": "_twee_onder_een_kap",
    "VrijstaandeWoning": "_vrijstaand",
    "Huurwoning": "_huurwoning",
    "EigenWoning": "_koopwoning",
}

#: The herkomst block (verified in 85984NED, 2024): `Nederland_17, EuropaExclusiefNederland_18,
#: BuitenEuropa_19` are the inhabitants by herkomstland; the same stems come back after them
#: split by place of birth (`Nederland_20` … `BuitenEuropa_24` in 85984NED), which the catalogue
#: does not hold. So only a stem's first column maps.
HERKOMST_STEMS = {
    "Nederland": "inwoners_herkomst_nederland",
    "EuropaExclusiefNederland": "inwoners_herkomst_europa",
    "BuitenEuropa": "inwoners_herkomst_buiten_europa",
}

#: Columns that say which region and year a row is about (raw CBS keys and the cleaned layout).
ID, NAME, MUNICIPALITY, KIND, CODE = "ID", "WijkenEnBuurten", "Gemeentenaam", "SoortRegio", "Codering"
REGION_STEMS = frozenset({NAME, MUNICIPALITY, KIND, CODE})
CLEAN_CODE, CLEAN_KIND, YEAR_COLUMNS = "regiocode", "soort_regio", ("jaar", "Perioden")
#: Known columns that hold no figure: a change code, the most common postcode and its coverage.
NOT_FIGURES = frozenset({
    "IndelingswijzigingWijkenEnBuurten", "IndelingswijzigingGemeenteWijkBuurt", "Indelingswijziging",
    "MeestVoorkomendePostcode", "Dekkingspercentage",
})

#: Why a column was left aside (stored on the run; `column_report.reason_text` words them).
NO_INDICATOR, NOT_A_FIGURE, OTHER_UNIT = "no_indicator", "not_a_figure", "other_unit"

#: The units CBS writes in `DataProperties` and the catalogue units each can be.
CBS_UNITS: dict[str, frozenset[str]] = {
    "aantal": frozenset({Unit.COUNT, Unit.AVERAGE}),
    "%": frozenset({Unit.PERCENT}),
    "x 1 000 euro": frozenset({Unit.THOUSAND_EURO}),
    "per 1 000 inwoners": frozenset({Unit.PER_1000}),
    "aantal inwoners per km²": frozenset({Unit.PER_KM2}),
    "per km²": frozenset({Unit.PER_KM2}),
    "per huishouden": frozenset({Unit.AVERAGE}),
    "km": frozenset({Unit.KILOMETRE}),
    "ha": frozenset({Unit.HECTARE}),
    "kWh": frozenset({Unit.KWH}),
    "m³": frozenset({Unit.CUBIC_METRE}),
    "code": frozenset({Unit.CLASS}),
}

_KEY = re.compile(r"^(?P<stem>[A-Za-z][A-Za-z0-9_]*?)_(?P<number>\d+)$")


def split_key(column: str) -> tuple[str, int | None]:
    """The stem and position of an OData key; a name without a position is its own stem."""
    match = _KEY.match(column)
    return (match["stem"], int(match["number"])) if match else (column, None)


class ColumnClash(ValueError):
    """Two columns of one file hold the same region field or the same indicator."""

    def __init__(self, column: str, meaning: str):
        super().__init__(column, meaning)
        self.column, self.meaning = column, meaning


@dataclass(frozen=True)
class ColumnPlan:
    """What to do with each column: region columns, value columns (column -> indicator key) and
    the columns left aside with the reason."""

    region: dict[str, str]  # role (NAME, KIND, …, "year") -> column
    values: dict[str, str]
    left_aside: dict[str, str]


def plan_columns(
    header: Iterable[str], *, units: Mapping[str, str], catalogue_units: Mapping[str, str]
) -> ColumnPlan:
    """Sort the columns of a KWB file. `units` holds the CBS unit of a column when the table's
    `DataProperties` came with the file; a mapped column whose CBS unit cannot be the catalogue
    unit (`catalogue_units`: indicator key -> unit) is left aside rather than stored wrongly."""
    region: dict[str, str] = {}
    values: dict[str, str] = {}
    left_aside: dict[str, str] = {}
    block: str | None = None
    herkomst_seen: set[str] = set()
    ordered = sorted(header, key=lambda column: (split_key(column)[1] is None, split_key(column)[1] or 0))
    for column in ordered:
        stem, _number = split_key(column)
        role = _region_role(column, stem)
        if role:
            if role in region:
                raise ColumnClash(column, region[role])
            region[role] = column
            continue
        if stem in ENERGY_BLOCKS:
            block = ENERGY_BLOCKS[stem]
            key = block
        elif stem in ENERGY_BLOCK_STEMS:
            key = block + ENERGY_BLOCK_STEMS[stem] if block else None
        elif stem in HERKOMST_STEMS:
            block = None
            key = None if stem in herkomst_seen else HERKOMST_STEMS[stem]
            herkomst_seen.add(stem)
        else:
            block = None
            key = ODATA_KEYS.get(stem)
        if stem in NOT_FIGURES:
            left_aside[column] = NOT_A_FIGURE
        elif key is None or key not in catalogue_units:
            left_aside[column] = NO_INDICATOR
        elif column in units and catalogue_units[key] not in CBS_UNITS.get(units[column].strip(), ()):
            left_aside[column] = OTHER_UNIT
        else:
            if key in values.values():
                raise ColumnClash(column, key)
            values[column] = key
    return ColumnPlan(region=region, values=values, left_aside=left_aside)


def _region_role(column: str, stem: str) -> str | None:
    if column == ID:
        return ID
    if stem in REGION_STEMS:
        return stem
    if column == CLEAN_CODE:
        return CODE
    if column == CLEAN_KIND:
        return KIND
    if column in YEAR_COLUMNS:
        return "year"
    return None
