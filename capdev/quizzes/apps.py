from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_BANK = ["questioncategory", "question", "questionversion", "tag"]
_QUIZ = ["quiz", "quizslot"]


def _perms(actions, models):
    return [f"{action}_{model}" for model in models for action in actions]


class QuizzesConfig(AppConfig):
    name = "capdev.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")
    role_permissions = {
        # Trainers build question banks and quizzes; which quizzes and banks is decided by
        # the selectors (their own, their courses', the shared bank).
        "trainer": [
            *_perms(["add", "change", "delete", "view"], [*_BANK, *_QUIZ]),
            "view_attempt",
            "change_attempt",
        ],
        "programme_officer": _perms(["view"], [*_BANK, *_QUIZ, "attempt"]),
    }

    def ready(self):
        from capdev.learning.item_kinds import register_item_kind
        from capdev.quizzes import views

        register_item_kind("quiz", view=views.quiz_item, label=_("Quiz"))
