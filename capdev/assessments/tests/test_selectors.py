import pytest
from django.contrib.auth.models import AnonymousUser

from capdev.assessments import selectors, services
from capdev.core.models import Country

pytestmark = pytest.mark.django_db


def make(framework, officer, iso3, year, answers, *, validate=True, publish=False):
    assessment = services.assessment_create(
        user=officer, framework=framework, country=Country.objects.get(iso3=iso3), year=year
    )
    services.assessment_answer(user=officer, assessment=assessment, answers=answers)
    if validate:
        services.assessment_submit(user=officer, assessment=assessment)
        services.assessment_validate(user=officer, assessment=assessment)
    if publish:
        services.assessment_publish(user=officer, assessment=assessment)
    return assessment


ALL_YES = {"a1": "yes", "a2": "na", "b1": "yes"}
HALF = {"a1": "partly", "a2": "na", "b1": "partly"}
NONE = {"a1": "no", "a2": "na", "b1": "no"}


@pytest.fixture
def world(small, officer):
    return {
        "lao": make(small, officer, "LAO", 2024, HALF),
        "btn": make(small, officer, "BTN", 2024, ALL_YES, publish=True),
        "btn_draft": make(small, officer, "BTN", 2025, NONE, validate=False),
    }


def visible(user):
    return set(selectors.assessments_visible_to(user).values_list("pk", flat=True))


def test_scoping_of_assessments(world, officer, focal_lao, focal_bhutan, trainer, learner):
    ids = {name: a.pk for name, a in world.items()}
    assert visible(officer) == set(ids.values())
    assert visible(focal_lao) == {ids["lao"]}
    assert visible(focal_bhutan) == {ids["btn"], ids["btn_draft"]}
    assert visible(trainer) == set()
    assert visible(learner) == set()
    assert visible(AnonymousUser()) == set()
    assert selectors.assessment_get_for_user(focal_lao, ids["btn"]) is None


def rows(user, framework, **kwargs):
    result = selectors.comparison(user, framework=framework, **kwargs)
    return [(r.iso3, r.year, r.score, r.level, r.dimensions) for r in result.rows]


def test_comparison_for_officer(world, small, officer):
    assert rows(officer, small) == [
        ("BTN", 2024, 100.0, "gold", [100.0, 100.0]),
        ("LAO", 2024, 50.0, "", [50.0, 50.0]),
    ]
    assert [r[:2] for r in rows(officer, small, include_unvalidated=True)] == [
        ("BTN", 2024),
        ("BTN", 2025),
        ("LAO", 2024),
    ]


def test_comparison_scoping(world, small, focal_lao, focal_bhutan, learner):
    # Lao PDR: its own result and Bhutan's published one; never Bhutan's draft.
    assert [r[:2] for r in rows(focal_lao, small, include_unvalidated=True)] == [
        ("BTN", 2024),
        ("LAO", 2024),
    ]
    # Bhutan does not see Lao PDR's unpublished result.
    assert [r[:2] for r in rows(focal_bhutan, small)] == [("BTN", 2024)]
    # Anyone: published validated results only.
    assert [r[:2] for r in rows(learner, small)] == [("BTN", 2024)]
    assert [r[:2] for r in rows(AnonymousUser(), small)] == [("BTN", 2024)]


def test_comparison_averages_institutions_and_filters(world, small, officer):
    make(small, officer, "LAO", 2024, ALL_YES)
    # Two Lao PDR assessments in 2024: (50 + 100) / 2 = 75.
    assert rows(officer, small, countries=["lao"]) == [("LAO", 2024, 75.0, "silver", [75.0, 75.0])]
    make(small, officer, "LAO", 2026, NONE)
    assert [r[:3] for r in rows(officer, small, countries=["LAO"], year_from=2025)] == [
        ("LAO", 2026, 0.0)
    ]


def test_comparison_across_versions(world, small, officer):
    from capdev.assessments.tests.helpers import small_definition

    changed = small_definition()
    changed["title"] = "Small framework, second edition"
    services.framework_load(data=changed)
    second = selectors.framework_get("small")
    assert second.version == 2
    make(second, officer, "LAO", 2026, ALL_YES)
    assert [r[:3] for r in rows(officer, second, countries=["LAO"])] == [
        ("LAO", 2024, 50.0),
        ("LAO", 2026, 100.0),
    ]


def test_gaps(world, small, officer):
    lao = world["lao"]
    assert selectors.assessment_gaps(lao) == []
    draft = make(small, officer, "SEN", 2025, NONE, validate=False)
    assert [c.code for c, _a in selectors.assessment_gaps(draft)] == ["a1", "b1"]
