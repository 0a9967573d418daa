"""Search as residents type it, on the bundled data: every case measured in issue 15."""

import pytest

from wijkkompas.regions import selectors
from wijkkompas.regions.models import Level, PostcodeArea

pytestmark = pytest.mark.django_db

OVERVECHT, SCHILDERSWIJK, TRANSVAALKWARTIER, DEN_HAAG = "WK034403", "WK051829", "WK051830", "GM0518"
ROTTERDAM_ZUID = {"WK059910", "WK059912", "WK059915"}  # Feijenoord, IJsselmonde, Charlois (aliases.py)
ZUIDOOST_PREFIX = "WK0363T"  # Amsterdam stadsdeel Zuidoost


def codes(query, limit=20):
    return [summary.region.code for summary in selectors.search_results(query=query, limit=limit).results]


@pytest.mark.parametrize("typed", ["3523", "3523 AB", "3523ab", " 3523  AB "])
def test_a_postcode_lands_on_its_wijk(bundled_data, typed):
    found = selectors.search_results(query=typed)
    assert found.postcode == "3523"  # no 6-digit table is bundled: the wijken of its 4 digits
    assert [(r.region.code, r.postcode_share) for r in found.results] == [("WK034407", 1.0)]
    assert found.results[0].current


def test_a_postcode_over_several_wijken_lists_them_with_their_share(bundled_data):
    found = selectors.search_results(query="1102")
    assert len(found.results) >= 2
    assert all(result.region.code.startswith(ZUIDOOST_PREFIX) for result in found.results)
    assert sum(result.postcode_share for result in found.results) == pytest.approx(1.0)
    counts = [result.postcode_addresses for result in found.results]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 1


@pytest.mark.parametrize(("query", "first"), [
    ("Overveckt", OVERVECHT),          # a typo
    ("overvecht", OVERVECHT),          # CBS calls it "Wijk 03 Overvecht"
    ("Overvecht Utrecht", OVERVECHT),  # name and town
    ("Utrecht Overvecht", OVERVECHT),  # the NPLV focus area
    ("den haag", DEN_HAAG),            # the everyday name of 's-Gravenhage
    ("'s-Gravenhage", DEN_HAAG),
    ("Schilderswijk", SCHILDERSWIJK),  # CBS: "Wijk 29 Schildersbuurt"; Dijk en Waard and Baarn have one too
    ("Transvaal", TRANSVAALKWARTIER),  # before Baarn's and Renkum's buurt Transvaal
    ("transvaalkwartier", TRANSVAALKWARTIER),
    ("Schildersbuurt Den Haag", SCHILDERSWIJK),
])
def test_names_as_residents_type_them(bundled_data, query, first):
    assert codes(query)[0] == first


def test_amsterdam_zuidoost_gives_the_wijken_of_the_stadsdeel(bundled_data):
    found = codes("Amsterdam Zuidoost", limit=12)
    assert len(found) == 12 and all(code.startswith(ZUIDOOST_PREFIX) for code in found)


def test_rotterdam_zuid_gives_the_wijken_of_the_programme(bundled_data):
    assert set(codes("Rotterdam-Zuid")[:3]) == ROTTERDAM_ZUID
    assert set(codes("rotterdam zuid")[:3]) == ROTTERDAM_ZUID


def test_bijlmer_puts_the_current_area_first_and_marks_former_and_other_areas(bundled_data):
    results = selectors.search_results(query="Bijlmer").results
    assert results[0].current and results[0].region.code == "WK0363TG"  # Bijlmermuseum
    seen_other = False
    for result in results:
        assert result.current or result.former or not result.region.is_cbs_region
        seen_other = seen_other or not result.current
        assert result.current or seen_other  # no current area after a former or non-CBS one
    bijlmer_centrum = next(result for result in results if result.region.code == "WK036393")
    assert bijlmer_centrum.former and bijlmer_centrum.former_since == 2023  # Amsterdam's new wijken of 2023
    safety_areas = [result for result in results if result.region.level == Level.SAFETY_AREA]
    assert safety_areas and not any(result.current or result.former for result in safety_areas)


def test_a_level_filter_and_the_limit_hold_for_names_and_postcodes(bundled_data):
    assert all(r.region.level == Level.NEIGHBOURHOOD for r in selectors.search_results(
        query="Transvaal", level=Level.NEIGHBOURHOOD).results)
    assert len(selectors.search_results(query="1102", limit=1).results) == 1
    assert selectors.search_results(query="1102", level=Level.MUNICIPALITY).postcode is None


def test_an_unknown_postcode_or_nonsense_finds_nothing(bundled_data):
    known = set(PostcodeArea.objects.values_list("postcode", flat=True))
    unknown = next(str(number) for number in range(1000, 10000) if str(number) not in known)
    assert selectors.search_results(query=f"{unknown} ZZ").results == []
    assert selectors.search_results(query="qqzzxxnietbestaand").results == []
