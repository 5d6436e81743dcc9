"""The example in docs/assessments.md is valid and scores as the page says."""

import re
from pathlib import Path

import pytest
import yaml

from capdev.assessments.schema import validate_framework
from capdev.assessments.scoring import gaps, score_answers

DOC = Path(__file__).resolve().parents[3] / "docs" / "assessments.md"


def test_documented_example():
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    data = yaml.safe_load(block)
    assert validate_framework(data, cepa_numbers=set(range(1, 12))) == []
    answers = {"P1.1": "yes", "P1.2": "partly", "G1.1": "no"}
    result = score_answers(data, answers)
    assert [d.score for d in result.dimensions] == [pytest.approx(83.33), 0]
    assert result.score == pytest.approx(55.56)
    assert result.level == ""
    assert gaps(data, answers) == ["G1.1"]
