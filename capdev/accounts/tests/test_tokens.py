import pytest
from django.urls import reverse

from capdev.accounts.models import ApiToken
from capdev.accounts.services import api_token_authenticate, api_token_create

pytestmark = pytest.mark.django_db


def test_token_is_shown_once_and_stored_hashed(client_for, learner):
    response = client_for(learner).post(reverse("accounts:token_create"), {"name": "script"})
    key = response.context["key"]
    assert key.startswith("cdv_")
    token = ApiToken.objects.get(user=learner)
    assert token.key_hash != key and key not in token.key_hash
    assert api_token_authenticate(key=key) == learner
    assert key not in client_for(learner).get(reverse("accounts:profile")).content.decode()


def test_token_needs_a_name(client_for, learner):
    response = client_for(learner).post(reverse("accounts:token_create"), {"name": ""})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_cannot_revoke_someone_elses_token(client_for, learner, officer):
    token, key = api_token_create(user=officer, name="officer's")
    client_for(learner).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api_token_authenticate(key=key) == officer


def test_revoked_token_stops_working(client_for, learner):
    token, key = api_token_create(user=learner, name="old")
    client_for(learner).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api_token_authenticate(key=key) is None


def test_inactive_users_token_is_refused(learner):
    _token, key = api_token_create(user=learner, name="x")
    learner.is_active = False
    learner.save()
    assert api_token_authenticate(key=key) is None


def test_token_pages_need_login_and_post(client, learner):
    assert client.post(reverse("accounts:token_create"), {"name": "x"}).status_code == 302
    client.force_login(learner)
    assert client.get(reverse("accounts:token_create")).status_code == 405
