"""Who a forum is for: a registry of audiences.

A forum belongs to one audience. "global" (everyone signed in) is built in; other
apps add theirs (learning registers "course") in their or our AppConfig.ready(), so
this app never has to import them. Each audience answers three questions:

- `can_view(user, forum)`: may this person read the forum (and post, unless locked)?
- `can_moderate(user, forum)`: may they pin, lock, hide and handle reports there?
- `visible_q(user)`: a `Q` over `Forum` selecting the forums of this audience the
  person may see, so listing and search stay one query however many forums exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from capdev.accounts.scoping import has_global_scope

MODERATE_PERMISSION = "community.moderate_forum"


@dataclass(frozen=True)
class Audience:
    name: str
    can_view: Callable
    can_moderate: Callable
    visible_q: Callable


_AUDIENCES: dict[str, Audience] = {}
NOTHING = Q(pk__in=[])


def register_audience(
    name: str,
    can_view: Callable,
    can_moderate: Callable,
    visible_q: Callable,
) -> Audience:
    """Add (or replace) the audience called `name`."""
    audience = Audience(name, can_view, can_moderate, visible_q)
    _AUDIENCES[name] = audience
    return audience


def get_audience(name: str) -> Audience | None:
    return _AUDIENCES.get(name)


def audiences() -> list[Audience]:
    return list(_AUDIENCES.values())


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_moderator(user) -> bool:
    """Platform-wide moderators: trainers, programme officers and admins."""
    return _signed_in(user) and (user.has_perm(MODERATE_PERMISSION) or has_global_scope(user))


def _global_can_view(user, forum) -> bool:
    return _signed_in(user)


def _global_can_moderate(user, forum) -> bool:
    return is_moderator(user)


def _global_visible_q(user) -> Q:
    return Q(audience="global") if _signed_in(user) else NOTHING


def _country_can_view(user, forum) -> bool:
    # A country network: its nationals, and staff who see every country.
    if not _signed_in(user):
        return False
    return has_global_scope(user) or user.country_id == forum.audience_object_id


def _country_visible_q(user) -> Q:
    if not _signed_in(user):
        return NOTHING
    if has_global_scope(user):
        return Q(audience="country")
    if user.country_id is None:
        return NOTHING
    return Q(audience="country", audience_object_id=user.country_id)


register_audience("global", _global_can_view, _global_can_moderate, _global_visible_q)
register_audience("country", _country_can_view, _global_can_moderate, _country_visible_q)
