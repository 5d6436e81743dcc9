import pytest

from capdev.assessments.scoring import gaps, level_for, score_answers
from capdev.assessments.tests.helpers import small_definition

DEFINITION = small_definition()


def test_everything_yes_is_gold():
    result = score_answers(DEFINITION, {"a1": "yes", "a2": "yes", "b1": "yes"})
    assert result.score == 100
    assert result.level == "gold"
    assert [(d.code, d.score, d.answered, d.total) for d in result.dimensions] == [
        ("a", 100, 2, 2),
        ("b", 100, 1, 1),
    ]


def test_weights_by_hand():
    # Dimension a: (3 * 0.5 + 1 * 1) / 4 = 62.5 %. Dimension b: 0 %.
    # Overall, dimension a weighing 2: (2 * 62.5 + 1 * 0) / 3 = 41.67 %.
    result = score_answers(DEFINITION, {"a1": "partly", "a2": "yes", "b1": "no"})
    assert [d.score for d in result.dimensions] == [62.5, 0]
    assert result.score == pytest.approx(41.67)
    assert result.level == ""


def test_not_applicable_leaves_the_criterion_out():
    # a2 not applicable: dimension a = a1 alone = 100 %; b = 50 %; (200 + 50) / 3 = 83.33.
    result = score_answers(DEFINITION, {"a1": "yes", "a2": "na", "b1": "partly"})
    assert [d.score for d in result.dimensions] == [100, 50]
    assert result.score == pytest.approx(83.33)
    assert result.level == "gold"


def test_all_not_applicable_dimension_is_missing_not_zero():
    result = score_answers(DEFINITION, {"a1": "yes", "a2": "yes", "b1": "na"})
    assert result.dimensions[1].score is None
    assert result.score == 100


def test_unanswered_criteria_are_missing():
    result = score_answers(DEFINITION, {"a1": "yes"})
    assert result.answered == 1 and result.total == 3
    assert result.dimensions[1].score is None
    assert result.score == 100
    assert score_answers(DEFINITION, {}).score is None
    assert score_answers(DEFINITION, {}).level == ""


def test_level_boundaries():
    assert level_for(DEFINITION, 80, [80]) == "gold"
    assert level_for(DEFINITION, 79.99, [80]) == "silver"
    assert level_for(DEFINITION, 70, []) == "silver"
    assert level_for(DEFINITION, 60, []) == "bronze"
    assert level_for(DEFINITION, 59.9, []) == ""
    assert level_for(DEFINITION, None, []) == ""


def test_gold_needs_every_dimension_above_its_floor():
    # 90 % overall, but one dimension at 40 % < 50 %: silver, not gold.
    assert level_for(DEFINITION, 90, [100, 40]) == "silver"


def test_gaps_are_answers_below_the_threshold():
    answers = {"a1": "no", "a2": "partly", "b1": "na"}
    assert gaps(DEFINITION, answers) == ["a1"]
    assert gaps(DEFINITION, answers, threshold=1) == ["a1", "a2"]
