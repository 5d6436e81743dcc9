"""Library documents: one passage per page, slide or heading section of the current version."""

from django.utils.translation import gettext_lazy as _

from capdev.knowledge.sources import Passage, Scope, SourceItem, register_source


def build(document) -> SourceItem | None:
    from capdev.library.models import DocumentVersion

    version = document.current_version
    if version is None or version.status != DocumentVersion.Status.DONE:
        return None
    paged = version.paged
    passages = [
        Passage(text=page.text, heading=page.heading, page=page.number if paged else None)
        for page in version.pages.order_by("number")
    ]
    return SourceItem(
        title=document.title,
        url=document.get_absolute_url(),
        scope=Scope(
            visibility=document.visibility,
            country_id=document.country_id,
            course_ref=document.course_ref,
            owner_id=document.created_by_id,
        ),
        passages=passages,
        filename=version.filename,
        language=document.language,
        kind=document.type,
        year=document.year,
    )


def library_backend(user, query, filters, limit):
    """The library's full-text search, answered from the index."""
    from capdev.knowledge.search import search
    from capdev.library.search import Hit

    results = search(
        user, query, limit=limit, filters={**filters, "source_type": "document"}, mode="keyword"
    )
    return [
        Hit(r.chunk.source_id, r.chunk.page or None, r.chunk.heading, r.snippet, r.score)
        for r in results
    ]


def register() -> None:
    from capdev.library import search as library_search
    from capdev.library.models import Document

    register_source(
        "document",
        Document,
        build,
        label=_("Document"),
        queryset=lambda: Document.objects.select_related("current_version"),
    )
    library_search.register_backend(library_backend)
