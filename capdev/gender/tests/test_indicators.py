"""Every indicator against figures computed by hand from a small workforce.

Institution A (Lao PDR, national), 2023:
    band             women men other  pay w/m      promoted w/m  trained w/m
    decision-making      2   8     0  900/1000     1/2           2/4
    senior               5   5     0  700/800      1/1           5/5
    professional        30  20     2  —            —             —
    support              0   0     0  (a band with zero staff)
Institution B (Lao PDR, subnational), 2023:
    decision-making      3   0     0  500/—        (no men in the band)
    professional        10  10     0  400/500      2/1           5/2
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from capdev.core.models import Country
from capdev.gender import services
from capdev.gender.metrics import indicator_rows, target_statuses
from capdev.gender.models import Level

pytestmark = pytest.mark.django_db
approx = pytest.approx


@pytest.fixture
def workforce(make_institution, make_record):
    a = make_institution("LAO", "Ministry A", Level.NATIONAL)
    b = make_institution("LAO", "Province B", Level.SUBNATIONAL, sector="local")
    make_record(
        a,
        2023,
        "decision_making",
        women=2,
        men=8,
        pay_women=900,
        pay_men=1000,
        promoted_women=1,
        promoted_men=2,
        trained_women=2,
        trained_men=4,
    )
    make_record(
        a,
        2023,
        "senior",
        women=5,
        men=5,
        pay_women=700,
        pay_men=800,
        promoted_women=1,
        promoted_men=1,
        trained_women=5,
        trained_men=5,
    )
    make_record(a, 2023, "professional", women=30, men=20, other=2)
    make_record(a, 2023, "support", women=0, men=0)
    make_record(b, 2023, "decision_making", women=3, men=0, pay_women=500)
    make_record(
        b,
        2023,
        "professional",
        women=10,
        men=10,
        pay_women=400,
        pay_men=500,
        promoted_women=2,
        promoted_men=1,
        trained_women=5,
        trained_men=2,
    )
    # A year with headcounts only: no pay, promotion, training or decision-making data.
    make_record(a, 2022, "professional", women=10, men=10)
    return a, b


def one(rows, **match):
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


def test_institution_a(workforce, officer):
    a, _b = workforce
    row = one(indicator_rows(officer, level="institution"), institution_id=a.pk, year=2023)
    assert (row["women"], row["men"], row["other"], row["total"]) == (37, 33, 2, 72)
    assert row["women_share"] == approx(37 / 72 * 100)  # 51.39 %
    assert row["women_share_decision"] == approx(20.0)  # 2 of 10
    assert row["parity_index"] == approx(37 / 33)
    assert row["glass_ceiling_index"] == approx((37 / 72 * 100) / 20.0)  # 2.57
    segregation = 50 * (abs(2 / 37 - 8 / 33) + abs(5 / 37 - 5 / 33) + abs(30 / 37 - 20 / 33))
    assert row["segregation_index"] == approx(segregation)
    assert row["segregation_index"] == approx(20.475, abs=0.001)
    # Pay only where both sexes' pay is reported, weighted by headcount.
    mean_w, mean_m = (900 * 2 + 700 * 5) / 7, (1000 * 8 + 800 * 5) / 13
    assert row["pay_gap"] == approx((mean_m - mean_w) / mean_m * 100)  # 17.98 %
    assert row["promotion_ratio"] == approx((2 / 7) / (3 / 13))
    assert row["training_ratio"] == approx((7 / 7) / (9 / 13))


def test_institution_b_no_men_in_decision_making(workforce, officer):
    _a, b = workforce
    row = one(indicator_rows(officer, level="institution"), institution_id=b.pk, year=2023)
    assert row["women_share"] == approx(13 / 23 * 100)
    assert row["women_share_decision"] == approx(100.0)
    assert row["glass_ceiling_index"] == approx((13 / 23 * 100) / 100)
    assert row["pay_gap"] == approx(20.0)  # only the professional band has both pays
    assert row["promotion_ratio"] == approx(2.0)
    assert row["training_ratio"] == approx(2.5)
    band = one(
        indicator_rows(officer, level="institution", band="decision_making"),
        institution_id=b.pk,
    )
    assert band["women_share"] == approx(100.0)
    # Women per man and the pay gap are undefined without men: missing, not zero.
    assert band["parity_index"] is None
    assert band["pay_gap"] is None
    assert band["segregation_index"] is None


def test_band_with_zero_staff_is_missing(workforce, officer):
    rows = indicator_rows(officer, level="institution", band="support")
    row = one(rows, institution_id=workforce[0].pk)
    assert row["total"] == 0
    for code in ("women_share", "parity_index", "pay_gap", "promotion_ratio"):
        assert row[code] is None


def test_no_pay_promotion_or_decision_data_is_missing_not_zero(workforce, officer):
    row = one(
        indicator_rows(officer, level="institution"), institution_id=workforce[0].pk, year=2022
    )
    assert row["women_share"] == approx(50.0)
    assert row["parity_index"] == approx(1.0)
    for code in (
        "women_share_decision",
        "glass_ceiling_index",
        "pay_gap",
        "promotion_ratio",
        "training_ratio",
    ):
        assert row[code] is None, code


def test_country_level_is_weighted_by_headcount(workforce, officer):
    row = one(indicator_rows(officer, level="country", years=[2023]), country="LAO")
    assert (row["women"], row["men"], row["total"]) == (50, 43, 95)
    assert row["women_share"] == approx(50 / 95 * 100)
    # Pooled, not the average of the institutions' 51.4 % and 56.5 %.
    assert row["women_share"] != approx((37 / 72 * 100 + 13 / 23 * 100) / 2)
    assert row["women_share_decision"] == approx(5 / 13 * 100)
    mean_w = (900 * 2 + 700 * 5 + 400 * 10) / 17
    mean_m = (1000 * 8 + 800 * 5 + 500 * 10) / 23
    assert row["pay_gap"] == approx((mean_m - mean_w) / mean_m * 100)  # 25.99 %, not 18.99 %
    assert row["promotion_ratio"] == approx((4 / 17) / (4 / 23))


def test_national_and_subnational_levels(workforce, officer):
    national = one(indicator_rows(officer, level="national", years=[2023]), country="LAO")
    subnational = one(indicator_rows(officer, level="subnational", years=[2023]), country="LAO")
    assert national["women_share"] == approx(37 / 72 * 100)
    assert subnational["women_share"] == approx(13 / 23 * 100)
    assert subnational["level"] == "subnational"


def test_trend_has_one_row_per_year(workforce, officer):
    rows = indicator_rows(officer, level="country", countries=["lao"])
    assert [r["year"] for r in rows] == [2022, 2023]


def test_filters_sector_and_country(workforce, officer, make_institution, make_record):
    bhutan = make_institution("BTN", "Bhutan ministry")
    make_record(bhutan, 2023, "support", women=0, men=0)  # reported, but nobody in it
    rows = indicator_rows(officer, level="country", years=[2023])
    assert [r["country"] for r in rows] == ["BTN", "LAO"]
    assert one(rows, country="BTN")["women_share"] is None
    local = indicator_rows(officer, level="country", sector="local")
    assert [r["women"] for r in local] == [13]


def test_scoping_and_publication(
    workforce, officer, focal_lao, focal_bhutan, learner, make_institution, make_record
):
    bhutan = make_institution("BTN", "Bhutan ministry")
    make_record(bhutan, 2023, "professional", women=4, men=6)
    assert {r["country"] for r in indicator_rows(focal_lao)} == {"LAO"}
    assert {r["country"] for r in indicator_rows(focal_bhutan)} == {"BTN"}
    assert indicator_rows(learner) == []
    assert indicator_rows(AnonymousUser()) == []
    services.year_publish(user=officer, country=Country.objects.get(iso3="LAO"), year=2023)
    public = indicator_rows(AnonymousUser())
    assert [(r["country"], r["year"]) for r in public] == [("LAO", 2023)]
    assert {r["country"] for r in indicator_rows(focal_bhutan)} == {"BTN", "LAO"}
    # Published figures are aggregates: another country's institutions stay hidden.
    assert {r["country"] for r in indicator_rows(focal_bhutan, level="institution")} == {"BTN"}
    assert indicator_rows(AnonymousUser(), level="institution") == []


def test_only_officers_publish(workforce, focal_lao):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.year_publish(user=focal_lao, country=Country.objects.get(iso3="LAO"), year=2023)


@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2025, 30.0, "on_track"),  # due: 25 % of the way from 20 to 40 by 2025 → 25; at 30
        (2025, 24.6, "on_track"),  # 23 % achieved of 25 % due: within 90 %
        (2025, 23.0, "at_risk"),  # 15 % achieved of 25 %
        (2025, 21.0, "off_track"),  # 5 % achieved of 25 %
        (2027, 15.0, "off_track"),  # going backwards
        (2028, 40.0, "on_track"),
        (2024, 25.0, "no_data"),  # nothing measured after the baseline
        (None, None, "no_data"),
    ],
)
def test_trajectory_status(year, value, status):
    from capdev.gender.metrics import trajectory_status

    assert (
        trajectory_status(
            baseline_year=2024,
            baseline_value=20.0,
            target_year=2028,
            target_value=40.0,
            year=year,
            value=value,
        )
        == status
    )


def test_target_status_from_the_indicator(workforce, officer, make_plan):
    plan = make_plan("LAO")
    services.target_create(
        user=officer,
        plan=plan,
        indicator="women_share_decision",
        baseline_year=2022,
        baseline_value=10.0,
        target_year=2026,
        target_value=50.0,
    )
    services.target_create(
        user=officer,
        plan=plan,
        indicator="pay_gap",
        band="professional",
        baseline_year=2023,
        baseline_value=20.0,
        target_year=2026,
        target_value=5.0,
    )
    decision, pay = target_statuses(officer, plan)
    # Decision-making share 2023: 5 of 13 = 38.5 %; due by 2023: 10 of the 40 points.
    assert decision["year"] == 2023 and decision["value"] == approx(5 / 13 * 100)
    assert decision["status"] == "on_track"
    # No pay measured after 2023 in the professional band yet.
    assert pay["status"] == "no_data" and pay["value"] is None


def test_figures_are_rounded_and_missing_is_a_dash():
    from capdev.gender.templatetags.gender import figure

    assert figure(44 / 92 * 100, 2) == "47.83"
    assert figure(None) == "—"
    assert figure(0.0) == "0.0"
