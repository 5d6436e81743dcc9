"""Grading one response to one question version, without database access.

`grade(data, response)` returns the fraction of the mark earned (negative credit is
possible for single-answer multiple choice), or None when a person must grade it
(essays) or there is nothing to grade (descriptions). Responses are dictionaries:

| type | response |
| --- | --- |
| multichoice (one answer) | {"choice": answer index} |
| multichoice (several) | {"choices": [answer index, ...]} |
| truefalse | {"value": true/false} |
| shortanswer, numerical, essay | {"text": "..."} |
| matching | {"matches": {"subquestion index": "chosen answer text"}} |
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext as _

MANUAL_TYPES = frozenset({"essay"})
UNGRADED_TYPES = frozenset({"description"})
_NUMBER_RE = re.compile(r"^[+-]?(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?$")


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _answers(data: dict) -> list[dict]:
    return data.get("answers") or []


def _multichoice(data: dict, response: dict) -> float:
    answers = _answers(data)
    if data.get("single", True):
        choice = response.get("choice")
        if isinstance(choice, int) and 0 <= choice < len(answers):
            return float(answers[choice]["fraction"])
        return 0.0
    chosen = {c for c in response.get("choices") or [] if isinstance(c, int)}
    total = sum(float(answers[c]["fraction"]) for c in chosen if 0 <= c < len(answers))
    # As Moodle: several answers never score below nothing or above full marks.
    return _clamp(total, 0.0, 1.0)


def _truefalse(data: dict, response: dict) -> float:
    value = response.get("value")
    if not isinstance(value, bool):
        return 0.0
    return 1.0 if value == bool(data.get("correct")) else 0.0


@lru_cache(maxsize=4096)
def _pattern(answer: str, case_sensitive: bool) -> re.Pattern:
    # Moodle's short answers: `*` matches any run of characters.
    normalised = " ".join(answer.split())
    regex = ".*".join(re.escape(part) for part in normalised.split("*"))
    return re.compile(rf"^{regex}$", 0 if case_sensitive else re.IGNORECASE)


def shortanswer_match(data: dict, text: str) -> dict | None:
    text = " ".join(str(text).split())
    if not text:
        return None
    case_sensitive = bool(data.get("case_sensitive"))
    for answer in _answers(data):
        if _pattern(str(answer["text"]), case_sensitive).match(text):
            return answer
    return None


def parse_number(text: str) -> float | None:
    text = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not text or not _NUMBER_RE.match(text):
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def numerical_match(data: dict, text: str) -> dict | None:
    """The best-scoring answer the number falls within, or a catch-all `*` answer."""
    value = parse_number(text)
    best = None
    catch_all = None
    for answer in _answers(data):
        if answer.get("value") is None:
            catch_all = catch_all or answer
            continue
        if value is None:
            continue
        tolerance = abs(float(answer.get("tolerance") or 0))
        # A relative epsilon so that 3.14 ± 0.01 accepts 3.15 despite binary floats.
        epsilon = 1e-9 * max(1.0, abs(float(answer["value"])))
        if abs(value - float(answer["value"])) <= tolerance + epsilon and (
            best is None or float(answer["fraction"]) > float(best["fraction"])
        ):
            best = answer
    if best is None and value is not None:
        return catch_all
    return best


def _matching(data: dict, response: dict) -> float:
    subquestions = [s for s in data.get("subquestions") or [] if s.get("text")]
    if not subquestions:
        return 0.0
    matches = response.get("matches") or {}
    if not isinstance(matches, dict):
        return 0.0
    right = 0
    index = 0
    for position, sub in enumerate(data.get("subquestions") or []):
        if not sub.get("text"):
            continue
        index += 1
        if matches.get(str(position)) == sub["answer"]:
            right += 1
    return right / len(subquestions)


def grade(data: dict, response: dict | None) -> float | None:
    qtype = data.get("type")
    if qtype in UNGRADED_TYPES or qtype in MANUAL_TYPES:
        return None
    if not isinstance(response, dict):
        return 0.0
    if qtype == "multichoice":
        return _multichoice(data, response)
    if qtype == "truefalse":
        return _truefalse(data, response)
    if qtype == "shortanswer":
        answer = shortanswer_match(data, response.get("text") or "")
        return float(answer["fraction"]) if answer else 0.0
    if qtype == "numerical":
        answer = numerical_match(data, response.get("text") or "")
        return float(answer["fraction"]) if answer else 0.0
    if qtype == "matching":
        return _matching(data, response)
    return 0.0


def feedback(data: dict, response: dict | None) -> list[str]:
    """The per-answer feedback a response earns (shown in review only)."""
    if not isinstance(response, dict):
        return []
    qtype = data.get("type")
    answers = _answers(data)
    if qtype == "multichoice":
        if data.get("single", True):
            picked = [response.get("choice")]
        else:
            picked = list(response.get("choices") or [])
        return [
            answers[i]["feedback"]
            for i in picked
            if isinstance(i, int) and 0 <= i < len(answers) and answers[i].get("feedback")
        ]
    if qtype == "truefalse" and isinstance(response.get("value"), bool):
        key = "feedback_true" if response["value"] else "feedback_false"
        return [data[key]] if data.get(key) else []
    if qtype in ("shortanswer", "numerical"):
        matcher = shortanswer_match if qtype == "shortanswer" else numerical_match
        answer = matcher(data, response.get("text") or "")
        return [answer["feedback"]] if answer and answer.get("feedback") else []
    return []


def is_answered(data: dict, response: dict | None) -> bool:
    if not isinstance(response, dict):
        return False
    qtype = data.get("type")
    if qtype == "multichoice":
        return response.get("choice") is not None or bool(response.get("choices"))
    if qtype == "truefalse":
        return isinstance(response.get("value"), bool)
    if qtype == "matching":
        return any((response.get("matches") or {}).values())
    return bool(str(response.get("text") or "").strip())


def right_answer_summary(data: dict) -> str:
    """A plain-text statement of the right answer, for review when the quiz shows it."""
    qtype = data.get("type")
    answers = _answers(data)
    if qtype == "multichoice":
        return "; ".join(a["text"] for a in answers if float(a["fraction"]) > 0)
    if qtype == "truefalse":
        return _("True") if data.get("correct") else _("False")
    if qtype == "shortanswer":
        best = max((float(a["fraction"]) for a in answers), default=0)
        return "; ".join(a["text"] for a in answers if float(a["fraction"]) == best)
    if qtype == "numerical":
        parts = []
        for answer in answers:
            if answer.get("value") is None or float(answer["fraction"]) <= 0:
                continue
            tolerance = float(answer.get("tolerance") or 0)
            value = f"{answer['value']:g}"
            parts.append(f"{value} ± {tolerance:g}" if tolerance else value)
        return "; ".join(parts)
    if qtype == "matching":
        return "; ".join(
            f"{s['text']} → {s['answer']}" for s in data.get("subquestions") or [] if s.get("text")
        )
    return ""
