import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from capdev.core.uploads import UploadValidator, detect_kind, serve_file, validate_upload


def ooxml(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<x/>")
    return buffer.getvalue()


def upload(content: bytes, name: str = "file.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "report.pdf", "pdf"),
        (ooxml("word/document.xml"), "plan.docx", "docx"),
        (ooxml("ppt/presentation.xml"), "slides.pptx", "pptx"),
        (ooxml("xl/workbook.xml"), "data.xlsx", "xlsx"),
        (b"PK\x03\x04 not really a zip", "x.zip", "zip"),
        (b"\x89PNG\r\n\x1a\n....", "a.png", "png"),
        (b"\xff\xd8\xff\xe0....", "a.jpg", "jpeg"),
        (b"GIF89a....", "a.gif", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a.webp", "webp"),
        (b"\x00\x00\x00\x18ftypmp42", "v.mp4", "mp4"),
        (b"\x1a\x45\xdf\xa3....", "v.webm", "webm"),
        (b"ID3\x03....", "a.mp3", "mp3"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page.txt", "html"),
        ("# Titre\n\nÉgalité".encode(), "notes.md", "markdown"),
        (b"a,b\n1,2\n", "data.csv", "csv"),
        (b"just words", "notes.txt", "text"),
        (b"\x00\x01\x02binary", "a.bin", None),
        (b"\xff\xfe\xfa not utf-8 at all \x80\x81" * 3, "a.txt", None),
    ],
)
def test_detect_kind_reads_content_not_names(content, name, kind):
    assert detect_kind(upload(content, name)) == kind


def test_a_pdf_renamed_docx_is_still_a_pdf():
    with pytest.raises(ValidationError, match="This file is PDF"):
        validate_upload(upload(b"%PDF-1.4 x", "innocent.docx"), allowed={"docx"})


def test_size_limit_and_empty_files(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="the limit is"):
        validate_upload(upload(b"%PDF-" + b"x" * 2000, "big.pdf"), allowed={"pdf"})
    with pytest.raises(ValidationError, match="limit is 10"):
        validate_upload(upload(b"%PDF-" + b"x" * 20, "a.pdf"), allowed={"pdf"}, max_bytes=10)
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(upload(b"", "a.pdf"), allowed={"pdf"})
    assert validate_upload(upload(b"%PDF-1.7", "a.pdf"), allowed={"pdf"}) == "pdf"


def test_validator_for_fields():
    validator = UploadValidator(allowed={"png", "jpeg"}, max_bytes=100)
    validator(upload(b"\x89PNG\r\n\x1a\n", "a.png"))
    with pytest.raises(ValidationError, match="not a type we accept"):
        validator(upload(b"\x00\x00", "a.png"))
    assert validator == UploadValidator(allowed=["jpeg", "png"], max_bytes=100)


def test_detection_leaves_the_file_position_alone():
    file = upload(b"%PDF-1.7 body", "a.pdf")
    file.read(3)
    detect_kind(file)
    assert file.tell() == 3


@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.md", "x.csv", "noext"]))
def test_detection_never_raises(content, name):
    kind = detect_kind(upload(content, name))
    assert kind is None or isinstance(kind, str)


@pytest.mark.django_db
def test_served_html_is_a_sandboxed_download(tmp_path, settings):
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path)
    storage.save("page.html", io.BytesIO(b"<html><body><script>x</script></body></html>"))
    field_file = type(
        "F", (), {"name": "page.html", "open": lambda self, mode: storage.open("page.html", mode)}
    )()
    response = serve_file(RequestFactory().get("/"), field_file, inline=True)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "text/html"
    assert "sandbox" in response["Content-Security-Policy"]
    response.close()
