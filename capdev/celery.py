"""Celery application. Without REDIS_URL the settings make every task run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capdev.settings")

app = Celery("capdev")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
