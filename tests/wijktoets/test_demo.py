"""The two example Wijktoetsen: loaded on the bundled figures, labelled "voorbeeld", idempotent,
removable, and not loaded when the setting is off."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from wijkkompas.core.demo import example_contents
from wijkkompas.wijktoets.demo import EXAMPLES, load_examples, remove_examples
from wijkkompas.wijktoets.models import Wijktoets

pytestmark = pytest.mark.django_db


def test_the_examples_are_registered_for_demo_content():
    assert EXAMPLES in example_contents()


def test_two_labelled_examples_load_once_and_are_removed(settings, client, bundled_data):
    settings.DEMO_CONTENT = True
    assert load_examples() == 2
    assert load_examples() == 0
    tests = {test.title: test for test in Wijktoets.objects.filter(is_example=True)}
    assert all(title.startswith("Voorbeeld:") for title in tests)
    low_income = next(test for title, test in tests.items() if "laag inkomen" in title)
    elderly = next(test for title, test in tests.items() if "65 jaar" in title)
    assert set(low_income.runs.get().result["sides"]) == {"burden"}
    assert set(elderly.runs.get().result["sides"]) == {"benefit"}
    assert elderly.runs.get().result["coverage"]["areas"] > 3000  # every wijk of 2024
    listing = client.get(reverse("wijktoets:index")).content.decode()
    assert listing.count(">voorbeeld</span>") == 2
    page = client.get(reverse("wijktoets:detail", args=[low_income.pk])).content.decode()
    assert "Dit is een voorbeeld van een wijktoets" in page
    assert remove_examples() == 2
    assert not Wijktoets.objects.filter(is_example=True).exists()


def test_no_examples_when_the_setting_is_off(settings):
    settings.DEMO_CONTENT = False
    with pytest.raises(ImproperlyConfigured):
        load_examples()
