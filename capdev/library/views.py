from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts.decorators import permission_required
from capdev.core.models import Country
from capdev.core.uploads import serve_file
from capdev.library import search as library_search
from capdev.library.forms import DocumentUploadForm, LibrarySearchForm, VersionUploadForm
from capdev.library.selectors import (
    document_get_for_user,
    document_pages,
    documents_visible_to,
    library_countries,
    version_get_for_user,
)
from capdev.library.services import document_delete, document_ingest


@require_safe
def index(request):
    form = LibrarySearchForm(request.GET or None)
    filters: dict = {}
    query = ""
    if form.is_bound and form.is_valid():
        filters = form.filters()
        query = form.cleaned_data["q"].strip()
    hits = []
    if query:
        hits = library_search.search(request.user, query, filters, limit=50)
        documents = {
            d.pk: d
            for d in documents_visible_to(request.user).filter(
                pk__in={hit.document_id for hit in hits}
            )
        }
        hits = [hit for hit in hits if hit.document_id in documents]
        for hit in hits:
            hit.document = documents[hit.document_id]
        page = Paginator(hits, 20).get_page(request.GET.get("page"))
    else:
        page = Paginator(documents_visible_to(request.user, **filters), 20).get_page(
            request.GET.get("page")
        )
    return render(
        request,
        "library/index.html",
        {
            "form": form,
            "query": query,
            "page": page,
            "countries": library_countries(request.user),
            "nav_current": "library",
        },
    )


@require_safe
def countries(request):
    return render(
        request,
        "library/countries.html",
        {"countries": library_countries(request.user), "nav_current": "library"},
    )


@require_safe
def country(request, iso3: str):
    place = get_object_or_404(Country, iso3=iso3.upper())
    documents = documents_visible_to(request.user, country=place.iso3)
    return render(
        request,
        "library/country.html",
        {"country": place, "documents": documents, "nav_current": "library"},
    )


@require_safe
def document(request, pk: int):
    item = document_get_for_user(request.user, pk)
    return render(
        request,
        "library/document.html",
        {
            "document": item,
            "pages": document_pages(item),
            "versions": item.versions.all(),
            "version_form": VersionUploadForm(),
            "can_change": request.user.has_perm("library.change_document"),
            "can_delete": request.user.has_perm("library.delete_document"),
            "nav_current": "library",
        },
    )


@require_safe
def download(request, pk: int):
    item = document_get_for_user(request.user, pk)
    if item.current_version is None:
        raise Http404
    return serve_file(request, item.current_version.file, filename=item.current_version.filename)


@require_safe
def version_download(request, pk: int):
    version = version_get_for_user(request.user, pk)
    return serve_file(request, version.file, filename=version.filename)


@require_safe
def version_progress(request, pk: int):
    version = version_get_for_user(request.user, pk)
    return render(request, "library/_progress.html", {"version": version})


@permission_required("library.add_document")
@require_http_methods(["GET", "POST"])
def upload(request):
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = document_ingest(
            data=data["file"].read(),
            filename=data["file"].name,
            user=request.user,
            title=data["title"],
            type=data["type"],
            country=data["country"],
            language=data["language"],
            year=data["year"],
            tags=data["tags"],
            visibility=data["visibility"],
            course_ref=data["course_ref"],
            background=True,
        )
        if not result.ok:
            form.add_error("file", result.message)
        else:
            if result.status == "unchanged":
                messages.info(request, _("This file is already in the library."))
            else:
                messages.success(request, _("The file is uploaded; its text is being extracted."))
            return redirect(result.document)
    return render(request, "library/upload.html", {"form": form, "nav_current": "library"})


@permission_required("library.change_document")
@require_POST
def version_upload(request, pk: int):
    item = document_get_for_user(request.user, pk)
    form = VersionUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload_file = form.cleaned_data["file"]
        result = document_ingest(
            data=upload_file.read(),
            filename=upload_file.name,
            user=request.user,
            document=item,
            background=True,
        )
        if not result.ok:
            messages.error(request, result.message)
        elif result.status == "unchanged":
            messages.info(request, _("This file is the current version already."))
        else:
            messages.success(request, _("New version uploaded; its text is being extracted."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect(item)


@permission_required("library.delete_document")
@require_POST
def delete(request, pk: int):
    item = document_get_for_user(request.user, pk)
    document_delete(document=item)
    messages.success(request, _("The document was deleted."))
    return redirect("library:index")
