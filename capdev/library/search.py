"""Full-text search over the library, through whichever index is installed.

The knowledge app (a layer above) registers its index here at start-up; without it
the library falls back to a plain text match, so the page still works.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass
class Hit:
    document_id: int
    page: int | None
    heading: str
    snippet: SafeString
    score: float = 0.0
    extra: dict = field(default_factory=dict)


# backend(user, query, filters, limit) -> list[Hit], best first, already scoped to user.
SearchBackend = Callable[[object, str, dict, int], list[Hit]]
_backend: SearchBackend | None = None


def register_backend(backend: SearchBackend) -> None:
    global _backend
    _backend = backend


def search(user, query: str, filters: dict, limit: int = 50) -> list[Hit]:
    if _backend is not None:
        return _backend(user, query, filters, limit)
    return _fallback(user, query, filters, limit)


def _fallback(user, query: str, filters: dict, limit: int) -> list[Hit]:
    from capdev.library.selectors import documents_visible_to

    documents = documents_visible_to(user, **filters)
    hits = []
    for document in documents.filter(
        Q(title__icontains=query) | Q(current_version__pages__text__icontains=query)
    ).distinct()[:limit]:
        hits.append(Hit(document.pk, None, "", mark_safe(escape(document.summary[:200]))))  # noqa: S308
    return hits
