"""Evaluating the assistant on a JSONL question set.

Each line: {"q": question, "any": [strings], "all": [strings], "source": FILENAME}.
recall@k   the source file is among the top k passages retrieved
MRR        mean of 1/rank of the first passage from the source (0 beyond k)
answer hit the answer contains every string of `all` and at least one of `any`
latency    time to answer, p50 and p95
"""

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from capdev.assistant.answering import answer_question
from capdev.knowledge.search import search


@dataclass
class Question:
    q: str
    any: list[str]
    all: list[str]
    source: str


def load_questions(path: Path) -> list[Question]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(
                Question(
                    row["q"],
                    list(row.get("any") or []),
                    list(row.get("all") or []),
                    str(row.get("source") or ""),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(f"Line {number}: {error}") from error
    return questions


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def _matches_source(chunk, source: str) -> bool:
    source = source.lower()
    return bool(source) and source in {chunk.filename.lower(), chunk.title.lower()}


def answer_hit(answer: str, question: Question) -> bool:
    text = answer.lower()
    if not all(s.lower() in text for s in question.all):
        return False
    return not question.any or any(s.lower() in text for s in question.any)


def evaluate(questions: list[Question], *, user, k: int = 5, mode: str | None = None) -> dict:
    rows = []
    for question in questions:
        results = search(user, question.q, limit=k)
        rank = next(
            (
                i
                for i, r in enumerate(results, start=1)
                if _matches_source(r.chunk, question.source)
            ),
            None,
        )
        started = time.perf_counter()
        answer = answer_question(user, question.q, mode=mode)
        latency = (time.perf_counter() - started) * 1000
        rows.append(
            {
                "q": question.q,
                "rank": rank,
                "hit": answer_hit(answer.answer, question),
                "latency_ms": round(latency, 1),
                "answer": answer.answer,
                "mode": answer.mode,
            }
        )
    count = len(rows) or 1
    latencies = [row["latency_ms"] for row in rows]
    return {
        "questions": len(rows),
        "k": k,
        "recall_at_k": sum(1 for row in rows if row["rank"]) / count,
        "answer_hit_rate": sum(1 for row in rows if row["hit"]) / count,
        "mrr": sum(1 / row["rank"] for row in rows if row["rank"]) / count,
        "latency_p50_ms": statistics.median(latencies) if latencies else 0.0,
        "latency_p95_ms": _percentile(latencies, 0.95),
        "rows": rows,
    }
