from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "capdev.library"
    label = "library"
    verbose_name = _("Library")
    role_permissions = {
        "programme_officer": [
            "add_document",
            "change_document",
            "delete_document",
            "view_document",
        ],
        "trainer": ["add_document", "view_document"],
        "focal_point": ["view_document"],
    }
