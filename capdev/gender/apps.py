from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GenderConfig(AppConfig):
    name = "capdev.gender"
    label = "gender"
    verbose_name = _("Gender equality")
