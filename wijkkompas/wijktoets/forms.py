"""The form of a new Wijktoets: a few guided choices, sent by GET so that a result is a link.

The form parses the input into a Definition; services.definition_check decides whether the data
can answer it, and its errors are put back on the form at the field they are about.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkompas.scores.areas import municipality_choices
from wijkkompas.wijktoets import selectors
from wijkkompas.wijktoets.choices import GUIDED, GUIDED_BY_VALUE
from wijkkompas.wijktoets.definition import LEVELS, MAX_WEIGHT, Definition, Effect, Group

GROUP_ROWS = 3
LEVEL_LABELS = {"gemeente": _("Municipalities (gemeenten)"), "wijk": _("Districts (wijken)"),
                "buurt": _("Neighbourhoods (buurten)")}
HEADINGS = {"persons": _("People"), "households": _("Households"), "dwellings": _("Dwellings")}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"
RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
#: Where a service error about a definition field is shown on the form.
FIELD_OF = {"level": "niveau", "year": "jaar", "municipality": "gemeente", "score_year": None, "groups": "groep1"}


def group_label(value: str, labels: dict[str, str]) -> str:
    choice = GUIDED_BY_VALUE[value]
    label = labels.get(choice.indicator, choice.indicator)
    if choice.base:
        return str(_("%(share)s (share of: %(base)s)") % {"share": label, "base": labels.get(choice.base, choice.base)})
    return label


def group_choices(labels: dict[str, str]) -> list:
    return [
        (str(HEADINGS[heading]), [(choice.value, group_label(choice.value, labels)) for choice in choices])
        for heading, choices in GUIDED
    ]


class WijktoetsForm(forms.Form):
    use_required_attribute = False

    titel = forms.CharField(
        label=_("Name of the measure (optional)"), required=False, max_length=200,
        help_text=_("For example: higher rent allowance limit, or closing the library."),
    )
    niveau = forms.ChoiceField(label=_("Which areas do you compare?"), choices=list(LEVEL_LABELS.items()),
                               widget=forms.RadioSelect(attrs={"class": RADIO}), initial="wijk")
    jaar = forms.TypedChoiceField(label=_("Year of the figures"), coerce=int)
    gemeente = forms.ChoiceField(
        label=_("Municipality"), required=False,
        help_text=_("Leave empty to compare all areas of the Netherlands."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({year for level in LEVELS for year in selectors.data_years(level=level)}, reverse=True)
        self.fields["jaar"].choices = [(year, str(year)) for year in years]
        self.fields["gemeente"].choices = [("", _("All of the Netherlands")), *municipality_choices()]
        labels = selectors.indicator_labels()
        for row in range(1, GROUP_ROWS + 1):
            first = row == 1
            self.fields[f"groep{row}"] = forms.ChoiceField(
                label=_("Group %(number)s: who does the measure touch?") % {"number": row}, required=first,
                choices=[("", _("Choose a group") if first else _("No other group")), *group_choices(labels)],
            )
            self.fields[f"gewicht{row}"] = forms.FloatField(
                label=_("Weight of group %(number)s") % {"number": row}, required=False, min_value=0.01,
                max_value=MAX_WEIGHT, initial=1,
                help_text=_("1 is normal. Use 2 if the measure touches this group twice as hard."),
                widget=forms.NumberInput(attrs={"class": f"{TEXTBOX} wk-textbox--short", "step": "any"}),
            )
            self.fields[f"effect{row}"] = forms.ChoiceField(
                label=_("Does the measure burden or benefit group %(number)s?") % {"number": row},
                choices=[(Effect.BURDEN, _("It burdens this group")), (Effect.BENEFIT, _("It benefits this group"))],
                widget=forms.RadioSelect(attrs={"class": RADIO}), initial=Effect.BURDEN, required=False,
            )
        self.fields["titel"].widget.attrs.setdefault("class", TEXTBOX)
        for name in ("jaar", "gemeente", *(f"groep{row}" for row in range(1, GROUP_ROWS + 1))):
            self.fields[name].widget.attrs.setdefault("class", SELECT)
        for name, field in self.fields.items():
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("aria-required", "true")
        self.fields["groep1"].error_messages["required"] = _("Choose at least one group.")
        self.fields["niveau"].error_messages["required"] = _("Choose gemeenten, wijken or buurten.")
        self.fields["jaar"].error_messages["invalid_choice"] = _("Choose a year from the list.")

    def group_rows(self) -> list[tuple]:
        """The bound fields of each group row, for the template."""
        return [(row, self[f"groep{row}"], self[f"gewicht{row}"], self[f"effect{row}"])
                for row in range(1, GROUP_ROWS + 1)]

    def definition(self) -> Definition:
        data = self.cleaned_data
        groups = []
        for row in range(1, GROUP_ROWS + 1):
            value = data.get(f"groep{row}")
            if not value:
                continue
            choice = GUIDED_BY_VALUE[value]
            weight = data.get(f"gewicht{row}")
            groups.append(Group(indicator=choice.indicator, base=choice.base,
                                weight=1.0 if weight is None else float(weight),
                                effect=data.get(f"effect{row}") or Effect.BURDEN))
        return Definition(level=data["niveau"], year=data["jaar"], groups=tuple(groups),
                          municipality=data.get("gemeente") or None, title=data.get("titel", ""))

    def add_service_errors(self, error: ValidationError) -> None:
        for field, messages in error.message_dict.items():
            self.add_error(FIELD_OF.get(field), messages)


def initial_query(definition: Definition) -> dict[str, str]:
    """The form's parameters for a definition (a link to its result, or the form filled in)."""
    query = {"niveau": definition.level, "jaar": str(definition.year), "gemeente": definition.municipality or "",
             "titel": definition.title}
    for row, group in enumerate(definition.groups[:GROUP_ROWS], start=1):
        value = f"{group.indicator}*{group.base}" if group.base else group.indicator
        query.update({f"groep{row}": value, f"gewicht{row}": f"{group.weight:g}", f"effect{row}": group.effect})
    return query


class SaveForm(forms.Form):
    title = forms.CharField(label=_("Name of the test"), max_length=200,
                            widget=forms.TextInput(attrs={"class": TEXTBOX}),
                            error_messages={"required": _("Give the test a name.")})
    description = forms.CharField(
        label=_("Explanation (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}),
    )
