import io

import pytest

from capdev.quizzes import demo
from capdev.quizzes.models import Question, Quiz

pytestmark = pytest.mark.django_db


def test_demo_loads_four_self_assessments_once(reference_data):
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    quizzes = Quiz.objects.order_by("title")
    assert [q.title for q in quizzes] == [f"Module {n} self-assessment" for n in range(1, 5)]
    assert all(q.slots.count() >= 5 and q.pass_grade == 60 for q in quizzes)
    assert Question.objects.count() == 21
    types = set(Question.objects.values_list("qtype", flat=True))
    assert types == {"multichoice", "truefalse", "shortanswer", "numerical", "matching", "essay",
                     "description"}  # fmt: skip
