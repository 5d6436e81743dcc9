"""The dashboard's figures checked against plain ORM counts of the same requests.

request_insights gets its figures from a few grouped passes (a row per country and
status, histograms of days for the medians) summed up in Python, because that is
what keeps the dashboard fast on 100,000 requests. Here every figure is counted
again the obvious way, one query per figure over the ids of the matching requests,
on a varied set of requests: on SQLite, and on PostgreSQL when DATABASE_URL points
there (as CI runs the suite).
"""

import datetime as dt
import random
import statistics

import pytest
from django.db.models import Count, Q
from django.utils import timezone, translation

from capdev.core.models import Country, SdgGoal, Theme
from capdev.support.models import CLOSED_STATUSES, SupportRequest, SupportType
from capdev.support.selectors import request_insights, requests_filter
from capdev.support.tests.helpers import PATH_TO, S, make_request, move

pytestmark = pytest.mark.django_db

# Every region, the three country groups and a country without a region (Antarctica).
COUNTRIES = [
    "LAO", "BTN", "KHM", "PAK", "TON", "MUS", "SEN", "SLE", "ETH",
    "NAM", "SYC", "GUY", "BRA", "FRA", "ATA",
]  # fmt: skip
THEMES = [
    "digital-government",
    "gender-equality-public-administration",
    "public-service-innovation",
    "data-governance",
    "quintet-data",
    "sdg-localization",
]
LAST_YEAR = timezone.localdate().year - 1


def _at(day: dt.date) -> dt.datetime:
    return min(timezone.now(), timezone.make_aware(dt.datetime.combine(day, dt.time(10))))


@pytest.fixture
def varied(officer):
    """Sixty requests over three years, every status, with and without due dates and tags."""
    rng = random.Random(3)  # noqa: S311 - test data, not secrets
    themes = list(Theme.objects.filter(slug__in=THEMES))
    kinds = list(SupportType.objects.all())
    goals = list(SdgGoal.objects.filter(number__in=[5, 16, 17]))
    today = timezone.localdate()
    for number in range(60):
        # Every country once, then more of the first few so that counts differ and tie.
        iso3 = COUNTRIES[number] if number < len(COUNTRIES) else rng.choice(COUNTRIES[:6])
        received = today - dt.timedelta(days=rng.randint(15, 3 * 365))
        due = received + dt.timedelta(days=rng.choice([7, 30, 900])) if rng.random() < 0.8 else None
        request = make_request(
            officer,
            iso3,
            title=f"Request {number} for {iso3}",
            received_on=received,
            due_on=due,
            themes=rng.sample(themes, rng.randint(0, 3)),
            support_types=rng.sample(kinds, rng.randint(0, 2)),
            sdgs=rng.sample(goals, rng.randint(0, 2)),
        )
        day = received
        for status in PATH_TO[rng.choice(S.values)]:
            day += dt.timedelta(days=rng.randint(0, 40))
            move(officer, request, status, at=_at(day))
    # A reopened request: completed once, its completion time cleared again.
    reopened = SupportRequest.objects.filter(status=S.CLOSED).first()
    move(officer, reopened, S.UNDER_REVIEW)


def _median(values: list[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def _name(row: dict) -> str:
    if translation.get_language().startswith("fr") and row["name_fr"]:
        return row["name_fr"]
    return row["name"]


def plain_insights(user, *, top: int = 10, **filters) -> dict:
    """The dashboard's figures counted one by one, the way a reader would check them."""
    ids = list(requests_filter(user, **filters).values_list("pk", flat=True))
    chosen = SupportRequest.objects.filter(pk__in=ids)
    still_open = chosen.exclude(status__in=CLOSED_STATUSES)
    years = list(chosen.values("year").annotate(count=Count("pk")).order_by("year"))
    if years:
        counts = {row["year"]: row["count"] for row in years}
        span = range(years[0]["year"], years[-1]["year"] + 1)
        years = [{"year": year, "count": counts.get(year, 0)} for year in span]
    linked = Q(support_requests__in=ids)
    themes = (
        Theme.objects.annotate(count=Count("support_requests", filter=linked))
        .filter(count__gt=0)
        .order_by("-count", "slug")
        .values("slug", "name", "name_fr", "count")
    )
    kinds = (
        SupportType.objects.annotate(count=Count("requests", filter=Q(requests__in=ids)))
        .filter(count__gt=0)
        .order_by("-count", "slug")
        .values("slug", "name", "name_fr", "position", "count")
    )
    return {
        "total": chosen.count(),
        "open": still_open.count(),
        "overdue": still_open.filter(due_on__lt=timezone.localdate()).count(),
        "by_status": [
            {"status": s.value, "label": str(s.label), "count": chosen.filter(status=s).count()}
            for s in S
        ],
        "by_region": [
            {"region": row["country__region"] or "—", "count": row["count"]}
            for row in chosen.values("country__region")
            .annotate(count=Count("pk"))
            .order_by("-count", "country__region")
        ],
        "by_country_group": [
            {"group": "LDC", "count": chosen.filter(country__is_ldc=True).count()},
            {"group": "LLDC", "count": chosen.filter(country__is_lldc=True).count()},
            {"group": "SIDS", "count": chosen.filter(country__is_sids=True).count()},
        ],
        "by_country": [
            {"iso3": row["country__iso3"], "country": row["country__name"], "count": row["count"]}
            for row in chosen.values("country__iso3", "country__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "country__name")[:top]
        ],
        "by_theme": [
            {"slug": row["slug"], "theme": _name(row), "count": row["count"]} for row in themes
        ],
        "by_support_type": [
            {"slug": row["slug"], "support_type": _name(row), "count": row["count"]}
            for row in sorted(kinds, key=lambda row: row["position"])
        ],
        "by_year": years,
        "median_days_to_first_response": _median(
            list(chosen.values_list("days_to_first_response", flat=True))
        ),
        "median_days_to_completion": _median(
            list(chosen.values_list("days_to_completion", flat=True))
        ),
    }


def _figures(user, **filters) -> dict:
    insights = request_insights(user, **filters)
    insights.pop("filters")
    return insights


def test_the_fixture_is_varied(officer, varied):
    insights = _figures(officer)
    assert insights["total"] == 60
    assert all(row["count"] for row in insights["by_status"])
    assert insights["overdue"] and insights["open"] > insights["overdue"]
    assert len(insights["by_region"]) == 6 and "—" in {r["region"] for r in insights["by_region"]}
    assert len(insights["by_country"]) == 10 < Country.objects.filter(iso3__in=COUNTRIES).count()
    assert len(insights["by_year"]) >= 3
    assert insights["median_days_to_first_response"] is not None
    assert insights["median_days_to_completion"] is not None


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"region": "Africa"},
        {"region": "Asia", "theme": "digital-government"},
        {"sub_region": "South-eastern Asia"},
        {"group": "sids"},
        {"group": "ldc", "year": LAST_YEAR},
        {"status": ["received", "in_progress", "completed"]},
        {"overdue": True},
        {"support_type": "training"},
        {"theme": "data-governance", "support_type": "advisory"},
        {"sdg": 5},
        {"country": "LAO"},
        {"q": "request 1"},
        {"region": "Europe", "status": "closed"},
    ],
    ids=repr,
)
def test_figures_equal_plain_counts(officer, varied, filters):
    assert _figures(officer, **filters) == plain_insights(officer, **filters)


def test_top_countries_cut_after_ties_as_the_database_orders_names(officer, varied):
    for top in (1, 3, 5):
        assert _figures(officer, top=top) == plain_insights(officer, top=top)


def test_figures_equal_plain_counts_for_a_focal_point_and_a_learner(
    focal_lao, learner, officer, varied
):
    assert _figures(focal_lao) == plain_insights(focal_lao)
    lao = SupportRequest.objects.filter(country__iso3="LAO").count()
    assert _figures(focal_lao)["total"] == lao
    assert _figures(focal_lao, region="Africa")["total"] == 0
    assert _figures(learner) == plain_insights(learner)
    assert _figures(learner)["total"] == 0


def test_figures_equal_plain_counts_in_french(officer, varied):
    with translation.override("fr"):
        assert _figures(officer, region="Asia") == plain_insights(officer, region="Asia")


def test_a_write_shows_at_once(officer, varied):
    before = _figures(officer, country="SEN")
    request = make_request(officer, "SEN", due_on=timezone.localdate() - dt.timedelta(days=1))
    after = _figures(officer, country="SEN")
    assert after["total"] == before["total"] + 1
    assert after["overdue"] == before["overdue"] + 1
    move(officer, request, *PATH_TO[S.COMPLETED])
    assert _figures(officer, country="SEN") == plain_insights(officer, country="SEN")


def test_no_requests_at_all(officer):
    insights = _figures(officer)
    assert insights == plain_insights(officer)
    assert insights["median_days_to_first_response"] is None
