"""One search interface over the index: keyword (database full-text), semantic (vectors)
and hybrid (both, fused by reciprocal rank fusion). Every result is within the asking
user's scope: candidates are filtered by the access rule before ranking is cut."""

import threading
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.safestring import SafeString

from capdev.accounts.scoping import has_global_scope
from capdev.core.models import Country
from capdev.knowledge import embeddings, fulltext
from capdev.knowledge.models import Chunk
from capdev.knowledge.text import highlight, query_terms
from capdev.library.access import scope_q

RRF_K = 60
# Below this cosine similarity a passage is not about the query at all (MiniLM).
MIN_SIMILARITY = 0.2
VERSION_KEY = "knowledge:vectors:version"


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


def readable_chunks(user, filters: dict | None = None):
    """The chunks `user` may read that pass `filters`."""
    return Chunk.objects.filter(chunk_scope_q(user), **_filter_kwargs(filters))


def _allowed(ids: list[int], user, filters: dict | None) -> set[int]:
    if not ids:
        return set()
    if not filters and has_global_scope(user):
        return set(ids)
    return set(readable_chunks(user, filters).filter(pk__in=ids).values_list("pk", flat=True))


# Keyword search ------------------------------------------------------------------


def keyword_ranking(user, query: str, *, limit: int = 10, filters=None) -> list[int]:
    """Chunk ids best first: all words first (AND), then any word (OR) to fill up."""
    return fulltext.ranking(query_terms(query), readable_chunks(user, filters), limit=limit)


# Semantic search -----------------------------------------------------------------


class VectorIndex:
    """Every chunk vector in one L2-normalised float32 matrix, searched exactly by a
    single matrix-vector product. Reloaded when the index changes (VERSION_KEY)."""

    def __init__(self):
        self.version = None
        self.ids = None
        self.matrix = None
        self._lock = threading.Lock()

    def _load(self):
        import numpy as np

        rows = Chunk.objects.exclude(embedding=None).values_list("pk", "embedding")
        ids, vectors = [], []
        for pk, blob in rows.iterator(chunk_size=5000):
            ids.append(pk)
            vectors.append(np.frombuffer(bytes(blob), dtype=np.float32))
        self.ids = np.asarray(ids, dtype=np.int64)
        self.matrix = (
            np.vstack(vectors) if vectors else np.zeros((0, embeddings.DIMENSIONS), np.float32)
        )

    def ensure_loaded(self):
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            cache.set(VERSION_KEY, version, None)
        if version != self.version or self.matrix is None:
            with self._lock:
                self._load()
                self.version = version

    def top(self, vector, n: int) -> list[tuple[int, float]]:
        import numpy as np

        self.ensure_loaded()
        if not len(self.ids):
            return []
        scores = self.matrix @ vector
        n = min(n, len(scores))
        best = np.argpartition(-scores, n - 1)[:n]
        best = best[np.argsort(-scores[best])]
        return [(int(self.ids[i]), float(scores[i])) for i in best]


VECTORS = VectorIndex()


def vectors_changed() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def semantic_ranking(user, query: str, *, limit: int = 10, filters=None, vector=None) -> list[int]:
    if vector is None:
        if not embeddings.available():
            return []
        vector = embeddings.embed_query(query)
    fetch = max(limit * 10, 100)
    while True:
        candidates = [(i, s) for i, s in VECTORS.top(vector, fetch) if s >= MIN_SIMILARITY]
        allowed = _allowed([i for i, _ in candidates], user, filters)
        found = [i for i, _ in candidates if i in allowed]
        if len(found) >= limit or len(candidates) < fetch:
            return found[:limit]
        fetch *= 8


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
    rankings: dict[str, list[int]] = {}
    depth = max(limit * 3, 30) if mode == "hybrid" else limit
    if mode in {"keyword", "hybrid"}:
        rankings["keyword"] = keyword_ranking(user, query, limit=depth, filters=filters)
    if mode in {"semantic", "hybrid"}:
        rankings["semantic"] = semantic_ranking(user, query, limit=depth, filters=filters)
    fused = rrf(rankings)[:limit]
    chunks = Chunk.objects.select_related("country").in_bulk([pk for pk, _, _ in fused])
    terms = query_terms(query)
    return [
        Result(chunks[pk], score, highlight(chunks[pk].text, terms), ranks)
        for pk, score, ranks in fused
        if pk in chunks
    ]
