"""Query terms, sentence splitting and highlighted snippets, shared by search and assistant."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours tell give show list many much please
    did does en de la le les des du et un une est dans pour sur par""".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])|\n+")


def query_terms(query: str, *, limit: int = 12) -> list[str]:
    """Distinct meaningful words of a query, in order, lower-cased."""
    terms: list[str] = []
    for word in _WORD.findall(query.lower()):
        if word in STOPWORDS or (len(word) < 2 and not word.isdigit()) or word in terms:
            continue
        terms.append(word)
    return terms[:limit]


def stem(word: str) -> str:
    """A crude stem, enough to highlight "trainings" for "training" and "trained"."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def term_pattern(terms: list[str]) -> re.Pattern | None:
    stems = sorted({stem(t) for t in terms if t}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and len(s.strip()) > 1]


def highlight(text: str, terms: list[str], *, width: int = 260) -> SafeString:
    """An escaped excerpt of `text` around the densest run of terms, terms in <mark>."""
    pattern = term_pattern(terms)
    start = 0
    if pattern is not None:
        positions = [m.start() for m in pattern.finditer(text)]
        if positions:
            best, best_count = positions[0], 0
            for position in positions:
                count = sum(1 for p in positions if position <= p < position + width)
                if count > best_count:
                    best, best_count = position, count
            start = max(0, best - width // 4)
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 30 else start
    excerpt = text[start : start + width]
    if start + width < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > width // 2 else excerpt) + " …"
    if start > 0:
        excerpt = "… " + excerpt
    escaped = escape(excerpt)
    if pattern is not None:
        escaped = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)
    return mark_safe(escaped)  # noqa: S308 - built from escaped text
