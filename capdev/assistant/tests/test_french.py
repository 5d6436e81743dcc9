import pytest
from django.urls import reverse

from capdev.library.services import document_ingest

pytestmark = pytest.mark.django_db


def test_chat_speaks_french(client_for, learner, reference_data):
    document_ingest(data=b"The forum met in Incheon in June 2024.", filename="forum.txt")
    client = client_for(learner)
    html = client.get(reverse("assistant:index"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Nouvelle conversation" in html and "Poser la question" in html
    response = client.post(
        reverse("assistant:index"),
        {"question": "Where did the forum meet?"},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )
    html = response.content.decode()
    assert "Incheon" in html and "Votre question :" in html
    assert "Extrait des sources" in html and "Cette réponse vous a-t-elle été utile ?" in html
    response = client.post(
        reverse("assistant:index"), {"question": "zanzibar"}, HTTP_ACCEPT_LANGUAGE="fr", follow=True
    )
    assert "dans les sources qui vous sont accessibles" in response.content.decode()
