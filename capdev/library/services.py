"""Writes to the library: ingesting files as documents and versions, editing, deleting."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from capdev.core.models import Country
from capdev.core.uploads import validate_upload
from capdev.library.extraction import ACCEPTED_KINDS, ExtractionError, Section, extract, page_count
from capdev.library.models import Document, DocumentVersion, Page, Visibility

logger = logging.getLogger(__name__)

# progress(done, total): total is 0 when a file's page count is unknown.
Progress = Callable[[int, int], None]


@dataclass
class IngestResult:
    status: str  # "created", "new_version", "unchanged", "queued" or "failed"
    filename: str
    document: Document | None = None
    version: DocumentVersion | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def title_from_filename(filename: str) -> str:
    stem = Path(filename).stem.replace("_", " ").replace("-", " ").strip()
    return (stem[:1].upper() + stem[1:]) if stem else filename


def _unchanged(document: Document | None, digest: str, filename: str) -> Document | None:
    """The document this exact file already is the current version of, if any."""
    if document is not None:
        current = document.current_version
        return document if current is not None and current.content_hash == digest else None
    version = (
        DocumentVersion.objects.filter(content_hash=digest, status=DocumentVersion.Status.DONE)
        .select_related("document")
        .order_by("-pk")
        .first()
    )
    if version is not None and version.document.current_version_id == version.pk:
        return version.document
    return None


def _extract_all(data: bytes, kind: str, progress: Progress | None) -> list[Section]:
    total = page_count(data, kind)
    sections = []
    for section in extract(data, kind):
        sections.append(section)
        if progress:
            progress(len(sections), total)
    if not any(section.text.strip() for section in sections):
        raise ExtractionError(
            _("No text was found in the file (a scanned PDF needs text recognition first).")
        )
    return sections


def document_ingest(
    *,
    data: bytes,
    filename: str,
    user=None,
    document: Document | None = None,
    title: str = "",
    type: str = Document.Type.REPORT,
    country: Country | None = None,
    language: str = "en",
    year: int | None = None,
    tags: str = "",
    summary: str = "",
    visibility: str = Visibility.PUBLIC,
    course_ref: str = "",
    background: bool = False,
    progress: Progress | None = None,
) -> IngestResult:
    """Add a file to the library: a new document, or a new version of `document`.

    Without `document`, a changed file of a name already ingested becomes that
    document's new version. A file identical to a current version changes nothing.
    Files are checked by content; a file that cannot be read is reported, never raised.
    With `background`, text extraction runs as a task after the transaction commits.
    """
    upload = ContentFile(data, name=filename)
    try:
        kind = validate_upload(upload, allowed=ACCEPTED_KINDS)
    except ValidationError as error:
        return IngestResult("failed", filename, message=" ".join(error.messages))
    digest = content_hash(data)
    existing = _unchanged(document, digest, filename)
    if existing is not None:
        return IngestResult(
            "unchanged", filename, existing, existing.current_version, _("Already up to date.")
        )
    sections: list[Section] = []
    if not background:
        try:
            sections = _extract_all(data, kind, progress)
        except ExtractionError as error:
            return IngestResult("failed", filename, message=str(error))
    with transaction.atomic():
        if document is None:
            document = Document.objects.filter(source_name=filename).order_by("pk").first()
        status = "new_version" if document is not None else "created"
        if document is None:
            document = Document.objects.create(
                title=title or title_from_filename(filename),
                type=type,
                country=country,
                language=language,
                year=year,
                tags=tags,
                summary=summary,
                visibility=visibility,
                course_ref=course_ref,
                source_name=filename,
                created_by=user if user is not None and user.is_authenticated else None,
            )
        version = DocumentVersion(
            document=document,
            number=(
                document.versions.order_by("-number").values_list("number", flat=True).first() or 0
            )
            + 1,
            filename=filename,
            kind=kind,
            size=len(data),
            content_hash=digest,
            created_by=user if user is not None and user.is_authenticated else None,
        )
        version.file.save(filename, ContentFile(data), save=False)
        version.save()
        if background:
            from capdev.library.tasks import ingest_version

            transaction.on_commit(lambda: ingest_version.delay(version.pk))
            return IngestResult("queued", filename, document, version)
        _store_pages(version, sections)
    return IngestResult(status, filename, document, version)


def _store_pages(version: DocumentVersion, sections: list[Section]) -> None:
    Page.objects.bulk_create(
        Page(version=version, number=s.number, heading=s.heading, text=s.text) for s in sections
    )
    version.status = DocumentVersion.Status.DONE
    version.pages_total = version.pages_done = len(sections)
    version.error = ""
    version.save(update_fields=["status", "pages_total", "pages_done", "error"])
    document = version.document
    document.current_version = version
    # Saving the document tells the search index (post_save) to re-read it.
    document.save()


def version_process(*, version_id: int) -> DocumentVersion:
    """Extract a queued version's text, recording progress page by page."""
    version = DocumentVersion.objects.select_related("document").get(pk=version_id)
    if version.status == DocumentVersion.Status.DONE:
        return version
    with version.file.open("rb") as handle:
        data = handle.read()
    version.status = DocumentVersion.Status.PROCESSING
    version.pages_total = page_count(data, version.kind)
    version.pages_done = 0
    version.save(update_fields=["status", "pages_total", "pages_done"])

    def progress(done: int, total: int) -> None:
        # Each update commits on its own so the page polling for progress sees it.
        DocumentVersion.objects.filter(pk=version.pk).update(
            pages_done=done, pages_total=max(total, done)
        )

    try:
        sections = _extract_all(data, version.kind, progress)
    except ExtractionError as error:
        version.status = DocumentVersion.Status.FAILED
        version.error = str(error)
        version.save(update_fields=["status", "error"])
        return version
    with transaction.atomic():
        version.pages.all().delete()
        _store_pages(version, sections)
    return version


@transaction.atomic
def document_update(*, document: Document, **fields) -> Document:
    allowed = {
        "title",
        "type",
        "country",
        "language",
        "year",
        "tags",
        "summary",
        "visibility",
        "course_ref",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"Cannot change {name}.")
        setattr(document, name, value)
    document.full_clean(exclude=["current_version"])
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Delete a document, its versions and their files; the index forgets it (post_delete)."""
    files = [version.file for version in document.versions.all() if version.file]
    document.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files if f.name])
