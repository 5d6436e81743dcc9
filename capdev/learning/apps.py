from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "capdev.learning"
    label = "learning"
    verbose_name = _("Learning")
    role_permissions = {
        "programme_officer": [
            "view_course",
            "change_course",
            "view_enrolment",
            "view_completion",
            "view_certificate",
        ],
        "trainer": ["add_course"],
    }

    def ready(self):
        # The kinds this app shows itself; quizzes and forums register theirs likewise.
        from capdev.learning import views
        from capdev.learning.item_kinds import register_item_kind
        from capdev.learning.models import Item

        register_item_kind(Item.Kind.PAGE, view=views.page_view, label=Item.Kind.PAGE.label)
        register_item_kind(Item.Kind.FILE, view=views.file_view, label=Item.Kind.FILE.label)
        register_item_kind(Item.Kind.LINK, view=views.link_view, label=Item.Kind.LINK.label)
        register_item_kind(
            Item.Kind.RECORDING, view=views.recording_view, label=Item.Kind.RECORDING.label
        )
        register_item_kind(
            Item.Kind.ASSIGNMENT, view=views.assignment_view, label=Item.Kind.ASSIGNMENT.label
        )
