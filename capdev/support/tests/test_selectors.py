import datetime as dt

import pytest
from django.urls import reverse

from capdev.core.models import SdgGoal, Theme
from capdev.support import selectors
from capdev.support.models import SupportType
from capdev.support.selectors import FilterError, request_insights, requests_filter
from capdev.support.tests.helpers import S, make_request, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(officer):
    digital = Theme.objects.get(slug="digital-government")
    gender = Theme.objects.get(slug="gender-equality-public-administration")
    training = SupportType.objects.get(slug="training")
    at = dt.datetime(2024, 3, 5, 12, tzinfo=dt.UTC)
    lao = make_request(
        officer,
        "LAO",
        received_on=dt.date(2024, 3, 1),
        themes=[digital, gender],
        support_types=[training],
        sdgs=[SdgGoal.objects.get(number=5)],
    )
    move(officer, lao, S.UNDER_REVIEW, at=at)  # 4 days to first response
    btn = make_request(officer, "BTN", received_on=dt.date(2023, 1, 10), themes=[gender])
    move(officer, btn, S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS, at=at.replace(year=2023))
    sen = make_request(officer, "SEN", received_on=dt.date(2021, 6, 1), due_on=dt.date(2021, 7, 1))
    return {"lao": lao, "btn": btn, "sen": sen}


def test_filters(officer, sample):
    def refs(**filters):
        return {r.country.iso3 for r in requests_filter(officer, **filters)}

    assert refs() == {"LAO", "BTN", "SEN"}
    assert refs(region="Asia") == {"LAO", "BTN"}
    assert refs(region="002") == {"SEN"}
    assert refs(sub_region="South-eastern Asia") == {"LAO"}
    assert refs(group="lldc") == {"LAO", "BTN"}
    assert refs(theme="gender-equality-public-administration") == {"LAO", "BTN"}
    assert refs(sdg=5) == {"LAO"}
    assert refs(support_type="training") == {"LAO"}
    assert refs(year=2023) == {"BTN"}
    assert refs(status=["in_progress", "received"]) == {"BTN", "SEN"}
    assert refs(overdue=True) == {"SEN"}
    assert refs(country="btn") == {"BTN"}
    assert refs(officer=officer.pk) == set()
    assert refs(q=sample["lao"].reference) == {"LAO"}
    with pytest.raises(FilterError):
        refs(status="lost")
    with pytest.raises(TypeError):
        refs(colour="red")


def test_insights_figures(officer, sample):
    insights = request_insights(officer)
    assert insights["total"] == 3 and insights["open"] == 3 and insights["overdue"] == 1
    by_status = {row["status"]: row["count"] for row in insights["by_status"]}
    assert by_status["under_review"] == 1 and by_status["in_progress"] == 1
    assert {row["region"]: row["count"] for row in insights["by_region"]} == {
        "Asia": 2,
        "Africa": 1,
    }
    assert {r["group"]: r["count"] for r in insights["by_country_group"]}["LLDC"] == 2
    assert next(r["count"] for r in insights["by_theme"]) == 2
    assert insights["by_year"] == [
        {"year": 2021, "count": 1},
        {"year": 2022, "count": 0},
        {"year": 2023, "count": 1},
        {"year": 2024, "count": 1},
    ]
    # 4 days (LAO) and 54 days (BTN): the median of two is their mean.
    assert insights["median_days_to_first_response"] == 29
    assert insights["median_days_to_completion"] is None
    asia = request_insights(officer, region="Asia", theme="digital-government")
    assert asia["total"] == 1 and asia["median_days_to_first_response"] == 4


def test_insights_are_scoped(focal_lao, focal_bhutan, learner, sample):
    assert request_insights(focal_lao)["total"] == 1
    assert request_insights(focal_bhutan, region="Africa")["total"] == 0
    assert request_insights(learner)["total"] == 0


def test_dashboard_url():
    url = selectors.dashboard_url(region="Africa", status=["received", "accepted"], q="")
    assert url == reverse("support:dashboard") + "?region=Africa&status=received&status=accepted"
    assert selectors.dashboard_url() == reverse("support:dashboard")


def test_dashboard_page_and_htmx_partial(client_for, officer, sample):
    client = client_for(officer)
    url = reverse("support:dashboard")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-get="' in html and "<svg" in html and '<table class="chart-data">' in html
    partial = client.get(url, {"region": "Africa"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and 'data-figure="total">1<' in body
    assert partial.context["insights"]["total"] == 1


def test_dashboard_query_count_is_fixed(client_for, officer, sample, django_assert_max_num_queries):
    client = client_for(officer)
    # 12 for the session, the user and the filter form's choices, 11 for the figures.
    with django_assert_max_num_queries(23):
        client.get(reverse("support:dashboard"), {"region": "Asia"}, headers={"HX-Request": "true"})
