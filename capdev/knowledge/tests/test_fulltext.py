"""Keyword ranking within a budget: the steps of capdev.knowledge.fulltext, scoped in SQL.

A budget of a few passages stands in for RANK_BUDGET on a large index.
"""

import pytest
from django.db import connection

from capdev.knowledge import fulltext
from capdev.knowledge.models import Chunk
from capdev.knowledge.search import readable_chunks
from capdev.knowledge.text import query_terms
from conftest import country

pytestmark = pytest.mark.django_db


def passage(text: str, *, visibility: str = "public", country_code: str | None = None) -> int:
    chunk = Chunk.objects.create(
        source_type="test",
        source_id=Chunk.objects.count() + 1,
        title="Passage",
        text=text,
        visibility=visibility,
        country=country(country_code) if country_code else None,
    )
    return chunk.pk


def ranking(user, query: str, *, budget: int, limit: int = 10, filters=None) -> list[int]:
    terms = query_terms(query)
    return fulltext.ranking(terms, readable_chunks(user, filters), limit=limit, budget=budget)


def analyse() -> None:
    # PostgreSQL tells common words from rare ones by the planner's statistics.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE knowledge_chunk")


def test_the_budget_counts_only_passages_the_user_may_read(focal_lao):
    for _ in range(5):
        passage("Staff notes on the budget reform.", visibility="staff")
    public = {passage("Public budget reform summary."), passage("The budget reform, in brief.")}
    # Were the budget spent before the scope, the five staff passages would use it up.
    assert set(ranking(focal_lao, "budget", budget=3)) == public
    assert set(ranking(focal_lao, "budget reform", budget=3)) == public


def test_rare_words_bring_passages_in_before_common_ones(officer):
    for index in range(6):
        passage(f"Training training training for officials, session {index}.")
    rare = passage("Thimphu hosted one training.")
    other = passage("A note from Thimphu.")
    analyse()
    found = ranking(officer, "training Thimphu", budget=3, limit=4)
    # Every word first (AND), then the rare word's passages, then the common word's.
    assert found[:2] == [rare, other]
    assert len(found) == 4


def test_every_step_keeps_to_the_scope(focal_lao, focal_bhutan):
    for _ in range(6):
        passage("Training of officials on digital government.", visibility="staff")
    bhutan = passage(
        "Bhutan training of officials in Thimphu.", visibility="country", country_code="BTN"
    )
    lao = passage(
        "Training in Vientiane on digital government.", visibility="country", country_code="LAO"
    )
    analyse()
    for query in ("training", "training Thimphu", "digital government Thimphu Vientiane"):
        assert bhutan not in ranking(focal_lao, query, budget=2)
        assert lao not in ranking(focal_bhutan, query, budget=2)
    assert ranking(focal_lao, "Thimphu training", budget=2) == [lao]
    assert ranking(focal_bhutan, "Thimphu", budget=2) == [bhutan]
    assert ranking(focal_bhutan, "training", budget=2, filters={"country": "LAO"}) == []


def test_within_the_budget_the_ranking_is_plain_and_then_or(officer):
    ids = [
        passage("Gender budget of the ministry."),
        passage("Budget lines for the workshop."),
        passage("Gender equality in the civil service."),
        passage("The ministry's workshop on gender budgeting and budget reform."),
    ]
    analyse()
    everything = len(ids) * 3
    for query in ("gender budget", "workshop ministry gender", "reform equality"):
        assert ranking(officer, query, budget=everything) == ranking(officer, query, budget=10**9)
