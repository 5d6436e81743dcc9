from django.core.management.base import BaseCommand

from capdev.accounts.services import roles_sync
from capdev.core.services import reference_load


class Command(BaseCommand):
    help = "Load or refresh countries (UN M49), SDGs, CEPA principles, themes and roles."

    def handle(self, *args, **options):
        counts = reference_load()
        counts.update({f"permissions of {role}": n for role, n in roles_sync().items()})
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
