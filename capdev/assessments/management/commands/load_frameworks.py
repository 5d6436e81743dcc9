from django.core.management.base import BaseCommand, CommandError

from capdev.assessments.schema import FrameworkInvalid
from capdev.assessments.services import frameworks_load


class Command(BaseCommand):
    help = (
        "Load assessment frameworks from YAML files or directories (default: the shipped "
        "ones). Idempotent: an unchanged file changes nothing; a changed one becomes a new "
        "version, and existing assessments keep theirs."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="YAML files or directories of them.")

    def handle(self, *args, paths=(), **options):
        try:
            outcomes = frameworks_load(paths=paths)
        except FrameworkInvalid as exc:
            raise CommandError(f"Nothing was loaded. Fix these problems:\n{exc}") from exc
        for outcome in outcomes:
            verb = "loaded as version" if outcome.created else "unchanged at version"
            self.stdout.write(f"{outcome.slug}: {verb} {outcome.version} ({outcome.source})")
