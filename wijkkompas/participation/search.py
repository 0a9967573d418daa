"""Near-duplicates: contributions in the same area whose title and text share words with a draft.

Full-text search in the database, the same contract on both: SQLite's FTS5 (virtual table kept
in step by triggers, migration 0003; unicode61 without accents) ranked by bm25, PostgreSQL's
text search with the 'dutch' configuration (GIN index, migration 0003) ranked by ts_rank.
Each word of the draft counts as a prefix cut a little short, so that Dutch plurals and
inflections meet ("lantaarnpalen" finds "lantaarnpaal"); any shared word matches, the best first.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection

from wijkkompas.participation.models import Contribution
from wijkkompas.participation.selectors import _with_counts

#: Words too common to say anything about similarity.
STOP_WORDS = frozenset(
    "aan als bij dat de den der des deze die dit door een en er het hier hun ik in is je kan maar meer met"
    " naar niet nog of om omdat ook op over te ten ter tot uit van veel voor wat wel wij we ze zijn zo"
    " heel graag geen wordt worden heeft hebben".split()
)
MAX_TERMS = 12
MIN_WORD = 3


def search_terms(text: str) -> list[str]:
    """The draft's words as prefixes: lower case, no stop words, at most MAX_TERMS, each cut by
    up to three letters (never below four)."""
    terms = []
    for word in re.findall(r"\w+", text.lower()):
        if len(word) < MIN_WORD or word in STOP_WORDS or word.isdigit():
            continue
        prefix = word[:max(4, len(word) - 3)] if len(word) > 5 else word
        if prefix not in terms:
            terms.append(prefix)
    return terms[:MAX_TERMS]


def similar_contributions(*, region, text: str, limit: int = 5) -> list[Contribution]:
    """Visible contributions in `region` that look like `text`, most similar first, with `support_count`."""
    terms = search_terms(text)
    if not terms:
        return []
    ids = _postgresql_ids(region, terms, limit) if connection.vendor == "postgresql" else _sqlite_ids(region, terms, limit)
    found = {contribution.pk: contribution for contribution in _with_counts(Contribution.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


def _sqlite_ids(region, terms: list[str], limit: int) -> list[int]:
    match = " OR ".join(f'"{term}"*' for term in terms)  # terms are \w+ only: no quotes inside
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id FROM participation_contribution_fts f JOIN participation_contribution c ON c.id = f.rowid"
            " WHERE participation_contribution_fts MATCH %s AND c.region_id = %s AND NOT c.hidden"
            " ORDER BY bm25(participation_contribution_fts), c.id DESC LIMIT %s",
            [match, region.pk, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def search_vector() -> SearchVector:
    """The indexed expression; the GIN index of migration 0003 is on exactly this."""
    return SearchVector("title", "text", config="dutch")


def _postgresql_ids(region, terms: list[str], limit: int) -> list[int]:
    query = SearchQuery(" | ".join(f"{term}:*" for term in terms), config="dutch", search_type="raw")
    return list(
        Contribution.objects.annotate(search=search_vector())
        .filter(search=query, region=region, hidden=False)
        .annotate(rank=SearchRank(search_vector(), query))
        .order_by("-rank", "-id").values_list("id", flat=True)[:limit]
    )
