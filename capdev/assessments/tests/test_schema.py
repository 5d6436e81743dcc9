from pathlib import Path

import pytest

from capdev.assessments.schema import FrameworkInvalid, read_framework_file, validate_framework
from capdev.assessments.services import FRAMEWORKS_DIR
from capdev.assessments.tests.helpers import small_definition


def messages(data, **kwargs) -> list[str]:
    return [str(problem) for problem in validate_framework(data, **kwargs)]


def test_the_small_framework_is_valid():
    assert validate_framework(small_definition()) == []


@pytest.mark.parametrize("path", sorted(FRAMEWORKS_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_frameworks_are_valid(path):
    data = read_framework_file(path, cepa_numbers=set(range(1, 12)))
    assert data["slug"] == path.stem


def test_shipped_gender_framework_has_the_seal_levels():
    data = read_framework_file(FRAMEWORKS_DIR / "gender-equality-public-institutions.yaml")
    assert [(level["code"], level["min_score"]) for level in data["levels"]] == [
        ("gold", 80),
        ("silver", 70),
        ("bronze", 60),
    ]
    assert [d["code"] for d in data["dimensions"]] == ["leadership", "policy-cycle", "organisation"]


def test_cepa_framework_covers_all_eleven_principles():
    data = read_framework_file(FRAMEWORKS_DIR / "cepa-principles.yaml")
    numbers = {
        c["cepa_principle"]
        for d in data["dimensions"]
        for b in d["benchmarks"]
        for c in b["criteria"]
    }
    assert numbers == set(range(1, 12))


def test_not_a_mapping():
    assert messages(["a list"]) == ["(top): must be a mapping (key: value), not list"]


def test_missing_required_keys_are_named():
    found = messages({"slug": "x"})
    assert "title: is required" in found
    assert "scales: is required" in found
    assert "dimensions: is required" in found


def test_errors_name_the_path_of_the_value():
    data = small_definition()
    criterion = data["dimensions"][1]["benchmarks"][0]["criteria"][0]
    criterion["weight"] = -1
    criterion["scale"] = "stars"
    criterion["evidence"] = "maybe"
    criterion["colour"] = "red"
    found = messages(data)
    path = "dimensions[1].benchmarks[0].criteria[0]"
    assert f"{path}.weight: must be a number above 0, not -1" in found
    assert f"{path}.scale: unknown scale 'stars'; defined scales: ynp" in found
    assert f"{path}.evidence: 'maybe' is not one of: required, optional, none" in found
    assert any(m.startswith(f"{path}.colour: unknown key") for m in found)


def test_duplicate_codes_and_scale_problems():
    data = small_definition()
    data["dimensions"][1]["benchmarks"][0]["criteria"][0]["code"] = "a1"
    data["scales"]["ynp"][1]["score"] = 1.5
    data["scales"]["ynp"][3]["score"] = 0
    data["scales"]["bad"] = [{"value": "only", "label": "Only", "score": 1}]
    found = messages(data)
    assert (
        "dimensions[1].benchmarks[0].criteria[0].code: criterion code 'a1' is used twice" in found
    )
    assert "scales.ynp[1].score: must be a number from 0 to 1, not 1.5" in found
    assert any(m.startswith("scales.ynp[3].score: a 'not applicable' option") for m in found)
    assert "scales.bad: must be a list of at least two answer options" in found


def test_levels_must_be_ordered_and_within_range():
    data = small_definition()
    data["levels"][1]["min_score"] = 90
    data["levels"][2]["min_score"] = 120
    found = messages(data)
    assert (
        "levels[1].min_score: levels must be listed from the highest to the lowest min_score"
        in found
    )
    assert "levels[2].min_score: must be a percentage from 0 to 100, not 120" in found


def test_unknown_cepa_principle():
    data = small_definition()
    data["dimensions"][1]["benchmarks"][0]["criteria"][0]["cepa_principle"] = 12
    found = messages(data, cepa_numbers=set(range(1, 12)))
    assert found == [
        "dimensions[1].benchmarks[0].criteria[0].cepa_principle: "
        "there is no CEPA principle 12 (known: 1 to 11)"
    ]


def test_empty_lists_are_refused():
    data = small_definition()
    data["dimensions"][0]["benchmarks"][0]["criteria"] = []
    assert messages(data) == [
        "dimensions[0].benchmarks[0].criteria: must be a non-empty list of criteria"
    ]


def test_file_errors_name_the_file(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("slug: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(FrameworkInvalid) as caught:
        read_framework_file(broken)
    assert str(caught.value).startswith(f"{broken}: line ")
    assert "is not valid YAML" in str(caught.value)

    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("slug: Bad Slug\ntitle: T\nscales: {}\ndimensions: []\n", encoding="utf-8")
    with pytest.raises(FrameworkInvalid) as caught:
        read_framework_file(invalid)
    text = str(caught.value)
    assert f"{invalid}: slug: 'Bad Slug' must be lower-case" in text
    assert f"{invalid}: dimensions: must be a non-empty list of dimensions" in text
