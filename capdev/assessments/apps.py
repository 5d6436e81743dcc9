from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "capdev.assessments"
    label = "assessments"
    verbose_name = _("Assessments")
    role_permissions = {
        "programme_officer": [
            "view_assessment",
            "add_assessment",
            "change_assessment",
            "review_assessment",
            "publish_assessment",
            "view_framework",
        ],
        "focal_point": ["view_assessment", "add_assessment", "change_assessment"],
    }
