"""The questionnaire as a Django form, built from a period's questions: radio buttons and
checkboxes only, so it works on a phone and without JavaScript. Every field is optional (people
may skip a question); the services check the answers again."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkompas.regions.models import Region
from wijkkompas.surveys.models import ENTERED_CHANNELS, Channel, Origin, Question, SurveyPeriod
from wijkkompas.surveys.questionnaire import AgeGroup, Kind
from wijkkompas.surveys.texts import option_labels, question_text

PREFIX = "v_"


class SurveyForm(forms.Form):
    def __init__(self, *args, period: SurveyPeriod, questions: list[Question], buurten: list[Region],
                 with_code: bool = False, entered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if with_code or entered:
            self.fields["code"] = forms.CharField(
                label=_("Code on the form"), max_length=20,
                help_text=_("The code is printed at the top of the paper form, for example ABCD-EFGH."),
            )
        if entered:
            self.fields["channel"] = forms.ChoiceField(
                label=_("How were the answers given?"), widget=forms.RadioSelect,
                choices=[(value, label) for value, label in Channel.choices if value in ENTERED_CHANNELS],
            )
        for question in questions:
            choices = option_labels(question)
            if question.kind == Kind.MULTI:
                field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, required=False)
            else:
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, required=False)
            field.label = question_text(question)
            self.fields[PREFIX + question.key] = field
        self.fields["age_group"] = forms.ChoiceField(
            label=_("How old are you?"), choices=AgeGroup.choices, widget=forms.RadioSelect, required=False,
            help_text=_("So we can see whether all ages took part. You may skip this."),
        )
        if len(buurten) > 1:
            self.fields["buurt"] = forms.ChoiceField(
                label=_("In which neighbourhood do you live?"), required=False,
                choices=[("", _("I'd rather not say")), *((buurt.code, buurt.name) for buurt in buurten)],
            )
        self.buurten = {buurt.code: buurt for buurt in buurten}

    def question_fields(self):
        return [self[PREFIX + question.key] for question in self.questions]

    def answers(self) -> dict[str, list[str]]:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(PREFIX + question.key)
            answers[question.key] = list(value) if isinstance(value, list) else ([value] if value else [])
        return answers

    def respondent(self) -> dict:
        return {"age_group": self.cleaned_data.get("age_group") or "",
                "buurt": self.buurten.get(self.cleaned_data.get("buurt") or "")}


def initial_from(response) -> dict:
    """The form filled with an earlier response, to change it."""
    if response is None:
        return {}
    initial = {"age_group": response.age_group, "buurt": response.buurt.code if response.buurt else ""}
    for answer in response.answers.select_related("question"):
        key = PREFIX + answer.question.key
        if answer.question.kind == Kind.MULTI:
            initial.setdefault(key, []).append(answer.value)
        else:
            initial[key] = answer.value
    return initial


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put the services' errors on the form's fields (question keys carry the prefix)."""
    for field, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
        name = PREFIX + field if PREFIX + field in form.fields else field
        form.add_error(name if name in form.fields else None, messages)


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of paper forms"), min_value=1, max_value=500, initial=20)


class PeriodForm(forms.Form):
    title = forms.CharField(label=_("Name of the survey"), max_length=120, help_text=_("For example: Leefbaarheidspeiling 2026."))
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))


class QuestionForm(forms.Form):
    wording = forms.CharField(label=_("Question"), max_length=300)
    options = forms.CharField(label=_("Answers, one per line"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("2 to 8 answers. Keep the same words as in an earlier survey to compare."))
    origin = forms.ChoiceField(label=_("Who adds the question?"), widget=forms.RadioSelect, choices=[
        (Origin.MUNICIPALITY, Origin.MUNICIPALITY.label), (Origin.REPRESENTATIVES, Origin.REPRESENTATIVES.label)])

    def option_list(self) -> list[str]:
        return self.cleaned_data["options"].splitlines()
