"""Every access-rule kind, negation and nesting, their validation and their wording."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from capdev.learning.access_rules import (
    RuleContext,
    Wording,
    describe,
    evaluate,
    validate_rule,
)
from capdev.learning.models import Completion, Item

TODAY = dt.date(2025, 3, 10)


def completion(state="complete", grade=None):
    return SimpleNamespace(state=state, grade=None if grade is None else Decimal(grade))


def item(pk, rule=Item.CompletionRule.VIEWED):
    return Item(pk=pk, completion_rule=rule)


def context(completions=None, items=None, **kwargs):
    return RuleContext(
        completions=completions or {},
        items=items or {1: item(1), 2: item(2, Item.CompletionRule.PASSING)},
        today=kwargs.pop("today", TODAY),
        **kwargs,
    )


def cond(**node):
    return {"op": "all", "rules": [node]}


class TestItemConditions:
    def test_complete_follows_the_items_own_rule(self):
        rule = cond(type="item", item=2, state="complete")
        assert not evaluate(rule, context())
        # Item 2 completes only with a pass: a failed attempt does not open the rule.
        assert not evaluate(rule, context({2: completion("failed", 30)}))
        assert evaluate(rule, context({2: completion("passed", 80)}))

    def test_complete_with_a_view_rule(self):
        rule = cond(type="item", item=1)
        assert not evaluate(rule, context())
        assert evaluate(rule, context({1: completion()}))

    @pytest.mark.parametrize(
        ("state", "recorded", "expected"),
        [
            ("passed", "passed", True),
            ("passed", "failed", False),
            ("passed", None, False),
            ("failed", "failed", True),
            ("failed", "passed", False),
            ("failed", None, False),
        ],
    )
    def test_passed_and_failed(self, state, recorded, expected):
        completions = {1: completion(recorded, 50)} if recorded else {}
        assert evaluate(cond(type="item", item=1, state=state), context(completions)) is expected

    def test_negated_item(self):
        rule = cond(type="item", item=1, negate=True)
        assert evaluate(rule, context())
        assert not evaluate(rule, context({1: completion()}))


class TestGradeConditions:
    @pytest.mark.parametrize(
        ("grade", "expected"), [(None, False), ("59.99", False), ("60", True), ("100", True)]
    )
    def test_minimum(self, grade, expected):
        completions = {1: completion("passed", grade)} if grade else {1: completion()}
        assert evaluate(cond(type="grade", item=1, min=60), context(completions)) is expected

    def test_maximum_is_exclusive(self):
        rule = cond(type="grade", item=1, min=40, max=60)
        assert evaluate(rule, context({1: completion("failed", "59")}))
        assert not evaluate(rule, context({1: completion("passed", "60")}))


class TestDateConditions:
    def test_from_and_until_are_inclusive(self):
        start = cond(type="date", op="from", date="2025-03-10")
        end = cond(type="date", op="until", date="2025-03-10")
        assert evaluate(start, context()) and evaluate(end, context())
        assert not evaluate(start, context(today=dt.date(2025, 3, 9)))
        assert not evaluate(end, context(today=dt.date(2025, 3, 11)))

    def test_negated_from_means_before(self):
        rule = cond(type="date", op="from", date="2025-04-01", negate=True)
        assert evaluate(rule, context())
        assert not evaluate(rule, context(today=dt.date(2025, 4, 1)))


class TestProfileConditions:
    def test_country(self):
        rule = cond(type="profile", field="country", value="LAO")
        assert evaluate(rule, context(country="LAO"))
        assert not evaluate(rule, context(country="BTN"))
        assert not evaluate(rule, context())

    def test_organisation_type_negated(self):
        rule = cond(type="profile", field="organisation_type", value="government", negate=True)
        assert not evaluate(rule, context(organisation_type="government"))
        assert evaluate(rule, context(organisation_type="academic"))
        assert evaluate(rule, context())


class TestNesting:
    RULE = {
        "op": "all",
        "rules": [
            {"type": "item", "item": 1},
            {
                "op": "any",
                "rules": [
                    {"type": "grade", "item": 2, "min": 80},
                    {"type": "profile", "field": "country", "value": "LAO"},
                ],
            },
        ],
    }

    def test_all_of_any(self):
        assert not evaluate(self.RULE, context(country="LAO"))
        assert evaluate(self.RULE, context({1: completion()}, country="LAO"))
        assert not evaluate(self.RULE, context({1: completion()}, country="BTN"))
        both = {1: completion(), 2: completion("passed", 85)}
        assert evaluate(self.RULE, context(both, country="BTN"))

    def test_negated_group(self):
        rule = dict(self.RULE, negate=True)
        assert evaluate(rule, context(country="LAO"))
        assert not evaluate(rule, context({1: completion()}, country="LAO"))

    def test_negated_inner_group(self):
        rule = {
            "op": "any",
            "rules": [
                {"op": "all", "negate": True, "rules": [{"type": "item", "item": 1}]},
                {"type": "date", "op": "from", "date": "2030-01-01"},
            ],
        }
        assert evaluate(rule, context())
        assert not evaluate(rule, context({1: completion()}))

    def test_empty_rule_is_open(self):
        assert evaluate(None, context())
        assert evaluate({}, context())


class TestValidation:
    @pytest.mark.parametrize(
        "rule",
        [
            [],
            "text",
            {"op": "some", "rules": [{"type": "item", "item": 1}]},
            {"op": "all", "rules": []},
            {"op": "all", "rules": [{"type": "item", "item": "1"}]},
            {"op": "all", "rules": [{"type": "item", "item": 1, "state": "started"}]},
            {"op": "all", "rules": [{"type": "item", "item": 99}]},
            {"op": "all", "rules": [{"type": "grade", "item": 1}]},
            {"op": "all", "rules": [{"type": "grade", "item": 1, "min": 120}]},
            {"op": "all", "rules": [{"type": "grade", "item": 1, "min": 50, "max": 40}]},
            {"op": "all", "rules": [{"type": "date", "op": "after", "date": "2025-01-01"}]},
            {"op": "all", "rules": [{"type": "date", "op": "from", "date": "1 Jan"}]},
            {"op": "all", "rules": [{"type": "profile", "field": "age", "value": "40"}]},
            {"op": "all", "rules": [{"type": "profile", "field": "country", "value": ""}]},
            {"op": "all", "rules": [{"type": "colour", "value": "red"}]},
            {"op": "all", "negate": "yes", "rules": [{"type": "item", "item": 1}]},
        ],
    )
    def test_refuses_bad_rules(self, rule):
        with pytest.raises(ValidationError):
            validate_rule(rule, item_ids={1, 2})

    def test_refuses_self_reference_and_deep_nesting(self):
        with pytest.raises(ValidationError, match="itself"):
            validate_rule(cond(type="item", item=1), item_ids={1}, self_item_id=1)
        deep = {"type": "item", "item": 1}
        for _level in range(7):
            deep = {"op": "all", "rules": [deep]}
        with pytest.raises(ValidationError, match="nested"):
            validate_rule(deep, item_ids={1})

    def test_wraps_a_bare_condition_and_empties_to_none(self):
        assert validate_rule({"type": "item", "item": 1}, item_ids={1}) == cond(type="item", item=1)
        assert validate_rule(None) is None and validate_rule({}) is None


class TestWording:
    WORDS = Wording(titles={1: "Module 1 self-assessment", 2: "Quiz"}, countries={"LAO": "Lao"})

    def test_the_seed_sentence(self):
        text = describe(cond(type="item", item=1, state="complete"), self.WORDS)
        assert text == (
            "Not available unless: the activity Module 1 self-assessment is marked complete"
        )

    def test_nested_and_negated(self):
        rule = {
            "op": "all",
            "rules": [
                {"type": "item", "item": 2, "state": "passed"},
                {
                    "op": "any",
                    "rules": [
                        {"type": "profile", "field": "country", "value": "LAO"},
                        {"type": "date", "op": "from", "date": "2025-01-15", "negate": True},
                    ],
                },
            ],
        }
        assert describe(rule, self.WORDS) == (
            "Not available unless: the activity Quiz is complete and passed and "
            "(your country is Lao or it is before 15 January 2025)"
        )
        negated = dict(rule, negate=True, rules=rule["rules"][:1])
        assert describe(negated, self.WORDS) == (
            "Not available if: the activity Quiz is complete and passed"
        )

    def test_grade(self):
        text = describe(cond(type="grade", item=2, min=60), self.WORDS)
        assert text == "Not available unless: you get a grade of at least 60% in Quiz"


def test_completion_states_match_rule_states():
    assert set(Completion.State.values) == {"complete", "passed", "failed"}
