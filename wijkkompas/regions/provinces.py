"""The twelve Dutch provinces and their CBS codes (CBS Gebieden in Nederland, PV20-PV31)."""

from wijkkompas.regions.codes import normalise_name

PROVINCES = {
    "PV20": "Groningen",
    "PV21": "Fryslân",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland",
    "PV29": "Zeeland",
    "PV30": "Noord-Brabant",
    "PV31": "Limburg",
}

#: Spellings seen in sources besides the official name.
_VARIANTS = {"fryslan": "PV21", "friesland": "PV21"}
_BY_NAME = {normalise_name(name): code for code, name in PROVINCES.items()} | _VARIANTS


def province_code_by_name(name: str) -> str | None:
    return _BY_NAME.get(normalise_name(name))
