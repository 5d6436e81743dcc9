from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "capdev.community"
    label = "community"
    verbose_name = _("Community")
    role_permissions = {
        "programme_officer": ["moderate_forum", "view_report", "change_report"],
        "trainer": ["moderate_forum"],
    }

    def ready(self) -> None:
        from capdev.community import integrations

        integrations.connect()
