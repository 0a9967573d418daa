"""Everyday names of areas that their CBS name does not contain, so search finds them as people say them.

Only names with a source are listed, each linked to the CBS codes it stands for; no figures are
derived from them. The NPLV focus areas in the database (`FocusArea`, data/nplv_focusgebieden.csv)
are found by their name too: those listed here lead to their wijken, the others to their
municipality, which sets their boundary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Alias:
    name: str
    #: CBS codes, or code prefixes ending in `*` (the wijken of one Amsterdam stadsdeel).
    codes: tuple[str, ...]
    source: str


#: Amsterdam's wijk codes since 2022 carry the stadsdeel letter after GM0363: T is Zuidoost, F Nieuw-West
#: (Gemeente Amsterdam, "Gebiedsindeling": stadsdeel, gebied, wijk, buurt; CBS follows it).
AMSTERDAM_SOURCE = "Gemeente Amsterdam, Gebiedsindeling (stadsdeelcode T = Zuidoost, F = Nieuw-West), as in the CBS wijk codes"

ALIASES: tuple[Alias, ...] = (
    Alias("Den Haag", ("GM0518",),
          "Gemeente Den Haag calls itself Den Haag; 's-Gravenhage is the official name CBS uses"),
    Alias("Schilderswijk", ("WK051829",),
          "Den Haag in cijfers (denhaag.incijfers.nl) and the municipality call CBS wijk 29 Schildersbuurt "
          "the Schilderswijk"),
    Alias("Transvaal", ("WK051830",),
          "Gemeente Den Haag, wijk Transvaalkwartier, in everyday speech and the municipality's wijkprogramma "
          "'Transvaal'"),
    Alias("Zuidoost", ("WK0363T*",), AMSTERDAM_SOURCE),
    Alias("Nieuw-West", ("WK0363F*",), AMSTERDAM_SOURCE),
    # NPLV focus areas (Nationaal Programma Leefbaarheid en Veiligheid, BZK 2022) and the wijken they cover.
    Alias("Amsterdam Zuidoost", ("WK0363T*",), f"NPLV focus area; {AMSTERDAM_SOURCE}"),
    Alias("Amsterdam Nieuw-West", ("WK0363F*",), f"NPLV focus area; {AMSTERDAM_SOURCE}"),
    Alias("Utrecht Overvecht", ("WK034403",), "NPLV focus area: the wijk Overvecht of Utrecht"),
    Alias("Rotterdam-Zuid", ("WK059910", "WK059912", "WK059915"),
          "NPLV focus area; Nationaal Programma Rotterdam Zuid (nprz.nl): Feijenoord, IJsselmonde and Charlois"),
    Alias("Den Haag Zuidwest", ("WK051833", "WK051834", "WK051836"),
          "NPLV focus area; Gemeente Den Haag, Zuidwest: Bouwlust/Vrederust, Morgenstond and Moerwijk"),
)


def alias_names_for(code: str) -> list[str]:
    """The everyday names listed for one CBS code."""
    return [alias.name for alias in ALIASES if any(_covers(pattern, code) for pattern in alias.codes)]


def aliased_focus_areas() -> set[str]:
    """Names of focus areas that lead to their wijken here, not to their municipality."""
    return {alias.name for alias in ALIASES if alias.source.startswith("NPLV")}


def _covers(pattern: str, code: str) -> bool:
    return code.startswith(pattern[:-1]) if pattern.endswith("*") else code == pattern
