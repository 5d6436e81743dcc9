import pytest
from django.urls import reverse

from capdev.assistant.models import Message
from capdev.library.services import document_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(reference_data):
    return document_ingest(data=b"The forum met in Incheon in June 2024.", filename="f.txt")


def test_chat_needs_sign_in(client):
    assert client.get(reverse("assistant:index")).status_code == 302


def test_ask_keeps_history_and_feedback(client_for, learner, forum):
    client = client_for(learner)
    response = client.post(reverse("assistant:index"), {"question": "Where did the forum meet?"})
    message = Message.objects.get()
    assert response.url == message.conversation.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "Incheon" in page and "f.txt" in page
    client.post(
        reverse("assistant:conversation", args=[message.conversation.pk]),
        {"question": "When did it meet?"},
    )
    assert message.conversation.messages.count() == 2
    client.post(reverse("assistant:feedback", args=[message.pk]), {"value": "-1"})
    message.refresh_from_db()
    assert message.feedback == -1
    assert (
        client.post(reverse("assistant:feedback", args=[message.pk]), {"value": "7"}).status_code
        == 400
    )


def test_htmx_ask_returns_the_fragment(client_for, learner, forum):
    client = client_for(learner)
    response = client.post(
        reverse("assistant:index"), {"question": "forum Incheon"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and "Incheon" in body and response["HX-Push-Url"]


def test_others_conversations_are_hidden(client_for, learner, officer, forum):
    client_for(learner).post(reverse("assistant:index"), {"question": "forum"})
    message = Message.objects.get()
    client = client_for(officer)
    assert client.get(message.conversation.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("assistant:feedback", args=[message.pk]), {"value": "1"}).status_code
        == 404
    )
