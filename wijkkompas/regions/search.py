"""Region search in the database: a search text per region, matched by trigrams.

Each region's `search_text` holds its name, its everyday names (aliases.py, NPLV focus areas) and,
below the municipality, the municipality's names, so `Overvecht Utrecht` and `Schilderswijk` find
their wijk. It is kept in step by `search_texts_refresh`, which the regions services call on every
import. The database does the matching and scoring: SQLite through an FTS5 table with the trigram
tokenizer (kept in step by triggers, migration 0003), PostgreSQL through pg_trgm's word similarity
on a GIN index. Current CBS areas (in the indeling of the last two years) come first, then former
and non-CBS areas; within each, results rank by how well they match (the whole phrase as words, the
phrase inside a word, all words, or similar trigrams), areas with figures first, then by similarity
and by number of inhabitants.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from wijkkompas.indicators.models import Indicator, Observation
from wijkkompas.regions.aliases import alias_names_for, aliased_focus_areas
from wijkkompas.regions.codes import normalise_name
from wijkkompas.regions.models import CBS_LEVELS, FocusArea, Level, Region

#: Everything but letters and digits separates words ('s-Gravenhage, Bijlmer Centrum (D,F,H),
#: Amstel III/Bullewijk), as pg_trgm splits words; so no LIKE wildcard reaches a pattern.
_SEPARATORS = re.compile(r"[\W_]+")
#: How similar (0 to 1) a name must be to a query with a typo: pg_trgm's default word similarity threshold.
SIMILARITY_THRESHOLD = 0.6
#: How many of the best trigram matches of FTS5 (bm25) SQLite considers for a query with a typo.
FUZZY_CANDIDATES = 300
POPULATION_INDICATOR = "inwoners"
#: Longer queries are cut: no area name is longer, and each character adds a trigram to the query.
MAX_QUERY_LENGTH = 100
_LEVEL_ORDER = (Level.MUNICIPALITY, Level.DISTRICT, Level.NEIGHBOURHOOD)
FTS_TABLE = "regions_region_fts"
#: The first year of the current indeling: the last two years of the CBS indelingen known (2024 and 2025).
CURRENT_FROM_SQL = "SELECT MAX(m.last_year) - 1 FROM {table} m WHERE m.level = %(municipality)s"


def search_words(text: str) -> str:
    """Lower case, without accents and punctuation, single spaces: how names and queries are compared."""
    return " ".join(_SEPARATORS.sub(" ", normalise_name(text)).split())


def search_text(*, name: str, code: str, level: str, towns: Iterable[str], focus_areas: Iterable[str] = ()) -> str:
    """The text a region is found by: its name, its everyday names and, below a municipality, the
    municipality's names; each phrase once."""
    phrases = [name, *alias_names_for(code), *focus_areas]
    if level != Level.MUNICIPALITY:
        phrases.extend(towns)
    return " ".join(dict.fromkeys(filter(None, map(search_words, phrases))))


def search_texts_refresh(*, municipality_codes: Iterable[str] | None = None) -> int:
    """Write the search text of every region, or of the regions of these municipalities (and the
    municipalities themselves); returns how many changed. Only changed rows are written, so the
    FTS5 triggers on SQLite re-index only those."""
    regions = Region.objects.all()
    focus = FocusArea.objects.all()
    if municipality_codes is not None:
        codes = set(municipality_codes)
        regions = regions.filter(municipality_code__in=codes) | Region.objects.filter(code__in=codes)
        focus = focus.filter(municipality__code__in=codes)
    rows = list(regions.values_list("pk", "code", "level", "name", "municipality_code", "search_text"))
    municipalities = {code for _pk, code, level, *_rest in rows if level == Level.MUNICIPALITY}
    municipalities |= {row[4] for row in rows if row[4]}
    names = dict(Region.objects.filter(code__in=municipalities).values_list("code", "name"))
    towns = {code: [name, *alias_names_for(code)] for code, name in names.items()}
    own_focus = aliased_focus_areas()
    focus_names: dict[str, list[str]] = defaultdict(list)
    for name, variant, municipality in focus.values_list("name", "name_variant", "municipality__code"):
        if name not in own_focus:
            focus_names[municipality] += [name, variant]
    changed = []
    for pk, code, level, name, municipality, current in rows:
        text = search_text(name=name, code=code, level=level, towns=towns.get(municipality, []),
                           focus_areas=focus_names.get(code, []))
        if text != current:
            changed.append((text, pk))
    if changed:
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {Region._meta.db_table} SET search_text = %s WHERE id = %s", changed)
    return len(changed)


def _like(text: str) -> str:
    """A code as typed, as a LIKE prefix: its own wildcards are text."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _trigrams(words: list[str]) -> list[str]:
    """The trigrams of each word padded with a space, as pg_trgm counts them (one leading space)."""
    grams = []
    for word in words:
        padded = f" {word} "
        grams.extend(padded[i:i + 3] for i in range(len(padded) - 2))
    return list(dict.fromkeys(grams))


def ranked_region_ids(*, query: str, level: str | None, limit: int) -> list[int]:
    """Ids of the regions that match the query, best first (see the module's docstring)."""
    query = query[:MAX_QUERY_LENGTH]
    phrase = search_words(query)
    if not phrase:
        return []
    words = phrase.split()
    code = "".join(query.split()).upper()
    table = Region._meta.db_table
    params: dict[str, object] = {
        "word_phrase": f"% {phrase} %", "phrase": f"%{phrase}%", "code": code,
        "code_prefix": f"{_like(code)}%", "population": _population_indicator(), "limit": limit,
        "municipality": str(Level.MUNICIPALITY),
    }
    params.update({f"cbs{i}": str(value) for i, value in enumerate(CBS_LEVELS)})
    cbs_levels = ", ".join(f"%(cbs{i})s" for i in range(len(CBS_LEVELS)))
    all_words = " AND ".join(f"r.search_text LIKE %(word{i})s" for i in range(len(words)))
    params.update({f"word{i}": f"%{word}%" for i, word in enumerate(words)})
    for rank, value in enumerate(_LEVEL_ORDER):
        params[f"level{rank}"] = str(value)
    if connection.vendor == "postgresql":
        similarity, candidates = _postgresql(params, phrase, all_words)
    else:
        similarity, candidates = _sqlite(params, words, all_words)
    level_filter = ""
    if level:
        params["level"] = str(level)
        level_filter = "AND r.level = %(level)s"
    level_rank = " ".join(f"WHEN %(level{rank})s THEN {rank}" for rank in range(len(_LEVEL_ORDER)))
    sql = f"""
        SELECT id FROM (
            SELECT r.id, r.search_name, r.code,
                CASE WHEN r.code = %(code)s OR (' ' || r.search_text || ' ') LIKE %(word_phrase)s THEN 0
                     WHEN r.code LIKE %(code_prefix)s ESCAPE '\\' OR r.search_text LIKE %(phrase)s THEN 1
                     WHEN {all_words} THEN 2 ELSE 3 END AS match_class,
                {similarity} AS similarity,
                CASE WHEN r.level IN ({cbs_levels}) AND r.last_year >= ({CURRENT_FROM_SQL.format(table=table)})
                     THEN 0 ELSE 1 END AS status_rank,
                CASE r.level {level_rank} ELSE {len(_LEVEL_ORDER)} END AS level_rank
            FROM {table} r
            WHERE ({candidates}) {level_filter}
        ) matched
        WHERE match_class < 3 OR similarity >= {SIMILARITY_THRESHOLD}
        ORDER BY status_rank, match_class,
            CASE WHEN EXISTS (SELECT 1 FROM {Observation._meta.db_table} f WHERE f.region_id = matched.id)
                 THEN 0 ELSE 1 END,
            ROUND(similarity, 1) DESC,
            COALESCE((SELECT o.value FROM {Observation._meta.db_table} o WHERE o.region_id = matched.id
                      AND o.indicator_id = %(population)s ORDER BY o.year DESC LIMIT 1), -1) DESC,
            level_rank, search_name, code
        LIMIT %(limit)s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _postgresql(params: dict[str, object], phrase: str, all_words: str) -> tuple[str, str]:
    """pg_trgm: `<%` finds names with a similar word sequence through the GIN index."""
    params["query"] = phrase
    similarity = "word_similarity(%(query)s, r.search_text)::numeric"
    candidates = f"r.code LIKE %(code_prefix)s ESCAPE '\\' OR ({all_words}) OR %(query)s <%% r.search_text"
    return similarity, candidates


def _sqlite(params: dict[str, object], words: list[str], all_words: str) -> tuple[str, str]:
    """FTS5 with the trigram tokenizer: its LIKE finds the words, its bm25 ranking the best
    trigram matches of a query with a typo; similarity is the share of the query's trigrams found."""
    grams = _trigrams(words)
    found = " + ".join(f"(instr(' ' || r.search_text || ' ', %(gram{i})s) > 0)" for i in range(len(grams)))
    params.update({f"gram{i}": gram for i, gram in enumerate(grams)})
    similarity = f"ROUND(1.0 * ({found}) / {len(grams)}, 4)"
    inner = [gram for gram in grams if " " not in gram]
    # FTS5's trigram LIKE only for words of three letters or more: it cannot use the index for
    # shorter ones, and SQLite 3.40 crashes on a short pattern before a long one.
    long_words = [i for i, word in enumerate(words) if len(word) >= 3]
    candidates = f"r.code LIKE %(code_prefix)s ESCAPE '\\' OR "
    if long_words:
        in_fts = " AND ".join(f"search_text LIKE %(word{i})s" for i in long_words)
        candidates += f"r.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {in_fts})"
    else:
        candidates += f"({all_words})"
    if inner:
        params["match"] = " OR ".join(f'"{gram}"' for gram in inner)  # letters and digits only
        candidates += (f" OR r.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %(match)s "
                       f"ORDER BY rank LIMIT {FUZZY_CANDIDATES})")
    return similarity, candidates


def _population_indicator() -> int | None:
    return Indicator.objects.filter(key=POPULATION_INDICATOR).values_list("pk", flat=True).first()
