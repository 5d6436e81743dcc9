import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("accounts:people")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["learner", "trainer", "focal_lao"])
def test_people_without_the_permission_are_refused(persona, request, client_for):
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 403


def test_officer_sees_everyone_and_filters(client_for, officer, focal_lao, focal_bhutan, learner):
    client = client_for(officer)
    response = client.get(URL)
    assert response.status_code == 200
    emails = {person.email for person in response.context["page"]}
    assert {officer.email, focal_lao.email, focal_bhutan.email, learner.email} <= emails
    response = client.get(URL, {"role": "focal_point", "country": "btn"})
    assert [person.email for person in response.context["page"]] == [focal_bhutan.email]


def test_list_query_count_does_not_grow_with_people(
    client_for, officer, focal_lao, django_assert_max_num_queries
):
    from capdev.accounts.services import user_create

    for n in range(20):
        user_create(email=f"person{n}@example.org")
    client = client_for(officer)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 22


def test_refuses_post(client_for, officer):
    assert client_for(officer).post(URL).status_code == 405
