import io

import pytest

from capdev.accounts import demo as accounts_demo
from capdev.assessments import demo
from capdev.assessments.models import Assessment
from capdev.core import demo as core_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_completed_assessments_idempotently(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    core_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    count = Assessment.objects.count()
    demo.load(out)
    assert Assessment.objects.count() == count == len(demo.PLAN)
    validated = Assessment.objects.filter(status="validated")
    assert set(validated.values_list("country__iso3", flat=True)) == {"BTN", "LAO", "MUS", "SEN"}
    bhutan = validated.filter(country__iso3="BTN", framework__slug=demo.GENDER)
    assert sorted(bhutan.values_list("year", flat=True)) == [2023, 2025]
    assert not validated.filter(score__isnull=True).exists()
    assert Assessment.objects.filter(status="draft").count() == 1
