"""POST /api/wijktoets runs a definition (nothing is saved); GET /api/wijktoets/{id} a saved test's
latest run. Rate limited like every operation of the API (core.throttling)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Router
from ninja.errors import HttpError, ValidationError

from wijkkompas.core.api_errors import ERROR_RESPONSES, ErrorOut
from wijkkompas.wijktoets import selectors, services
from wijkkompas.wijktoets.definition import Definition
from wijkkompas.wijktoets.schemas import ToetsDefinitionIn, ToetsRunOut, WijktoetsOut

router = Router(tags=["wijktoets"])


#: A body that is not JSON at all is refused by django-ninja with 400, before the schema is checked.
@router.post("", response={200: ToetsRunOut, 400: ErrorOut, **ERROR_RESPONSES}, summary="Run a Wijktoets",
             url_name="wijktoets-run")
def run(request, payload: ToetsDefinitionIn):
    """Exposure per area, concentration ratios and curve, focus areas and coverage for the definition."""
    definition = Definition.from_dict(payload.dict())
    try:
        outcome = services.run_test(definition=definition)
    except DjangoValidationError as error:
        raise ValidationError([
            {"type": "value_error", "loc": ["body", "payload", field], "msg": message}
            for field, messages in error.message_dict.items() for message in messages
        ]) from None
    return {
        "title": definition.title, "definition": definition.as_dict(), "figures_year": outcome.figures_year,
        "score_year": outcome.score_year,
        "method_version": outcome.method_version, "result": outcome.result,
    }


@router.get("/{test_id}", response={200: WijktoetsOut, **ERROR_RESPONSES}, summary="A saved Wijktoets")
def saved(request, test_id: int = Path(..., ge=1, le=2**62)):
    """The latest run of a saved test, with the definition, data years and method version it ran with."""
    test = selectors.saved_test(pk=test_id)
    latest = selectors.test_run(test=test) if test else None
    if latest is None:
        raise HttpError(404, _("No Wijktoets with number %(id)s.") % {"id": test_id})
    return {
        "id": test.pk, "url": reverse("wijktoets:detail", args=[test.pk]), "title": test.title,
        "is_example": test.is_example, "run": latest.number, "definition": latest.definition,
        "figures_year": latest.figures_year, "score_year": latest.score_year,
        "method_version": latest.method_version, "result": latest.result,
    }
