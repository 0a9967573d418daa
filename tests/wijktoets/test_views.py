"""The Wijktoets pages without a browser: the form keeps its input on error, a result shows the
ranked table, the map, the curve and the ratios in words; saving needs an account; a saved test
is re-run and compared; CSV and PDF."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.core.html import parse
from tests.wijktoets.zandvoort import dutch, expected_ratio, vulnerability_order
from wijkkompas.regions.models import Region
from wijkkompas.wijktoets.models import Wijktoets

pytestmark = pytest.mark.django_db
QUERY = {"niveau": "wijk", "jaar": "2022", "gemeente": "GM0473", "groep1": "pct_personen_laag_inkomen*inwoners",
         "gewicht1": "1", "effect1": "burden", "titel": "Hogere eigen bijdrage"}


def result_url(**changes) -> str:
    return reverse("wijktoets:result") + "?" + urlencode({**QUERY, **changes})


def test_the_form_offers_guided_groups_in_dutch(client, bundled_data):
    page = client.get(reverse("wijktoets:new")).content.decode()
    assert '<optgroup label="Huishoudens">' in page
    assert 'value="pct_huishoudens_laag_inkomen*huishoudens"' in page
    assert "Inwoners van 65 jaar of ouder" in page
    assert 'value="GM0473"' in page


def test_a_result_shows_the_table_map_curve_and_ratios(client, bundled_data):
    response = client.get(result_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hogere eigen bijdrage" in page
    assert "Zandvoort Noord" in page and "Bentveld" in page
    areas, exposure_share, population_share, ratio = expected_ratio("fifth")
    assert f"Concentratieverhouding voor het meest kwetsbare vijfde: {dutch(ratio, 2)}." in page
    assert (f"({areas} van de {len(vulnerability_order())} wijken) krijgt {dutch(100 * exposure_share, 1)}% van de "
            f"last en heeft {dutch(100 * population_share, 1)}% van de inwoners.") in page
    assert 'class="wk-kaart"' in page  # the map
    assert "De concentratiecurve als tabel" in page
    # Buitengebied has no income figure: listed as missing, not as 0.
    assert "Gebieden met ontbrekende cijfers" in page and "pct_personen_laag_inkomen" in page
    assert "Om een toets te bewaren" in page  # anonymous: sign in to save


def test_a_refused_form_keeps_the_input_and_says_what_to_change(client, bundled_data):
    response = client.get(result_url(jaar="1850", groep2="woningvoorraad", gewicht2="abc"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "De toets is nog niet uitgevoerd" in page
    assert "Kies een jaar uit de lijst." in page
    assert '<option value="pct_personen_laag_inkomen*inwoners" selected>' in page
    assert '<option value="woningvoorraad" selected>' in page
    assert 'value="Hogere eigen bijdrage"' in page


def test_no_figures_for_the_choice_is_said_in_plain_words(client, bundled_data):
    response = client.get(result_url(niveau="buurt", gemeente="GM0473", jaar="2024",
                                     groep1="pct_huishoudens_laag_inkomen*huishoudens"))
    assert response.status_code == 400
    assert "Kies een ander jaar of andere groepen." in response.content.decode()


def test_csv_has_every_area_and_neutralises_formulas(client, bundled_data):
    response = client.get(reverse("wijktoets:result-csv") + "?" + urlencode(QUERY))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["code", "naam", "gemeente"]
    by_code = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert set(by_code) == {"WK047301", "WK047302", "WK047303", "WK047304"}
    assert by_code["WK047301"]["last_aantal_gewogen"] == "3407.04"
    assert by_code["WK047301"]["last_meest_geraakte_vijfde"] == "ja"
    assert by_code["WK047304"]["last_aantal_gewogen"] == "" and by_code["WK047304"]["ontbrekende_cijfers"]


def test_the_report_is_a_pdf(client, bundled_data):
    response = client.get(reverse("wijktoets:result-pdf") + "?" + urlencode(QUERY))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_saving_needs_an_account(client, bundled_data):
    save = reverse("wijktoets:save") + "?" + urlencode(QUERY)
    response = client.post(save, {"title": "Test"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not Wijktoets.objects.filter(title="Test").exists()


def test_a_saved_test_is_shared_rerun_by_its_owner_and_compared(client, bundled_data):
    owner = UserFactory()
    client.force_login(owner)
    save = reverse("wijktoets:save") + "?" + urlencode(QUERY)
    refused = client.post(save, {"title": " "})
    assert refused.status_code == 400 and "Geef de toets een naam." in refused.content.decode()
    response = client.post(save, {"title": "<script>alert(1)</script>", "description": "Uitleg"})
    test = Wijktoets.objects.get(owner=owner)
    assert response["Location"] == reverse("wijktoets:detail", args=[test.pk])
    run = test.runs.get()
    assert (run.figures_year, run.score_year, run.method_version) == (2022, 2022, "1")
    assert run.definition["municipality"] == "GM0473"

    rerun = client.post(reverse("wijktoets:rerun", args=[test.pk]))
    assert rerun["Location"].endswith("?vergelijk=1#vergelijking")
    assert test.runs.count() == 2
    assert test.runs.get(number=2).result == run.result  # the same data: the same figures
    page = client.get(rerun["Location"].split("#")[0]).content.decode()
    assert "Uitvoering 2 vergeleken met uitvoering 1" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page

    client.force_login(UserFactory())  # someone else may read it, not run it again
    assert client.get(reverse("wijktoets:detail", args=[test.pk])).status_code == 200
    client.post(reverse("wijktoets:rerun", args=[test.pk]))
    assert test.runs.count() == 2
    client.logout()
    assert client.get(reverse("wijktoets:detail-csv", args=[test.pk])).status_code == 200
    assert client.get(reverse("wijktoets:detail-pdf", args=[test.pk]) + "?run=2").content.startswith(b"%PDF")
    assert client.get(reverse("wijktoets:detail", args=[test.pk]) + "?run=9").status_code == 404


def test_unsaved_runs_are_rate_limited(client, settings, bundled_data):
    settings.API_RATE_LIMIT = "2/d"
    statuses = [client.get(result_url()).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_list_and_the_method_page(client, bundled_data):
    assert "Begin een nieuwe toets" in client.get(reverse("wijktoets:index")).content.decode()
    method = client.get(reverse("wijktoets:method")).content.decode()
    assert "ecologische fout" in method and "Zandvoort Noord" in method


def test_the_worked_example_is_the_hand_computation(client, bundled_data):
    """The method page's numbers are computed, not written in: they follow the figures and the
    scoring method (tests/wijktoets/zandvoort.py works them out by hand)."""
    size, exposure_share, population_share, ratio = expected_ratio("fifth")
    order = vulnerability_order()
    text = " ".join(parse(client.get(reverse("wijktoets:method")).content).find("main").text().split())

    assert f"is {dutch(len(order) / 5, 1)};" in text
    assert f"{dutch(100 * population_share, 1)}% van de inwoners" in text
    assert f"= {dutch(ratio, 2)}" in text
    lowest = Region.objects.get(code=order[0]).name
    assert f"dat is {size}: {lowest}" in text
    assert "Buitengebied" in text


def test_a_measure_with_burden_and_benefit_shows_both_sides(client, bundled_data):
    page = client.get(result_url(groep2="pct_65_plus*inwoners", gewicht2="2", effect2="benefit")).content.decode()
    assert "Komt de last terecht bij de meest kwetsbare gebieden?" in page
    assert "Komt het voordeel terecht bij de meest kwetsbare gebieden?" in page
    assert page.count('id="curve-burden-title"') == 1 and page.count('id="curve-benefit-title"') == 1
    assert "De maatregel helpt: Aandeel inwoners van 65 jaar of ouder × aantal inwoners (gewicht 2)" in page
