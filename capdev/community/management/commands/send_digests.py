from django.core.management.base import BaseCommand

from capdev.community.services import digests_send


class Command(BaseCommand):
    help = (
        "Send the daily forum digests: one e-mail per daily subscriber with the new posts "
        "they follow. Run once a day from cron or Celery beat (see docs/community.md)."
    )

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
