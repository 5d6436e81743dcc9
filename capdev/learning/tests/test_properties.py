"""Property-based tests: no sequence of learner actions opens a locked item early, and
the rule engine's negation and wording hold for any rule tree."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdev.accounts.models import User
from capdev.learning import access_rules, services
from capdev.learning.models import Completion, Course, Item
from capdev.learning.tests.builders import module_chain

MODULES = 3


def _oracle_unlocked(course_items, done_assessments: set[int]) -> set[int]:
    """Which items the chain allows, worked out from the course's layout alone:
    Module N (N > 1) needs Module N-1's self-assessment done."""
    unlocked = set()
    for entry in course_items:
        module = entry["module"]
        if module <= 1 or (module - 1) in done_assessments:
            unlocked.add(entry["pk"])
    return unlocked


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    actions=st.lists(
        st.tuples(st.sampled_from(["view", "done", "undo"]), st.integers(0, 2 * MODULES)),
        min_size=1,
        max_size=14,
    )
)
def test_no_sequence_of_actions_reaches_a_locked_item_early(client, trainer, actions):
    # Hypothesis runs every example inside this one test's transaction: build the course once.
    course = Course.objects.filter(slug="prop").first() or module_chain(
        trainer, modules=MODULES, slug="prop"
    )
    learner = User.objects.create(email=f"p{User.objects.count()}@example.org")
    services.course_enrol(course=course, user=learner)
    client.force_login(learner)
    layout = []
    for item in Item.objects.filter(course=course).select_related("section"):
        title = item.section.title
        module = int(title.split()[1]) if title.startswith("Module") else 0
        layout.append(
            {
                "pk": item.pk,
                "module": module,
                "assessment": item.key.endswith("self-assessment"),
            }
        )
    layout.sort(key=lambda entry: entry["pk"])
    for action, index in actions:
        target = layout[index % len(layout)]
        done = {
            entry["module"]
            for entry in layout
            if entry["assessment"]
            and Completion.objects.filter(user=learner, item_id=entry["pk"]).exists()
        }
        unlocked = _oracle_unlocked(layout, done)
        before = set(Completion.objects.filter(user=learner).values_list("item_id", flat=True))
        if action == "view":
            url = reverse("learning:item", args=[course.slug, target["pk"]])
            status = client.get(url).status_code
            assert (status == 200) == (target["pk"] in unlocked), (action, target, done)
        else:
            url = reverse("learning:item_done", args=[course.slug, target["pk"]])
            client.post(url, {"done": "1" if action == "done" else "0"})
        after = set(Completion.objects.filter(user=learner).values_list("item_id", flat=True))
        for new in after - before:
            assert new in unlocked, f"{new} completed while locked"


# The rule engine on arbitrary trees

item_ids = st.sampled_from([1, 2, 3])
conditions = st.one_of(
    st.builds(
        lambda item, state, neg: {"type": "item", "item": item, "state": state, "negate": neg},
        item_ids,
        st.sampled_from(access_rules.ITEM_STATES),
        st.booleans(),
    ),
    st.builds(
        lambda item, low, neg: {"type": "grade", "item": item, "min": low, "negate": neg},
        item_ids,
        st.integers(0, 100),
        st.booleans(),
    ),
    st.builds(
        lambda op, day, neg: {"type": "date", "op": op, "date": day.isoformat(), "negate": neg},
        st.sampled_from(access_rules.DATE_OPS),
        st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
        st.booleans(),
    ),
    st.builds(
        lambda value, neg: {"type": "profile", "field": "country", "value": value, "negate": neg},
        st.sampled_from(["LAO", "BTN"]),
        st.booleans(),
    ),
)
rules = st.recursive(
    conditions,
    lambda children: st.builds(
        lambda op, rules, neg: {"op": op, "rules": rules, "negate": neg},
        st.sampled_from(access_rules.GROUP_OPS),
        st.lists(children, min_size=1, max_size=3),
        st.booleans(),
    ),
    max_leaves=8,
)
completions = st.dictionaries(
    item_ids,
    st.builds(
        lambda state, grade: SimpleNamespace(state=state, grade=grade),
        st.sampled_from(["complete", "passed", "failed"]),
        st.one_of(st.none(), st.integers(0, 100)),
    ),
)


@settings(max_examples=300, deadline=None)
@given(rule=rules, done=completions, country=st.sampled_from(["LAO", "BTN", None]))
def test_negation_inverts_and_every_valid_rule_has_a_sentence(rule, done, country):
    rule = access_rules.validate_rule(rule, item_ids={1, 2, 3})
    context = access_rules.RuleContext(
        completions=done,
        items={pk: Item(pk=pk, completion_rule=Item.CompletionRule.VIEWED) for pk in (1, 2, 3)},
        country=country,
        today=dt.date(2025, 6, 1),
    )
    flipped = dict(rule, negate=not rule.get("negate", False))
    assert access_rules.evaluate(flipped, context) is (not access_rules.evaluate(rule, context))
    words = access_rules.Wording(titles={1: "A", 2: "B", 3: "C"})
    assert access_rules.describe(rule, words).startswith("Not available")
