"""The one country-scoping rule every selector applies.

Admins and programme officers see every country; a country focal point sees only
records of their own country; everyone else sees no country-scoped records unless
the selector grants them something more specific (their own submissions, say).
"""

from typing import TypeVar

from django.db.models import Model, QuerySet

from capdev.accounts.roles import GLOBAL_SCOPE_ROLES, Role

M = TypeVar("M", bound=Model)


def has_global_scope(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_role(*GLOBAL_SCOPE_ROLES))


def scope_country_id(user) -> int | None:
    """The country a focal point is limited to, or None."""
    if user.is_authenticated and user.is_active and user.has_role(Role.FOCAL_POINT):
        return user.country_id
    return None


def scope_by_country(
    queryset: QuerySet[M], user, *, country_field: str = "country", multi_valued: bool = False
) -> QuerySet[M]:
    """Limit `queryset` to what `user` may see, by the country at `country_field`.

    `multi_valued` marks a path through a many-to-many relation (a project's
    target countries, say), where filtering would otherwise repeat rows.
    """
    if has_global_scope(user):
        return queryset
    country_id = scope_country_id(user)
    if country_id is None:
        return queryset.none()
    scoped = queryset.filter(**{country_field: country_id})
    return scoped.distinct() if multi_valued else scoped


def can_see_country(user, country_id: int | None) -> bool:
    """Whether `user` may see a record belonging to `country_id`."""
    if has_global_scope(user):
        return True
    own = scope_country_id(user)
    return own is not None and own == country_id
