"""The example periods: on the three demo areas, labelled, one with fewer than 10 responses, removable."""

import pytest

from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.participation.demo import load_example_content
from wijkkompas.regions.models import Level
from wijkkompas.surveys import demo, selectors
from wijkkompas.surveys.models import PeriodEvent, Response, SurveyPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_areas(settings):
    settings.DEMO_CONTENT = True
    for wijk, gemeente in (("WK036393", "GM0363"), ("WK034403", "GM0344"), ("WK051830", "GM0518")):
        municipality = RegionFactory(code=gemeente, level=Level.MUNICIPALITY, name=f"Gemeente {gemeente}")
        district = RegionFactory(code=wijk, level=Level.DISTRICT, name=f"Wijk {wijk}", municipality_code=gemeente)
        RegionYearFactory(region=municipality)
        RegionYearFactory(region=district, parent=municipality)
    load_example_content()


def test_examples_load_once_show_as_voorbeeld_and_go_with_one_command(client, demo_areas):
    assert demo.EXAMPLES.load() == 4
    assert demo.EXAMPLES.load() == 0
    small = SurveyPeriod.objects.get(region__code="WK051830")
    assert small.responses.count() == 7 and all(response.is_example for response in small.responses.all())
    assert small.status == "gesloten" and selectors.results(period=small).respondents is None
    big = SurveyPeriod.objects.get(region__code="WK036393", status="gesloten")
    assert selectors.results(period=big).respondents == 24
    safe = next(question for question in selectors.results(period=big).questions if question.key == "veilig_avond")
    assert safe.options[0].value == "altijd" and safe.options[0].share > 0.75  # its leaning answer
    this_year = SurveyPeriod.objects.get(region__code="WK036393", status="open")
    assert this_year.responses.count() == 13 and selectors.results(period=this_year).respondents is None
    assert selectors.responses_so_far(period=this_year) == 10
    body = client.get("/gebied/WK051830/peiling/").content.decode()
    assert "voorbeeld" in body and "te weinig antwoorden" in body
    overvecht = SurveyPeriod.objects.get(region__code="WK034403")
    assert overvecht.questions.filter(origin="gemeente").count() == 1
    examples = list(SurveyPeriod.objects.filter(is_example=True).values_list("pk", flat=True))
    assert demo.EXAMPLES.remove() == 4
    assert not SurveyPeriod.objects.filter(is_example=True).exists()
    assert not Response.objects.filter(is_example=True).exists()
    assert not PeriodEvent.objects.filter(period_id__in=examples).exists()
