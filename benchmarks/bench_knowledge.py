"""Knowledge base: ingestion throughput, search latency on 100,000 chunks, assistant quality.

1. Ingestion: PDFs of 40 pages each, extracted, chunked and indexed (pages/s).
2. Evaluation: the demo documents and benchmarks/knowledge_questions.jsonl
   (recall@5, answer hit rate, MRR, answer latency).
3. Search on 100,000 synthetic chunks: keyword (FTS5 bm25 / PostgreSQL tsvector + GIN)
   and hybrid (keyword + one matrix-vector product over all vectors, fused by RRF).
   Stored vectors are random unit vectors (embedding 100,000 passages would take an
   hour on CPU); the query is embedded by the real model when the `semantic` extra is
   installed, which is what a user waits for.
"""

import random
import time
from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.services import user_create
from capdev.assistant.evaluation import evaluate, load_questions
from capdev.core.models import Country
from capdev.knowledge import embeddings
from capdev.knowledge.models import Chunk
from capdev.knowledge.search import VECTORS, keyword_ranking, rrf, semantic_ranking, vectors_changed
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
    vectors_changed()


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
    vectors_changed()


def bench_search(out, rng, vocabulary) -> None:
    try:
        import numpy as np
    except ImportError:
        out.line("numpy is missing (install the `semantic` extra): search figures skipped.")
        return
    started = time.perf_counter()
    _fill(rng, vocabulary)
    out.figure(
        f"indexing {CHUNKS:,} chunks (bulk, FTS triggers)", time.perf_counter() - started, "s"
    )
    queries = [" ".join([*rng.sample(DOMAIN, 2), rng.choice(vocabulary[:300])]) for _ in range(40)]
    officer, focal = _officer(), _focal()
    cycle = iter(queries * 10)

    def keyword(user):
        return lambda: keyword_ranking(user, next(cycle), limit=10)

    for name, user in (("officer", officer), ("Lao focal point", focal)):
        figures = summary(timings_ms(keyword(user), repeat=60))
        out.figure(f"keyword search, {name}, p50", figures["p50"], "ms")
        out.figure(f"keyword search, {name}, p95", figures["p95"], "ms", target=50)

    started = time.perf_counter()
    VECTORS.ensure_loaded()
    out.figure("loading the vector matrix (once per process)", time.perf_counter() - started, "s")
    real_model = embeddings.available()
    if real_model:
        embeddings.embed_query("warm up the model")
    random_vectors = np.random.default_rng(3).standard_normal((50, embeddings.DIMENSIONS))
    random_vectors = (random_vectors.T / np.linalg.norm(random_vectors, axis=1)).T.astype(
        np.float32
    )
    vectors = iter(list(random_vectors) * 10)

    def hybrid(user):
        def run():
            query = next(cycle)
            vector = embeddings.embed_query(query) if real_model else next(vectors)
            # The synthetic vectors are random: drop the similarity floor for timing.
            ranking = semantic_ranking(user, query, limit=30, vector=vector * 50)
            return rrf({"keyword": keyword_ranking(user, query, limit=30), "semantic": ranking})

        return run

    for name, user in (("officer", officer), ("Lao focal point", focal)):
        figures = summary(timings_ms(hybrid(user), repeat=60))
        label = "with query embedding" if real_model else "query vector given"
        out.figure(f"hybrid search ({label}), {name}, p50", figures["p50"], "ms")
        out.figure(f"hybrid search ({label}), {name}, p95", figures["p95"], "ms", target=150)


def run(out) -> None:
    rng = random.Random(42)
    vocabulary = _vocabulary(rng)
    _reset()
    bench_ingestion(out, rng, vocabulary)
    bench_evaluation(out)
    bench_search(out, rng, vocabulary)
    _reset()
