import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from capdev.knowledge.models import Chunk
from capdev.library.models import Document, DocumentVersion
from capdev.library.services import document_delete, document_ingest, version_process
from capdev.library.testing import make_docx, make_encrypted_pdf, make_pdf

pytestmark = pytest.mark.django_db


def test_ingest_creates_document_pages_and_index():
    result = document_ingest(data=make_pdf(["Alpha budget", "Beta timeline"]), filename="a.pdf")
    assert result.status == "created"
    document = result.document
    assert document.title == "A"
    assert document.current_version.pages.count() == 2
    assert set(Chunk.objects.filter(source_id=document.pk).values_list("page", flat=True)) == {
        1,
        2,
    }


def test_reingesting_the_same_file_does_nothing():
    data = make_pdf(["Same"])
    first = document_ingest(data=data, filename="same.pdf")
    second = document_ingest(data=data, filename="same.pdf")
    assert second.status == "unchanged"
    assert second.document == first.document
    assert DocumentVersion.objects.count() == 1


def test_changed_file_of_the_same_name_becomes_a_new_version():
    first = document_ingest(data=make_pdf(["Old text"]), filename="plan.pdf")
    second = document_ingest(data=make_pdf(["New wording"]), filename="plan.pdf")
    assert second.status == "new_version"
    document = Document.objects.get()
    assert document.current_version.number == 2 and first.document == document
    texts = " ".join(Chunk.objects.filter(source_id=document.pk).values_list("text", flat=True))
    assert "New wording" in texts and "Old" not in texts


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (make_encrypted_pdf(["x"]), "locked.pdf", "encrypted"),
        (b"%PDF-1.5 not really", "broken.pdf", "damaged"),
        (b"\x89PNG\r\n\x1a\n0000", "image.pdf", "PNG"),
        (b"", "empty.txt", "empty"),
    ],
)
def test_bad_files_are_reported_not_stored(data, filename, message):
    result = document_ingest(data=data, filename=filename)
    assert result.status == "failed" and message in result.message
    assert not Document.objects.exists()


def test_background_ingest_records_progress_and_failure():
    result = document_ingest(
        data=make_docx([("Heading", "Body")]), filename="d.docx", background=True
    )
    assert result.status == "queued"
    version = version_process(version_id=result.version.pk)
    assert version.status == "done" and version.progress == 100
    bad = DocumentVersion.objects.create(
        document=result.document, number=9, filename="x.pdf", kind="pdf", content_hash="0" * 64
    )
    bad.file.save("x.pdf", ContentFile(make_encrypted_pdf(["x"])))
    version = version_process(version_id=bad.pk)
    assert version.status == "failed" and "encrypted" in version.error
    result.document.refresh_from_db()
    assert result.document.current_version_id == result.version.pk


def test_deleting_a_document_removes_it_from_the_index():
    result = document_ingest(data=b"Gender action plan of Lao PDR", filename="lao.txt")
    assert Chunk.objects.filter(source_id=result.document.pk).exists()
    document_delete(document=result.document)
    assert not Chunk.objects.exists()


def test_ingest_command_reports_and_skips_bad_files(tmp_path, capsys):
    (tmp_path / "good.md").write_text("# Budget\n\nThe budget is 750,000 dollars.")
    (tmp_path / "locked.pdf").write_bytes(make_encrypted_pdf(["x"]))
    (tmp_path / "notes.txt").write_text("Workshop in Vientiane.")
    call_command("ingest", str(tmp_path), "--country", "LAO", "--type", "report")
    out = capsys.readouterr().out
    assert "skipped" in out and "locked.pdf" in out and "encrypted" in out
    assert "2 new" in out
    assert set(Document.objects.values_list("country__iso3", flat=True)) == {"LAO"}
    call_command("ingest", str(tmp_path / "good.md"))
    assert "1 unchanged" in capsys.readouterr().out


def test_ingest_command_works_on_the_seed_texts(capsys):
    from pathlib import Path

    repo = Path(__file__).resolve().parents[3]
    seeds = sorted((repo.parent / "shared" / "seeds").glob("*.txt")) or sorted(
        Path("/work/shared/seeds").glob("*.txt")
    )
    if not seeds:
        pytest.skip("The seed texts are not beside this checkout.")
    call_command("ingest", *map(str, seeds))
    assert Document.objects.count() == len(seeds)
    assert Chunk.objects.filter(source_type="document").count() > len(seeds)
