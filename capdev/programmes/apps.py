from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_MANAGED = [
    "project",
    "milestone",
    "activity",
    "agendasession",
    "resource",
    "person",
    "participation",
    "headcount",
    "feedback",
    "result",
]


class ProgrammesConfig(AppConfig):
    name = "capdev.programmes"
    label = "programmes"
    verbose_name = _("Programmes")
    role_permissions = {
        "programme_officer": [
            f"{verb}_{model}" for model in _MANAGED for verb in ("add", "change", "delete", "view")
        ],
    }
