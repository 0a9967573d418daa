"""The standard questionnaire of the Leefbaarheidspeiling, in B1 Dutch (English msgids, Dutch catalogue).

Each question has a stable key and a version of its wording: when the wording of a question
changes, its version goes up, and results are compared over periods only for the same key and
version (selectors.trend). Options are (value, label) pairs; the values are stored with the
answers and never change within a version.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wijkkompas.indicators.models import Theme


class Kind:
    SCALE = "cijfer"  # a report mark 1-10
    CHOICE = "keuze"  # one option
    MULTI = "meerkeuze"  # up to MAX_CHOICES options

    choices = [(SCALE, _("report mark 1 to 10")), (CHOICE, _("one choice")), (MULTI, _("several choices"))]


#: How many themes someone may tick at "improve first" and "should stay".
MAX_CHOICES = 3

MARKS = [(str(mark), str(mark)) for mark in range(1, 11)]
SAFE = [
    ("altijd", _("always safe")), ("meestal", _("mostly safe")), ("soms", _("sometimes safe")),
    ("nooit", _("never safe")),
]
AGREE = [
    ("eens", _("agree")), ("neutraal", _("neither agree nor disagree")), ("oneens", _("disagree")),
]
SATISFIED = [
    ("tevreden", _("satisfied")), ("neutraal", _("neither satisfied nor dissatisfied")),
    ("ontevreden", _("dissatisfied")),
]
DEVELOPMENT = [("beter", _("better")), ("gelijk", _("the same")), ("slechter", _("worse"))]
THEMES = [(value, label) for value, label in Theme.choices]


@dataclass(frozen=True)
class StandardQuestion:
    key: str
    version: int
    kind: str
    wording: object  # a lazy translation
    options: list


STANDARD = [
    StandardQuestion("rapportcijfer", 1, Kind.SCALE,
                     _("What mark do you give your neighbourhood? 1 is very bad, 10 is very good."), MARKS),
    StandardQuestion("veilig_overdag", 1, Kind.CHOICE, _("Do you feel safe in your neighbourhood during the day?"), SAFE),
    StandardQuestion("veilig_avond", 1, Kind.CHOICE, _("Do you feel safe in your neighbourhood in the evening?"), SAFE),
    StandardQuestion("kennen_elkaar", 1, Kind.CHOICE, _("People in my neighbourhood know each other."), AGREE),
    StandardQuestion("helpen_elkaar", 1, Kind.CHOICE, _("People in my neighbourhood help each other."), AGREE),
    StandardQuestion("thuis_voelen", 1, Kind.CHOICE, _("I feel at home in my neighbourhood."), AGREE),
    StandardQuestion("woning", 1, Kind.CHOICE, _("How satisfied are you with your home?"), SATISFIED),
    StandardQuestion("ontwikkeling", 1, Kind.CHOICE,
                     _("Has your neighbourhood become better or worse in the last year?"), DEVELOPMENT),
    StandardQuestion("eerst_beter", 1, Kind.MULTI,
                     _("What should improve first in your neighbourhood? Choose at most 3."), THEMES),
    StandardQuestion("behouden", 1, Kind.MULTI,
                     _("What is good in your neighbourhood and should stay? Choose at most 3."), THEMES),
]


class AgeGroup:
    """The respondent's age, in the CBS age bands, so participation can be set against the population."""

    choices = [
        ("15_24", _("younger than 25")), ("25_44", _("25 to 44 years")), ("45_64", _("45 to 64 years")),
        ("65_plus", _("65 years or older")),
    ]
    values = [value for value, _label in choices]
    #: The CBS indicator with the number of inhabitants of each band.
    POPULATION = {
        "15_24": "inwoners_15_24", "25_44": "inwoners_25_44", "45_64": "inwoners_45_64", "65_plus": "inwoners_65_plus",
    }
