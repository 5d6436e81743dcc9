"""`capdev import_gift FILE [--course SLUG] [--category NAME] [--dry-run] [--json]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capdev.quizzes import integration, services
from capdev.quizzes.gift import GiftError


class Command(BaseCommand):
    help = (
        "Import a Moodle GIFT file into the question bank: every question or none. "
        "With --dry-run --json, print the parsed questions as JSON and import nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a GIFT file, UTF-8")
        parser.add_argument("--course", metavar="SLUG", help="the course whose bank receives it")
        parser.add_argument(
            "--category", metavar="NAME", help="the category to import into (created if missing)"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and check only")
        parser.add_argument("--json", action="store_true", help="print the questions as JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        course = None
        if options["course"]:
            course = integration.course_by_slug(options["course"])
            if course is None:
                raise CommandError(f"No course with the short name {options['course']!r}.")
        try:
            result = services.gift_import(
                data=data,
                course=course,
                category_name=options["category"],
                dry_run=options["dry_run"],
            )
        except GiftError as error:
            raise CommandError(f"{path}: {error}") from None
        if options["json"]:
            self.stdout.write(json.dumps(result.questions, ensure_ascii=False, indent=2))
            return
        if options["dry_run"]:
            self.stdout.write(f"{len(result.questions)} questions read; nothing imported.")
        else:
            self.stdout.write(
                f"Imported {result.created} questions into {', '.join(result.categories)}."
            )
