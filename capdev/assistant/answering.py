"""Answering a question in one of three modes, never beyond the asking user's scope.

extractive  quotes the sentences of the best passages that answer the question and
            cites each (offline, the default)
data        count and aggregate questions answered from the apps' selectors
llm         an OpenAI-compatible chat endpoint writes the answer from the retrieved
            passages, citing them; used when CAPDEV_LLM_URL and CAPDEV_LLM_MODEL are set
"""

import json
import logging
import math
import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from capdev.assistant import data_answers
from capdev.knowledge.search import Result, search
from capdev.knowledge.text import query_terms, sentences, stem

logger = logging.getLogger(__name__)

PASSAGES = 5
MAX_SENTENCES = 3
NO_ANSWER_MARK = "NO_ANSWER"


@dataclass
class Answer:
    answer: str
    mode: str
    citations: list[dict] = field(default_factory=list)
    link: str = ""
    latency_ms: int = 0

    def as_json(self) -> dict:
        return {"answer": self.answer, "mode": self.mode, "citations": self.citations}


def _setting(name: str, default: str = "") -> str:
    return str(getattr(settings, name, "") or os.environ.get(name, default))


def llm_configured() -> bool:
    return bool(_setting("CAPDEV_LLM_URL") and _setting("CAPDEV_LLM_MODEL"))


def citation_for(result: Result, snippet: str = "") -> dict:
    chunk = result.chunk
    return {
        "source_type": chunk.source_type,
        "title": chunk.title,
        "filename": chunk.filename if chunk.source_type == "document" else None,
        "page": chunk.page,
        "url": chunk.url + (f"#page-{chunk.page}" if chunk.page else ""),
        "snippet": snippet or chunk.text[:300],
    }


def nothing_found() -> str:
    return _("I found nothing in the sources you can see that answers this question.")


# Extractive ----------------------------------------------------------------------

_NUMBER = re.compile(r"\d")
_QUANTITY_QUESTION = re.compile(
    r"\b(how (many|much)|when|what year|which year|budget|date)\b", re.I
)


def _stems_of(sentence: str) -> set[str]:
    return {stem(w) for w in re.findall(r"\w+", sentence.lower())}


def _has(words: set[str], term: str) -> bool:
    return any(w.startswith(term) for w in words)


def extractive(question: str, results: list[Result]) -> Answer:
    if not results:
        return Answer(nothing_found(), "extractive")
    stems = {stem(term) for term in query_terms(question)}
    wants_number = bool(_QUANTITY_QUESTION.search(question))
    candidates = []
    for rank, result in enumerate(results[:PASSAGES]):
        skip = {result.chunk.title.strip().lower(), result.chunk.heading.strip().lower()}
        for position, sentence in enumerate(sentences(result.chunk.text)):
            if sentence.strip().lower() in skip:
                continue  # a heading repeated as text answers nothing
            candidates.append((rank, position, sentence, _stems_of(sentence)))
    # Words of the question that few candidate sentences share tell most (a local IDF):
    # "budget" outweighs "project" in a set of passages about projects.
    total = len(candidates) or 1
    weights = {
        term: math.log(1 + total / (1 + sum(1 for c in candidates if _has(c[3], term))))
        for term in stems
    }
    weight_sum = sum(weights.values()) or 1.0
    scored = []
    for rank, position, sentence, words in candidates:
        matched = sum(weight for term, weight in weights.items() if _has(words, term))
        if not matched:
            continue
        score = matched / weight_sum
        if wants_number and _NUMBER.search(sentence):
            score += 0.15
        if len(sentence) < 25:
            score -= 0.2
        # Earlier passages are better retrieval matches: prefer them slightly.
        scored.append((score + 0.1 / (rank + 1), rank, position, sentence))
    if not scored:
        # No sentence shares a word with the question: quote the best passage's opening.
        first = sentences(results[0].chunk.text)[:1] or [results[0].chunk.text[:200]]
        scored = [(0.0, 0, 0, first[0])]
    chosen = sorted(scored, key=lambda row: -row[0])[:MAX_SENTENCES]
    chosen = [row for row in chosen if row[0] >= chosen[0][0] * 0.5]
    chosen.sort(key=lambda row: (row[1], row[2]))  # read in source order
    # One citation per source page: two passages of one page are one place to look.
    numbers: dict[tuple, int] = {}
    citations: list[dict] = []
    parts = []
    for _score, rank, _position, sentence in chosen:
        chunk = results[rank].chunk
        key = (chunk.source_type, chunk.source_id, chunk.page)
        if key not in numbers:
            numbers[key] = len(citations) + 1
            citations.append(citation_for(results[rank], sentence))
        else:
            citations[numbers[key] - 1]["snippet"] += " " + sentence
        parts.append(f"{sentence} [{numbers[key]}]")
    return Answer(" ".join(parts), "extractive", citations)


# LLM -----------------------------------------------------------------------------

SYSTEM_PROMPT = (
    "You answer questions for staff of public institutions using ONLY the numbered "
    "passages given. Cite every statement with the passage number in square brackets, "
    "like [1]. If the passages do not contain the answer, reply exactly "
    f"{NO_ANSWER_MARK}. Answer in the language of the question, in at most five sentences."
)


def _chat(messages: list[dict]) -> str:
    url = _setting("CAPDEV_LLM_URL").rstrip("/")
    if not url.endswith("/chat/completions"):
        url += "/chat/completions"
    if not url.startswith(("http://", "https://")):
        raise ValueError("CAPDEV_LLM_URL must be an http(s) URL.")
    body = json.dumps(
        {"model": _setting("CAPDEV_LLM_MODEL"), "messages": messages, "temperature": 0}
    ).encode()
    headers = {"Content-Type": "application/json"}
    key = _setting("CAPDEV_LLM_API_KEY")
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    timeout = float(_setting("CAPDEV_LLM_TIMEOUT", "60"))
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        payload = json.loads(response.read().decode())
    return payload["choices"][0]["message"]["content"].strip()


def llm(question: str, results: list[Result]) -> Answer:
    if not results:
        return Answer(nothing_found(), "llm")
    passages = "\n\n".join(
        f"[{n}] {r.chunk.title}"
        + (f", page {r.chunk.page}" if r.chunk.page else "")
        + f"\n{r.chunk.text}"
        for n, r in enumerate(results[:PASSAGES], start=1)
    )
    content = _chat(
        [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Passages:\n\n{passages}\n\nQuestion: {question}"},
        ]
    )
    cited = sorted({int(n) for n in re.findall(r"\[(\d+)\]", content)})
    cited = [n for n in cited if 1 <= n <= min(PASSAGES, len(results))]
    if NO_ANSWER_MARK in content or not cited:
        # An answer with no support is no answer: say so instead of passing on a guess.
        return Answer(
            _("The sources you can see do not support an answer to this question."), "llm"
        )
    renumber = {old: new for new, old in enumerate(cited, start=1)}
    text = re.sub(
        r"\[(\d+)\]",
        lambda m: f"[{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber else "",
        content,
    )
    return Answer(text, "llm", [citation_for(results[n - 1]) for n in cited])


# Entry point ---------------------------------------------------------------------


def answer_question(user, question: str, *, mode: str | None = None) -> Answer:
    """Answer `question` for `user`. mode None picks: data, else llm if set up, else extractive."""
    started = time.perf_counter()
    question = (question or "").strip()
    result: Answer | None = None
    if mode in (None, "data"):
        data = data_answers.answer(user, question)
        if data is not None:
            result = Answer(data.text, "data", data.citations, data.url)
        elif mode == "data":
            result = Answer(_("I can only answer counting questions about this data."), "data")
    if result is None:
        results = search(user, question, limit=PASSAGES)
        if mode == "llm" or (mode is None and llm_configured()):
            try:
                result = llm(question, results)
            except (urllib.error.URLError, TimeoutError, ValueError, KeyError) as error:
                logger.warning("LLM endpoint failed (%s); answering extractively.", error)
                result = extractive(question, results)
        else:
            result = extractive(question, results)
    result.latency_ms = round((time.perf_counter() - started) * 1000)
    return result
