import io

import pytest

from capdev.accounts import demo as accounts_demo
from capdev.core import demo as core_demo
from capdev.support import demo
from capdev.support.models import SupportRequest
from capdev.support.selectors import request_insights, requests_filter

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_history_and_scope():
    out = io.StringIO()
    core_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    count = SupportRequest.objects.count()
    assert 55 <= count <= 65
    demo.load(out)
    assert SupportRequest.objects.count() == count  # idempotent
    years = set(SupportRequest.objects.values_list("year", flat=True))
    assert {2019, 2026} <= years
    assert len(set(SupportRequest.objects.values_list("status", flat=True))) >= 6
    lao = SupportRequest.objects.filter(country__iso3="LAO")
    assert lao.exists() and {r.submitted_by.email for r in lao} == {"focal.lao@demo.capdev.org"}
    from capdev.accounts.models import User

    focal = User.objects.get(email="focal.lao@demo.capdev.org")
    assert {r.country.iso3 for r in requests_filter(focal)} == {"LAO"}
    officer = User.objects.get(email="officer@demo.capdev.org")
    insights = request_insights(officer)
    assert insights["median_days_to_first_response"] is not None
    assert insights["median_days_to_completion"] is not None
    assert SupportRequest.objects.filter(status_changes__note__isnull=False).exists()
