from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "capdev.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from capdev.knowledge.adapters import register_all

        register_all()
