"""Near-duplicates by full-text search: the same results on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest

from tests.participation.factories import ContributionFactory, make_area
from wijkkompas.participation.models import Contribution
from wijkkompas.participation.search import search_terms, similar_contributions

pytestmark = pytest.mark.django_db


@pytest.fixture
def lantern(buurt):
    return ContributionFactory(region=buurt, title="Kapotte lantaarnpaal bij de school",
                               text="De lantaarnpaal bij de basisschool is al weken kapot.")


def test_a_draft_with_other_word_forms_finds_the_contribution(buurt, lantern):
    ContributionFactory(region=buurt, title="Meer groen", text="Bomen planten op het plein.")
    found = similar_contributions(region=buurt, text="Lantaarnpalen kapot in de straat")
    assert [item.pk for item in found] == [lantern.pk]
    assert found[0].support_count == 0


def test_the_best_match_comes_first(buurt, lantern):
    partly = ContributionFactory(region=buurt, title="School", text="Het schoolplein is vies.")
    found = similar_contributions(region=buurt, text="lantaarnpaal school kapot")
    assert [item.pk for item in found] == [lantern.pk, partly.pk]


def test_only_the_same_area_and_no_hidden_ones(buurt, lantern):
    elsewhere = make_area(4)[2]
    ContributionFactory(region=elsewhere, title="Kapotte lantaarnpaal", text="Ook hier kapot.")
    assert similar_contributions(region=elsewhere, text="lantaarnpaal")[0].region == elsewhere
    Contribution.objects.filter(pk=lantern.pk).update(hidden=True)
    assert similar_contributions(region=buurt, text="lantaarnpaal kapot") == []


def test_edits_are_searched_too(buurt, lantern):
    Contribution.objects.filter(pk=lantern.pk).update(title="Hondenpoep", text="Overal hondenpoep op de stoep.")
    assert similar_contributions(region=buurt, text="lantaarnpaal") == []
    assert [item.pk for item in similar_contributions(region=buurt, text="hondenpoep")] == [lantern.pk]


def test_stop_words_punctuation_and_query_syntax_are_harmless(buurt, lantern):
    assert similar_contributions(region=buurt, text="de het een en van") == []
    assert similar_contributions(region=buurt, text='"kapot* OR NEAR( -- \' ; DROP') != []
    assert search_terms("De lantaarnpaal, de LANTAARNPAAL! 2026") == ["lantaarnp"]


def test_postgresql_answers_from_the_gin_index(buurt, lantern):
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from wijkkompas.participation.search import search_vector

    if connection.vendor != "postgresql":
        pytest.skip("The GIN index exists on PostgreSQL only (SQLite searches its FTS5 table).")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    query = SearchQuery("lantaarnp:*", config="dutch", search_type="raw")
    plan = Contribution.objects.annotate(search=search_vector()).filter(search=query).explain()
    assert "participation_contribution_search" in plan
