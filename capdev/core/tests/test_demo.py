import pytest
from django.core.management import CommandError, call_command

from capdev.accounts.models import User
from capdev.core.models import Country, Organisation

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_creates_one_user_per_role(capsys, settings):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (User.objects.count(), Organisation.objects.count(), Country.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), Organisation.objects.count(), Country.objects.count()) == counts
    roles = set()
    for user in User.objects.all():
        roles |= user.roles
    assert roles == {"admin", "programme_officer", "focal_point", "trainer", "learner"}
    assert User.objects.get(email="focal.lao@demo.capdev.org").country.iso3 == "LAO"
    assert "focal.bhutan@demo.capdev.org" in capsys.readouterr().out


def test_load_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo")
