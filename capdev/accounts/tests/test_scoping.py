import pytest
from django.contrib.auth.models import AnonymousUser

from capdev.accounts.roles import Role
from capdev.accounts.scoping import can_see_country, scope_by_country
from capdev.accounts.services import user_create, user_set_roles
from capdev.core.models import Country, Organisation
from capdev.core.services import organisation_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    for iso3 in ("LAO", "BTN", "SEN"):
        organisation_upsert(
            name=f"Ministry of {iso3}",
            type=Organisation.Type.GOVERNMENT,
            country=Country.objects.get(iso3=iso3),
        )
    organisation_upsert(name="A UN entity", type=Organisation.Type.UN_ENTITY)
    return Organisation.objects.all()


def countries_seen(user, queryset):
    seen = scope_by_country(queryset, user).values_list("country__iso3", flat=True)
    return sorted(iso3 or "-" for iso3 in seen)


def test_officer_sees_every_country(officer, organisations):
    assert countries_seen(officer, organisations) == ["-", "BTN", "LAO", "SEN"]


def test_focal_point_sees_only_their_country(focal_lao, focal_bhutan, organisations):
    assert countries_seen(focal_lao, organisations) == ["LAO"]
    assert countries_seen(focal_bhutan, organisations) == ["BTN"]


@pytest.mark.parametrize("persona", ["trainer", "learner"])
def test_other_roles_see_no_country_records(persona, request, organisations):
    user = request.getfixturevalue(persona)
    assert scope_by_country(organisations, user).count() == 0


def test_anonymous_and_inactive_users_see_nothing(focal_lao, organisations):
    assert scope_by_country(organisations, AnonymousUser()).count() == 0
    focal_lao.is_active = False
    assert scope_by_country(organisations, focal_lao).count() == 0


def test_superuser_has_global_scope(organisations):
    admin = user_create(email="root@example.org", roles=[Role.ADMIN], is_superuser=True)
    assert scope_by_country(organisations, admin).count() == 4


def test_multi_valued_paths_do_not_repeat_rows(focal_lao):
    # A user belongs to several groups: filtering through the m2m must not duplicate them.
    queryset = type(focal_lao).objects.filter(groups__name__in=[Role.FOCAL_POINT, Role.TRAINER])
    user_set_roles(user=focal_lao, roles=[Role.FOCAL_POINT, Role.TRAINER])
    scoped = scope_by_country(queryset, focal_lao, multi_valued=True)
    assert list(scoped) == [focal_lao]


def test_can_see_country(officer, focal_lao, learner):
    lao, bhutan = Country.objects.get(iso3="LAO"), Country.objects.get(iso3="BTN")
    assert can_see_country(officer, bhutan.pk)
    assert can_see_country(focal_lao, lao.pk)
    assert not can_see_country(focal_lao, bhutan.pk)
    assert not can_see_country(learner, lao.pk)
    assert not can_see_country(AnonymousUser(), lao.pk)


def test_focal_point_needs_a_country():
    with pytest.raises(ValueError, match="needs a country"):
        user_create(email="nobody@example.org", roles=[Role.FOCAL_POINT])
