import io

import pytest

from capdev.accounts import demo as accounts_demo
from capdev.core import demo as core_demo
from capdev.gender import demo
from capdev.gender.metrics import indicator_rows
from capdev.gender.models import ActionPlan, Institution, WorkforceRecord

pytestmark = pytest.mark.django_db


def test_demo_loads_idempotently_with_illustrative_data(reference_data):
    out = io.StringIO()
    core_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    counts = (
        Institution.objects.count(),
        WorkforceRecord.objects.count(),
        ActionPlan.objects.count(),
    )
    demo.load(out)
    assert counts == (
        Institution.objects.count(),
        WorkforceRecord.objects.count(),
        ActionPlan.objects.count(),
    )
    assert set(Institution.objects.values_list("country__iso3", flat=True)) == {
        "BTN",
        "LAO",
        "MUS",
        "SEN",
    }
    assert set(Institution.objects.values_list("level", flat=True)) == {"national", "subnational"}
    assert set(WorkforceRecord.objects.values_list("year", flat=True)) == {2022, 2023, 2024}
    assert not WorkforceRecord.objects.filter(illustrative=False).exists()
    plans = ActionPlan.objects.filter(status="draft")
    assert set(plans.values_list("country__iso3", flat=True)) == {"BTN", "LAO"}
    from capdev.accounts.models import User

    officer = User.objects.get(email="officer@demo.capdev.org")
    rows = indicator_rows(officer, years=[2024])
    assert len(rows) == 4 and all(r["illustrative"] for r in rows)
    assert all(0 < r["women_share"] < 100 for r in rows)
