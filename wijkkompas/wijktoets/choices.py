"""The groups the form offers: indicators of the bundled catalogue that count people, households
or dwellings, and percentages that become a number with the count they are a share of.

Found in wijkkompas/indicators/catalogue: these are the counts (unit "count") of persons,
households and dwellings, not of cars, businesses or crimes, and the percentages whose
definition names the count they are a share of. The API takes any count, or any percentage with
a count as its base; the form keeps to these so that a policy officer needs no codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupChoice:
    indicator: str
    base: str | None = None

    @property
    def value(self) -> str:
        """The form's value: the indicator, or the percentage and its base joined by '*'."""
        return f"{self.indicator}*{self.base}" if self.base else self.indicator


PERSONS = (
    GroupChoice("inwoners"),
    GroupChoice("inwoners_0_14"),
    GroupChoice("inwoners_15_24"),
    GroupChoice("inwoners_65_plus"),
    GroupChoice("pct_65_plus", "inwoners"),
    GroupChoice("pct_0_14", "inwoners"),
    GroupChoice("pct_personen_laag_inkomen", "inwoners"),
    GroupChoice("inwoners_herkomst_buiten_europa"),
    GroupChoice("personen_bijstand"),
    GroupChoice("personen_ao_uitkering"),
    GroupChoice("personen_ww_uitkering"),
    GroupChoice("personen_aow_uitkering"),
    GroupChoice("jongeren_jeugdzorg"),
    GroupChoice("wmo_clienten"),
    GroupChoice("inwoners_opleiding_laag"),
)
HOUSEHOLDS = (
    GroupChoice("huishoudens"),
    GroupChoice("eenpersoonshuishoudens"),
    GroupChoice("huishoudens_met_kinderen"),
    GroupChoice("pct_huishoudens_laag_inkomen", "huishoudens"),
    GroupChoice("pct_huishoudens_tot_120_sociaal_minimum", "huishoudens"),
    GroupChoice("pct_huishoudens_rond_sociaal_minimum", "huishoudens"),
)
DWELLINGS = (
    GroupChoice("woningvoorraad"),
    GroupChoice("pct_huurwoningen", "woningvoorraad"),
    GroupChoice("pct_corporatiewoningen", "woningvoorraad"),
    GroupChoice("pct_koopwoningen", "woningvoorraad"),
)
#: (Dutch heading key, choices) in the order the form shows them.
GUIDED = (("persons", PERSONS), ("households", HOUSEHOLDS), ("dwellings", DWELLINGS))
GUIDED_BY_VALUE = {choice.value: choice for _heading, choices in GUIDED for choice in choices}
