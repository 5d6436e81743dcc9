"""Demo: the four module self-assessments of the women's leadership course, from GIFT files.

Each quiz is imported from `demo_data/module-N.gift` into the course's question bank
and attached to the course item "Module N self-assessment", so that passing it unlocks
the next module as the learning demo's access rules say. Without that course the
quizzes are made on their own. Running it again changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model

from capdev.quizzes import integration, services
from capdev.quizzes.models import Question, Quiz

DEMO_DIR = Path(__file__).parent / "demo_data"
COURSE_TITLE = "Promoting the presence and leadership of women in public administration"
MODULES = 4


def load(stdout) -> None:
    trainer = get_user_model().objects.filter(email="trainer@demo.capdev.org").first()
    course = integration.course_by_title(COURSE_TITLE)
    for number in range(1, MODULES + 1):
        title = f"Module {number} self-assessment"
        item = integration.course_quiz_item(course, title) if course else None
        existing = Quiz.objects.filter(title=title)
        existing = existing.filter(item=item) if item else existing.filter(item__isnull=True)
        if existing.exists():
            continue
        data = (DEMO_DIR / f"module-{number}.gift").read_bytes()
        result = services.gift_import(
            data=data, user=trainer, course=course, category_name="Self-assessments"
        )
        quiz = services.quiz_create(
            title=title,
            owner=trainer,
            item=item,
            intro="Having completed this module, answer the following questions. "
            "You need 60 % to pass; you may try again as often as you like.",
            is_published=True,
            pass_grade=60,
            review_correct_answers=True,
        )
        for question in Question.objects.filter(pk__in=result.question_ids).order_by("pk"):
            services.quiz_add_question(quiz=quiz, question=question)
        services.quiz_repaginate(quiz=quiz, per_page=3)
        where = f"course item of {course.title}" if item else "standalone"
        stdout.write(f"  quiz “{title}”: {result.created} questions from GIFT ({where})")
