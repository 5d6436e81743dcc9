"""Reads of users and tokens."""

from django.db.models import Q, QuerySet

from capdev.accounts.models import ApiToken, User
from capdev.accounts.scoping import scope_by_country


def people_visible_to(
    user, *, role: str | None = None, country_iso3: str | None = None, search: str = ""
) -> QuerySet[User]:
    """The directory of people: staff see everyone, a focal point their compatriots."""
    people = scope_by_country(
        User.objects.filter(is_active=True)
        .select_related("country", "organisation")
        .prefetch_related("groups"),
        user,
    )
    if role:
        people = people.filter(groups__name=role)
    if country_iso3:
        people = people.filter(country__iso3=country_iso3)
    if search:
        people = people.filter(
            Q(email__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
        )
    return people.distinct()


def api_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
