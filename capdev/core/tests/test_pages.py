import pytest
from django.urls import reverse

from capdev.core.navigation import AREAS

pytestmark = pytest.mark.django_db


def test_home_page_is_accessible_markup(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html
    assert '<label for="language-select">' in html
    assert "htmx-2.0.11.min.js" in html
    assert "//cdn" not in html and "https://" not in html


@pytest.mark.parametrize("area", AREAS, ids=lambda area: area.app)
def test_every_area_in_the_navigation_answers(client_for, officer, area):
    response = client_for(officer).get(reverse(area.url_name))
    assert response.status_code == 200
    assert f'href="{reverse(area.url_name)}" aria-current="page"' in response.content.decode()


def test_pages_in_french(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert 'lang="fr"' in html
    assert "Passer au contenu principal" in html
    assert "Demandes" in html


def test_french_from_the_browser_preference(client):
    html = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in html
    assert "Se connecter" in html


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404


def test_health_check(client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


def test_admin_needs_staff(client_for, learner, officer):
    assert client_for(learner).get("/admin/").status_code == 302
    assert client_for(officer).get("/admin/").status_code == 200


def test_anonymous_cannot_reach_the_admin(client):
    response = client.get("/admin/core/country/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize("path", ["capdev/css/site.css", "capdev/vendor/htmx-2.0.11.min.js"])
def test_base_static_assets_are_found(path):
    from django.contrib.staticfiles import finders

    assert finders.find(path) is not None


def test_signed_in_people_reach_their_courses_from_every_page(client_for, learner, client):
    assert reverse("learning:my_learning") not in client.get(reverse("home")).content.decode()
    html = client_for(learner).get(reverse("home")).content.decode()
    assert f'<a href="{reverse("learning:my_learning")}">My learning</a>' in html
