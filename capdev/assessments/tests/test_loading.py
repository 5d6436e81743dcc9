from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from capdev.assessments.models import Assessment, Criterion, Framework
from capdev.assessments.schema import FrameworkInvalid
from capdev.assessments.services import assessment_create, framework_load, frameworks_load
from capdev.assessments.tests.helpers import load_small, small_definition
from capdev.core.models import CepaPrinciple, Country

pytestmark = pytest.mark.django_db


def test_shipped_frameworks_load_once():
    first = frameworks_load()
    assert {o.slug for o in first} == {
        "gender-equality-public-institutions",
        "digital-government-readiness",
        "cepa-principles",
    }
    assert all(o.created and o.version == 1 for o in first)
    again = frameworks_load()
    assert not any(o.created for o in again)
    assert Framework.objects.count() == 3


def test_cepa_criteria_are_linked_to_the_principles():
    frameworks_load()
    criteria = Criterion.objects.filter(framework__slug="cepa-principles")
    assert not criteria.filter(cepa_principle__isnull=True).exists()
    linked = set(criteria.values_list("cepa_principle__number", flat=True))
    assert linked == set(CepaPrinciple.objects.values_list("number", flat=True))


def test_structure_follows_the_file(small):
    assert [d.code for d in small.dimensions.all()] == ["a", "b"]
    assert list(small.criteria.values_list("code", "weight", "evidence")) == [
        ("a1", 3.0, "optional"),
        ("a2", 1.0, "required"),
        ("b1", 1.0, "optional"),
    ]
    assert small.criteria.get(code="b1").cepa_principle.number == 5


def test_a_changed_file_is_a_new_version_and_assessments_keep_theirs(small, officer):
    assessment = assessment_create(
        user=officer, framework=small, country=Country.objects.get(iso3="SEN"), year=2024
    )
    changed = small_definition()
    changed["dimensions"][1]["benchmarks"][0]["criteria"][0]["text"] = "Third, reworded"
    outcome = framework_load(data=changed, source="small.yaml")
    assert outcome.created and outcome.version == 2
    versions = Framework.objects.filter(slug="small").order_by("version")
    assert [(f.version, f.is_current) for f in versions] == [(1, False), (2, True)]
    assessment.refresh_from_db()
    assert assessment.framework.version == 1
    assert Assessment.objects.get().framework.criteria.get(code="b1").text == "Third"
    # Loading the same change again creates nothing.
    assert not framework_load(data=changed, source="small.yaml").created


def test_invalid_data_loads_nothing():
    data = small_definition()
    data["levels"][0]["min_score"] = "high"
    with pytest.raises(FrameworkInvalid) as caught:
        framework_load(data=data, source="mine.yaml")
    assert "mine.yaml: levels[0].min_score: must be a percentage" in str(caught.value)
    assert not Framework.objects.exists()


def test_command_loads_paths_and_reports(tmp_path: Path, capsys):
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(small_definition()), encoding="utf-8")
    call_command("load_frameworks", str(tmp_path))
    assert "small: loaded as version 1" in capsys.readouterr().out
    call_command("load_frameworks", str(path))
    assert "small: unchanged at version 1" in capsys.readouterr().out


def test_command_loads_nothing_when_one_file_is_bad(tmp_path: Path):
    (tmp_path / "a-good.yaml").write_text(yaml.safe_dump(small_definition()), encoding="utf-8")
    bad = small_definition()
    bad["slug"] = "bad"
    bad["dimensions"][0]["benchmarks"][0]["criteria"][0]["scale"] = "nope"
    (tmp_path / "b-bad.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("load_frameworks", str(tmp_path))
    message = str(caught.value)
    assert (
        "b-bad.yaml: dimensions[0].benchmarks[0].criteria[0].scale: unknown scale 'nope'" in message
    )
    assert not Framework.objects.exists()


def test_load_small_helper_gives_current(small):
    assert load_small().pk == small.pk
