"""Checking uploaded files by their content, and serving stored files after a permission check.

A file's name and the browser's content type are whatever the sender says; the bytes
are what a reader will open. So every upload is sniffed here, and only the kinds a
field allows get through.
"""

import mimetypes
import zipfile
from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

SNIFF_BYTES = 8192

# Labels shown to people, by kind.
KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "pptx": "PowerPoint (.pptx)",
    "xlsx": "Excel (.xlsx)",
    "zip": "ZIP",
    "png": "PNG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "webp": "WebP",
    "mp4": "MP4",
    "webm": "WebM",
    "mp3": "MP3",
    "html": "HTML",
    "markdown": "Markdown",
    "csv": "CSV",
    "text": "text",
}
# A sensible content type to serve each kind with.
KIND_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "mp4": "video/mp4",
    "webm": "video/webm",
    "mp3": "audio/mpeg",
    "html": "text/html",
    "markdown": "text/markdown",
    "csv": "text/csv",
    "text": "text/plain",
}
_OOXML_MAIN_PART = {"word/": "docx", "ppt/": "pptx", "xl/": "xlsx"}


def _read_head(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(position)
    return head if isinstance(head, bytes) else head.encode()


def _zip_kind(file) -> str:
    """docx, pptx and xlsx are ZIP packages told apart by their main part."""
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    finally:
        file.seek(position)
    if "[Content_Types].xml" in names:
        for prefix, kind in _OOXML_MAIN_PART.items():
            if any(name.startswith(prefix) for name in names):
                return kind
    return "zip"


def _text_kind(head: bytes, name: str) -> str | None:
    if b"\x00" in head:
        return None
    try:
        # A multi-byte character may be cut at the end of the sniffed block.
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:
            return None
        text = head[: error.start].decode("utf-8-sig", errors="ignore")
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered[:2000]:
        return "html"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    # Plain text has no signature: the name decides between the text kinds.
    if extension in {"md", "markdown"}:
        return "markdown"
    if extension in {"csv", "tsv"}:
        return "csv"
    if extension in {"htm", "html"}:
        return "html"
    return "text"


def detect_kind(file) -> str | None:
    """The kind of `file` judged by its bytes, or None when it is none we accept."""
    head = _read_head(file)
    if not head:
        return None
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    return _text_kind(head, getattr(file, "name", "") or "")


def validate_upload(file, *, allowed: Collection[str], max_bytes: int | None = None) -> str:
    """Return the kind of `file`, or raise ValidationError saying what is wrong with it."""
    limit = min(max_bytes or settings.UPLOAD_MAX_BYTES, settings.UPLOAD_MAX_BYTES)
    size = getattr(file, "size", None)
    if size is None:
        size = len(file.read())
        file.seek(0)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    kind = detect_kind(file)
    if kind not in allowed:
        accepted = ", ".join(sorted({KIND_LABELS.get(k, k) for k in allowed}))
        if kind is None:
            message = _("This file's content is not a type we accept. Accepted: %(accepted)s.")
        else:
            message = _(
                "This file is %(kind)s, which is not accepted here. Accepted: %(accepted)s."
            )
        raise ValidationError(
            message % {"kind": KIND_LABELS.get(kind or "", kind), "accepted": accepted},
            code="wrong_type",
        )
    assert kind is not None  # noqa: S101 - `allowed` holds only detected kinds
    return kind


@deconstructible
class UploadValidator:
    """`validate_upload` as a model or form field validator."""

    def __init__(self, *, allowed: Collection[str], max_bytes: int | None = None):
        self.allowed = tuple(sorted(allowed))
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        validate_upload(file, allowed=self.allowed, max_bytes=self.max_bytes)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and (self.allowed, self.max_bytes) == (
            other.allowed,
            other.max_bytes,
        )


def serve_file(request, field_file, *, filename: str | None = None, inline: bool = False):
    """Stream a stored file. Call only after checking that the user may see it.

    Files that browsers would run as pages (HTML) are always sent as downloads, so an
    uploaded page can never execute in the platform's origin.
    """
    name = filename or field_file.name.rsplit("/", 1)[-1]
    handle = field_file.open("rb")
    kind = detect_kind(handle)
    content_type = KIND_CONTENT_TYPES.get(kind or "") or (
        mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    as_attachment = not inline or kind in {"html", None}
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
