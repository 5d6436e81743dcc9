from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "capdev.core"
    label = "core"
    verbose_name = _("Reference data")
    role_permissions = {
        "programme_officer": [
            "add_organisation",
            "change_organisation",
            "view_organisation",
            "view_country",
        ],
        "focal_point": ["view_country", "view_organisation"],
        "trainer": ["view_country", "view_organisation"],
    }
