"""Who may read a document, as one rule shared by the library pages and the search index.

public   everyone, signed in or not
staff    admins and programme officers
country  staff, and the focal points of the document's country
course   staff, trainers, and the participants of the document's course
Whoever added a document may always read it.

Course membership belongs to the learning app, which this app does not import:
it registers a resolver with `register_course_resolver` instead.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q

from capdev.accounts.roles import Role
from capdev.accounts.scoping import has_global_scope, scope_country_id
from capdev.library.models import Visibility

CourseResolver = Callable[[object], Iterable[str]]
_course_resolvers: list[CourseResolver] = []


def register_course_resolver(resolver: CourseResolver) -> None:
    """`resolver(user)` returns the course references whose documents `user` may read."""
    if resolver not in _course_resolvers:
        _course_resolvers.append(resolver)


def user_course_refs(user) -> set[str]:
    refs: set[str] = set()
    if not user.is_authenticated:
        return refs
    for resolver in _course_resolvers:
        refs.update(str(ref) for ref in resolver(user))
    return refs


def scope_q(
    user,
    *,
    visibility: str = "visibility",
    country: str = "country_id",
    course_ref: str = "course_ref",
    owner: str | None = "created_by_id",
) -> Q:
    """A filter for rows with these visibility fields that `user` may read."""
    if has_global_scope(user):
        return Q()
    allowed = Q(**{visibility: Visibility.PUBLIC})
    if not user.is_authenticated or not user.is_active:
        return allowed
    country_id = scope_country_id(user)
    if country_id is not None:
        allowed |= Q(**{visibility: Visibility.COUNTRY, country: country_id})
    if user.has_role(Role.TRAINER):
        allowed |= Q(**{visibility: Visibility.COURSE})
    else:
        refs = user_course_refs(user)
        if refs:
            allowed |= Q(**{visibility: Visibility.COURSE, f"{course_ref}__in": refs})
    if owner:
        allowed |= Q(**{owner: user.pk})
    return allowed


def can_read(user, document) -> bool:
    if has_global_scope(user) or document.visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if document.created_by_id == user.pk:
        return True
    if document.visibility == Visibility.COUNTRY:
        own = scope_country_id(user)
        return own is not None and own == document.country_id
    if document.visibility == Visibility.COURSE:
        return user.has_role(Role.TRAINER) or document.course_ref in user_course_refs(user)
    return False
