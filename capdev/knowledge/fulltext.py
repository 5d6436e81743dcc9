"""Keyword search in the database's own full-text index, scoped inside the query.

Ranking the passages that contain a word costs time in proportion to how many do, and
on 100,000 passages a word such as "gender" may be in nearly all of them. So a query
is answered in steps, none of which ranks more than RANK_BUDGET passages:

1. passages with every word (AND);
2. passages with any word (OR), when step 1 found too few. When the words' passages
   add up to more than the budget, first those with one of the query's rare words (the
   rarest words that together are in at most RANK_BUDGET passages, or the rarest
   word): a common word alone brings no passage in then, but it still counts in the
   ranking; then the others.

Every step ranks by the database's own score over all the words of the query: bm25 on
SQLite (FTS5), ts_rank on PostgreSQL. Only when a step matches more passages than the
budget, which takes a query made of common words alone, does it rank the first
RANK_BUDGET of them in storage order. Whenever the words' passages add up to no more
than the budget, the ranking is exactly the plain AND-then-OR one (on PostgreSQL, if
step 1 also finds no more than SHORTLIST passages).

The access scope and the filters are conditions of the same SQL statement, on the
chunk row of each match, so every passage ranked is one the user may read.
"""

import json

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection

RANK_BUDGET = 2000
SHORTLIST = 200  # PostgreSQL: passages scored for word proximity, see PostgresIndex.rank


def scope_condition(queryset) -> tuple[str, list] | None:
    """The WHERE clause of `queryset` (over Chunk, without joins) as SQL on
    knowledge_chunk; None when it admits every chunk. Raises EmptyResultSet when it
    admits none."""
    query = queryset.query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = query.where.as_sql(compiler, connection)
    except FullResultSet:
        return None
    return sql, list(params)


def among(ids: list[int], queryset) -> set[int]:
    """Which of `ids` are chunks of `queryset`, each row found by its id.

    The ORM's "id IN (...) AND visibility = ..." lets SQLite, which keeps no statistics,
    prefer an index on a filtered column and read thousands of rows instead.
    """
    if not ids:
        return set()
    try:
        condition = scope_condition(queryset)
    except EmptyResultSet:
        return set()
    where, params = _and_condition(condition)
    if connection.vendor == "sqlite":
        # CROSS JOIN: the wanted ids drive, one primary-key lookup each.
        found_by_id = (
            "json_each(%s) AS wanted "
            "CROSS JOIN knowledge_chunk ON knowledge_chunk.id = wanted.value WHERE 1 = 1"
        )
        ids_param: str | list[int] = json.dumps([int(pk) for pk in ids])
    else:
        found_by_id = "knowledge_chunk WHERE knowledge_chunk.id = ANY(%s)"
        ids_param = [int(pk) for pk in ids]
    sql = f"SELECT knowledge_chunk.id FROM {found_by_id}{where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids_param, *params])
        return {row[0] for row in cursor.fetchall()}


class FullTextIndex:
    """The SQL of one database: how many passages have a word, and the best matches."""

    def counts(self, terms: list[str], cap: int) -> list[float]:
        """In how many passages each word is (more than `cap` may read as `cap`)."""
        raise NotImplementedError

    def rank(
        self, terms: list[str], *, match: list[str] | None, condition, cap: int, limit: int
    ) -> list[int]:
        """Chunk ids, best first, of passages with every word of `terms` (match None)
        or with any word of `match`, scored by all of `terms`."""
        raise NotImplementedError


def _and_condition(condition) -> tuple[str, list]:
    # Django compiled this SQL from a queryset: every value in it is a parameter.
    return (f" AND {condition[0]}", condition[1]) if condition else ("", [])


class SQLiteIndex(FullTextIndex):
    @staticmethod
    def _any(terms: list[str]) -> str:
        return " OR ".join(f'"{term}"' for term in terms)

    def counts(self, terms, cap):
        # Counting a word's passages reads only its list in the index: cheap here.
        sql = ", ".join(
            "(SELECT count(*) FROM (SELECT 1 FROM knowledge_chunk_fts "
            "WHERE knowledge_chunk_fts MATCH %s LIMIT %s))"
            for _ in terms
        )
        params = [value for term in terms for value in (f'"{term}"', cap)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {sql}", params)
            return list(cursor.fetchone())

    def rank(self, terms, *, match, condition, cap, limit):
        # bm25 scores the phrases of the MATCH expression, and it counts each phrase's
        # passages in the whole index first: slow for a common word. To score passages
        # found by some words with all of them, ask twice: "found" alone (no common
        # word to count) and "found AND (any other word)". A word a passage lacks adds
        # nothing to its score, so a passage's full score is the better of the two.
        if match is None:
            expressions = [" ".join(f'"{term}"' for term in terms)]
        else:
            others = [term for term in terms if term not in match]
            found = f"({self._any(match)})"
            expressions = [found] + ([f"{found} AND ({self._any(others)})"] if others else [])
        where, where_params = _and_condition(condition)
        join = (
            " CROSS JOIN knowledge_chunk ON knowledge_chunk.id = knowledge_chunk_fts.rowid"
            if condition
            else ""
        )
        # CROSS JOIN keeps the full-text index as the outer loop: one chunk lookup per
        # match, never one full-text lookup per chunk.
        step = (
            "SELECT * FROM (SELECT knowledge_chunk_fts.rowid AS id, "  # noqa: S608 - see below
            "bm25(knowledge_chunk_fts, 3.0, 2.0, 1.0) AS score "
            f"FROM knowledge_chunk_fts{join} WHERE knowledge_chunk_fts MATCH %s{where} LIMIT %s)"
        )
        # bm25 is negative here, and the lower the better.
        steps = " UNION ALL ".join([step] * len(expressions))
        sql = f"SELECT id, min(score) AS best FROM ({steps}) GROUP BY id ORDER BY best LIMIT %s"  # noqa: S608
        params = [value for e in expressions for value in (e, *where_params, cap)] + [limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


class PostgresIndex(FullTextIndex):
    def counts(self, terms, cap):
        # Counting would visit every matching row. The planner's statistics (ANALYZE,
        # which autovacuum runs) hold the share of rows with each common lexeme; a
        # lexeme not listed counts as half the smallest share listed, as the planner
        # estimates it. Without statistics every word counts as rare.
        lexemes = "ARRAY(SELECT lexeme FROM unnest(to_tsvector('english', %s)))"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join([lexemes] * len(terms))}, "  # noqa: S608 - no values
                "stats.elements, stats.shares, stats.total FROM (SELECT 1) AS one "
                "LEFT JOIN (SELECT s.most_common_elems::text::text[] AS elements, "
                "s.most_common_elem_freqs AS shares, c.reltuples AS total "
                "FROM pg_stats AS s, pg_class AS c WHERE c.oid = 'knowledge_chunk'::regclass "
                "AND s.schemaname = current_schema() AND s.tablename = 'knowledge_chunk' "
                "AND s.attname = 'search_vector') AS stats ON true",
                terms,
            )
            *term_lexemes, elements, shares, total = cursor.fetchone()
        if not elements or not total or total < 0:
            return [0.0] * len(terms)
        share = dict(zip(elements, shares, strict=False))
        unlisted = shares[len(elements)] / 2  # the smallest share follows the list
        return [
            min((share.get(lexeme, unlisted) * total for lexeme in found), default=0.0)
            for found in term_lexemes
        ]

    def rank(self, terms, *, match, condition, cap, limit):
        # ts_rank scores any query on any vector: match by some words, rank by all.
        # With every word required (AND) it also weighs how close together they are,
        # which costs time with the square of their occurrences: 20 microseconds a
        # passage for four common words. So the matches are first cut to a shortlist
        # by the cheap any-word score; as long as they fit in it, the order is exact.
        any_word = " or ".join(terms)
        scored = " ".join(terms) if match is None else any_word
        found = scored if match is None else " or ".join(match)
        where, where_params = _and_condition(condition)
        sql = (
            "SELECT id, ts_rank(search_vector, scored) AS score FROM ("  # noqa: S608 - see below
            "SELECT id, search_vector FROM ("
            "SELECT knowledge_chunk.id, knowledge_chunk.search_vector FROM knowledge_chunk "
            f"WHERE knowledge_chunk.search_vector @@ websearch_to_tsquery('english', %s){where} "
            "LIMIT %s) AS matches, websearch_to_tsquery('english', %s) AS any_word "
            "ORDER BY ts_rank(search_vector, any_word) DESC LIMIT %s"
            ") AS shortlist, websearch_to_tsquery('english', %s) AS scored "
            "ORDER BY score DESC LIMIT %s"
        )
        params = [found, *where_params, cap, any_word, max(SHORTLIST, limit), scored, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


def index() -> FullTextIndex:
    if connection.vendor == "sqlite":
        return SQLiteIndex()
    if connection.vendor == "postgresql":
        return PostgresIndex()
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")


def rare_terms(terms: list[str], counts: list[float], budget: int) -> list[str]:
    """The rarest words, fewest passages first, while together they are in at most
    `budget` passages; at least the rarest word."""
    chosen: list[str] = []
    total = 0.0
    for count, term in sorted(zip(counts, terms, strict=True)):
        if chosen and total + count > budget:
            break
        chosen.append(term)
        total += count
    return chosen


def ranking(terms: list[str], queryset, *, limit: int, budget: int = RANK_BUDGET) -> list[int]:
    """Ids of the best `limit` chunks of `queryset` (a filter of Chunk) for `terms`."""
    if not terms or limit <= 0:
        return []
    try:
        condition = scope_condition(queryset)
    except EmptyResultSet:
        return []
    backend = index()
    found: list[int] = []

    def step(match: list[str] | None) -> bool:
        seen = set(found)
        rows = backend.rank(
            terms, match=match, condition=condition, cap=budget, limit=limit + len(found)
        )
        found.extend(pk for pk in rows if pk not in seen)
        return len(found) >= limit

    if step(None) or len(terms) == 1:
        return found[:limit]
    counts = backend.counts(terms, budget + 1)
    rare = terms if sum(counts) <= budget else rare_terms(terms, counts, budget)
    if step(rare):
        return found[:limit]
    if len(rare) < len(terms):
        step(terms)
    return found[:limit]
