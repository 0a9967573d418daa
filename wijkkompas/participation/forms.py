"""The HTML forms of the resident voice: they parse and check input, the services decide.

No form saves anything: views pass `cleaned_data` to participation.services, and a
ValidationError from there is put back on the form with `add_service_errors`.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.models import Organisation
from wijkkompas.indicators.models import Theme
from wijkkompas.participation.models import Channel, Kind, ReportReason
from wijkkompas.participation.workflow import ReasonCategory, Status


#: NL Design System (Utrecht) classes per widget, so templates print `{{ field }}` as it is.
WIDGET_CLASSES = {
    "text": "utrecht-textbox utrecht-textbox--html-input",
    "number": "utrecht-textbox utrecht-textbox--html-input wk-textbox--short",
    "date": "utrecht-textbox utrecht-textbox--html-input wk-textbox--short",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
    "clearablefile": "wk-file-input",
}


class StyledForm(forms.Form):
    """Utrecht classes on every widget. Required fields say so with aria-required instead of the
    `required` attribute: the browser would check them in its own words (and the Utrecht CSS paints
    an empty required field red before anyone typed); the server's Dutch errors say it better."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget_type = self[name].widget_type
            widget_class = WIDGET_CLASSES.get(widget_type)
            if widget_class:
                field.widget.attrs.setdefault("class", widget_class)
            if field.required and widget_type not in ("radioselect", "hidden"):
                field.widget.attrs.setdefault("aria-required", "true")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's errors on the form: at their field when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _choices_with_all(choices, label) -> list[tuple[str, str]]:
    return [("", label), *choices]


class FilterForm(StyledForm):
    """The list's filters from the address (GET); an unknown value is simply not applied."""

    soort = forms.ChoiceField(label=_("Kind"), required=False, choices=_choices_with_all(Kind.choices, _("All kinds")))
    thema = forms.ChoiceField(
        label=_("Theme"), required=False, choices=_choices_with_all(Theme.choices, _("All themes")),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices_with_all(Status.choices, _("Every status")),
    )

    def filters(self) -> dict[str, str | None]:
        """The valid filters as keyword arguments for selectors.area_contributions."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "kind": data.get("soort") or None,
            "theme": data.get("thema") or None,
            "status": data.get("status") or None,
        }


class ContributionForm(StyledForm):
    kind = forms.ChoiceField(label=_("What do you want to share?"), choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=120, help_text=_("In a few words. At most 120 characters."))
    text = forms.CharField(
        label=_("Your message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What do you see, what is your idea, or what works well? At most 4000 characters."),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    place_description = forms.CharField(
        label=_("Describe the place (optional)"), max_length=300, required=False,
        help_text=_("For example a street, a square or a building."),
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    photo = forms.FileField(
        label=_("Photo (optional)"), required=False,
        help_text=_("A JPEG or PNG image of at most 10 MB. We remove the location and other data from the file."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    #: Set by the second step ("Does it look like…? Send it anyway"), so the check is not asked twice.
    confirmed_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(_("Choose a point on the map again, or leave it out."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in ("kind", "title", "text", "theme", "place_description", "latitude", "longitude", "photo")
        }


class AssistedInputForm(StyledForm):
    """One paper form or conversation, entered by a professional; no resident personal data."""

    channel = forms.ChoiceField(
        label=_("Where was this said?"), choices=[choice for choice in Channel.choices if choice[0] != Channel.ONLINE],
    )
    conversation_date = forms.DateField(
        label=_("Date of the conversation"), widget=forms.DateInput(attrs={"type": "date"}),
    )
    residents_count = forms.IntegerField(label=_("Number of residents"), min_value=1, max_value=500, initial=1)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=120)
    text = forms.CharField(
        label=_("What did the residents say?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    place_description = forms.CharField(label=_("Describe the place (optional)"), max_length=300, required=False)
    consent_asked = forms.BooleanField(
        label=_("I asked the residents whether their words may be published here, and they agreed."),
    )

    def clean_conversation_date(self):
        date = self.cleaned_data["conversation_date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return date


class ReactionForm(StyledForm):
    text = forms.CharField(label=_("Your reaction"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(StyledForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=ReportReason.choices, widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Explanation (optional)"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatusForm(StyledForm):
    """Only the transitions the workflow allows from the current status, for this user's roles."""

    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    public_text = forms.CharField(
        label=_("Public explanation"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone can read this. Required when you close it."),
    )
    reason_category = forms.ChoiceField(label=_("Reason (for not adopted)"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Forward to organisation"), required=False, queryset=Organisation.objects.order_by("name"),
        empty_label="—",
    )

    def __init__(self, *args, statuses: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["to_status"].choices = [(status, labels[status]) for status in statuses]
        self.fields["reason_category"].choices = [("", "—"), *ReasonCategory.choices]
        # Only the fields one of the offered changes needs.
        if Status.NOT_ADOPTED not in statuses:
            del self.fields["reason_category"]
        if Status.FORWARDED not in statuses:
            del self.fields["organisation"]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "to_status": data["to_status"], "public_text": data["public_text"],
            "reason_category": data.get("reason_category") or "", "organisation": data.get("organisation"),
        }


def reason_labels() -> dict[str, str]:
    return dict(ReasonCategory.choices)


class RatingForm(StyledForm):
    satisfied = forms.TypedChoiceField(
        label=_("Are you satisfied with the answer?"), widget=forms.RadioSelect,
        choices=[("ja", _("Yes")), ("nee", _("No"))], coerce=lambda value: value == "ja",
    )


class ReopenForm(StyledForm):
    reason = forms.CharField(
        label=_("Why should it be opened again?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(StyledForm):
    public_text = forms.CharField(
        label=_("Public answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone can read this. It closes the item as done."),
    )


class HideForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason, shown in public"), max_length=300,
        help_text=_("For example: removed because of abusive language."),
    )
