import pytest
from django.urls import reverse

from capdev.knowledge.chunking import chunk_passage
from capdev.knowledge.models import Chunk
from capdev.knowledge.search import keyword_ranking, rrf, search
from capdev.knowledge.sources import Passage
from capdev.knowledge.text import highlight, query_terms
from capdev.library.models import Visibility
from capdev.library.services import document_delete, document_ingest, document_update
from conftest import country

pytestmark = pytest.mark.django_db


def ingest(text: str, name: str, **kwargs):
    result = document_ingest(data=text.encode(), filename=name, **kwargs)
    assert result.ok, result.message
    return result.document


@pytest.fixture
def documents(reference_data):
    return {
        "budget": ingest("The project budget is 750,000 dollars from Italy.", "budget.txt"),
        "bhutan": ingest(
            "Bhutan plans flexible working arrangements for civil servants.",
            "bhutan-plan.txt",
            visibility=Visibility.COUNTRY,
            country=country("BTN"),
        ),
        "forum": ingest("The forum met in Incheon in June 2024.", "forum.txt", year=2024),
    }


def titles(results):
    return [r.chunk.title for r in results]


def test_keyword_search_finds_the_passage(documents, officer):
    assert titles(search(officer, "What was the budget?", mode="keyword"))[0] == "Budget"


def test_stemming_matches_other_word_forms(documents, officer):
    assert titles(search(officer, "planning flexible arrangement", mode="keyword")) == [
        "Bhutan plan"
    ]


def test_or_fallback_when_not_every_word_matches(documents, officer):
    assert "Forum" in titles(search(officer, "forum Tokyo Incheon", mode="keyword"))


def test_scope_hides_other_countries(documents, focal_lao, focal_bhutan, client):
    assert search(focal_lao, "flexible working arrangements", mode="keyword") == []
    assert titles(search(focal_bhutan, "flexible working arrangements", mode="keyword")) == [
        "Bhutan plan"
    ]
    from django.contrib.auth.models import AnonymousUser

    assert search(AnonymousUser(), "flexible working", mode="keyword") == []


def test_scope_is_applied_before_the_limit(reference_data, focal_lao):
    for index in range(60):
        ingest(f"Secret budget line {index}.", f"s{index}.txt", visibility="staff")
    ingest("Public budget line.", "public.txt")
    assert titles(search(focal_lao, "budget line", limit=5, mode="keyword")) == ["Public"]


def test_visibility_change_reaches_the_index(documents, focal_lao):
    document_update(document=documents["bhutan"], visibility=Visibility.PUBLIC)
    assert titles(search(focal_lao, "flexible working", mode="keyword")) == ["Bhutan plan"]


def test_deleted_documents_are_never_found(documents, officer):
    document_delete(document=documents["budget"])
    assert search(officer, "budget Italy", mode="keyword") == []
    assert not Chunk.objects.filter(source_type="document", title="Budget").exists()


def test_filters(documents, officer):
    assert search(officer, "forum", filters={"year": 2023}, mode="keyword") == []
    assert titles(search(officer, "forum", filters={"year": 2024}, mode="keyword")) == ["Forum"]
    assert search(officer, "civil servants", filters={"country": "LAO"}, mode="keyword") == []


def test_odd_queries_never_fail(documents, officer):
    for query in ['"', "NEAR(", "a OR", "*", "-", "())", "select * from x;", "é"]:
        keyword_ranking(officer, query)


def test_snippets_are_escaped_and_highlighted():
    snippet = highlight("<b>Budget</b> of the budgets", query_terms("budget"))
    assert snippet == "&lt;b&gt;<mark>Budget</mark>&lt;/b&gt; of the <mark>budgets</mark>"


def test_chunks_stay_small_and_overlap():
    text = " ".join(f"Sentence number {i} has some words in it." for i in range(100))
    chunks = list(chunk_passage(Passage(text, page=3), max_words=50, overlap=10))
    assert len(chunks) > 5
    assert all(len(c.text.split()) <= 50 and c.page == 3 for c in chunks)
    assert chunks[0].text.split(".")[-2].strip() in chunks[1].text


def test_rrf_rewards_agreement():
    fused = rrf({"keyword": [1, 2, 3], "semantic": [3, 4, 1]})
    assert [pk for pk, _, _ in fused][:2] == [1, 3]


def test_search_page(client, documents):
    response = client.get(reverse("knowledge:index"), {"q": "budget"})
    assert response.status_code == 200
    assert "<mark>budget</mark>" in response.content.decode()
    response = client.get(reverse("knowledge:index"), {"q": "flexible"})
    assert "Bhutan plan" not in response.content.decode()
    response = client.get(reverse("knowledge:index"), {"q": "budget"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
