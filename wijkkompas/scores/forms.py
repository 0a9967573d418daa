"""The filter form of the national view. Its choices depend on what has been scored."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijkkompas.indicators.models import Theme
from wijkkompas.regions.models import Level
from wijkkompas.scores import selectors
from wijkkompas.scores.areas import DEFAULT_MIN_POPULATION, municipality_choices, province_choices
from wijkkompas.scores.models import OVERALL

#: The level shown first: districts (wijken) are where the wijkaanpak works.
DEFAULT_LEVELS = (Level.DISTRICT, Level.MUNICIPALITY, Level.NEIGHBOURHOOD)
#: More than the Netherlands has inhabitants, far less than a number that breaks the comparison.
MAX_POPULATION = 100_000_000


def theme_label(theme: str) -> str:
    return str(_("Overall score")) if theme == OVERALL else str(Theme(theme).label)


class NationalFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    theme = forms.ChoiceField(label=_("Theme"))
    province = forms.ChoiceField(label=_("Province"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    min_population = forms.IntegerField(
        label=_("At least this many inhabitants"), required=False, min_value=0, max_value=MAX_POPULATION,
        help_text=_("Small areas have unstable figures. Areas without a population figure are then left out. "
                    "Leave empty to see all areas."),
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    focus_only = forms.BooleanField(
        label=_("Only areas in a municipality with an NPLV focus area"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )
    year_from = forms.TypedChoiceField(label=_("From"), coerce=int, required=False)
    year_to = forms.TypedChoiceField(label=_("To"), coerce=int, required=False)

    def __init__(self, query: QueryDict, *, levels: list[str]):
        """`levels` are the scored levels; a choice that does not fit the chosen level falls back to its default."""
        default_level = next((level for level in DEFAULT_LEVELS if level in levels), levels[0])
        level = _pick(query.get("level"), levels, default=default_level)
        year_counts = selectors.score_year_counts(level=level)
        years = [str(year) for year in year_counts]
        year = _pick(query.get("year"), years, default=str(selectors.default_score_year(level=level)))
        themes = selectors.score_themes(level=level, year=int(year))
        change_years = [str(y) for y in selectors.change_years(level=level)]
        default_pair = selectors.default_change_years(level=level)
        default_pair_text = [str(year) for year in default_pair] if default_pair else ["", ""]
        data = {
            "level": level, "year": year,
            "theme": _pick(query.get("theme"), themes, default=OVERALL),
            "province": query.get("province", ""), "municipality": query.get("municipality", ""),
            "min_population": query.get("min_population", str(DEFAULT_MIN_POPULATION)),
            "focus_only": query.get("focus_only", ""),
            "year_from": _pick(query.get("year_from"), change_years[:-1], default=default_pair_text[0]),
            "year_to": _pick(query.get("year_to"), change_years[1:], default=default_pair_text[1]),
        }
        super().__init__(data)
        self.fields["level"].choices = [(value, Level(value).label) for value in levels]
        self.fields["year"].choices = [
            (str(y), ngettext("%(year)s (%(count)s area)", "%(year)s (%(count)s areas)", count)
             % {"year": y, "count": count})
            for y, count in year_counts.items()
        ]
        self.fields["theme"].choices = [(theme, theme_label(theme)) for theme in themes]
        self.fields["province"].choices = [("", _("All provinces")), *province_choices()]
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipality_choices()]
        self.fields["year_from"].choices = [(y, y) for y in change_years[:-1]]
        self.fields["year_to"].choices = [(y, y) for y in change_years[1:]]
        self.has_changes = len(change_years) >= 2

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("year_from") and cleaned.get("year_to") and cleaned["year_from"] >= cleaned["year_to"]:
            self.add_error("year_to", _("Choose a later year than the first year."))
        return cleaned

    def chosen(self) -> dict:
        """The valid choices. Level, year and theme always have one; an invalid filter is left out."""
        self.is_valid()
        return self.cleaned_data

    def area_filters(self) -> dict:
        """The area filters as keyword arguments for the selectors."""
        chosen = self.chosen()
        return {
            "province": chosen.get("province") or None,
            "municipality": chosen.get("municipality") or None,
            "min_population": chosen.get("min_population"),
            "focus_only": bool(chosen.get("focus_only")),
        }


def _pick(value: str | None, allowed: list[str], *, default: str) -> str:
    return value if value in allowed else default


class LivabilityFilterForm(forms.Form):
    """The filters of the Leefbaarometer worsening list; `years` are the 3.0 years of buurten."""

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    min_population = NationalFilterForm.base_fields["min_population"]
    year_from = forms.TypedChoiceField(label=_("From"), coerce=int)
    year_to = forms.TypedChoiceField(label=_("To"), coerce=int)

    def __init__(self, query: QueryDict, *, years: list[int], default_years: tuple[int, int]):
        texts = [str(year) for year in years]
        first, last = (str(year) if year in years else texts[index]
                       for year, index in zip(default_years, (0, -1), strict=True))
        super().__init__({
            "municipality": query.get("municipality", ""),
            "min_population": query.get("min_population", str(DEFAULT_MIN_POPULATION)),
            "year_from": _pick(query.get("year_from"), texts[:-1], default=first),
            "year_to": _pick(query.get("year_to"), texts[1:], default=last),
        })
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipality_choices()]
        self.fields["year_from"].choices = [(year, year) for year in texts[:-1]]
        self.fields["year_to"].choices = [(year, year) for year in texts[1:]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("year_from") and cleaned.get("year_to") and cleaned["year_from"] >= cleaned["year_to"]:
            self.add_error("year_to", _("Choose a later year than the first year."))
        return cleaned
