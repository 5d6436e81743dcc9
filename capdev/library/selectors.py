"""Reads of the library, each limited to what the asking user may read."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from capdev.core.models import Country
from capdev.core.places import sort_key
from capdev.library.access import can_read, scope_q
from capdev.library.models import Document, DocumentVersion, Page


def documents_visible_to(
    user,
    *,
    country: str | None = None,
    type: str | None = None,
    year: int | None = None,
    language: str | None = None,
    visibility: str | None = None,
) -> QuerySet[Document]:
    documents = Document.objects.filter(scope_q(user)).select_related("country", "current_version")
    if country:
        documents = documents.filter(country__iso3=country.upper())
    if type:
        documents = documents.filter(type=type)
    if year:
        documents = documents.filter(year=year)
    if language:
        documents = documents.filter(language=language)
    if visibility:
        documents = documents.filter(visibility=visibility)
    return documents


def document_get_for_user(user, pk: int) -> Document:
    document = Document.objects.select_related("country", "current_version").filter(pk=pk).first()
    if document is None or not can_read(user, document):
        # One answer for "absent" and "not yours": existence is not disclosed.
        raise Http404
    return document


def version_get_for_user(user, pk: int) -> DocumentVersion:
    version = DocumentVersion.objects.select_related("document").filter(pk=pk).first()
    if version is None or not can_read(user, version.document):
        raise Http404
    return version


def document_pages(document: Document) -> QuerySet[Page]:
    if document.current_version_id is None:
        return Page.objects.none()
    return Page.objects.filter(version_id=document.current_version_id)


def library_countries(user) -> list[Country]:
    """Countries with at least one document `user` may read, with their counts,
    in the alphabetical order of their names in the reader's language."""
    visible = Q(documents__in=Document.objects.filter(scope_q(user)).values("pk"))
    countries = Country.objects.annotate(document_count=Count("documents", filter=visible))
    return sorted(countries.filter(document_count__gt=0), key=lambda c: sort_key(c.localized_name))


def document_years(user) -> list[int]:
    return list(
        Document.objects.filter(scope_q(user))
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
