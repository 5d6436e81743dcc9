"""The platform's roles. Each is a Django Group of the same name.

Apps declare which of their permissions each role gets in their AppConfig as
`role_permissions = {role: [codename, ...]}`; `roles_sync` collects them, so this
module never has to know the domain apps.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform admin")
    PROGRAMME_OFFICER = "programme_officer", _("Programme officer")
    FOCAL_POINT = "focal_point", _("Country focal point")
    TRAINER = "trainer", _("Trainer")
    LEARNER = "learner", _("Learner")


# Roles that see every country's records (subject to their permissions).
GLOBAL_SCOPE_ROLES = frozenset({Role.ADMIN, Role.PROGRAMME_OFFICER})
# Roles that work in Django's admin.
STAFF_ROLES = frozenset({Role.ADMIN, Role.PROGRAMME_OFFICER})
