"""Two example (voorbeeld) Wijktoetsen on the bundled figures, loaded by `manage.py demo_content`
and removed with `--remove`. The measures are made up; the figures they run on are real.

- a measure that burdens households with a low income in rented homes: the Amsterdam wijken of
  2019, where the bundled CBS table has both figures (the share of households with a low income
  times the households, and the share of rented dwellings times the dwellings, at half weight, as
  the two groups overlap);
- a measure that benefits residents aged 65 and over (opening a facility for them), over all wijken
  of the Netherlands in 2024. The bundled distances to facilities cover Amsterdam only, so the
  example does not use them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction

from wijkkompas.core.demo import ExampleContent
from wijkkompas.wijktoets.definition import Definition, Group
from wijkkompas.wijktoets.models import Wijktoets
from wijkkompas.wijktoets.services import save_test

EXAMPLES_DATA = (
    (
        "Voorbeeld: hogere eigen bijdrage voor huishoudens met een laag inkomen in een huurwoning",
        "Een bedachte maatregel die huishoudens met een laag inkomen in huurwoningen extra laat betalen. "
        "Op welke Amsterdamse wijken komt de last terecht?",
        Definition(level="wijk", year=2019, municipality="GM0363", groups=(
            Group(indicator="pct_huishoudens_laag_inkomen", base="huishoudens", weight=1.0, effect="burden"),
            Group(indicator="pct_huurwoningen", base="woningvoorraad", weight=0.5, effect="burden"),
        )),
    ),
    (
        "Voorbeeld: een nieuwe ontmoetingsplek voor inwoners van 65 jaar of ouder",
        "Een bedachte maatregel die inwoners van 65 jaar of ouder ten goede komt, in alle wijken van Nederland. "
        "Krijgen de meest kwetsbare wijken hun deel?",
        Definition(level="wijk", year=2024, groups=(
            Group(indicator="inwoners_65_plus", weight=1.0, effect="benefit"),
        )),
    ),
)


def load_examples() -> int:
    """Save the examples unless they are there; an example whose figures are not loaded is left out."""
    if not settings.DEMO_CONTENT:
        raise ImproperlyConfigured("DEMO_CONTENT is off: no example content in this deployment.")
    if Wijktoets.objects.filter(is_example=True).exists():
        return 0
    made = 0
    with transaction.atomic():
        for title, description, definition in EXAMPLES_DATA:
            try:
                test = save_test(owner=None, definition=definition, title=title, description=description,
                                 is_example=True)
            except ValidationError:
                continue
            if test.runs.get().result["coverage"]["areas_with_exposure"] == 0:
                test.delete()
                continue
            made += 1
    return made


def remove_examples() -> int:
    _total, by_model = Wijktoets.objects.filter(is_example=True).delete()
    return by_model.get(Wijktoets._meta.label, 0)


EXAMPLES = ExampleContent(name="Voorbeeld-wijktoetsen", load=load_examples, remove=remove_examples)
