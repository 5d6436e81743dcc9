import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from capdev.accounts.services import roles_sync
from capdev.core.services import reference_load


class Command(BaseCommand):
    help = (
        "Load reference data and each app's demo data (its `demo.load`), idempotently. "
        "Refuses to run with DEBUG off unless --force is given: demo users have known passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: demo accounts would have public passwords. "
                "Use --force if this really is a demo server."
            )
        reference_load()
        roles_sync()
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("capdev.") or not importlib.util.find_spec(module_name):
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo data: {config.verbose_name}"))
            importlib.import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
