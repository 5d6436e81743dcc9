"""Writes to users, roles and API tokens."""

import secrets
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from capdev.accounts.models import ApiToken, User
from capdev.accounts.roles import STAFF_ROLES, Role
from capdev.core.models import Country, Organisation

TOKEN_PREFIX = "cdv_"  # noqa: S105 - a public marker, not a secret


def _declared_role_permissions() -> dict[str, list[tuple[str, str]]]:
    """(app_label, codename) pairs per role, as declared by each app's config."""
    declared: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for config in apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            declared[role].extend((config.label, codename) for codename in codenames)
    return declared


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Create a Group per role and give it the permissions the apps declare.

    Admins get every permission. Permissions an app declares but has not
    migrated yet are skipped; running this again after migrating adds them.
    """
    declared = _declared_role_permissions()
    counts = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        if role == Role.ADMIN:
            permissions = Permission.objects.all()
        else:
            pairs = declared.get(role.value, [])
            permissions = Permission.objects.none()
            for app_label, codename in pairs:
                permissions |= Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
        group.permissions.set(permissions)
        counts[role.value] = group.permissions.count()
    return counts


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    roles: Iterable[str] = (Role.LEARNER,),
    country: Country | None = None,
    organisation: Organisation | None = None,
    position: str = "",
    position_level: str = "",
    sex: str = User.Sex.UNDISCLOSED,
    is_superuser: bool = False,
) -> User:
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        country=country,
        organisation=organisation,
        position=position,
        position_level=position_level,
        sex=sex,
        is_superuser=is_superuser,
    )
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str]) -> User:
    """Replace the user's roles. A focal point must have a country to be scoped to."""
    wanted = {Role(role) for role in roles}
    if Role.FOCAL_POINT in wanted and user.country_id is None:
        raise ValueError("A country focal point needs a country.")
    user.groups.set(Group.objects.filter(name__in=[role.value for role in wanted]))
    user.is_staff = user.is_superuser or bool(wanted & STAFF_ROLES)
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("roles", None)
    return user


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; the plain key is returned once and never stored."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[: len(TOKEN_PREFIX) + 6], key_hash=ApiToken.hash_key(key)
    )
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> bool:
    deleted, _details = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def api_token_authenticate(*, key: str) -> User | None:
    """The active user owning `key`, recording when the token was last used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
