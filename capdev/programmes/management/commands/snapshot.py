from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capdev.programmes.snapshot import render_snapshot_html, render_snapshot_pdf


class Command(BaseCommand):
    help = "Write the Capacity Development Snapshot of a year as HTML or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["html", "pdf"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args, year, format, output, **options):
        if not 1990 <= year <= 2100:
            raise CommandError("The year must be between 1990 and 2100.")
        path = Path(output)
        if format == "pdf":
            path.write_bytes(render_snapshot_pdf(year))
        else:
            path.write_text(render_snapshot_html(year), encoding="utf-8")
        self.stdout.write(f"Snapshot {year} written to {path} ({path.stat().st_size} bytes)")
