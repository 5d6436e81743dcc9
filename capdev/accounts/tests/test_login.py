import pytest
from django.urls import reverse

from capdev.accounts.models import User
from capdev.accounts.roles import Role
from conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")


def sign_in(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def test_sign_in_with_email(client, officer):
    response = sign_in(client, "OFFICER@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == officer


def test_wrong_password_is_refused(client, officer):
    response = sign_in(client, officer.email, "not-the-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_out(client, officer):
    for _attempt in range(5):
        sign_in(client, officer.email, "not-the-password")
    response = sign_in(client, officer.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_lockout_is_per_account(client, officer, learner):
    for _attempt in range(5):
        sign_in(client, officer.email, "not-the-password")
    assert sign_in(client, learner.email, PASSWORD).status_code == 302


def test_sign_up_makes_a_learner(client, reference_data):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.roles == {Role.LEARNER}
    assert not user.is_staff


def test_password_reset_sends_mail(client, officer, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": officer.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert officer.email in mailoutbox[0].to


def test_logout_needs_post(client, officer):
    client.force_login(officer)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
