"""Knowledge base: ingestion throughput, search latency on 100,000 chunks, assistant quality.

1. Ingestion: PDFs of 40 pages each, extracted, chunked and indexed (pages/s).
2. Evaluation: the demo documents and benchmarks/knowledge_questions.jsonl
   (recall@5, answer hit rate, MRR, answer latency).
3. Search on 100,000 synthetic chunks, a third of them visible to one country only, as
   search() answers a page: keyword (FTS5 bm25 / PostgreSQL tsvector + GIN) and hybrid
   (keyword + one matrix-vector product over all vectors, fused by RRF), for an
   officer, a focal point and an anonymous visitor. Stored vectors are random unit
   vectors (embedding 100,000 passages would take an hour on CPU); the query is
   embedded by the real model (the `semantic` extra), which is what a user waits for.
"""

import random
import time
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.services import user_create
from capdev.assistant.evaluation import evaluate, load_questions
from capdev.core.models import Country
from capdev.knowledge import embeddings
from capdev.knowledge import search as search_module
from capdev.knowledge.models import Chunk
from capdev.knowledge.search import search
from capdev.knowledge.vectors import VECTORS, index_changed
from capdev.library import demo as library_demo
from capdev.library.models import Document
from capdev.library.services import document_ingest
from capdev.library.testing import make_pdf

CHUNKS = 100_000
QUESTIONS = Path(__file__).resolve().parent / "knowledge_questions.jsonl"
DOMAIN = [
    "gender",
    "equality",
    "public",
    "administration",
    "women",
    "leadership",
    "action",
    "plan",
    "civil",
    "service",
    "budget",
    "workshop",
    "training",
    "capacity",
    "development",
    "digital",
    "government",
    "foresight",
    "innovation",
    "data",
    "governance",
    "parity",
    "pay",
    "gap",
    "mentoring",
    "recruitment",
    "promotion",
    "ministry",
    "decentralisation",
    "accountability",
    "transparency",
    "procurement",
    "climate",
    "resilience",
    "health",
    "education",
    "forum",
]


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)}
    return DOMAIN + sorted(words)


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    # Zipf-like: a few words are everywhere, most are rare, as in real text.
    count = len(vocabulary)
    words = [vocabulary[min(count - 1, int(rng.paretovariate(1.1)) - 1)] for _ in range(12)]
    return " ".join(words).capitalize() + "."


def _officer() -> User:
    user = User.objects.filter(email="bench-officer@example.org").first()
    return user or user_create(
        email="bench-officer@example.org", password=None, roles=[Role.PROGRAMME_OFFICER]
    )


def _focal() -> User:
    user = User.objects.filter(email="bench-focal@example.org").first()
    return user or user_create(
        email="bench-focal@example.org",
        password=None,
        roles=[Role.FOCAL_POINT],
        country=Country.objects.get(iso3="LAO"),
    )


def _reset() -> None:
    for document in Document.objects.all():
        document.delete()
    Chunk.objects.all().delete()
    index_changed()


def bench_ingestion(out, rng, vocabulary) -> None:
    files = []
    for index in range(5):
        pages = [
            "\n".join(_sentence(rng, vocabulary) for _ in range(30)) + f"\nReport {index}"
            for _ in range(40)
        ]
        files.append(make_pdf(pages))
    started = time.perf_counter()
    pages = 0
    for index, data in enumerate(files):
        result = document_ingest(data=data, filename=f"bench-{index}.pdf")
        pages += result.version.pages_total
    elapsed = time.perf_counter() - started
    extra = "with embeddings" if embeddings.available() else "keyword index only"
    out.figure(f"ingestion, {pages} PDF pages ({extra})", pages / elapsed, "pages/s")
    _reset()


def bench_evaluation(out) -> None:
    library_demo.load(type("Null", (), {"write": lambda *a: None})())
    report = evaluate(load_questions(QUESTIONS), user=AnonymousUser(), k=5)
    out.line(f"evaluation on {report['questions']} questions over the 6 demo documents:")
    out.figure("  recall@5", report["recall_at_k"], "", target=None)
    out.figure("  answer hit rate", report["answer_hit_rate"], "")
    out.figure("  MRR", report["mrr"], "")
    out.figure("  answer latency p50", report["latency_p50_ms"], "ms")
    out.figure("  answer latency p95", report["latency_p95_ms"], "ms", target=1000)
    out.line(f"  recall@5 target >= 0.9: {'met' if report['recall_at_k'] >= 0.9 else 'MISSED'}")


def _fill(rng, vocabulary) -> None:
    import numpy as np

    countries = list(Country.objects.filter(iso3__in=["LAO", "BTN", "MUS", "SEN"]))
    matrix = np.random.default_rng(7).standard_normal((CHUNKS, embeddings.DIMENSIONS))
    matrix = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)
    batch = []
    for index in range(CHUNKS):
        public = index % 3 != 0
        batch.append(
            Chunk(
                source_type="document",
                source_id=10_000_000 + index // 8,
                position=index % 8,
                title=f"Synthetic document {index // 8}",
                text=" ".join(_sentence(rng, vocabulary) for _ in range(10)),
                visibility="public" if public else "country",
                country=None if public else countries[index % len(countries)],
                embedding=matrix[index].tobytes(),
            )
        )
        if len(batch) == 5000:
            Chunk.objects.bulk_create(batch)
            batch = []
    if batch:
        Chunk.objects.bulk_create(batch)
    index_changed()


def _analyse() -> None:
    # What autovacuum does after a bulk load; PostgreSQL's keyword search reads which
    # words are common from these statistics.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE knowledge_chunk")


def bench_search(out, rng, vocabulary) -> None:
    try:
        import numpy  # noqa: F401
    except ImportError:
        out.line("numpy is missing (install the `semantic` extra): search figures skipped.")
        return
    started = time.perf_counter()
    _fill(rng, vocabulary)
    _analyse()
    out.figure(
        f"indexing {CHUNKS:,} chunks (bulk, full-text index)", time.perf_counter() - started, "s"
    )
    queries = [" ".join([*rng.sample(DOMAIN, 2), rng.choice(vocabulary[:300])]) for _ in range(40)]
    users = (("officer", _officer()), ("Lao focal point", _focal()), ("visitor", AnonymousUser()))
    cycle = iter(queries * 20)

    def timed(user, mode):
        # What a user waits for: ranking, reading the passages, highlighting snippets.
        return lambda: search(user, next(cycle), limit=10, mode=mode)

    for name, user in users:
        figures = summary(timings_ms(timed(user, "keyword"), repeat=60))
        out.figure(f"keyword search, {name}, p50", figures["p50"], "ms")
        out.figure(f"keyword search, {name}, p95", figures["p95"], "ms", target=50)

    started = time.perf_counter()
    VECTORS.current()
    out.figure("loading the vector matrix (once per process)", time.perf_counter() - started, "s")
    if not embeddings.available():
        out.line("hybrid search skipped: it embeds the query (install the `semantic` extra).")
        return
    embeddings.embed_query("warm up the model")
    figures = summary(timings_ms(lambda: embeddings.embed_query(next(cycle)), repeat=60))
    out.figure("query embedding, p50", figures["p50"], "ms")
    out.figure("query embedding, p95", figures["p95"], "ms")
    # The stored vectors are random, so no passage would pass the similarity floor:
    # without it every passage is a candidate, the slowest case.
    floor, search_module.MIN_SIMILARITY = search_module.MIN_SIMILARITY, -1.0
    try:
        for name, user in users:
            figures = summary(timings_ms(timed(user, "hybrid"), repeat=60))
            out.figure(f"hybrid search, {name}, p50", figures["p50"], "ms")
            out.figure(f"hybrid search, {name}, p95", figures["p95"], "ms", target=150)
    finally:
        search_module.MIN_SIMILARITY = floor


def run(out) -> None:
    rng = random.Random(42)
    vocabulary = _vocabulary(rng)
    _reset()
    bench_ingestion(out, rng, vocabulary)
    bench_evaluation(out)
    bench_search(out, rng, vocabulary)
    _reset()
