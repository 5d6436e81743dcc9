"""One search interface over the index: keyword (database full-text), semantic (vectors)
and hybrid (both, fused by reciprocal rank fusion). Every result is within the asking
user's scope: candidates are filtered by the access rule before ranking is cut."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.safestring import SafeString

from capdev.core.models import Country
from capdev.knowledge import embeddings, fulltext
from capdev.knowledge.models import Chunk
from capdev.knowledge.text import highlight, query_terms
from capdev.knowledge.vectors import VECTORS
from capdev.library.access import scope_q

RRF_K = 60
# Below this cosine similarity a passage is not about the query at all (MiniLM).
MIN_SIMILARITY = 0.2


@dataclass
class Result:
    chunk: Chunk
    score: float
    snippet: SafeString
    ranks: dict = field(default_factory=dict)


def chunk_scope_q(user):
    return scope_q(
        user,
        visibility="visibility",
        country="country_id",
        course_ref="course_ref",
        owner="owner_id",
    )


def _filter_kwargs(filters: dict | None) -> dict:
    filters = filters or {}
    kwargs = {}
    if filters.get("source_type"):
        kwargs["source_type"] = filters["source_type"]
    if filters.get("country"):
        # A subquery rather than a join: the condition stays on knowledge_chunk alone.
        kwargs["country__in"] = Country.objects.filter(iso3=str(filters["country"]).upper())
    if filters.get("type"):
        kwargs["kind"] = filters["type"]
    if filters.get("year"):
        kwargs["year"] = filters["year"]
    if filters.get("language"):
        kwargs["language"] = filters["language"]
    return kwargs


def readable(user, filters: dict | None = None) -> Q:
    """The condition on chunks that `user` may read and that pass `filters`."""
    return chunk_scope_q(user) & Q(**_filter_kwargs(filters))


def readable_chunks(user, filters: dict | None = None):
    return Chunk.objects.filter(readable(user, filters))


# Keyword search ------------------------------------------------------------------


def keyword_ranking(user, query: str, *, limit: int = 10, filters=None, where=None) -> list[int]:
    """Chunk ids best first: all words first (AND), then any word (OR) to fill up.
    `where`, if given, is readable(user, filters) already built."""
    where = readable(user, filters) if where is None else where
    return fulltext.ranking(query_terms(query), Chunk.objects.filter(where), limit=limit)


# Semantic search -----------------------------------------------------------------


def semantic_ranking(
    user, query: str, *, limit: int = 10, filters=None, vector=None, where=None
) -> list[int]:
    if vector is None:
        if not embeddings.available():
            return []
        vector = embeddings.embed_query(query)
    where = readable(user, filters) if where is None else where
    return [pk for pk, _ in VECTORS.top(vector, limit, where=where, floor=MIN_SIMILARITY)]


# Together ------------------------------------------------------------------------


def rrf(rankings: dict[str, list[int]], *, k: int = RRF_K) -> list[tuple[int, float, dict]]:
    scores: dict[int, float] = {}
    ranks: dict[int, dict] = {}
    for name, ranking in rankings.items():
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (k + rank)
            ranks.setdefault(pk, {})[name] = rank
    ordered = sorted(scores, key=lambda pk: -scores[pk])
    return [(pk, scores[pk], ranks[pk]) for pk in ordered]


def search(
    user, query: str, *, limit: int = 10, filters: dict | None = None, mode: str = "auto"
) -> list[Result]:
    """The best `limit` chunks for `query` that `user` may read.

    mode: "keyword", "semantic", "hybrid", or "auto" (hybrid when the semantic extra
    is installed, keyword otherwise).
    """
    query = (query or "").strip()
    if not query:
        return []
    if mode == "auto":
        mode = "hybrid" if embeddings.available() else "keyword"
    where = readable(user, filters)  # built once: it may read the user's courses
    rankings: dict[str, list[int]] = {}
    depth = max(limit * 3, 30) if mode == "hybrid" else limit
    if mode in {"keyword", "hybrid"}:
        rankings["keyword"] = keyword_ranking(user, query, limit=depth, where=where)
    if mode in {"semantic", "hybrid"}:
        rankings["semantic"] = semantic_ranking(user, query, limit=depth, where=where)
    fused = rrf(rankings)
    # Read through the access rule once more: the in-memory vectors may be a moment
    # behind the database (a passage deleted, or its scope changed, since they loaded).
    allowed = fulltext.among([pk for pk, _, _ in fused], Chunk.objects.filter(where))
    found = [(pk, score, ranks) for pk, score, ranks in fused if pk in allowed][:limit]
    chunks = (
        Chunk.objects.select_related("country")
        .defer("embedding")
        .in_bulk([pk for pk, _, _ in found])
    )
    terms = query_terms(query)
    return [
        Result(chunks[pk], score, highlight(chunks[pk].text, terms), ranks)
        for pk, score, ranks in found
        if pk in chunks  # deleted a moment ago
    ]
