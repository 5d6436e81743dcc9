"""Pages: they work, need the right person, refuse others' objects, 404 cleanly."""

import pytest
from django.urls import reverse

from capdev.programmes.models import Activity, Participation, Project
from capdev.programmes.tests.helpers import country, make_activity, make_project, register

pytestmark = pytest.mark.django_db


def test_public_pages_show_published_only(client):
    make_activity("Published workshop", is_published=True)
    make_activity("Draft workshop")
    make_project("public", title="Published project", is_published=True)
    make_project("draft", title="Draft project")

    activities = client.get(reverse("programmes:activity_list")).content.decode()
    projects = client.get(reverse("programmes:project_list")).content.decode()
    index = client.get(reverse("programmes:index"))

    assert "Published workshop" in activities and "Draft workshop" not in activities
    assert "Published project" in projects and "Draft project" not in projects
    assert index.status_code == 200


def test_unpublished_activity_is_404_for_others(client, client_for, focal_bhutan):
    draft = make_activity("Draft", host_country=country("LAO"))
    url = reverse("programmes:activity_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client_for(focal_bhutan).get(url).status_code == 404
    assert client.get(reverse("programmes:activity_detail", args=[99999])).status_code == 404
    assert client.get(reverse("programmes:project_detail", args=["nope"])).status_code == 404


def test_detail_hides_emails_from_focal_points(client_for, focal_lao, officer):
    activity = make_activity("Regional", participating_countries=[country("LAO")])
    register(activity, "someone@example.org", iso3="LAO", first_name="Bounmy")
    url = reverse("programmes:activity_detail", args=[activity.pk])

    as_focal = client_for(focal_lao).get(url).content.decode()
    assert "Bounmy" in as_focal and "someone@example.org" not in as_focal
    as_officer = client_for(officer).get(url).content.decode()
    assert "someone@example.org" in as_officer


def test_officer_creates_a_project_and_an_activity(client_for, officer):
    client = client_for(officer)
    response = client.post(
        reverse("programmes:project_create"),
        {
            "code": "new-project",
            "title": "New project",
            "status": "active",
            "start_date": "2024-01-01",
            "end_date": "2023-01-01",
            "currency": "usd",
            "gender_marker": "2",
        },
    )
    assert response.status_code == 200  # end before start: shown again with the error
    assert "before the start date" in response.content.decode()
    response = client.post(
        reverse("programmes:project_create"),
        {
            "code": "new-project",
            "title": "New project",
            "status": "active",
            "start_date": "2024-01-01",
            "end_date": "2025-01-01",
            "currency": "usd",
            "gender_marker": "2",
            "target_countries": [country("LAO").pk],
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(code="new-project")
    assert project.currency == "USD" and project.target_countries.get().iso3 == "LAO"

    response = client.post(
        reverse("programmes:activity_create"),
        {
            "title": "Webinar on foresight",
            "type": "webinar",
            "project": project.pk,
            "start_date": "2024-03-01",
            "end_date": "2024-03-01",
            "is_online": "on",
            "language": "en",
            "events_count": "1",
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().project == project


def test_editing_needs_permission(client, client_for, learner, focal_lao):
    activity = make_activity(is_published=True)
    project = make_project(is_published=True)
    edit = reverse("programmes:activity_edit", args=[activity.pk])
    assert client.get(edit).status_code == 302  # sign in first
    assert client_for(learner).get(edit).status_code == 403
    assert client_for(focal_lao).get(reverse("programmes:project_create")).status_code == 403
    assert (
        client_for(focal_lao)
        .get(reverse("programmes:project_edit", args=[project.code]))
        .status_code
        == 403
    )


def test_register_participant_and_headcount(client_for, officer):
    activity = make_activity()
    client = client_for(officer)
    response = client.post(
        reverse("programmes:participant_register", args=[activity.pk]),
        {
            "email": "New@Example.org",
            "sex": "female",
            "country": country("SEN").pk,
            "attended": "on",
        },
    )
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert participation.person.email == "new@example.org"
    client.post(
        reverse("programmes:headcount_add", args=[activity.pk]),
        {"female": "3", "male": "2", "other": "0", "unknown": "0"},
    )
    page = client.get(reverse("programmes:activity_detail", args=[activity.pk])).content.decode()
    assert 'data-figure="total">6<' in page
    client.post(
        reverse("programmes:participation_attended", args=[activity.pk, participation.pk]),
        {"attended": "0"},
    )
    participation.refresh_from_db()
    assert not participation.attended


def test_state_changes_refuse_get(client_for, officer):
    activity = make_activity()
    url = reverse("programmes:headcount_add", args=[activity.pk])
    assert client_for(officer).get(url).status_code == 405


def test_trainer_organiser_registers_for_own_activity_only(client_for, trainer):
    own = make_activity("Own")
    own.organisers.add(trainer)
    other = make_activity("Other", is_published=True)
    client = client_for(trainer)
    data = {"email": "p@example.org", "sex": "male", "attended": "on"}
    assert (
        client.post(reverse("programmes:participant_register", args=[own.pk]), data).status_code
        == 302
    )
    assert (
        client.post(reverse("programmes:participant_register", args=[other.pk]), data).status_code
        == 403
    )


def test_agenda_is_shown_by_day(client):
    import datetime

    from capdev.programmes.models import AgendaSession

    activity = make_activity(is_published=True)
    AgendaSession.objects.create(
        activity=activity, date=datetime.date(2023, 4, 22), slot="Morning", title="Welcome"
    )
    AgendaSession.objects.create(
        activity=activity, date=datetime.date(2023, 4, 23), slot="Afternoon", title="Group work"
    )
    page = client.get(reverse("programmes:activity_detail", args=[activity.pk])).content.decode()
    assert "Day 1" in page and "Day 2" in page and "Group work" in page


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    for n in range(15):
        make_activity(f"Workshop {n}", is_published=True, host_country=country("LAO"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programmes:activity_list")).status_code == 200
