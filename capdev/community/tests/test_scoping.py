"""Who sees which forum: the audience registry and the personas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from capdev.community import audiences, selectors, services

pytestmark = pytest.mark.django_db


def visible(user):
    return set(selectors.forums_visible_to(user).values_list("title", flat=True))


def test_personas_against_global_and_country_forums(
    forum, lao_network, officer, focal_lao, focal_bhutan, trainer, learner
):
    assert visible(AnonymousUser()) == set()
    assert visible(officer) == {"Community of practice", "Lao PDR network"}
    assert visible(focal_lao) == {"Community of practice", "Lao PDR network"}
    assert visible(focal_bhutan) == {"Community of practice"}
    assert visible(trainer) == {"Community of practice"}
    # A Lao learner belongs to the Lao network too.
    assert visible(learner) == {"Community of practice", "Lao PDR network"}
    for person in (officer, focal_lao, learner):
        assert selectors.can_view_forum(person, lao_network)
    for person in (focal_bhutan, trainer, AnonymousUser()):
        assert not selectors.can_view_forum(person, lao_network)


def test_country_forum_pages_and_api_refuse_other_countries(
    client_for, lao_network, focal_lao, focal_bhutan
):
    thread = services.thread_create(forum=lao_network, author=focal_lao, title="Plan", body="x")
    client = client_for(focal_bhutan)
    assert client.get(lao_network.get_absolute_url()).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/threads/{thread.pk}").status_code == 404
    assert client.get(f"/api/v1/forums/{lao_network.slug}/threads").status_code == 404
    assert "Lao PDR network" not in client.get("/community/").content.decode()
    assert client.post(f"/community/t/{thread.pk}/reply/", {"body": "hi"}).status_code == 404
    assert client_for(focal_lao).get(thread.get_absolute_url()).status_code == 200


def test_moderators_by_role(forum, officer, focal_lao, trainer, learner):
    assert selectors.can_moderate_forum(trainer, forum)
    assert selectors.can_moderate_forum(officer, forum)
    assert not selectors.can_moderate_forum(focal_lao, forum)
    assert not selectors.can_moderate_forum(learner, forum)


def test_a_registered_audience_decides_view_and_moderation(reference_data, learner, trainer):
    members = {learner.pk}
    audiences.register_audience(
        "cohort",
        can_view=lambda user, forum: user.pk in members,
        can_moderate=lambda user, forum: user.pk == trainer.pk,
        visible_q=lambda user: Q(audience="cohort") if user.pk in members else audiences.NOTHING,
    )
    try:
        cohort = services.forum_create(title="Cohort 2024", audience="cohort")
        assert selectors.can_view_forum(learner, cohort)
        assert not selectors.can_view_forum(trainer, cohort)
        assert "Cohort 2024" in visible(learner) and "Cohort 2024" not in visible(trainer)
        assert selectors.can_moderate_forum(trainer, cohort)
    finally:
        audiences._AUDIENCES.pop("cohort")


def test_forum_of_an_unknown_audience_is_for_staff_only(reference_data, officer, learner):
    orphan = services.forum_create(title="Orphan", audience="uninstalled-app")
    assert selectors.can_view_forum(officer, orphan)
    assert not selectors.can_view_forum(learner, orphan)


def test_inactive_user_sees_nothing(forum, learner):
    learner.is_active = False
    learner.save()
    assert visible(learner) == set()
