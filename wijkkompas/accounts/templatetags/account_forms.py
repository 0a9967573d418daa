"""Render allauth's form fields with the NL Design System (Utrecht) classes."""

from django import forms, template

register = template.Library()

CLASSES = {
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}


@register.filter
def styled(field) -> str:
    """The field's widget with Utrecht classes and, on error, aria-invalid and the error linked."""
    widget = field.field.widget
    attrs = {"class": next((css for kind, css in CLASSES.items() if isinstance(widget, kind)),
                           "utrecht-textbox utrecht-textbox--html-input")}
    described = [f"{field.auto_id}-hulp"] if field.help_text else []
    if field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}-fout")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)
