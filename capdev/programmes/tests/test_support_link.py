"""Projects linked to Member States' support requests, seen from both sides."""

import pytest
from django.urls import reverse

from capdev.programmes.tests.helpers import country, make_project
from capdev.support import services as support_services

pytestmark = pytest.mark.django_db


def test_linked_requests_show_on_both_pages(client_for, officer):
    request = support_services.request_create(
        user=officer, country=country("LAO"), title="Gender action plan support"
    )
    project = make_project("gender", title="Women in public institutions")
    client = client_for(officer)
    response = client.post(
        reverse("programmes:project_edit", args=[project.code]),
        {
            "code": "gender",
            "title": "Women in public institutions",
            "status": "active",
            "currency": "USD",
            "gender_marker": "3",
            "linked_requests": [request.pk],
        },
    )
    assert response.status_code == 302
    assert list(project.linked_requests.all()) == [request]

    request_page = client.get(reverse("support:detail", args=[request.reference]))
    assert "Linked projects" in request_page.content.decode()
    assert "Women in public institutions" in request_page.content.decode()
    project_page = client.get(reverse("programmes:project_detail", args=["gender"]))
    assert request.reference in project_page.content.decode()


def test_project_page_shows_only_requests_the_viewer_may_see(client_for, officer, focal_lao):
    bhutan_request = support_services.request_create(
        user=officer, country=country("BTN"), title="Bhutan request"
    )
    project = make_project("gender", target_countries=[country("LAO")])
    project.linked_requests.add(bhutan_request)
    page = client_for(focal_lao).get(reverse("programmes:project_detail", args=["gender"]))
    assert page.status_code == 200
    assert bhutan_request.reference not in page.content.decode()


def test_request_page_hides_projects_the_viewer_may_not_open(client_for, officer, focal_lao):
    lao_request = support_services.request_create(
        user=officer, country=country("LAO"), title="Lao request"
    )
    hidden = make_project("internal", title="Unpublished pipeline project", is_published=False)
    shown = make_project("lao-work", title="Lao civil service project", is_published=False)
    shown.target_countries.add(country("LAO"))
    for project in (hidden, shown):
        project.linked_requests.add(lao_request)
    url = reverse("support:detail", args=[lao_request.reference])

    focal_page = client_for(focal_lao).get(url).content.decode()
    assert "Lao civil service project" in focal_page
    assert "Unpublished pipeline project" not in focal_page
    officer_page = client_for(officer).get(url).content.decode()
    assert "Unpublished pipeline project" in officer_page
