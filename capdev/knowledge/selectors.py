"""Reads of the index for pages and the assistant; all scoped to the asking user."""

from capdev.knowledge.search import Result, search
from capdev.knowledge.sources import SOURCES


def search_for_user(
    user, query: str, *, limit: int = 20, filters: dict | None = None, mode: str = "auto"
) -> list[Result]:
    return search(user, query, limit=limit, filters=filters, mode=mode)


def source_type_choices() -> list[tuple[str, str]]:
    return [(key, str(source.label)) for key, source in SOURCES.items()]
