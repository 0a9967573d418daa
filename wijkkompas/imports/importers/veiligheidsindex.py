"""Amsterdam-Amstelland Veiligheidsindex per VM-gebied, 2014-2017 (Gemeente Amsterdam, Onderzoek en
Statistiek). See shared/data/SOURCES.md, file 9, and indicators/catalogue/veiligheidsindex.toml.

Measurements. The file stacks eleven measurements (`meting`), each over twelve months. Only the four
calendar-year measurements are stored, as the years 2014-2017. The seven rolling measurements
(e.g. May 2014 - April 2015) overlap those years and cannot be filed under one year without
inventing a period; their rows are read and validated like the others, but not stored.

Areas. VM-gebieden are not CBS regions. An area is taken to be a CBS wijk only by this documented
rule: its short name is a single VM code (a stadsdeel letter and two digits, such as A00) and its
full name, normalised, equals a name of CBS wijk WK0363 + those two digits in the CBS data already
in the database (the KWB 2017 and 2019 tables name the old Amsterdam wijken). Such an area gets a
`RegionMatch` with the rule, and its figures are filed under the CBS wijk. Every other area
(combined or split codes like E13/E12(B10) or T93ab, other names, the Amstelland municipalities)
is a region of its own kind, level `vm_gebied`, coded `VM-<slug of the full name>`: the same full
name in another year is the same region, so its trend joins up although its short label changed
(Aveen1tm5 in 2014, Amstelveen Noord later). The slug is cut at a word boundary to fit the code
field. Because matching reads the database, the bundled data imports the CBS tables first; imported
before them, nothing matches and all areas become `vm_gebied` regions.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import (
    ImportBatch, Importer, ImportRefused, MatchRecord, ObservationRecord, RegionRecord, SourceRecord,
)
from wijkkompas.imports.parsing import Row, parse_number, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import IndicatorSpec, indicator_spec
from wijkkompas.regions.codes import normalise_name
from wijkkompas.regions.models import Level, Region, RegionYear

SOURCE = SourceRecord(
    key="amsterdam-veiligheidsindex",
    publisher="Gemeente Amsterdam, Onderzoek en Statistiek",
    title="Veiligheidsindex 2014-2017",
    note="Onderliggende cijfers van de Veiligheidsindex Amsterdam-Amstelland per VM-gebied (buurtcombinatie), "
    "uit de werkmap 'Veiligheidsgevoel en Criminaliteit Amsterdam.xlsx' (GitHub GewoonMaarten/jm-bd-criminaliteit, "
    "2018). Bewaard zijn de vier metingen over een heel kalenderjaar (2014 tot en met 2017). De zeven "
    "tussenmetingen over twaalf maanden (zoals mei 2014 tot en met april 2015) overlappen die jaren; ze zijn "
    "gecontroleerd maar niet bewaard. Bij alle indexen staat 100 voor het niveau van de regio in basisjaar 2014; "
    "hoger is onveiliger. Een VM-gebied met een enkele code en dezelfde naam als een CBS-wijk staat bij die wijk; "
    "de andere gebieden zijn eigen VM-gebieden. Licentie: niet vermeld in het bestand.",
)

#: Calendar-year measurements (sheet names, spelled as in the workbook) and their year.
CALENDAR_MEASUREMENTS = {"VI_heel_2014": 2014, "VI_heel_2015": 2015, "VI_heel 2016": 2016, "Vi_heel 2017": 2017}
ROLLING_MEASUREMENTS = frozenset({
    "VI_mei2014_april2015", "VI_september2014_augustus2015", "VI mei 2015_april 2016", "VI sept 2015_aug 2016",
    "Vi mei2016_april 2017", "VIsept2016_aug2017", "Vi mei 2017_april 2018",
})

AREA_COLUMNS = ["meting", "vmgebiednaam", "vmgebiednr", "VMgebiednaamDEF"]
#: Every other column is a statistic with an indicator `vi_<column>` (see `indicator_key`).
STATISTIC_COLUMNS = [
    "veiligheidsindex", "ipsl_risicoperceptie", "ipsl_onveiligheids-gevoelens", "ipsl_vermijding",
    "Onveiligheids-belevingindex", "Ipersonenoverlast", "Iverloedering", "overlastindex", "HICindex", "HVCIndex",
    "criminaliteitsindex", "Slachtof_MEAN", "HoevCrim_MEAN", "VerandCrim_MEAN", "OnveiligheidBuurt_MEAN",
    "OnveiligheidAlgemeen_MEAN", "rapportcijfer_veiligheid_buurt_MEAN", "NietOpen_MEAN", "Omloop_MEAN",
    "StrLoopt_MEAN", "Alleen_MEAN", "Geen_activieit_avond_MEAN", "niet_alleen_buiten_MEAN", "HoevOverlastBuurt_MEAN",
    "VerandOverlastBuurt_MEAN", "risicoperceptie", "onveiligheidsgevoelens", "vermijding", "Rommel_MEAN",
    "Verniel_MEAN", "Beklad_MEAN", "HondPoep_MEAN", "onderhoud_straat_MEAN", "onderhoud_groen_MEAN", "Dronken_MEAN",
    "Drugs_MEAN", "Horeca_MEAN", "BuurtWon_MEAN", "LastVal_MEAN", "Jongeren_MEAN", "verloedering", "blok_overlast",
    "diefstal_uit_van_auto_sum", "autodiefstal_sum", "Diefstal_ander_motorvoertuig_sum", "fietsdiefstal_sum",
    "beroving_sum", "zakkenrollerij_sum", "mishandeling_sum", "bedreiging_sum", "sexuele_int_gew_ sum",
    "overige_diefstal_ sum", "vernielingen_sum", "inbraak_totaal", "brom_snor_samen", "inbrwoni", "moorddood",
    "straatro", "overval", "zeden_incl_ kinderporno", "mishand_en_ geweld", "bedreiging_incl_ chantage", "inbrbox",
    "uitauto", "zakrolexOV", "vermogen", "inbrbedr", "winkel", "vanpersauto", "fietsdief", "bromsnorfiets",
    "ovvoert_incl_vracht_vaar_motor", "drugs_totaal", "Boalleprios", "Goalleprios", "Joalleprios", "POalleprios",
    "verniel", "won1000", "pinbrwoni", "zed1000", "pzeden_incl_ kinderporno", "moorddood1000", "pmoorddood",
    "mishand_en_ geweld1000", "pmishand_en_ geweld", "bedr1000", "pbedreiging_incl_ chantage", "str1000",
    "pstraatro", "ovr1000", "poverval", "box1000", "pinbrbox", "uiau1000", "puitauto", "vaut1000", "pvanpersauto",
    "fiets1000", "pfietsdief", "bromsnor1000", "pbromsnorfiets", "ovvo1000", "povvoert_incl_ vracht_vaar_motor",
    "verm1000", "pvermoge", "bedrijf1000", "pinbrbedr", "wink1000", "pwinkel", "zakr1000", "pzakrolexOV",
    "personen1000", "ppersonenov", "jeugd1000", "pjeugdov", "geluid1000", "pgeluid", "buur1000", "pburenov",
    "drugs_totaal1000", "pdrugstotaal", "vern1000", "pverniel", "poverlastmeld", "ipsl_verloedering",
    "ipsl_blok_overlast", "psl_vernielingen", "ipsl_vernielingen_ sum", "psl_diefstal_uit_van_auto",
    "psl_autodiefstal", "psl_Diefstal_ander_motorvoertuig", "psl_fietsdiefstal", "psl_beroving",
    "psl_zakkenrollerij", "psl_mishandeling", "psl_bedreiging", "psl_sexuele_int_ gew", "psl_overige_diefstal",
    "psl_inbraak_totaal", "psl_brom_snor_ samen", "ipsl_diefstal_uit_ van_auto", "ipsl_autodiefstal",
    "ipsl_Diefstal_ander_motorvoertuig", "ipsl_fietsdiefstal", "ipsl_beroving", "ipsl_zakkenrollerij",
    "ipsl_mishandeling", "ipsl_bedreiging", "ipsl_sexuele_int_ gew", "ipsl_overige_ diefstal", "ipsl_vernielingen",
    "ipsl_inbraak_totaal", "ipsl_brom_snor_ samen", "Izeden", "Imoorddood", "Ibedreig", "Imishandeling_en_ geweld",
    "Istraatroof", "Ioverval", "Iinbrwoning", "Iinbrbox", "Iuitauto", "Ivanpersauto", "Ifietsdief", "Ibromsnorfiets",
    "Ioverigvoertuig", "Ivermogen", "Iinbrbedr", "Iwinkel", "Izakrol", "N_wijk", "pop", "nwoninge", "nwink", "nbedr",
    "werkpers", "student", "bezoek", "nbezoek", "verbtot3", "verbnieuw",
]

#: SPSS's "system missing", left in a few cells of the workbook (shop-theft columns).
SPSS_MISSING = "#NULL!"

#: A single VM code: stadsdeel letter and two-digit wijk number, the candidates for a CBS wijk.
SINGLE_VM_CODE = re.compile(r"^[A-Z]\d{2}$")
#: Any Amsterdam VM label, also combined ones like E13/E12(B10) or T93ab.
AMSTERDAM_LABEL = re.compile(r"^[A-Z]\d{2}")
AMSTERDAM, AMSTERDAM_WIJK_PREFIX = "GM0363", "WK0363"

#: The Amstelland areas by full name. Their municipality is known from the 2014 labels, which
#: carry it (Aveen1tm5, aalsmeerkudelstaart, diemennoord, ouderkerkadamstel, uithoorndekwakel, ...).
AMSTELLAND = {
    "GM0362": ["Amstelveen Noord", "Amstelveen Oost", "Amstelveen Oud Zuid", "Amstelveen Nieuw Zuid",
               "Amstelveen Westwijk e.o."],
    "GM0358": ["Aalsmeer Centrum/Zuid", "Aalsmeer Hornmeer", "Aalsmeer Oost", "Kudelstaart"],
    "GM0384": ["Diemen Centrum", "Diemen Noord", "Diemen Zuid"],
    "GM0437": ["Duivendrecht Dorp", "Ouderkerk a/d Amstel"],
    "GM0451": ["De Kwakel", "Meerwijk/Oude Dorp en Zijdelwaard", "Thamerdal/Industrie en Legmeer"],
}
MUNICIPALITY_BY_NAME = {normalise_name(name): code for code, names in AMSTELLAND.items() for name in names}

MATCH_RULE = (
    "VM-gebied {label} ({name}) is CBS-wijk {code}: de VM-code is één stadsdeelletter met twee cijfers, en de "
    "volledige gebiedsnaam is gelijk aan de CBS-naam van wijk WK0363 met dezelfde twee cijfers (vergeleken "
    "zonder hoofdletters, accenten en dubbele spaties). Samengevoegde of opgesplitste VM-gebieden (zoals "
    "E13/E12(B10) of T93ab) en gebieden met een andere naam worden nooit aan een CBS-wijk gekoppeld."
)


def indicator_key(column: str) -> str:
    return "vi_" + re.sub(r"[^a-z0-9]+", "_", column.lower()).strip("_")


def area_code(name: str) -> str:
    """`VM-<slug>` for an area that is not a CBS wijk; the same full name always gives the same code."""
    code = "VM-" + re.sub(r"[^a-z0-9]+", "-", normalise_name(name)).strip("-")
    limit = Region._meta.get_field("code").max_length
    return code if len(code) <= limit else code[: limit + 1].rsplit("-", 1)[0]


def cbs_wijk_names() -> dict[str, set[str]]:
    """Normalised names of the old-style Amsterdam CBS wijken (WK0363 + two digits), any year."""
    names: dict[str, set[str]] = {}
    rows = RegionYear.objects.filter(region__code__startswith=AMSTERDAM_WIJK_PREFIX, region__level=Level.DISTRICT)
    for code, name in rows.values_list("region__code", "name"):
        if code[len(AMSTERDAM_WIJK_PREFIX):].isdigit():
            names.setdefault(code, set()).add(normalise_name(name))
    return names


@register
class VeiligheidsindexImporter(Importer):
    name = "veiligheidsindex"
    description = "Amsterdam-Amstelland Veiligheidsindex 2014-2017 per VM-gebied (Gemeente Amsterdam, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch(sources=[SOURCE])
        areas = _Areas(path, cbs_wijk_names())
        specs = [(column, indicator_spec(indicator_key(column))) for column in STATISTIC_COLUMNS]
        for row in read_csv(path, required=[*AREA_COLUMNS, *STATISTIC_COLUMNS]):
            batch.rows_read += 1
            measurement = row.text("meting")
            if measurement not in CALENDAR_MEASUREMENTS and measurement not in ROLLING_MEASUREMENTS:
                raise ImportRefused(
                    _("'%(text)s' is not a known measurement of the Veiligheidsindex.") % {"text": measurement[:40]},
                    file=path, row=row.number, column="meting",
                )
            label, name = areas.check(row, measurement)
            values = [(spec.key, _value(path, row, column, spec)) for column, spec in specs]
            if measurement in CALENDAR_MEASUREMENTS:
                file_year = CALENDAR_MEASUREMENTS[measurement]
                code = areas.region_code(row, label, name, file_year)
                batch.observations.extend(
                    ObservationRecord(code, key, file_year, value, SOURCE.key)
                    for key, value in values if value is not None
                )
        batch.regions, batch.matches = list(areas.regions.values()), list(areas.matches.values())
        return batch


def _value(path: Path, row: Row, column: str, spec: IndicatorSpec) -> float | None:
    text = row.text(column)
    if text == SPSS_MISSING:
        return None
    return parse_number(text, path=path, row=row.number, column=column, minimum=spec.minimum, maximum=spec.maximum)


class _Areas:
    """Checks each row's area and decides, per year, which region its figures belong to."""

    def __init__(self, path: Path, wijk_names: dict[str, set[str]]):
        self.path, self.wijk_names = path, wijk_names
        self.regions: dict[tuple[str, int], RegionRecord] = {}
        self.matches: dict[str, MatchRecord] = {}
        self._seen: set[tuple[str, str, str]] = set()
        self._names_by_code: dict[str, str] = {}

    def check(self, row: Row, measurement: str) -> tuple[str, str]:
        label, name = row.text("vmgebiednaam"), " ".join(row.text("VMgebiednaamDEF").split())
        for column, text in (("vmgebiednaam", label), ("VMgebiednaamDEF", name)):
            if not text:
                raise ImportRefused(_("the area has no name."), file=self.path, row=row.number, column=column)
        number = parse_number(row.text("vmgebiednr"), path=self.path, row=row.number, column="vmgebiednr", minimum=1)
        if number is None or number != int(number):
            raise ImportRefused(
                _("the area number must be a whole number."), file=self.path, row=row.number, column="vmgebiednr"
            )
        for column, key in (("vmgebiednaam", label), ("VMgebiednaamDEF", normalise_name(name))):
            if (measurement, column, key) in self._seen:
                raise ImportRefused(
                    _("area '%(name)s' appears twice in measurement %(measurement)s.")
                    % {"name": row.text(column), "measurement": measurement},
                    file=self.path, row=row.number, column=column,
                )
            self._seen.add((measurement, column, key))
        return label, name

    def region_code(self, row: Row, label: str, name: str, year: int) -> str:
        wijk = AMSTERDAM_WIJK_PREFIX + label[1:]
        if SINGLE_VM_CODE.match(label) and normalise_name(name) in self.wijk_names.get(wijk, ()):
            rule = MATCH_RULE.format(label=label, name=name, code=wijk)
            self.matches[label] = MatchRecord(source="veiligheidsindex", source_key=label, region_code=wijk, rule=rule)
            return wijk
        code = area_code(name)
        if self._names_by_code.setdefault(code, normalise_name(name)) != normalise_name(name):
            raise ImportRefused(
                _("areas '%(name)s' and '%(other)s' would get the same code %(code)s.")
                % {"name": name, "other": self._names_by_code[code], "code": code},
                file=self.path, row=row.number, column="VMgebiednaamDEF",
            )
        municipality = AMSTERDAM if AMSTERDAM_LABEL.match(label) else MUNICIPALITY_BY_NAME.get(normalise_name(name))
        self.regions[(code, year)] = RegionRecord(
            code=code, level=Level.SAFETY_AREA, year=year, name=name,
            parent_code=municipality, municipality_code=municipality,
        )
        return code
