import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capdev.core.models import Country
from capdev.library.models import Document, Visibility
from capdev.library.services import document_ingest


class ProgressBar:
    """A one-line text progress bar; plain lines when the output is not a terminal."""

    def __init__(self, stream, total: int, width: int = 30):
        self.stream = stream
        self.total = max(total, 1)
        self.width = width
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def show(self, done: int, label: str, detail: str = "") -> None:
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done}/{self.total} {label} {detail}".rstrip()
        if self.tty:
            self.stream.write("\r\033[K" + line[:120])
            self.stream.flush()

    def note(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(text + "\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Ingest files into the library: PDF, DOCX, PPTX, HTML, Markdown, text. "
        "Unchanged files are skipped; unreadable ones are reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders.")
        parser.add_argument("--country", help="ISO alpha-3 code of the documents' country.")
        parser.add_argument(
            "--type", default=Document.Type.REPORT, choices=Document.Type.values, dest="doc_type"
        )
        parser.add_argument("--visibility", default=Visibility.PUBLIC, choices=Visibility.values)
        parser.add_argument("--language", default="en")
        parser.add_argument("--year", type=int)
        parser.add_argument("--tags", default="")
        parser.add_argument("--course", default="", help="Course reference (course visibility).")

    def handle(self, *args, paths, country, doc_type, visibility, **options):
        place = None
        if country:
            place = Country.objects.filter(iso3=country.upper()).first()
            if place is None:
                raise CommandError(f"Unknown country code: {country}")
        if visibility == Visibility.COUNTRY and place is None:
            raise CommandError("--visibility country needs --country.")
        files = self._files(paths)
        if not files:
            raise CommandError("No files found.")
        bar = ProgressBar(
            self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout, len(files)
        )
        counts: dict[str, int] = {}
        for index, path in enumerate(files):
            bar.show(index, path.name)
            result = document_ingest(
                data=path.read_bytes(),
                filename=path.name,
                type=doc_type,
                country=place,
                language=options["language"],
                year=options["year"],
                tags=options["tags"],
                visibility=visibility,
                course_ref=options["course"],
                progress=lambda done, total, name=path.name, i=index: bar.show(
                    i, name, f"page {done}" + (f"/{total}" if total else "")
                ),
            )
            counts[result.status] = counts.get(result.status, 0) + 1
            if result.ok:
                pages = result.version.pages_total if result.version else 0
                bar.note(f"{result.status:<12} {path}  ({pages} pages)")
            else:
                bar.note(self.style.ERROR(f"{'skipped':<12} {path}: {result.message}"))
        bar.show(len(files), "done")
        bar.note(
            "Ingested {created} new, {new_version} new versions, {unchanged} unchanged, "
            "{failed} skipped.".format(
                **{k: counts.get(k, 0) for k in ("created", "new_version", "unchanged", "failed")}
            )
        )

    def _files(self, paths: list[str]) -> list[Path]:
        files: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {raw}")
        return files
