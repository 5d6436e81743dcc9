"""Building quizzes for tests through the services, as the pages do."""

from capdev.quizzes import services

GIFT_SAMPLE = """\
// [id:LEAD-1] [tag:leadership]
::Parity::In most countries, who holds fewer senior posts?{=Women ~Men#No: the data says otherwise.}

::Quota::A quota is a temporary special measure.{TRUE#Look again.#Right: it is temporary.}

::Year::In which year was the Beijing Platform for Action adopted?{#1995:0}

::Share::Name the body that adopted CEDAW.{=General Assembly =%50%UN#Which part of it?}
"""


def category(user=None, name="Module 1"):
    return services.category_create(name=name, user=user)


def mc_question(cat, *, name="Women in senior posts", single=True, user=None):
    if single:
        answers = [
            {"text": "Fewer than a third", "fraction": 1, "feedback": "Right."},
            {"text": "About half", "fraction": 0, "feedback": "Not yet."},
            {"text": "Most", "fraction": -0.5, "feedback": "Far from it."},
        ]
    else:
        answers = [
            {"text": "Flexible work", "fraction": 0.5},
            {"text": "Mentoring", "fraction": 0.5},
            {"text": "Longer hours", "fraction": -1},
        ]
    return services.question_create(
        category=cat,
        user=user,
        data={"type": "multichoice", "name": name, "text": "Pick.", "answers": answers},
    )


def quiz_with(questions, *, owner=None, **fields):
    fields.setdefault("is_published", True)
    quiz = services.quiz_create(title="Module 1 self-assessment", owner=owner, **fields)
    for question in questions:
        services.quiz_add_question(quiz=quiz, question=question)
    return quiz


def standard_quiz(owner=None, **fields):
    """A quiz of one multiple-choice, one true/false, one short answer and one essay."""
    cat = category(owner)
    questions = [
        mc_question(cat, user=owner),
        services.question_create(
            category=cat,
            data={"type": "truefalse", "name": "Quota", "text": "Quotas are temporary.",
                  "correct": True, "feedback_true": "Yes.", "feedback_false": "No."},
        ),
        services.question_create(
            category=cat,
            data={"type": "shortanswer", "name": "Treaty", "text": "Which convention?",
                  "answers": [{"text": "CEDAW", "fraction": 1, "feedback": "Well done"}]},
        ),
        services.question_create(
            category=cat,
            data={"type": "essay", "name": "Reflect", "text": "Describe a barrier."},
        ),
    ]  # fmt: skip
    return quiz_with(questions, owner=owner, **fields)


FULL_SECRETS = [
    "SECRET-FEEDBACK-MC",
    "SECRETSHORT",
    "SECRET-GENERAL",
    "SECRET-TF-FEEDBACK",
    "31415",
]


def secret_quiz(**fields):
    """Questions whose right answers and feedback carry markers a page must not show early."""
    cat = category(name="Secrets")
    questions = [
        services.question_create(
            category=cat,
            data={"type": "multichoice", "name": "MC", "text": "Choose.",
                  "general_feedback": "SECRET-GENERAL",
                  "answers": [{"text": "Alpha", "fraction": 1, "feedback": "SECRET-FEEDBACK-MC"},
                              {"text": "Beta", "fraction": 0}]},
        ),
        services.question_create(
            category=cat,
            data={"type": "shortanswer", "name": "SA", "text": "Type it.",
                  "answers": [{"text": "SECRETSHORT", "fraction": 1}]},
        ),
        services.question_create(
            category=cat,
            data={"type": "numerical", "name": "N", "text": "Number?",
                  "answers": [{"text": "31415", "fraction": 1, "value": 31415, "tolerance": 0}]},
        ),
        services.question_create(
            category=cat,
            data={"type": "truefalse", "name": "TF", "text": "Right?", "correct": True,
                  "feedback_true": "SECRET-TF-FEEDBACK", "feedback_false": "SECRET-TF-FEEDBACK"},
        ),
    ]  # fmt: skip
    fields.setdefault("review_correct_answers", True)
    quiz = quiz_with(questions, **fields)
    services.quiz_repaginate(quiz=quiz, per_page=2)
    return quiz
