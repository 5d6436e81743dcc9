from django.core.management.base import BaseCommand

from capdev.knowledge.services import embed_missing, reindex
from capdev.knowledge.sources import SOURCES


class Command(BaseCommand):
    help = "Rebuild the search index from the records of every registered source."

    def add_arguments(self, parser):
        parser.add_argument("source_types", nargs="*", help=f"Any of: {', '.join(SOURCES)}")
        parser.add_argument(
            "--embed-missing", action="store_true", help="Only add missing vectors."
        )

    def handle(self, *args, source_types, embed_missing: bool = False, **options):
        if embed_missing:
            self.stdout.write(f"Embedded {embed_missing_count()} chunks.")
            return
        counts = reindex(source_types=source_types or None)
        for source_type, count in counts.items():
            self.stdout.write(f"{source_type}: {count} chunks")


def embed_missing_count() -> int:
    return embed_missing()
