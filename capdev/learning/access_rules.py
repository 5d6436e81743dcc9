"""Access rules on sections and items: their JSON shape, validation, evaluation and wording.

A rule is a tree stored as JSON. A group combines its children with "all" or "any";
every node may be negated:

    {"op": "all", "rules": [
        {"type": "item", "item": 12, "state": "complete"},
        {"type": "date", "op": "from", "date": "2025-01-15"},
        {"op": "any", "negate": true, "rules": [
            {"type": "grade", "item": 13, "min": 60},
            {"type": "profile", "field": "country", "value": "LAO"}
        ]}
    ]}

Conditions:
- ``item``: another item of the course is ``complete`` (by its own completion rule),
  ``passed`` or ``failed``;
- ``date``: today is ``from`` the date on, or ``until`` the date (inclusive);
- ``grade``: the learner's grade in an item is at least ``min`` (and below ``max`` if set);
- ``profile``: the learner's ``country`` (ISO alpha-3) or ``organisation_type`` equals ``value``.

Evaluation takes everything it needs in a `RuleContext`, so a whole course page is
judged without a query per item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

ITEM_STATES = ("complete", "passed", "failed")
DATE_OPS = ("from", "until")
PROFILE_FIELDS = ("country", "organisation_type")
GROUP_OPS = ("all", "any")
MAX_DEPTH = 5


@dataclass
class RuleContext:
    """What a rule is judged against: one learner's completions and profile, and today."""

    # item id -> the Completion (or None) and the Item, for "complete" by its own rule.
    completions: dict[int, Any] = field(default_factory=dict)
    items: dict[int, Any] = field(default_factory=dict)
    country: str | None = None
    organisation_type: str | None = None
    today: dt.date = field(default_factory=dt.date.today)


# Validation


def _fail(message: str) -> None:
    raise ValidationError(message, code="invalid_rule")


def _parse_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        _fail(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})
        raise  # unreachable; keeps type checkers content


def _parse_number(value: Any, name: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        _fail(_("The %(name)s must be a number from 0 to 100.") % {"name": name})
        raise
    if not (0 <= number <= 100):
        _fail(_("The %(name)s must be a number from 0 to 100.") % {"name": name})
    return number


def validate_rule(
    rule: Any, *, item_ids: set[int] | None = None, self_item_id: int | None = None
) -> dict | None:
    """Check `rule`'s shape and references; return it (None for an empty rule).

    `item_ids` are the items the rule may refer to (the course's); `self_item_id`
    is the item carrying the rule, which may not depend on itself.
    """
    if rule in (None, "", {}):
        return None
    if not isinstance(rule, dict):
        _fail(_("An access rule must be a JSON object."))
    if "type" in rule and rule["type"] != "group":
        rule = {"op": "all", "rules": [rule]}
    _validate_node(rule, item_ids=item_ids, self_item_id=self_item_id, depth=0)
    return rule


def _validate_node(node: Any, *, item_ids, self_item_id, depth: int) -> None:
    if not isinstance(node, dict):
        _fail(_("Each rule must be a JSON object."))
    if "negate" in node and not isinstance(node["negate"], bool):
        _fail(_("“negate” must be true or false."))
    kind = node.get("type", "group")
    if kind == "group":
        if depth >= MAX_DEPTH:
            _fail(_("Rules may be nested at most %(depth)d deep.") % {"depth": MAX_DEPTH})
        if node.get("op", "all") not in GROUP_OPS:
            _fail(_("A group combines its rules with “all” or “any”."))
        children = node.get("rules")
        if not isinstance(children, list) or not children:
            _fail(_("A group needs a non-empty list of rules."))
        for child in children:
            _validate_node(child, item_ids=item_ids, self_item_id=self_item_id, depth=depth + 1)
        return
    if kind in ("item", "grade"):
        item_id = node.get("item")
        if not isinstance(item_id, int) or isinstance(item_id, bool):
            _fail(_("A rule on an activity needs the activity's number."))
        if item_ids is not None and item_id not in item_ids:
            _fail(_("Activity %(id)s is not part of this course.") % {"id": item_id})
        if self_item_id is not None and item_id == self_item_id:
            _fail(_("An activity cannot depend on itself."))
        if kind == "item" and node.get("state", "complete") not in ITEM_STATES:
            _fail(_("An activity's state must be complete, passed or failed."))
        if kind == "grade":
            if "min" not in node:
                _fail(_("A grade rule needs a minimum grade."))
            low = _parse_number(node["min"], _("minimum grade"))
            if node.get("max") is not None and _parse_number(node["max"], _("maximum")) <= low:
                _fail(_("The maximum grade must be above the minimum."))
        return
    if kind == "date":
        if node.get("op") not in DATE_OPS:
            _fail(_("A date rule is “from” or “until” a date."))
        _parse_date(node.get("date"))
        return
    if kind == "profile":
        if node.get("field") not in PROFILE_FIELDS:
            _fail(_("A profile rule is on the country or the organisation type."))
        if not isinstance(node.get("value"), str) or not node["value"]:
            _fail(_("A profile rule needs a value."))
        return
    _fail(_("Unknown kind of rule: “%(kind)s”.") % {"kind": kind})


def referenced_item_ids(rule: dict | None) -> set[int]:
    if not rule:
        return set()
    if rule.get("type", "group") == "group":
        found: set[int] = set()
        for child in rule.get("rules", []):
            found |= referenced_item_ids(child)
        return found
    return {rule["item"]} if rule.get("type") in ("item", "grade") else set()


# Evaluation


def evaluate(rule: dict | None, context: RuleContext) -> bool:
    if not rule:
        return True
    result = _evaluate_node(rule, context)
    return not result if rule.get("negate") else result


def _evaluate_node(node: dict, context: RuleContext) -> bool:
    kind = node.get("type", "group")
    if kind == "group":
        results = (evaluate(child, context) for child in node["rules"])
        return all(results) if node.get("op", "all") == "all" else any(results)
    if kind == "item":
        completion = context.completions.get(node["item"])
        state = node.get("state", "complete")
        if state == "complete":
            item = context.items.get(node["item"])
            if item is None:
                return completion is not None
            return item.is_complete(completion)
        return completion is not None and completion.state == state
    if kind == "grade":
        completion = context.completions.get(node["item"])
        if completion is None or completion.grade is None:
            return False
        grade = Decimal(completion.grade)
        if grade < Decimal(str(node["min"])):
            return False
        return node.get("max") is None or grade < Decimal(str(node["max"]))
    if kind == "date":
        when = dt.date.fromisoformat(node["date"])
        return context.today >= when if node["op"] == "from" else context.today <= when
    if kind == "profile":
        actual = context.country if node["field"] == "country" else context.organisation_type
        return actual is not None and actual.upper() == node["value"].upper()
    return False


# Wording


@dataclass
class Wording:
    """Names used in sentences: item titles and country names, looked up once."""

    titles: dict[int, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    organisation_types: dict[str, str] = field(default_factory=dict)


def describe(rule: dict | None, wording: Wording) -> str:
    """The rule as a sentence, e.g. "Not available unless: the activity X is marked complete"."""
    if not rule:
        return ""
    if rule.get("type", "group") == "group" and rule.get("negate"):
        positive = dict(rule, negate=False)
        return _("Not available if: %(condition)s") % {
            "condition": _describe_node(positive, wording, top=True)
        }
    return _("Not available unless: %(condition)s") % {
        "condition": _describe_node(rule, wording, top=True)
    }


def _format_date(value: str) -> str:
    return formats.date_format(dt.date.fromisoformat(value), "j F Y")


def _describe_node(node: dict, wording: Wording, *, top: bool = False) -> str:
    negate = bool(node.get("negate"))
    kind = node.get("type", "group")
    if kind == "group":
        parts = [_describe_node(child, wording) for child in node["rules"]]
        joiner = _(" and ") if node.get("op", "all") == "all" else _(" or ")
        text = joiner.join(parts)
        if len(parts) > 1 and not top:
            text = f"({text})"
        return _("not %(condition)s") % {"condition": text} if negate and not top else text
    title = wording.titles.get(node.get("item", 0), _("(a removed activity)"))
    if kind == "item":
        state = node.get("state", "complete")
        sentences = {
            ("complete", False): _("the activity %(title)s is marked complete"),
            ("complete", True): _("the activity %(title)s is not marked complete"),
            ("passed", False): _("the activity %(title)s is complete and passed"),
            ("passed", True): _("the activity %(title)s is not complete and passed"),
            ("failed", False): _("the activity %(title)s is complete and failed"),
            ("failed", True): _("the activity %(title)s is not complete and failed"),
        }
        return sentences[(state, negate)] % {"title": title}
    if kind == "grade":
        values = {"title": title, "min": node["min"], "max": node.get("max")}
        if node.get("max") is not None:
            text = _("you get a grade of at least %(min)s%% and below %(max)s%% in %(title)s")
        else:
            text = _("you get a grade of at least %(min)s%% in %(title)s")
        text = text % values
        return _("not: %(condition)s") % {"condition": text} if negate else text
    if kind == "date":
        day = _format_date(node["date"])
        sentences = {
            ("from", False): _("it is %(date)s or later"),
            ("from", True): _("it is before %(date)s"),
            ("until", False): _("it is %(date)s or earlier"),
            ("until", True): _("it is after %(date)s"),
        }
        return sentences[(node["op"], negate)] % {"date": day}
    if kind == "profile":
        value = node["value"]
        if node["field"] == "country":
            name = wording.countries.get(value.upper(), value)
            text = _("your country is not %(name)s") if negate else _("your country is %(name)s")
        else:
            name = wording.organisation_types.get(value, value)
            text = (
                _("your organisation type is not %(name)s")
                if negate
                else _("your organisation type is %(name)s")
            )
        return text % {"name": name}
    return _("an unknown condition")


def profile_values(rules: list[dict | None], field_name: str) -> set[str]:
    """The values that profile conditions on `field_name` mention, across `rules`."""
    found: set[str] = set()

    def walk(node):
        if not node:
            return
        if node.get("type", "group") == "group":
            for child in node.get("rules", []):
                walk(child)
        elif node.get("type") == "profile" and node.get("field") == field_name:
            found.add(str(node.get("value", "")).upper())

    for rule in rules:
        walk(rule)
    return found
