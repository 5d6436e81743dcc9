from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "capdev.assistant"
    label = "assistant"
    verbose_name = _("Assistant")

    def ready(self):
        from capdev.assistant.answerers import register_all

        register_all()
