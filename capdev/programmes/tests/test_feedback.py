"""Post-event feedback: anyone signed in answers; organisers read and feature quotes."""

import pytest
from django.urls import reverse

from capdev.programmes.models import Feedback
from capdev.programmes.tests.helpers import make_activity

pytestmark = pytest.mark.django_db


def test_feedback_flow(client, client_for, learner, officer, focal_lao):
    activity = make_activity(is_published=True)
    url = reverse("programmes:feedback_submit", args=[activity.pk])
    assert client.get(url).status_code == 302  # sign in first
    response = client_for(learner).post(
        url,
        {
            "relevance": "5",
            "quality": "4",
            "usefulness": "3",
            "comment": "Very practical.",
            "may_quote": "on",
            "quote_name": "L. Learner",
        },
    )
    assert response.status_code == 302
    client_for(learner).post(url, {"relevance": "1", "quality": "2", "usefulness": "3"})
    assert client_for(learner).post(url, {"relevance": "9"}).status_code == 200  # invalid

    detail = reverse("programmes:activity_detail", args=[activity.pk])
    public = client.get(detail).content.decode()
    assert "relevance 3.0/5" in public and "Very practical." not in public
    staff_page = client_for(officer).get(detail).content.decode()
    assert "Very practical." in staff_page

    feedback = Feedback.objects.get(comment="Very practical.")
    feature = reverse("programmes:feedback_feature", args=[activity.pk, feedback.pk])
    assert client_for(focal_lao).post(feature, {"featured": "1"}).status_code == 403
    client_for(officer).post(feature, {"featured": "1"})
    feedback.refresh_from_db()
    assert feedback.is_featured
    silent = Feedback.objects.exclude(pk=feedback.pk).get()
    client_for(officer).post(
        reverse("programmes:feedback_feature", args=[activity.pk, silent.pk]), {"featured": "1"}
    )
    silent.refresh_from_db()
    assert not silent.is_featured  # no comment, no consent: never featured


def test_pages_in_french(client, settings):
    make_activity("Atelier", is_published=True)
    response = client.get(
        reverse("programmes:snapshot_year", args=[2023]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Instantané du renforcement des capacités 2023" in response.content.decode()
