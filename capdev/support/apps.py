from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "capdev.support"
    label = "support"
    verbose_name = _("Requests")
    role_permissions = {
        "programme_officer": [
            "add_supportrequest",
            "change_supportrequest",
            "view_supportrequest",
            "add_requestcomment",
            "view_requestcomment",
            "add_requestattachment",
            "view_requestattachment",
            "view_statuschange",
            "view_supporttype",
        ],
        # A focal point submits and follows their own country's requests.
        "focal_point": [
            "add_supportrequest",
            "view_supportrequest",
            "add_requestcomment",
            "view_requestcomment",
            "add_requestattachment",
            "view_requestattachment",
            "view_supporttype",
        ],
    }
