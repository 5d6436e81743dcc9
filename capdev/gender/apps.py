from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_EDIT = [
    f"{verb}_{model}"
    for model in (
        "institution",
        "workforcerecord",
        "actionplan",
        "objective",
        "action",
        "target",
        "progressreport",
    )
    for verb in ("view", "add", "change", "delete")
]


class GenderConfig(AppConfig):
    name = "capdev.gender"
    label = "gender"
    verbose_name = _("Gender equality")
    # Focal points edit their own country's records (selectors and services scope
    # them); programme officers also validate plans and publish figures.
    role_permissions = {
        "programme_officer": [
            *_EDIT,
            "view_grademapping",
            "add_grademapping",
            "change_grademapping",
            "view_publishedyear",
            "validate_actionplan",
        ],
        "focal_point": [*_EDIT, "view_grademapping"],
    }
