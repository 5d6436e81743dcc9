"""The IATI export validates against the official 2.03 schema and says what it should."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from capdev.core.models import Organisation, SdgGoal
from capdev.programmes.iati import iati_activities_xml, split_percentages
from capdev.programmes.models import Project, Result
from capdev.programmes.tests.helpers import country, make_project

pytestmark = pytest.mark.django_db
# The official schema, copied unmodified into the app (see data/iati/README.md).
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "iati" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def project():
    italy = Organisation.objects.create(
        name="Government of Italy",
        type=Organisation.Type.DEVELOPMENT_PARTNER,
        country=country("ITA"),
    )
    undp = Organisation.objects.create(name="UNDP", type=Organisation.Type.UN_ENTITY)
    project = make_project(
        "gender",
        summary="Action plans for gender equality.",
        objectives="Women in leadership.",
        budget=Decimal("750000"),
        currency="USD",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2024, 12, 31),
        gender_marker=Project.GenderMarker.PRINCIPAL,
        donors=[italy],
        partners=[undp],
        target_countries=[country("BTN"), country("LAO"), country("MUS")],
        sdgs=list(SdgGoal.objects.filter(number__in=[5, 16])),
    )
    Result.objects.create(
        project=project,
        year=2023,
        title="Action plans adopted",
        indicator="Plans adopted",
        target_value=Decimal("4"),
        actual_value=Decimal("2"),
    )
    return project


def test_export_is_valid_iati_203(schema, project, settings):
    settings.CAPDEV_IATI_REPORTING_ORG = "XM-TEST-1"
    xml = iati_activities_xml(Project.objects.all())
    document = etree.fromstring(xml)
    schema.assertValid(document)
    activity = document.find("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-TEST-1-gender"
    assert activity.find("activity-status").get("code") == "2"
    shares = [Decimal(e.get("percentage")) for e in activity.findall("recipient-country")]
    assert sum(shares) == 100 and len(shares) == 3
    assert {e.get("code") for e in activity.findall("recipient-country")} == {"BT", "LA", "MU"}
    assert activity.find("sector[@vocabulary='1']").get("code") == "15110"
    sdg_shares = [Decimal(e.get("percentage")) for e in activity.findall("sector[@vocabulary='7']")]
    assert sum(sdg_shares) == 100
    marker = activity.find("policy-marker")
    assert (marker.get("code"), marker.get("significance")) == ("1", "2")
    budgets = activity.findall("budget")
    assert len(budgets) == 3
    assert sum(Decimal(b.findtext("value")) for b in budgets) == Decimal("750000")
    roles = {
        (o.get("role"), o.findtext("narrative")) for o in activity.findall("participating-org")
    }
    assert ("1", "Government of Italy") in roles and ("4", "UNDP") in roles
    assert activity.find("result/indicator/period/actual").get("value") == "2"


def test_a_bare_project_is_still_valid(schema):
    Project.objects.create(code="bare", title="Bare", status=Project.Status.PIPELINE)
    schema.assertValid(etree.fromstring(iati_activities_xml(Project.objects.all())))


def test_the_schema_rejects_a_broken_document(schema, project):
    document = etree.fromstring(iati_activities_xml(Project.objects.all()))
    activity = document.find("iati-activity")
    activity.remove(activity.find("title"))
    assert not schema.validate(document)


def test_percentages_always_add_up_to_100():
    for count in range(1, 12):
        assert sum(split_percentages(count)) == 100


def test_command_writes_one_project(tmp_path, schema, project):
    make_project("other", title="Other project")
    output = tmp_path / "iati.xml"
    call_command("export_iati", "--project", "gender", "-o", str(output))
    document = etree.parse(str(output))
    schema.assertValid(document)
    assert len(document.findall("iati-activity")) == 1
    with pytest.raises(CommandError):
        call_command("export_iati", "--project", "missing")


def test_download_needs_staff(client, client_for, officer, learner, project):
    url = reverse("programmes:iati_export")
    assert client.get(url).status_code == 302
    assert client_for(learner).get(url).status_code == 403
    response = client_for(officer).get(url)
    assert response.status_code == 200 and b"<iati-activities" in response.content
