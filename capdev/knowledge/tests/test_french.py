import pytest
from django.urls import reverse

from capdev.library.services import document_ingest

pytestmark = pytest.mark.django_db


def test_search_page_speaks_french(client, reference_data):
    document_ingest(data=b"The forum met in Incheon in June 2024.", filename="forum.txt")
    url = reverse("knowledge:index")
    html = client.get(url, {"q": "Incheon forum"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 résultat" in html and "Toutes les langues" in html and ">Tout<" in html
    html = client.get(url, {"q": "zanzibar"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "0 résultat" in html and "Essayez avec moins de mots" in html
